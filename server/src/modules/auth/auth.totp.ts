import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { constantTimeEqual } from '@oslojs/crypto/subtle';

export const totpPeriodSeconds = 30;
const digits = 6;

/** A new 160-bit TOTP key. */
export function generateTotpKey(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

export function totpUri(key: Uint8Array, accountName: string): { secret: string; uri: string } {
  return {
    secret: encodeBase32UpperCaseNoPadding(key),
    uri: createTOTPKeyURI('Spejl', accountName, key, totpPeriodSeconds, digits),
  };
}

/**
 * Checks a code against the current time step and one step either side (clock drift), and returns the
 * matching step so the caller can refuse a step that was already used (replay). Null when no step matches.
 */
export function matchTotpStep(
  key: Uint8Array,
  code: string,
  now: Date,
  lastUsedStep: number | null,
): number | null {
  const current = Math.floor(now.getTime() / 1000 / totpPeriodSeconds);
  const encoder = new TextEncoder();
  for (const step of [current - 1, current, current + 1]) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    const expected = generateHOTP(key, BigInt(step), digits);
    if (expected.length === code.length && constantTimeEqual(encoder.encode(expected), encoder.encode(code)))
      return step;
  }
  return null;
}

/** The code for a time (used by tests and the demo-data printout). */
export function totpCodeAt(key: Uint8Array, at: Date): string {
  return generateHOTP(key, BigInt(Math.floor(at.getTime() / 1000 / totpPeriodSeconds)), digits);
}
