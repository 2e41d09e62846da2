import { preferences, updatePreferencesBody } from '@spejl/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import type { PreferencesService } from './preferences.service.ts';

/** GET and PATCH /api/me/preferences. */
export function preferencesRoutes(deps: { preferences: PreferencesService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/me/preferences',
      { onRequest: requireAuth, schema: { tags: ['account'], response: { 200: preferences } } },
      async (request) => deps.preferences.get(actorOf(request)),
    );
    app.patch(
      '/me/preferences',
      {
        onRequest: requireAuth,
        schema: { tags: ['account'], body: updatePreferencesBody, response: { 200: preferences } },
      },
      async (request) => {
        const body = request.body;
        return deps.preferences.update(actorOf(request), {
          ...(body.hidePresence === undefined ? {} : { hidePresence: body.hidePresence }),
          ...(body.readReceipts === undefined ? {} : { readReceipts: body.readReceipts }),
          ...(body.directMessages === undefined ? {} : { directMessages: body.directMessages }),
          ...(body.emailNotificationTypes === undefined
            ? {}
            : { emailNotificationTypes: [...new Set(body.emailNotificationTypes)] }),
        });
      },
    );
  };
}
