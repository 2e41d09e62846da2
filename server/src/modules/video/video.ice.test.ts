import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { iceServersFor, turnCredentials } from './video.ice.ts';

const ice = { stunUrls: [], turnUrls: [], turnSecret: undefined, turnTtlSeconds: 3600 };

describe('TURN credentials', () => {
  it('follow coturn’s use-auth-secret scheme: expiry:reference, base64 HMAC-SHA1 under the shared secret', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const made = turnCredentials('secret', 'user', 3600, now);
    expect(made.username).toBe(`${Date.parse('2026-11-22T11:00:00Z') / 1000}:user`);
    expect(made.expiresAt.toISOString()).toBe('2026-11-22T11:00:00.000Z');
    expect(made.credential).toBe(createHmac('sha1', 'secret').update(made.username).digest('base64'));
    // A known answer, computed with `openssl dgst -sha1 -hmac secret -binary | base64`.
    expect(turnCredentials('secret', 'user', 0, new Date(1_700_000_000_000)).credential).toBe(
      'I/MZeIG6MwzOV8Uubr9liB2556o=',
    );
  });

  it('gives nothing without servers, STUN alone without TURN, and a stable reference per person', () => {
    const now = new Date();
    expect(iceServersFor(ice, 'u1', now)).toEqual([]);
    expect(iceServersFor({ ...ice, stunUrls: ['stun:a:3478'] }, 'u1', now)).toEqual([
      { urls: ['stun:a:3478'] },
    ]);
    const withTurn = { ...ice, turnUrls: ['turn:a:3478'], turnSecret: 's'.repeat(20) };
    const first = iceServersFor(withTurn, 'u1', now)[0]?.username?.split(':')[1];
    const again = iceServersFor(withTurn, 'u1', now)[0]?.username?.split(':')[1];
    const other = iceServersFor(withTurn, 'u2', now)[0]?.username?.split(':')[1];
    expect(first).toBe(again);
    expect(first).not.toBe(other);
  });
});
