import { describe, expect, it } from 'vitest';
import { generateToken, hashToken } from './auth.tokens.ts';

describe('session tokens', () => {
  it('hashes a token to the hex SHA-256 every stored session was saved under', () => {
    // FIPS 180-2's example: the digest stored sessions were made with must not change.
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const token = generateToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toBe(hashToken(generateToken()));
  });
});
