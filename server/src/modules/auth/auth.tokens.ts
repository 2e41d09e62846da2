import { hash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A 160-bit random token, base32 encoded (the Lucia guide's session token). */
export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/**
 * The SHA-256 of a token, hex encoded: the only form we store. Node's OpenSSL hash rather than @oslojs/crypto's
 * JavaScript one (the same digest): every request and socket hashes its cookie, and the JavaScript one was 4% of a
 * history page's time (bench W5).
 */
export function hashToken(token: string): string {
  // One-shot `hash` (no Hash object per call): the same digest as createHash's.
  return hash('sha256', token, 'hex');
}
