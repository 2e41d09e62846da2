import { z } from 'zod';
import { isoDate } from './common.ts';
import { limits, locales } from './limits.ts';
import { personName } from './person-name.ts';
import { isSafeRedirectPath, redirectPathMax } from './welcome-values.ts';
import { recoveryCodeCount, recoveryCodeInput } from './recovery-code.ts';

export const platformRoles = ['member', 'coordinator', 'admin'] as const;
export type PlatformRole = (typeof platformRoles)[number];

const email = z
  .email()
  .max(limits.email)
  .transform((value) => value.trim().toLowerCase());
const password = z.string().min(limits.passwordMin).max(limits.passwordMax);
const displayName = personName(limits.displayNameMin, limits.displayNameMax);
const totpCode = z.string().regex(/^\d{6}$/);
/** A recovery code as typed: `abcde-fghij`, in any case, the dash optional (`recovery-code.ts`). */
const recoveryCode = z.string().max(32).regex(recoveryCodeInput);
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
  /** Where to come back to once the address is confirmed (a group the person wanted to join): a path on this site. */
  redirectTo: z
    .string()
    .max(redirectPathMax)
    .refine(isSafeRedirectPath, 'a path on this site, starting with one slash')
    .optional(),
});
export type SignupBody = z.input<typeof signupBody>;

export const loginBody = z
  .strictObject({
    email,
    password: z.string().min(1).max(limits.passwordMax),
    totp: totpCode.optional(),
    /** In place of `totp` when the authenticator is lost: each of the account's recovery codes works once. */
    recoveryCode: recoveryCode.optional(),
  })
  .refine((body) => !(body.totp && body.recoveryCode), {
    message: 'Send a code from the authenticator or a recovery code, not both.',
    path: ['recoveryCode'],
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

/** Ten new recovery codes, shown this once: the server keeps only their hashes. */
const recoveryCodeList = z
  .array(z.string())
  .length(recoveryCodeCount)
  .describe(
    'Ten single-use recovery codes (`abcde-fghij`), shown only in this answer; older codes stop working.',
  );
/** Turning TOTP on answers the user and the account's first recovery codes. */
export const totpConfirmResponse = z.object({ user: publicUser, recoveryCodes: recoveryCodeList });
export const recoveryCodesBody = z.strictObject({ password: z.string().min(1).max(limits.passwordMax) });
export const recoveryCodesResponse = z.object({ codes: recoveryCodeList }).meta({ id: 'RecoveryCodes' });
export type RecoveryCodesResponse = z.infer<typeof recoveryCodesResponse>;
export const recoveryCodesStatus = z
  .object({ remaining: z.number().int().min(0).max(recoveryCodeCount) })
  .meta({ id: 'RecoveryCodesStatus', description: 'How many of the recovery codes are still unused.' });
export type RecoveryCodesStatus = z.infer<typeof recoveryCodesStatus>;

/**
 * A sign-in or a step-up that used a recovery code says how many are left, so the web can suggest new codes; the
 * field is absent otherwise.
 */
export const loginResponse = z.object({
  user: publicUser,
  recoveryCodesLeft: z.number().int().min(0).max(recoveryCodeCount).optional(),
});
export type LoginResponse = z.infer<typeof loginResponse>;

/** Proves the second factor in the current session: a code from the authenticator, or a recovery code. */
export const stepUpBody = z
  .union([z.strictObject({ totp: totpCode }), z.strictObject({ recoveryCode })])
  .describe(
    'Proves the second factor in the signed-in session, which needs it for powers (answers ' +
      '`auth.mfa_step_up_required` until then): either `{totp}` or `{recoveryCode}`. The session continues under a ' +
      'new cookie that carries the proof; the old token stops working.',
  );
export type StepUpBody = z.input<typeof stepUpBody>;

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
