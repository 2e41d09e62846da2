import { preferences, updatePreferencesBody } from '@spejl/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import type { PreferencesChange, PreferencesService } from './preferences.service.ts';

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
        // Leave out what the body does not name: PATCH changes only what it says.
        const changes = Object.fromEntries(
          Object.entries(request.body).filter(([, value]) => value !== undefined),
        ) as PreferencesChange;
        return deps.preferences.update(actorOf(request), changes);
      },
    );
  };
}
