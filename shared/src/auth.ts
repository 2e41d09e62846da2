import { z } from 'zod';
import { isoDate } from './common.ts';
import { limits, locales } from './limits.ts';
import { personName } from './person-name.ts';

export const platformRoles = ['member', 'coordinator', 'admin'] as const;
export type PlatformRole = (typeof platformRoles)[number];

const email = z
  .email()
  .max(limits.email)
  .transform((value) => value.trim().toLowerCase());
const password = z.string().min(limits.passwordMin).max(limits.passwordMax);
const displayName = personName(limits.displayNameMin, limits.displayNameMax);
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

/**
 * Sign-up answers this for every address, new or taken, with the session cookie: what happens next is in the mail.
 * For a new address the user and the session are pending until the mailed link is followed; for a taken one the
 * user is a placeholder and the cookie's token is valid nowhere.
 */
export const signupResponse = z
  .object({ user: publicUser, status: z.literal('check_mail') })
  .describe(
    'The same answer for an address that is new and one that already has an account, so it tells nobody ' +
      'whether an address has an account. The user is not usable until the address is confirmed: for a new ' +
      'address the account is created unconfirmed, and the session cookie set with this answer is pending, so ' +
      'every route (and the WebSocket) treats it as signed out until the link mailed to the address is ' +
      'followed (POST /api/auth/verify-email, which in this browser activates the session). For an address that ' +
      'already has an account nothing is created or changed: the body is a placeholder (a random id that names ' +
      'no account, with the email, display name and locale as sent) and the cookie holds a token that is valid ' +
      'nowhere; the owner of the address is mailed instead.',
  )
  .meta({ id: 'SignupResponse' });
export type SignupResponse = z.infer<typeof signupResponse>;
/** Asks for the confirmation mail again; answered the same, whatever the address. */
export const resendConfirmationBody = z.strictObject({ email });
export const checkMailResponse = z
  .object({ status: z.literal('check_mail') })
  .meta({ id: 'CheckMail', description: 'Whatever the address: what happens next is in the mail.' });
export type CheckMailResponse = z.infer<typeof checkMailResponse>;

/**
 * The mailed link's token. The password chosen at sign-up is needed only where the request does not carry the
 * account's pending session (the link opened in another browser): without it the answer is
 * `auth.password_required`.
 */
export const verifyEmailBody = z
  .strictObject({
    token,
    password: z.string().min(1).max(limits.passwordMax).optional(),
  })
  .describe(
    'Confirms the address with the token from the mailed link. When the request carries the pending session ' +
      'that sign-up set for this account (the link opened in the browser that signed up), the token is enough, ' +
      'and that session becomes usable under a new cookie. Otherwise the password chosen at sign-up is needed ' +
      'too: without it the answer is 401 `auth.password_required`, with a wrong one 401 ' +
      '`auth.invalid_credentials`, and the link stays usable; with the right one a new session starts.',
  );
/** `signedIn` is false for an account with TOTP on, which then signs in as usual. */
export const verifyEmailResponse = z.object({ user: publicUser, signedIn: z.boolean() });
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
