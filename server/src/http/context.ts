import type { Locale } from '@spejl/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../modules/auth/auth.policy.ts';
import { AppError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user and session, or null. Set by the session hook for every /api request. */
    actor: Actor | null;
    /** The language for messages: the user's choice, else Accept-Language, else Danish. */
    locale: Locale;
  }
}

/** onRequest hook for routes that need a signed-in user: 401 `auth.required` otherwise. */
export async function requireAuth(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!request.actor) throw new AppError('auth.required');
}

/** The actor of a route guarded by `requireAuth`. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('auth.required');
  return request.actor;
}
