import { normaliseRecoveryCode, recoveryCodeInput } from '@spejl/shared/recovery-code';
import type { Message } from '../forms/form-state.svelte.ts';
import { checkTotp, normaliseTotp } from '../forms/validators.ts';

/** Which code the person types: the one from the authenticator app, or one of their recovery codes. */
export type SecondFactorMode = 'totp' | 'recovery';

/** `/confirm-code?redirectTo=<target>`: the step that proves the second factor, then goes back to the target. */
export function stepUpUrl(target: string): string {
  const safe = target.startsWith('/') && !target.startsWith('//') ? target : '/';
  return `/confirm-code?redirectTo=${encodeURIComponent(safe).replaceAll('%2F', '/')}`;
}

/** The step-up page for the page a URL names (a load function's `url`). */
export const stepUpFrom = (url: URL) => stepUpUrl(url.pathname + url.search);

export function checkRecoveryCode(value: string): Message | null {
  return recoveryCodeInput.test(value) ? null : { key: 'recovery.field.invalid' };
}

/** Checks what was typed in the mode's field; null when it may be sent. */
export function checkSecondFactor(mode: SecondFactorMode, value: string): Message | null {
  return mode === 'totp' ? checkTotp(value) : checkRecoveryCode(value);
}

/** The body part that carries the code: `{totp}` or `{recoveryCode}`. */
export function secondFactorBody(
  mode: SecondFactorMode,
  value: string,
): { totp: string } | { recoveryCode: string } {
  return mode === 'totp' ? { totp: normaliseTotp(value) } : { recoveryCode: normaliseRecoveryCode(value) };
}
