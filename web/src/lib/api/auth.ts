import type {
  CheckMailResponse,
  LoginBody,
  LoginResponse,
  OutboxMail,
  PublicUser,
  RecoveryCodesResponse,
  RecoveryCodesStatus,
  passwordChangeBody,
  passwordResetBody,
  SessionInfo,
  SignupBody,
  SignupResponse,
  StepUpBody,
  totpEnrolResponse,
  updateMeBody,
  verifyEmailResponse,
} from '@spejl/shared';
import { request } from './client.ts';
import type { WireInput, WireOutput } from './wire.ts';

type Fetch = typeof fetch;
type UserResponse = { user: PublicUser };
type List<T> = { items: T[]; nextCursor: string | null };

/** Accounts and sessions: one function per endpoint in the contract. */
export const authApi = {
  /**
   * Starts an account and sets a pending session; neither is usable until the mailed link is followed (the answer
   * is the same for any address, so its user is not shown).
   */
  signup: (body: SignupBody) => request<SignupResponse>('POST', '/auth/signup', { body }),
  resendConfirmation: (email: string) =>
    request<CheckMailResponse>('POST', '/auth/signup/resend', { body: { email } }),
  /** With `recoveryCode` in place of `totp`, the answer says how many recovery codes are left. */
  login: (body: LoginBody) => request<LoginResponse>('POST', '/auth/login', { body }),
  /** Proves the second factor in this session (the cookie is replaced); then powers work. */
  stepUp: (body: StepUpBody) => request<LoginResponse>('POST', '/auth/step-up', { body }),
  logout: () => request<void>('POST', '/auth/logout'),
  /**
   * Confirms the address with the mailed link and signs in. In the browser that signed up the token is enough;
   * elsewhere the server answers `auth.password_required`, and the password chosen at sign-up is sent too.
   */
  verifyEmail: (token: string, password?: string) =>
    request<WireOutput<typeof verifyEmailResponse>>('POST', '/auth/verify-email', {
      body: password === undefined ? { token } : { token, password },
    }),
  requestPasswordReset: (email: string) =>
    request<void>('POST', '/auth/password-reset/request', { body: { email } }),
  resetPassword: (body: WireInput<typeof passwordResetBody>) =>
    request<void>('POST', '/auth/password-reset', { body }),
};

export const meApi = {
  get: (fetcher?: Fetch) => request<UserResponse>('GET', '/me', { fetch: fetcher }),
  update: (body: WireInput<typeof updateMeBody>) => request<UserResponse>('PATCH', '/me', { body }),
  changePassword: (body: WireInput<typeof passwordChangeBody>) =>
    request<void>('POST', '/me/password', { body }),
  resendVerification: () => request<void>('POST', '/me/verify-email/resend'),
  sessions: (fetcher?: Fetch) => request<List<SessionInfo>>('GET', '/me/sessions', { fetch: fetcher }),
  revokeSession: (id: string) => request<void>('DELETE', `/me/sessions/${encodeURIComponent(id)}`),
  revokeOtherSessions: () => request<void>('POST', '/me/sessions/revoke-others'),
  reauthenticate: (password: string) => request<void>('POST', '/me/reauthenticate', { body: { password } }),
  beginTotp: () => request<WireOutput<typeof totpEnrolResponse>>('POST', '/me/mfa/totp'),
  /** Turns TOTP on; the answer holds the first ten recovery codes, shown once. */
  confirmTotp: (code: string) =>
    request<UserResponse & { recoveryCodes: string[] }>('POST', '/me/mfa/totp/confirm', { body: { code } }),
  recoveryCodes: (fetcher?: Fetch) =>
    request<RecoveryCodesStatus>('GET', '/me/mfa/recovery-codes', { fetch: fetcher }),
  /** Ten new recovery codes after the password; the old ones stop working. */
  newRecoveryCodes: (password: string) =>
    request<RecoveryCodesResponse>('POST', '/me/mfa/recovery-codes', { body: { password } }),
  /** Without a code the server accepts the call only from a session that passed TOTP at sign-in. */
  disableTotp: (code?: string) =>
    request<UserResponse>('DELETE', '/me/mfa/totp', code ? { body: { code } } : {}),
};

export const devApi = {
  outbox: (fetcher?: Fetch) => request<List<OutboxMail>>('GET', '/dev/outbox', { fetch: fetcher }),
};
