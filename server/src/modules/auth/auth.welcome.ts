import { type Database, users } from '@spejl/db';
import { updateWelcomeBody, welcomeState } from '@spejl/shared';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import type { Actor } from './auth.policy.ts';

/**
 * The guided start after sign-up (`users.welcome_step`): the step to resume at, remembered per person, or null once
 * finished or skipped. Only sign-up sets it, so accounts made otherwise are never offered it.
 */
export function createWelcomeService(deps: { db: Database }) {
  const { db } = deps;

  async function read(userId: string) {
    const [row] = await db.select({ step: users.welcomeStep }).from(users).where(eq(users.id, userId));
    return { welcome: { step: row?.step ?? null } };
  }

  return {
    /** Where the actor's guided start stands. */
    get: (actor: Actor) => read(actor.user.id),

    /** Remembers the step reached, or ends the guided start. A finished one is not started again. */
    async update(actor: Actor, change: { step?: number | undefined; done?: true | undefined }) {
      const current = await read(actor.user.id);
      if (current.welcome.step === null) return current;
      await db
        .update(users)
        .set({ welcomeStep: change.done ? null : (change.step ?? current.welcome.step) })
        .where(eq(users.id, actor.user.id));
      return read(actor.user.id);
    },
  };
}
export type WelcomeService = ReturnType<typeof createWelcomeService>;

/** GET and PATCH /api/me/welcome. */
export function welcomeRoutes(deps: { welcome: WelcomeService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.get('/me/welcome', { schema: { tags: ['me'], response: { 200: welcomeState } } }, async (request) =>
      deps.welcome.get(actorOf(request)),
    );
    app.patch(
      '/me/welcome',
      { schema: { tags: ['me'], body: updateWelcomeBody, response: { 200: welcomeState } } },
      async (request) => deps.welcome.update(actorOf(request), request.body),
    );
  };
}
