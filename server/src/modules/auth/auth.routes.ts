import {
  type ErrorCode,
  checkMailResponse,
  listOf,
  loginBody,
  loginResponse,
  passwordChangeBody,
  passwordResetBody,
  passwordResetRequestBody,
  reauthenticateBody,
  recoveryCodesBody,
  recoveryCodesResponse,
  recoveryCodesStatus,
  resendConfirmationBody,
  sessionIdParams,
  sessionInfo,
  signupBody,
  signupResponse,
  stepUpBody,
  totpConfirmBody,
  totpConfirmResponse,
  totpDisableBody,
  totpEnrolResponse,
  updateMeBody,
  userResponse,
  verifyEmailBody,
  verifyEmailResponse,
} from '@spejl/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { type LimitStore, limitRule } from '../../http/limits.ts';
import type { RouteLimit } from '../../http/route-limits.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './auth.cookies.ts';
import type { AuthService } from './auth.service.ts';
import { hashToken } from './auth.tokens.ts';
import { toPublicUser } from './auth.view.ts';

const noContent = { 204: z.null().describe('No content') };

// Rate limits (docs/SECURITY.md's table). Each attempt is counted before the password or code is checked; the
// ones that count only failures give the attempt back when it turns out right.
const minutes = 60;
const hour = 60 * minutes;
const address = (request: FastifyRequest) => [request.ip];
const emailIn = (request: FastifyRequest) => [(request.body as { email: string }).email];
const person = (request: FastifyRequest) => [actorOf(request).user.id];
const wrongPassword: readonly ErrorCode[] = ['auth.invalid_credentials'];
const wrongCode: readonly ErrorCode[] = ['auth.mfa_invalid', 'auth.recovery_code_invalid'];

/**
 * Failed sign-ins. Per account and address, so guessing from one place cannot lock the owner out from another;
 * account-wide, much higher, against guesses spread over many addresses; and per address over all accounts.
 */
export const failedSignIns = {
  accountAndAddress: {
    rule: limitRule('sign-in-failures:account+address', 10, 15 * minutes),
    key: (request) => [...emailIn(request), request.ip],
    countsOnly: [...wrongPassword, ...wrongCode],
    clearOnSuccess: true,
  },
  account: {
    rule: limitRule('sign-in-failures:account', 100, 15 * minutes),
    key: emailIn,
    countsOnly: wrongPassword,
  },
  address: {
    rule: limitRule('sign-in-failures:address', 50, 15 * minutes),
    key: address,
    countsOnly: wrongPassword,
  },
} satisfies Record<string, RouteLimit>;

/** Password checks per person: re-authentication and account deletion (privacy.routes.ts) share this counter. */
export const passwordChecks: RouteLimit = {
  rule: limitRule('password-checks:person', 10, 15 * minutes),
  key: person,
  countsOnly: wrongPassword,
};
const passwordChanges: RouteLimit = {
  rule: limitRule('password-changes:person', 10, 15 * minutes),
  key: person,
  countsOnly: wrongPassword,
};
/** TOTP codes to confirm enrolment or to turn it off (only when a code is sent), per person. */
const totpCodes: RouteLimit = {
  rule: limitRule('totp-codes:person', 10, 15 * minutes),
  key: (request) => ((request.body as { code?: string } | null)?.code ? person(request) : null),
  countsOnly: wrongCode,
};
/**
 * Codes that prove the second factor inside a session (TOTP or recovery codes), per person: the same counter as the
 * codes that turn TOTP on or off, so one person gets ten wrong codes per 15 minutes across all of them.
 */
const stepUpCodes: RouteLimit = {
  rule: totpCodes.rule,
  key: person,
  countsOnly: wrongCode,
};
const signUps: RouteLimit = { rule: limitRule('sign-ups:address', 10, hour), key: address };
/**
 * Mails to one address from sign-up and the resend button together (a confirmation, or the owner's notice that
 * someone tried); a sign-up refused for its password sends nothing and does not count.
 */
