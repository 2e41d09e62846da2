/**
 * Recovery codes as people see them: ten base32 letters and digits in two groups of five (`abcde-fghij`), 50 random
 * bits each. Zod-free, so the web checks and tidies what is typed with the same rule (`@spejl/shared/recovery-code`).
 */
export const recoveryCodeCount = 10;
export const recoveryCodeLength = 10;
/** What a person may type: the code in any case, with or without the dash or spaces between the groups. */
export const recoveryCodeInput = /^\s*[A-Za-z2-7]{5}[\s-]?[A-Za-z2-7]{5}\s*$/;

/** The code as stored and compared: lower case, without the dash or spaces. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toLowerCase();
}

/** The code as shown and printed: `abcde-fghij`. */
export function formatRecoveryCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
