import {
  digestUnsubscribeBody,
  digestUnsubscribeQuery,
  digestUnsubscribeResponse,
} from '@spejl/shared/digests';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { limitRule } from '../../http/limits.ts';
import type { RouteLimit } from '../../http/route-limits.ts';
import type { DigestsService } from './digests.service.ts';

/** The path the Origin check lets through (http/security.ts): mail providers POST it from their own servers. */
export const digestUnsubscribePath = '/api/digest/unsubscribe';

/** Unsubscribe attempts per address; a real one is a single click, a guesser is stopped long before a signature. */
const unsubscribes: RouteLimit = {
  rule: limitRule('digest-unsubscribe:address', 30, 15 * 60),
  key: (request) => [request.ip],
};

/** `POST /api/digest/unsubscribe`: the one-click stop of a digest (RFC 8058), without a session. */
export function digestRoutes(deps: { digests: DigestsService }): FastifyPluginAsyncZod {
  return async (app) => {
    // RFC 8058's POST is form-encoded: multipart/form-data (which it prefers) or urlencoded. Parsed here only, so no
    // other route starts accepting forms; the token in the address is what counts, the body is only read.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    app.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'string', bodyLimit: 2048 },
      (_request, body, done) => {
        const value = /name="List-Unsubscribe"\r\n(?:[^\r\n]+\r\n)*\r\n([^\r\n]*)/.exec(String(body))?.[1];
        done(null, value === undefined ? {} : { 'List-Unsubscribe': value });
      },
    );
    app.post(
      '/digest/unsubscribe',
      {
        config: { errors: ['digest.token_invalid', 'rate_limited'], limits: [unsubscribes] },
        schema: {
          tags: ['notifications'],
          description:
            'Stops the email digest of the person the signed token names; no session. RFC 8058 one-click: mail programs POST `List-Unsubscribe=One-Click` form-encoded, from any origin.',
          querystring: digestUnsubscribeQuery,
          body: digestUnsubscribeBody,
          response: { 200: digestUnsubscribeResponse },
        },
      },
      async (request) => {
        await deps.digests.unsubscribe(request.query.token);
        return { digest: 'off' as const };
      },
    );
  };
}
