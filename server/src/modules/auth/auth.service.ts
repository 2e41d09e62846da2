import { consentVersions, type Locale, type PublicUser, sessionPolicy, translate } from '@spejl/shared';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import { type RateLimiter, rateRules } from '../../http/rate-limit.ts';
import type { Mailer } from '../mail/mail.service.ts';
import {
  dummyPasswordHash,
  hashPassword,
  isCommonPassword,
  isContextPassword,
  verifyPassword,
} from './auth.password.ts';
import {
  type Actor,
  canDisableMfa,
  canManageSession,
  hasMfa,
  hasRecentAuthentication,
} from './auth.policy.ts';
import type { AuthRepository, SessionRow, UserRow } from './auth.repository.ts';
import { generateToken, hashToken } from './auth.tokens.ts';
import { generateTotpKey, matchTotpStep, totpUri } from './auth.totp.ts';

const verifyEmailTtlMs = 48 * 60 * 60 * 1000;
const passwordResetTtlMs = 60 * 60 * 1000;

export interface AuthServiceDeps {
  repository: AuthRepository;
  clock: Clock;
  mailer: Mailer;
  limiter: RateLimiter;
  publicOrigin: string;
  /** Tells open WebSockets that a session ended, so they close at once. */
  bus?: Bus;
}

export interface NewSession {
  token: string;
  session: SessionRow;
}

/** Maps a user row to the allowlisted API shape. */
export function toPublicUser(user: UserRow): PublicUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    locale: user.locale,
    platformRole: user.platformRole,
    emailVerified: user.emailVerifiedAt !== null,
    mfaEnabled: hasMfa(user),
    createdAt: user.createdAt.toISOString(),
  };
}

