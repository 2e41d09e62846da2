import { z } from 'zod';
import { isoDate } from './common.ts';
import { limits, locales } from './limits.ts';

export const platformRoles = ['member', 'coordinator', 'admin'] as const;
export type PlatformRole = (typeof platformRoles)[number];

const email = z
  .email()
  .max(limits.email)
  .transform((value) => value.trim().toLowerCase());
const password = z.string().min(limits.passwordMin).max(limits.passwordMax);
const displayName = z.string().trim().min(limits.displayNameMin).max(limits.displayNameMax);
const totpCode = z.string().regex(/^\d{6}$/);
const token = z.string().min(16).max(limits.tokenMax);

export const signupBody = z.strictObject({
  email,
  password,
  displayName,
  locale: z.enum(locales).optional(),
  acceptTerms: z.literal(true),
  /** Separate, optional, explicit consents to process health data (GDPR Article 9). */
  consents: z
    .array(z.enum(['health_data_groups', 'health_data_mentoring']))
    .max(2)
    .optional(),
});
export type SignupBody = z.input<typeof signupBody>;

export const loginBody = z.strictObject({
  email,
  password: z.string().min(1).max(limits.passwordMax),
  totp: totpCode.optional(),
});
export type LoginBody = z.input<typeof loginBody>;

/** The user as the API shows them: an allowlist, never the database row. */
export const publicUser = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    locale: z.enum(locales),
    platformRole: z.enum(platformRoles),
    emailVerified: z.boolean(),
    mfaEnabled: z.boolean(),
    createdAt: isoDate,
  })
  .meta({ id: 'User' });
export type PublicUser = z.infer<typeof publicUser>;

export const userResponse = z.object({ user: publicUser });

export const updateMeBody = z.strictObject({
  displayName: displayName.optional(),
  locale: z.enum(locales).optional(),
});

export const sessionInfo = z
  .object({
    id: z.string(),
    createdAt: isoDate,
    lastSeenAt: isoDate,
    expiresAt: isoDate,
    userAgent: z.string().nullable(),
    current: z.boolean(),
  })
  .meta({ id: 'Session' });
export type SessionInfo = z.infer<typeof sessionInfo>;

export const sessionIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export const totpEnrolResponse = z.object({ secret: z.string(), uri: z.string() });
export const totpConfirmBody = z.strictObject({ code: totpCode });
export const reauthenticateBody = z.strictObject({ password: z.string().min(1).max(limits.passwordMax) });
export const totpDisableBody = z.strictObject({ code: totpCode });

export const verifyEmailBody = z.strictObject({ token });
export const passwordResetRequestBody = z.strictObject({ email });
export const passwordResetBody = z.strictObject({ token, password });
export const passwordChangeBody = z.strictObject({
  currentPassword: z.string().min(1).max(limits.passwordMax),
  newPassword: password,
});

export const outboxMail = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: isoDate,
});
export type OutboxMail = z.infer<typeof outboxMail>;
