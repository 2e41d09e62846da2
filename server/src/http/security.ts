import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Routes a foreign origin may POST to, by route pattern: only the digest's one-click unsubscribe (RFC 8058), which
 * mail providers send from their own servers. It reads no session (so there is nothing to forge a request with) and
 * acts only on a signed token from the mail.
 */
export const originCheckExempt: ReadonlySet<string> = new Set(['/api/digest/unsubscribe']);

/** Headers every response carries. The web pages add their own CSP (with script hashes) from SvelteKit. */
export function baseSecurityHeaders(production: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy':
      'camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=()',
    ...(production ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/**
 * Refuses state-changing requests from other origins (403 `auth.bad_origin`), and sets security headers on
 * API responses. A request without Origin (curl, server-to-server) passes unless the browser says cross-site.
 */
export function registerSecurity(
  app: FastifyInstance,
  options: { publicOrigin: string; production: boolean },
) {
  const headers = {
    ...baseSecurityHeaders(options.production),
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'cache-control': 'no-store',
  };
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(headers);
    if (!stateChanging.has(request.method)) return;
    if (request.method === 'POST' && originCheckExempt.has(request.routeOptions.url ?? '')) return;
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== options.publicOrigin) throw new AppError('auth.bad_origin');
    if (origin === undefined && request.headers['sec-fetch-site'] === 'cross-site')
      throw new AppError('auth.bad_origin');
  });
}

/** True when a WebSocket handshake or request comes from our own origin. */
export function isOwnOrigin(origin: string | undefined, publicOrigin: string): boolean {
  return origin === publicOrigin;
}
