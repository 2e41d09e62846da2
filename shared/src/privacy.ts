import { z } from 'zod';
import { adminChangeReason } from './associations.ts';
import { isoDate } from './common.ts';
import { limits } from './limits.ts';
import { consentKinds, retentionKeys, retentionLimits, withdrawableConsents } from './privacy-terms.ts';

export * from './privacy-terms.ts';

export const consentRecord = z.object({
  kind: z.enum(consentKinds),
  version: z.string(),
  givenAt: isoDate,
  withdrawnAt: isoDate.nullable(),
});
export const consentState = z
  .object({
    /** Per kind: whether consent is given now, to which version, and since when. */
    current: z.array(
      z.object({
        kind: z.enum(consentKinds),
        given: z.boolean(),
        version: z.string().nullable(),
        since: isoDate.nullable(),
        /** The version the person agreed to is older than today's text. */
        outdated: z.boolean(),
        /** Today's version of the text. */
        currentVersion: z.string(),
      }),
    ),
    history: z.array(consentRecord),
  })
  .meta({ id: 'Consents' });
/**
 * Gives or withdraws a consent. The terms can only be accepted (again, after a new version): withdrawing them means
 * deleting the account.
 */
export const updateConsentBody = z.union([
  z.strictObject({ kind: z.enum(withdrawableConsents), given: z.boolean() }),
  z.strictObject({ kind: z.literal('terms'), given: z.literal(true) }),
]);

export const deleteAccountBody = z.strictObject({
  password: z.string().min(1).max(limits.passwordMax),
  messages: z.enum(['anonymise', 'delete']),
});

export const accessRecord = z
  .object({
    id: z.string(),
    /** Who looked: their name, or null when their account no longer exists. */
    actorName: z.string().nullable(),
    actorRole: z.string(),
    kind: z.string(),
    reason: z.string(),
    group: z.object({ id: z.string(), name: z.string() }).nullable(),
    createdAt: isoDate,
  })
  .meta({ id: 'AccessRecord' });

export const exportArchive = z.object({
  id: z.string(),
  status: z.enum(['preparing', 'ready', 'downloaded', 'expired']),
  createdAt: isoDate,
  readyAt: isoDate.nullable(),
  expiresAt: isoDate.nullable(),
  sizeBytes: z.number().int().nullable(),
});
export const exportTokenParams = z.strictObject({ token: z.string().min(16).max(limits.tokenMax) });

const retentionValue = z.number().int().min(retentionLimits.min).max(retentionLimits.max).nullable();
export const retentionSettings = z
  .object(
    Object.fromEntries(retentionKeys.map((key) => [key, retentionValue])) as Record<
      (typeof retentionKeys)[number],
      typeof retentionValue
    >,
  )
  .meta({ id: 'RetentionSettings' });
/** Any of the platform's rules (null: keep forever), with an optional reason for the audit log. */
export const updateRetentionBody = retentionSettings
  .partial()
  .extend({ reason: adminChangeReason.optional() })
  .strict()
  .refine((body) => retentionKeys.some((key) => key in body), { message: 'empty' });
export type UpdateRetentionBody = z.input<typeof updateRetentionBody>;
/** A group's own rule for its messages (null: the platform's rule), with an optional reason for the audit log. */
export const groupRetentionBody = z.strictObject({
  messageMonths: retentionValue,
  reason: adminChangeReason.optional(),
});
export const groupRetention = z.object({
  groupId: z.string(),
  messageMonths: z.number().int().nullable(),
  /** The platform's rule, used when the group has none. */
  platformMessageMonths: z.number().int().nullable(),
});
