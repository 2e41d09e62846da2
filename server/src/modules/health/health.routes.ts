import { errorResponse, healthResponse } from '@spejl/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../http/errors.ts';

/** `GET /api/health`: which database and bus this process uses; 503 when the database does not answer. */
export function healthRoutes(deps: {
  ping: () => Promise<void>;
  dbKind: 'pglite' | 'postgres';
  busKind: 'memory' | 'postgres' | 'redis';
  version: string;
  /** How long the database gets to answer before the check says it is down. */
  timeoutMs?: number;
}): FastifyPluginAsyncZod {
  const timeoutMs = deps.timeoutMs ?? 3000;
  return async (app) => {
    app.get(
      '/health',
      { schema: { tags: ['health'], response: { 200: healthResponse, 503: errorResponse } } },
      async (request) => {
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
        });
        try {
          await Promise.race([deps.ping(), timedOut]);
        } catch (error) {
          // A load balancer takes this node out of rotation; the reason goes to the log, not to the caller.
          request.log.warn({ err: error }, 'health check: the database does not answer');
          throw new AppError('service.unavailable', { headers: { 'retry-after': '5' } });
        } finally {
          clearTimeout(timer);
        }
        return { status: 'ok' as const, db: deps.dbKind, bus: deps.busKind, version: deps.version };
      },
    );
  };
}
