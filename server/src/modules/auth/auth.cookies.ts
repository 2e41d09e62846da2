import { sessionPolicy } from '@spejl/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The session cookie's name: `__Host-` prefixed (and Secure) in production. */
export function sessionCookieName(production: boolean): string {
  return production ? '__Host-spejl_session' : 'spejl_session';
}

export function setSessionCookie(reply: FastifyReply, production: boolean, token: string): void {
  reply.setCookie(sessionCookieName(production), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: production,
    path: '/',
    maxAge: Math.floor(sessionPolicy.absoluteMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, production: boolean): void {
  reply.clearCookie(sessionCookieName(production), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: production,
  });
}

export function readSessionCookie(request: FastifyRequest, production: boolean): string | undefined {
  return request.cookies[sessionCookieName(production)];
}