const confirmationMails: RouteLimit = {
  rule: limitRule('confirmation-mails:email', 5, hour),
  key: emailIn,
  countsOnly: ['success'],
};
const confirmationResends: RouteLimit = {
  rule: limitRule('confirmation-resends:address', 20, hour),
  key: address,
};
const resetMails: RouteLimit = { rule: limitRule('reset-mails:email', 5, hour), key: emailIn };
const resetRequests: RouteLimit = { rule: limitRule('reset-requests:address', 20, hour), key: address };
const verificationResends: RouteLimit = {
  rule: limitRule('verification-resends:person', 5, hour),
  key: person,
};
/** Passwords tried with one confirmation link (the link is 160 bits; this bounds guesses at the password). */
const confirmationPasswords: RouteLimit = {
  rule: limitRule('confirmation-passwords:link', 10, 15 * minutes),
  key: (request) => [hashToken((request.body as { token: string }).token)],
  countsOnly: wrongPassword,
};

/** Accounts and sessions: /api/auth/* and /api/me/*. */
export function authRoutes(deps: {
  auth: AuthService;
  production: boolean;
  /** The store the routes' limits count in; a password reset clears the sign-in lockouts it lifts. */
  limits: LimitStore;
}): FastifyPluginAsyncZod {
  const { auth, production, limits } = deps;
  return async (app) => {
    app.post(
      '/auth/signup',
      {
        config: { errors: ['rate_limited'], limits: [signUps, confirmationMails] },
        schema: {
          tags: ['auth'],
          description: signupResponse.description,
          body: signupBody,
          response: { 201: signupResponse },
        },
      },
      async (request, reply) => {
        // The same answer, cookie included, for a new address and a taken one (auth.signup.ts).
        const { user, token } = await auth.signup(request.body, {
          locale: request.locale,
          userAgent: request.headers['user-agent'],
        });
        setSessionCookie(reply, production, token);
        return reply.code(201).send({ user, status: 'check_mail' as const });
      },
    );

    app.post(
      '/auth/signup/resend',
      {
        config: { errors: ['rate_limited'], limits: [confirmationResends, confirmationMails] },
        schema: { tags: ['auth'], body: resendConfirmationBody, response: { 202: checkMailResponse } },
      },
      async (request, reply) => {
        auth.resendConfirmation(request.body.email);
        return reply.code(202).send({ status: 'check_mail' as const });
      },
    );

    app.post(
      '/auth/login',
      {
        config: {
          errors: [
            'auth.invalid_credentials',
            'auth.mfa_required',
            'auth.mfa_invalid',
            'auth.recovery_code_invalid',
            'auth.account_locked',
            'auth.email_unverified',
            'rate_limited',
          ],
          limits: [failedSignIns.accountAndAddress, failedSignIns.account, failedSignIns.address],
        },
        schema: {
          tags: ['auth'],
          description:
            'Signs in with the password, plus `totp` (a code from the authenticator) or `recoveryCode` (one of the ' +
            'ten single-use recovery codes) when two-step verification is on. Either proves the second factor for ' +
            'the new session; a recovery code is spent, recorded in the platform audit log and mailed to the ' +
            'person, and the answer says how many are left (`recoveryCodesLeft`).',
          body: loginBody,
          response: { 200: loginResponse },
        },
      },
      async (request, reply) => {
        const { user, token, recoveryCodesLeft } = await auth.login(request.body, {
          userAgent: request.headers['user-agent'],
          previousToken: readSessionCookie(request, production),
        });
        setSessionCookie(reply, production, token);
        return {
          user: toPublicUser(user),
          ...(recoveryCodesLeft === undefined ? {} : { recoveryCodesLeft }),
        };
      },
    );

    app.post(
      '/auth/step-up',
      {
        config: {
          errors: [
            'auth.mfa_required',
            'auth.mfa_invalid',
            'auth.recovery_code_invalid',
            'auth.mfa_not_enabled',
            'rate_limited',
          ],
          limits: [stepUpCodes],
        },
        onRequest: requireAuth,
        schema: {
          tags: ['auth'],
          description: stepUpBody.description,
          body: stepUpBody,
          response: { 200: loginResponse },
        },
      },
      async (request, reply) => {
        const { user, token, recoveryCodesLeft } = await auth.stepUp(actorOf(request), request.body);
        setSessionCookie(reply, production, token);
        return {
          user: toPublicUser(user),
          ...(recoveryCodesLeft === undefined ? {} : { recoveryCodesLeft }),
        };
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
      {
        config: {
          errors: [
            'auth.token_invalid',
            'auth.password_required',
            'auth.invalid_credentials',
            'auth.account_locked',
            'rate_limited',
          ],
          limits: [confirmationPasswords, failedSignIns.address],
        },
        schema: {
          tags: ['auth'],
          description: verifyEmailBody.description,
          body: verifyEmailBody,
          response: { 200: verifyEmailResponse },
        },
      },
      async (request, reply) => {
        const { user, session } = await auth.verifyEmail(request.body.token, request.body.password, {
          userAgent: request.headers['user-agent'],
          previousToken: readSessionCookie(request, production),
        });
        if (session) setSessionCookie(reply, production, session.token);
        return { user: toPublicUser(user), signedIn: session !== null };
      },
    );

    app.post(
      '/auth/password-reset/request',
      {
        config: { errors: ['rate_limited'], limits: [resetRequests, resetMails] },
        schema: { tags: ['auth'], body: passwordResetRequestBody, response: noContent },
      },
      async (request, reply) => {
        auth.requestPasswordReset(request.body.email);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/auth/password-reset',
      {
        config: { errors: ['auth.token_invalid', 'auth.password_common'] },
        schema: { tags: ['auth'], body: passwordResetBody, response: noContent },
      },
      async (request, reply) => {
        const { email } = await auth.resetPassword(request.body.token, request.body.password);
        // The mail proved who this is: their failures for the account, and this address's for it, no longer hold
        // them back. The address's count over all accounts stays, or resetting one's own account would wipe it.
        if (email) {
          await limits.clear(failedSignIns.account.rule, [email]);
          await limits.clear(failedSignIns.accountAndAddress.rule, [email, request.ip]);
        }
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
        config: { errors: ['rate_limited'], limits: [passwordChanges] },
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
        config: { errors: ['rate_limited'], limits: [verificationResends] },
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
        config: { errors: ['rate_limited'], limits: [passwordChecks] },
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
        config: {
          errors: ['auth.mfa_already_enabled', 'auth.mfa_not_enabled', 'rate_limited'],
          limits: [totpCodes],
        },
        onRequest: requireAuth,
        schema: { tags: ['me'], body: totpConfirmBody, response: { 200: totpConfirmResponse } },
      },
      async (request, reply) => {
        const { user, token, recoveryCodes } = await auth.confirmTotp(
          actorOf(request),
          request.body.code,
          request.headers['user-agent'],
        );
        setSessionCookie(reply, production, token);
        return { user: toPublicUser(user), recoveryCodes };
      },
    );

    app.get(
      '/me/mfa/recovery-codes',
      { onRequest: requireAuth, schema: { tags: ['me'], response: { 200: recoveryCodesStatus } } },
      async (request) => auth.recoveryCodesStatus(actorOf(request)),
    );

    app.post(
      '/me/mfa/recovery-codes',
      {
        config: {
          errors: ['auth.mfa_not_enabled', 'auth.mfa_step_up_required', 'rate_limited'],
          limits: [passwordChecks],
        },
        onRequest: requireAuth,
        schema: {
          tags: ['me'],
          description:
            'Ten new recovery codes, after the password, from a session that proved the second factor. Shown only ' +
            'in this answer; the older codes stop working.',
          body: recoveryCodesBody,
          response: { 200: recoveryCodesResponse },
        },
      },
      async (request) => auth.newRecoveryCodes(actorOf(request), request.body.password),
    );

    app.delete(
      '/me/mfa/totp',
      {
        config: { errors: ['auth.mfa_not_enabled', 'rate_limited'], limits: [totpCodes] },
        onRequest: requireAuth,
        schema: { tags: ['me'], body: totpDisableBody.nullish(), response: { 200: userResponse } },
      },
      async (request) => ({
        user: toPublicUser(await auth.disableTotp(actorOf(request), request.body?.code)),
      }),
    );
  };
}
