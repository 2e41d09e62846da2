import type { Database } from '@spejl/db';
import { listOf, outboxMail } from '@spejl/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { powerRefusals } from '../../http/openapi-errors.ts';
import { canReadOutbox, powerRefusal } from '../auth/auth.policy.ts';
import { listOutbox } from './mail.service.ts';

/** `GET /api/dev/outbox`: the development mailbox, for administrators outside production. */
export function mailRoutes(deps: { db: Database; environment: string }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/dev/outbox',
      {
        config: { errors: [...powerRefusals, 'not_found'] },
        onRequest: requireAuth,
        schema: { tags: ['dev'], response: { 200: listOf(outboxMail) } },
      },
      async (request) => {
        if (deps.environment === 'production') throw new AppError('not_found');
        const actor = actorOf(request);
        if (!canReadOutbox(actor, deps.environment))
          throw new AppError(powerRefusal(actor, 'admin') ?? 'auth.forbidden');
        const rows = await listOutbox(deps.db);
        return {
          items: rows.map((row) => ({
            id: row.id,
            to: row.to,
            subject: row.subject,
            text: row.text,
            createdAt: row.createdAt.toISOString(),
          })),
          nextCursor: null,
        };
      },
    );
  };
}