/** Accounts, sessions, email verification, password reset and TOTP. */
export function createAuthService(deps: AuthServiceDeps) {
  const { repository, clock, mailer, limiter } = deps;

  /** After sessions are deleted: their sockets close (one session, all of a user's, or all but one). */
  async function endSockets(userId: string, which: { sessionId?: string; exceptSessionId?: string } = {}) {
    await deps.bus?.publish(`user:${userId}`, { type: 'session.ended', ...which });
  }

  async function startSession(
    user: UserRow,
    userAgent: string | undefined,
    mfaVerified: boolean,
  ): Promise<NewSession> {
    const token = generateToken();
    const now = clock.now();
    const session = await repository.insertSession({
      tokenHash: hashToken(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + sessionPolicy.idleMs),
      absoluteExpiresAt: new Date(now.getTime() + sessionPolicy.absoluteMs),
      userAgent: userAgent?.slice(0, 300) ?? null,
      mfaVerified,
    });
    return { token, session };
  }

  /** A stolen session cannot change the second factor: that needs the password within the last 15 minutes. */
  function requireRecentAuthentication(actor: Actor) {
    if (!hasRecentAuthentication(actor, clock.now())) throw new AppError('auth.reauth_required');
  }

  /** Refuses the 10,000 most common passwords and this site's context words (with the person's own name and email). */
  function assertAcceptablePassword(password: string, personal: string[] = []) {
    if (isCommonPassword(password) || isContextPassword(password, personal))
      throw new AppError('auth.password_common', { details: { field: 'password' } });
  }

  async function sendTemplate(user: UserRow, kind: 'verify' | 'reset' | 'passwordChanged', url?: string) {
    const locale: Locale = user.locale;
    const greeting = translate(locale, 'mail.greeting', { name: user.displayName });
    const body = translate(locale, `mail.${kind}.body`, url ? { url } : undefined);
    await mailer.send({
      to: user.email,
      subject: translate(locale, `mail.${kind}.subject`),
      text: `${greeting}\n\n${body}\n\n${translate(locale, 'mail.signature')}`,
    });
  }

  async function sendVerification(user: UserRow) {
    const token = generateToken();
    const now = clock.now();
    await repository.invalidateTokens(user.id, 'verify_email', now);
    await repository.insertToken({
      userId: user.id,
      purpose: 'verify_email',
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + verifyEmailTtlMs),
    });
    await sendTemplate(user, 'verify', `${deps.publicOrigin}/verify-email?token=${token}`);
  }

  function checkTotp(user: UserRow, code: string): number | null {
    if (!user.totpKey) return null;
    return matchTotpStep(user.totpKey, code, clock.now(), user.totpLastStep);
  }

  return {
    async signup(
      input: {
        email: string;
        password: string;
        displayName: string;
        locale?: Locale | undefined;
        consents?: Array<'health_data_groups' | 'health_data_mentoring'> | undefined;
      },
      context: { ip: string; userAgent?: string | undefined; locale: Locale },
    ) {
      limiter.hit(`signup:ip:${context.ip}`, rateRules.signupPerIp);
      assertAcceptablePassword(input.password, [input.email, input.displayName]);
      const now = clock.now();
      const user = await repository.insertUser({
        email: input.email,
        passwordHash: await hashPassword(input.password),
        displayName: input.displayName,
        locale: input.locale ?? context.locale,
        createdAt: now,
        updatedAt: now,
      });
      if (!user) throw new AppError('auth.email_taken', { details: { field: 'email' } });
      await repository.recordConsent(user.id, 'terms', consentVersions.terms, now);
      for (const kind of new Set(input.consents ?? []))
        await repository.recordConsent(user.id, kind, consentVersions[kind], now);
      await sendVerification(user);
      return { user, ...(await startSession(user, context.userAgent, false)) };
    },

    async login(
      input: { email: string; password: string; totp?: string | undefined },
      context: { ip: string; userAgent?: string | undefined; previousToken?: string | undefined },
    ) {
      // Failures count per account and address together, so someone guessing from one place cannot lock the owner
      // out from another; a much higher account-wide limit still stops a guess spread over many addresses.
      const accountKey = `login:account:${input.email}:${context.ip}`;
      const accountWideKey = `login:account:${input.email}`;
      const ipKey = `login:ip:${context.ip}`;
      limiter.check(accountKey, rateRules.loginPerAccount);
      limiter.check(accountWideKey, rateRules.loginPerAccountAnywhere);
      limiter.check(ipKey, rateRules.loginPerIp);
      const user = await repository.findUserByEmail(input.email);
      // Unknown accounts still pay for one argon2 verification, so both failures take about the same time.
      const passwordOk = await verifyPassword(
        user?.passwordHash ?? (await dummyPasswordHash()),
        input.password,
      );
      if (!user || !passwordOk) {
        limiter.hit(accountKey, rateRules.loginPerAccount);
        limiter.hit(accountWideKey, rateRules.loginPerAccountAnywhere);
        limiter.hit(ipKey, rateRules.loginPerIp);
        throw new AppError('auth.invalid_credentials');
      }
      if (user.lockedUntil && user.lockedUntil > clock.now()) throw new AppError('auth.account_locked');
      let mfaVerified = false;
      if (hasMfa(user)) {
        if (!input.totp) throw new AppError('auth.mfa_required');
        const step = checkTotp(user, input.totp);
        if (step === null || !(await repository.claimTotpStep(user.id, step))) {
          limiter.hit(accountKey, rateRules.loginPerAccount);
          throw new AppError('auth.mfa_invalid');
        }
        mfaVerified = true;
      }
      limiter.reset(accountKey);
      if (context.previousToken) {
        const previous = await repository.findSessionWithUser(hashToken(context.previousToken));
        if (previous) await repository.deleteSession(previous.session.id);
      }
      return { user, ...(await startSession(user, context.userAgent, mfaVerified)) };
    },

    /** Resolves a session token to its actor, ending expired sessions and sliding the idle deadline. */
    async validateSession(token: string): Promise<Actor | null> {
      if (token.length > 128) return null;
      const found = await repository.findSessionWithUser(hashToken(token));
      if (!found) return null;
      const now = clock.now();
      const { session, user } = found;
      if (session.expiresAt <= now || session.absoluteExpiresAt <= now) {
        await repository.deleteSession(session.id);
        return null;
      }
      if (user.lockedUntil && user.lockedUntil > now) return null;
      if (now.getTime() - session.lastSeenAt.getTime() >= sessionPolicy.refreshAfterMs) {
        const expiresAt = new Date(
          Math.min(now.getTime() + sessionPolicy.idleMs, session.absoluteExpiresAt.getTime()),
        );
        await repository.touchSession(session.id, user.id, now, expiresAt);
        session.lastSeenAt = now;
        session.expiresAt = expiresAt;
      }
      return { user, session };
    },

    /** Of these session ids, the ones that may still be used (the WebSocket gateway asks on every heartbeat). */
    async liveSessions(ids: string[]): Promise<Set<string>> {
      return repository.liveSessionIds(ids, clock.now());
    },

    async logout(actor: Actor) {
      await repository.deleteSession(actor.session.id);
      await endSockets(actor.user.id, { sessionId: actor.session.id });
    },

    async listSessions(actor: Actor) {
      const rows = await repository.listUserSessions(actor.user.id, clock.now());
      return rows.map((row) => ({
        id: row.id,
        createdAt: row.createdAt.toISOString(),
        lastSeenAt: row.lastSeenAt.toISOString(),
        expiresAt: new Date(Math.min(row.expiresAt.getTime(), row.absoluteExpiresAt.getTime())).toISOString(),
        userAgent: row.userAgent,
        current: row.id === actor.session.id,
      }));
    },

    async revokeSession(actor: Actor, sessionId: string) {
      if (!canManageSession(actor, { userId: actor.user.id })) throw new AppError('auth.forbidden');
      // Another user's session id answers 404, like one that does not exist.
      const removed = await repository.deleteUserSession(actor.user.id, sessionId);
      if (!removed) throw new AppError('not_found');
      await endSockets(actor.user.id, { sessionId });
    },

    async revokeOtherSessions(actor: Actor) {
      await repository.deleteUserSessions(actor.user.id, actor.session.id);
      await endSockets(actor.user.id, { exceptSessionId: actor.session.id });
    },

    async updateProfile(
      actor: Actor,
      input: { displayName?: string | undefined; locale?: Locale | undefined },
    ) {
      const values: Partial<UserRow> = { updatedAt: clock.now() };
      if (input.displayName !== undefined) values.displayName = input.displayName;
      if (input.locale !== undefined) values.locale = input.locale;
      return (await repository.updateUser(actor.user.id, values))!;
    },

    async resendVerification(actor: Actor) {
      limiter.hit(`mail:user:${actor.user.id}`, rateRules.mailPerAccount);
      if (actor.user.emailVerifiedAt) return;
      await sendVerification(actor.user);
    },

    async verifyEmail(token: string) {
      const row = await repository.consumeToken(hashToken(token), 'verify_email', clock.now());
      if (!row) throw new AppError('auth.token_invalid');
      await repository.updateUser(row.userId, { emailVerifiedAt: clock.now() });
    },

    /** Always succeeds from the outside, so it cannot be used to learn which emails have accounts. */
    async requestPasswordReset(email: string, context: { ip: string }) {
      limiter.hit(`reset:ip:${context.ip}`, rateRules.mailPerIp);
      limiter.hit(`reset:account:${email}`, rateRules.mailPerAccount);
      const user = await repository.findUserByEmail(email);
      if (!user) return;
      const token = generateToken();
      const now = clock.now();
      await repository.invalidateTokens(user.id, 'password_reset', now);
      await repository.insertToken({
        userId: user.id,
        purpose: 'password_reset',
        tokenHash: hashToken(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + passwordResetTtlMs),
      });
      await sendTemplate(user, 'reset', `${deps.publicOrigin}/reset-password?token=${token}`);
    },

    async resetPassword(token: string, password: string) {
      assertAcceptablePassword(password);
      const now = clock.now();
      const row = await repository.consumeToken(hashToken(token), 'password_reset', now);
      if (!row) throw new AppError('auth.token_invalid');
      const user = await repository.updateUser(row.userId, {
        passwordHash: await hashPassword(password),
        failedLoginCount: 0,
        // The mail proved control of the address.
        emailVerifiedAt: now,
        updatedAt: now,
      });
      await repository.deleteUserSessions(row.userId);
      await endSockets(row.userId);
      if (user) {
        limiter.reset(`login:account:${user.email}`);
        await sendTemplate(user, 'passwordChanged');
      }
    },

    async changePassword(actor: Actor, currentPassword: string, newPassword: string) {
      limiter.hit(`password:user:${actor.user.id}`, rateRules.passwordPerUser);
      if (!(await verifyPassword(actor.user.passwordHash, currentPassword)))
        throw new AppError('auth.invalid_credentials', { details: { field: 'currentPassword' } });
      if (currentPassword === newPassword)
        throw new AppError('auth.password_reused', { details: { field: 'newPassword' } });
      assertAcceptablePassword(newPassword, [actor.user.email, actor.user.displayName]);
      const user = await repository.updateUser(actor.user.id, {
        passwordHash: await hashPassword(newPassword),
        updatedAt: clock.now(),
      });
      await repository.deleteUserSessions(actor.user.id, actor.session.id);
      await endSockets(actor.user.id, { exceptSessionId: actor.session.id });
      if (user) await sendTemplate(user, 'passwordChanged');
    },

    /** Proves the password again in this session, so the second factor may be changed for the next 15 minutes. */
    async reauthenticate(actor: Actor, password: string) {
      limiter.hit(`password:${actor.user.id}`, rateRules.passwordPerUser);
      if (!(await verifyPassword(actor.user.passwordHash, password)))
        throw new AppError('auth.invalid_credentials', { details: { field: 'password' } });
      await repository.markReauthenticated(actor.session.id, clock.now());
    },

    async beginTotp(actor: Actor) {
      requireRecentAuthentication(actor);
      if (hasMfa(actor.user)) throw new AppError('auth.mfa_already_enabled');
      const key = generateTotpKey();
      await repository.updateUser(actor.user.id, {
        totpKey: key,
        totpLastStep: null,
        updatedAt: clock.now(),
      });
      return totpUri(key, actor.user.email);
    },

    /**
     * Turns TOTP on once a code from the new key works. The session steps up: it gets a new token that carries the
     * verified second factor, and the old token stops working.
     */
    async confirmTotp(actor: Actor, code: string, userAgent?: string | undefined) {
      requireRecentAuthentication(actor);
      limiter.hit(`totp:user:${actor.user.id}`, rateRules.totpPerUser);
      if (hasMfa(actor.user)) throw new AppError('auth.mfa_already_enabled');
      if (!actor.user.totpKey) throw new AppError('auth.mfa_not_enabled');
      const step = checkTotp(actor.user, code);
      if (step === null || !(await repository.claimTotpStep(actor.user.id, step)))
        throw new AppError('auth.mfa_invalid', { details: { field: 'code' } });
      const user = (await repository.updateUser(actor.user.id, {
        totpEnabledAt: clock.now(),
        updatedAt: clock.now(),
      }))!;
      const next = await startSession(user, userAgent, true);
      await repository.deleteSession(actor.session.id);
      await endSockets(actor.user.id, { sessionId: actor.session.id });
      return { user, token: next.token };
    },

    async disableTotp(actor: Actor, code: string | undefined) {
      requireRecentAuthentication(actor);
      if (!hasMfa(actor.user)) throw new AppError('auth.mfa_not_enabled');
      let fresh = false;
      if (code) {
        limiter.hit(`totp:user:${actor.user.id}`, rateRules.totpPerUser);
        const step = checkTotp(actor.user, code);
        fresh = step !== null && (await repository.claimTotpStep(actor.user.id, step));
        if (!fresh) throw new AppError('auth.mfa_invalid', { details: { field: 'code' } });
      }
      if (!canDisableMfa(actor, fresh)) throw new AppError('auth.mfa_required');
      return (await repository.updateUser(actor.user.id, {
        totpKey: null,
        totpEnabledAt: null,
        totpLastStep: null,
        updatedAt: clock.now(),
      }))!;
    },

    /** Locks an account until a time and ends all its sessions at once (operators, later moderation). */
    async lockUser(userId: string, until: Date) {
      await repository.updateUser(userId, { lockedUntil: until, updatedAt: clock.now() });
      await repository.deleteUserSessions(userId);
      await endSockets(userId);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
