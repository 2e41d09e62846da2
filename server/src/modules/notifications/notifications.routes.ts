import { listOf, markNotificationsBody, notification, notificationListQuery } from '@spejl/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { readPage, toPage } from '../../http/pagination.ts';
import { type NotificationService, toNotification } from './notifications.service.ts';

/** GET /api/notifications and POST /api/notifications/read. */
export function notificationRoutes(deps: { notifications: NotificationService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/notifications',
      {
        onRequest: requireAuth,
        schema: {
          tags: ['notifications'],
          querystring: notificationListQuery,
          response: { 200: listOf(notification) },
        },
      },
      async (request) => {
        const page = readPage(request.query);
        const rows = await deps.notifications.list(actorOf(request), {
          unreadOnly: request.query.unread === 'true',
          ...page,
        });
        const { items, nextCursor } = toPage(rows, page);
        // A row whose data no longer fits its type is left out; the cursor still counts it.
        const notifications = items.map(toNotification).filter((item) => item !== null);
        return { items: notifications, nextCursor };
      },
    );

    app.post(
      '/notifications/read',
      {
        onRequest: requireAuth,
        schema: { tags: ['notifications'], body: markNotificationsBody, response: { 204: z.null() } },
      },
      async (request, reply) => {
        await deps.notifications.markRead(actorOf(request), request.body);
        return reply.code(204).send(null);
      },
    );
  };
}
