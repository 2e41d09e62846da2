import {
  listOf,
  loginBody,
  passwordChangeBody,
  passwordResetBody,
  passwordResetRequestBody,
  reauthenticateBody,
  sessionIdParams,
  sessionInfo,
  signupBody,
  totpConfirmBody,
  totpDisableBody,
  totpEnrolResponse,
  updateMeBody,
  userResponse,
  verifyEmailBody,
} from '@spejl/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './auth.cookies.ts';
import { type AuthService, toPublicUser } from './auth.service.ts';

const noContent = { 204: z.null().describe('No content') };

/** Accounts and sessions: /api/auth/* and /api/me/*. */
export function authRoutes(deps: { auth: AuthService; production: boolean }): FastifyPluginAsyncZod {
  const { auth, production } = deps;
  return async (app) => {
    app.post(
      '/auth/signup',
      {
        config: { errors: ['auth.email_taken', 'rate_limited'] },
        schema: { tags: ['auth'], body: signupBody, response: { 201: userResponse } },
      },
      async (request, reply) => {
        const { user, token } = await auth.signup(request.body, {
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          locale: request.locale,
        });
        setSessionCookie(reply, production, token);
        return reply.code(201).send({ user: toPublicUser(user) });
      },
    );

    app.post(
      '/auth/login',
      {
        config: {
          errors: ['auth.invalid_credentials', 'auth.mfa_required', 'auth.mfa_invalid', 'rate_limited'],
        },
        schema: { tags: ['auth'], body: loginBody, response: { 200: userResponse } },
      },
      async (request, reply) => {
        const { user, token } = await auth.login(request.body, {
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          previousToken: readSessionCookie(request, production),
        });
        setSessionCookie(reply, production, token);
        return { user: toPublicUser(user) };
      },
    );

    app.post(
      '/auth/logout',
      { onRequest: requireAuth, schema: { tags: ['auth'], response: noContent } },
      async (request, reply) => {
        await auth.logout(actorOf(request));
        clearSessionCookie(reply, production);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/auth/verify-email',
      { schema: { tags: ['auth'], body: verifyEmailBody, response: noContent } },
      async (request, reply) => {
        await auth.verifyEmail(request.body.token);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/auth/password-reset/request',
      {
        config: { errors: ['rate_limited'] },
        schema: { tags: ['auth'], body: passwordResetRequestBody, response: noContent },
      },
      async (request, reply) => {
        await auth.requestPasswordReset(request.body.email, { ip: request.ip });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/auth/password-reset',
      { schema: { tags: ['auth'], body: passwordResetBody, response: noContent } },
      async (request, reply) => {
        await auth.resetPassword(request.body.token, request.body.password);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/me',
      { onRequest: requireAuth, schema: { tags: ['me'], response: { 200: userResponse } } },
      async (request) => ({ user: toPublicUser(actorOf(request).user) }),
    );

    app.patch(
      '/me',
      {
        onRequest: requireAuth,
        schema: { tags: ['me'], body: updateMeBody, response: { 200: userResponse } },
      },
      async (request) => ({ user: toPublicUser(await auth.updateProfile(actorOf(request), request.body)) }),
    );

    app.post(
      '/me/password',
      {
        config: { errors: ['rate_limited'] },
        onRequest: requireAuth,
        schema: { tags: ['me'], body: passwordChangeBody, response: noContent },
      },
      async (request, reply) => {
        await auth.changePassword(actorOf(request), request.body.currentPassword, request.body.newPassword);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/me/verify-email/resend',
      {
        config: { errors: ['rate_limited'] },
        onRequest: requireAuth,
        schema: { tags: ['me'], response: noContent },
      },
      async (request, reply) => {
        await auth.resendVerification(actorOf(request));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/me/sessions',
      { onRequest: requireAuth, schema: { tags: ['me'], response: { 200: listOf(sessionInfo) } } },
      async (request) => ({ items: await auth.listSessions(actorOf(request)), nextCursor: null }),
    );

    app.delete(
      '/me/sessions/:id',
      { onRequest: requireAuth, schema: { tags: ['me'], params: sessionIdParams, response: noContent } },
      async (request, reply) => {
        const actor = actorOf(request);
        await auth.revokeSession(actor, request.params.id);
        if (request.params.id === actor.session.id) clearSessionCookie(reply, production);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/me/sessions/revoke-others',
      { onRequest: requireAuth, schema: { tags: ['me'], response: noContent } },
      async (request, reply) => {
        await auth.revokeOtherSessions(actorOf(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/me/reauthenticate',
      {
        config: { errors: ['rate_limited'] },
        onRequest: requireAuth,
        schema: { tags: ['me'], body: reauthenticateBody, response: { 204: z.null() } },
      },
      async (request, reply) => {
        await auth.reauthenticate(actorOf(request), request.body.password);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/me/mfa/totp',
      {
        config: { errors: ['auth.mfa_already_enabled'] },
        onRequest: requireAuth,
        schema: { tags: ['me'], response: { 200: totpEnrolResponse } },
      },
      async (request) => auth.beginTotp(actorOf(request)),
    );

    app.post(
      '/me/mfa/totp/confirm',
      {
        config: { errors: ['auth.mfa_already_enabled', 'auth.mfa_not_enabled', 'rate_limited'] },
        onRequest: requireAuth,
        schema: { tags: ['me'], body: totpConfirmBody, response: { 200: userResponse } },
      },
      async (request, reply) => {
        const { user, token } = await auth.confirmTotp(
          actorOf(request),
          request.body.code,
          request.headers['user-agent'],
        );
        setSessionCookie(reply, production, token);
        return { user: toPublicUser(user) };
      },
    );

    app.delete(
      '/me/mfa/totp',
      {
        config: { errors: ['auth.mfa_not_enabled', 'rate_limited'] },
        onRequest: requireAuth,
        schema: { tags: ['me'], body: totpDisableBody.nullish(), response: { 200: userResponse } },
      },
      async (request) => ({
        user: toPublicUser(await auth.disableTotp(actorOf(request), request.body?.code)),
      }),
    );
  };
}
