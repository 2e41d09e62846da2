import { z } from 'zod';
import { isoDate } from './common.ts';
import { locales } from './limits.ts';
import { pageLimits } from './pages-values.ts';

export * from './pages-values.ts';

/** The page's slug as the path gives it; an unknown slug answers 404 `page.not_found`, not a validation error. */
export const pageSlugParams = z.object({ slug: z.string().min(1).max(40) });

/** The latest version of a page that everyone had to accept again: what changed, and when. */
export const pageChange = z.object({ version: z.number().int(), summary: z.string(), publishedAt: isoDate });

/** A page in the reader's language: the Markdown body, its version and when it was published. */
export const page = z
  .object({
    slug: z.string(),
    locale: z.enum(locales),
    title: z.string(),
    body: z.string(),
    version: z.number().int(),
    updatedAt: isoDate,
    /** For the terms and the privacy policy: the last change everyone had to accept again, or null. */
    change: pageChange.nullable(),
    /** What the reader may do with this page. */
    permissions: z.object({ canEdit: z.boolean() }),
  })
  .meta({ id: 'Page' });

/** A new version of a page, in one language. */
export const publishPageBody = z.strictObject({
  locale: z.enum(locales),
  title: z.string().trim().min(1).max(pageLimits.titleMax),
  body: z.string().trim().min(1).max(pageLimits.bodyMax),
  /** What changed and why: kept in the audit log, and shown to members when they are asked to accept again. */
  reason: z.string().trim().min(3).max(pageLimits.reasonMax),
  /** Only for the terms and the privacy policy: everyone must accept the new version at their next visit. */
  requiresConsent: z.boolean().default(false),
});
export type PublishPageBody = z.input<typeof publishPageBody>;

/** One published version, as admins see it in the history. */
export const pageVersion = z
  .object({
    version: z.number().int(),
    locale: z.enum(locales),
    title: z.string(),
    body: z.string(),
    reason: z.string(),
    requiresConsent: z.boolean(),
    createdAt: isoDate,
    /** Who published it; null for the built-in text or when the admin's account is gone. */
    author: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    builtIn: z.boolean(),
  })
  .meta({ id: 'PageVersion' });

export const pageVersionList = z.object({ items: z.array(pageVersion), nextCursor: z.null() });
