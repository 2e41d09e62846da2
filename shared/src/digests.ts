import { z } from 'zod';

/**
 * `POST /api/digest/unsubscribe?token=T`: stops a person's email digest without signing in (RFC 8058 one-click, and
 * the button of the web page `/unsubscribe?token=T`). The token is the signed one from the digest mail.
 */
export const digestUnsubscribeQuery = z.strictObject({ token: z.string().min(1).max(512) });
/** A mail program sends `List-Unsubscribe=One-Click` form-encoded; the web page sends nothing. */
export const digestUnsubscribeBody = z
  .object({ 'List-Unsubscribe': z.string().max(64).optional() })
  .nullish();
export const digestUnsubscribeResponse = z.object({ digest: z.literal('off') });
