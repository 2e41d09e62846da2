import { healthResponse } from '@spejl/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** `GET /api/health`: which database and bus this process uses; 503 when the database does not answer. */
export function healthRoutes(deps: {
  ping: () => Promise<void>;
  dbKind: 'pglite' | 'postgres';
  busKind: 'memory' | 'postgres' | 'redis';
  version: string;
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/health', { schema: { tags: ['health'], response: { 200: healthResponse } } }, async () => {
      await deps.ping();
      return { status: 'ok' as const, db: deps.dbKind, bus: deps.busKind, version: deps.version };
    });
  };
}
