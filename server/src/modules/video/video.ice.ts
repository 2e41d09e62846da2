import { createHmac } from 'node:crypto';
import type { IceServer } from '@spejl/shared';
import type { IceConfig } from '../../config.ts';

/**
 * Time-limited TURN credentials in coturn's `use-auth-secret` scheme (the "TURN REST API"): the username is the
 * expiry time in Unix seconds and an opaque user reference, the password the base64 HMAC-SHA1 of the username
 * under the secret shared with coturn. Nothing is stored; coturn checks the HMAC and the time itself.
 */
export function turnCredentials(
  secret: string,
  userReference: string,
  ttlSeconds: number,
  now: Date,
): { username: string; credential: string; expiresAt: Date } {
  const expires = Math.floor(now.getTime() / 1000) + ttlSeconds;
  const username = `${expires}:${userReference}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential, expiresAt: new Date(expires * 1000) };
}

/**
 * The ICE servers one person's browser gets: the STUN servers, and the TURN servers with credentials of their own.
 * The user reference is a hash, so coturn's logs do not carry our user ids.
 */
export function iceServersFor(ice: IceConfig, userId: string, now: Date): IceServer[] {
  const servers: IceServer[] = [];
  if (ice.stunUrls.length > 0) servers.push({ urls: ice.stunUrls });
  if (ice.turnUrls.length > 0 && ice.turnSecret) {
    const reference = createHmac('sha256', ice.turnSecret)
      .update(`user:${userId}`)
      .digest('hex')
      .slice(0, 16);
    const { username, credential } = turnCredentials(ice.turnSecret, reference, ice.turnTtlSeconds, now);
    servers.push({ urls: ice.turnUrls, username, credential });
  }
  return servers;
}
