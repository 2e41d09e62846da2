import { type Locale, sessionPolicy } from '@spejl/shared';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import type { Mailer } from '../mail/mail.service.ts';
import { createAuthMail, createBackground } from './auth.mail.ts';
import {
  assertAcceptablePassword,
  dummyPasswordHash,
  hashPassword,
  verifyPassword,
} from './auth.password.ts';
import {
  type Actor,
  canDisableMfa,
  canManageSession,
  hasMfa,
  hasRecentAuthentication,
} from './auth.policy.ts';
import type { AuthRepository, UserRow } from './auth.repository.ts';
import { createRecoveryCodes, type SecurityEvent } from './auth.recovery.ts';
import { createSessionCache, type SessionCache } from './auth.session-cache.ts';
import { createSignup, type NewSession } from './auth.signup.ts';
import { generateToken, hashToken } from './auth.tokens.ts';
import { generateTotpKey, matchTotpStep, totpUri } from './auth.totp.ts';

const passwordResetTtlMs = 60 * 60 * 1000;

export interface AuthServiceDeps {
  repository: AuthRepository;
  clock: Clock;
  mailer: Mailer;
  publicOrigin: string;
  /** Tells open WebSockets that a session ended, so they close at once. */
  bus?: Bus;
  /** Failures of the mail work done after answering, which no caller can receive. */
  onBackgroundError?: (error: unknown) => void;
  /** Records security events (a recovery code used) where administrators read them: the platform audit log. */
  recordSecurityEvent?: (event: SecurityEvent) => Promise<void>;
  /** Signed-in sessions kept between requests; one over `bus` unless given (tests pass one without entries). */
  sessionCache?: SessionCache;
}

/**
 * The repository with every write that changes what a cached session says (its user, its deadlines, whether it
 * exists) announcing the change to the session cache of every process, after the write. Not `touchSession`: the
 * service updates its own entry, and another process's older copy only makes it touch again or read afresh.
 */
function announcing(repository: AuthRepository, cache: SessionCache): AuthRepository {
  return {
    ...repository,
    async updateUser(id, values) {
      const row = await repository.updateUser(id, values);
      await cache.changed({ userId: id });
      return row;
    },
    async claimTotpStep(userId, step) {
      const claimed = await repository.claimTotpStep(userId, step);
      if (claimed) await cache.changed({ userId });
      return claimed;
    },
    async markReauthenticated(id, at) {
      await repository.markReauthenticated(id, at);
      await cache.changed({ sessionId: id });
    },
    async markSessionMfa(id) {
      await repository.markSessionMfa(id);
      await cache.changed({ sessionId: id });
    },
    async deleteSession(id) {
      await repository.deleteSession(id);
      await cache.changed({ sessionId: id });
    },
    async deleteUserSession(userId, sessionId) {
      const removed = await repository.deleteUserSession(userId, sessionId);
      await cache.changed({ sessionId });
      return removed;
    },
    async deleteUserSessions(userId, exceptSessionId) {
      await repository.deleteUserSessions(userId, exceptSessionId);
      await cache.changed({ userId });
    },
  };
}

/** Accounts, sessions, email verification, password reset and TOTP. */
export function createAuthService(deps: AuthServiceDeps) {
  const { clock } = deps;
  const sessionCache = deps.sessionCache ?? createSessionCache({ bus: deps.bus });
  const repository = announcing(deps.repository, sessionCache);
  const background = createBackground(deps.onBackgroundError ?? ((error) => console.error(error)));
  const mail = createAuthMail(deps);
  const recovery = createRecoveryCodes({
    repository,
    clock,
    // The mail goes out after the answer: a mail failure must not undo a sign-in that spent the code.
    notifyUsed: async (user, left) => background.run(() => mail.recoveryCodeUsed(user, left)),
    record: deps.recordSecurityEvent,
  });

  /** After sessions are deleted: their sockets close (one session, all of a user's, or all but one). */
  async function endSockets(userId: string, which: { sessionId?: string; exceptSessionId?: string } = {}) {
    await deps.bus?.publish(`user:${userId}`, { type: 'session.ended', ...which });
  }

  function usableAt({ session, user }: Actor, now: Date): boolean {
    return (
      session.expiresAt > now &&
      session.absoluteExpiresAt > now &&
      !(user.lockedUntil && user.lockedUntil > now) &&
      !session.pending
    );
  }

  /** Slides the idle deadline once `refreshAfterMs` has passed since the session was last seen. */
  async function slide(actor: Actor, now: Date): Promise<Actor> {
    const { session, user } = actor;
    if (now.getTime() - session.lastSeenAt.getTime() < sessionPolicy.refreshAfterMs) return actor;
    const expiresAt = new Date(
      Math.min(now.getTime() + sessionPolicy.idleMs, session.absoluteExpiresAt.getTime()),
    );
    // Set before the write, so requests arriving meanwhile do not write it again.
    session.lastSeenAt = now;
    session.expiresAt = expiresAt;
    await repository.touchSession(session.id, user.id, now, expiresAt);
    return actor;
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

  /** A new session; the one this browser presented before is ended (a new token on every sign-in). */
  async function signIn(
    user: UserRow,
    context: { userAgent?: string | undefined; previousToken?: string | undefined },
    mfaVerified: boolean,
  ) {
    if (context.previousToken) {
      const previous = await repository.findSessionWithUser(hashToken(context.previousToken));
      if (previous) await repository.deleteSession(previous.session.id);
    }
    return startSession(user, context.userAgent, mfaVerified);
  }

  function checkTotp(user: UserRow, code: string): number | null {
    if (!user.totpKey) return null;
    return matchTotpStep(user.totpKey, code, clock.now(), user.totpLastStep);
  }

  /**
   * Proves the second factor with a TOTP code or a recovery code (each once). Answers how many recovery codes are
   * left when one was used, so the web can suggest new ones.
   */
  async function proveSecondFactor(
    user: UserRow,
    proof: { totp?: string | undefined; recoveryCode?: string | undefined },
  ): Promise<{ recoveryCodesLeft?: number }> {
    if (proof.recoveryCode) {
      const used = await recovery.use(user, proof.recoveryCode);
      if (!used) throw new AppError('auth.recovery_code_invalid', { details: { field: 'recoveryCode' } });
      return { recoveryCodesLeft: used.left };
    }
    if (!proof.totp) throw new AppError('auth.mfa_required');
    const step = checkTotp(user, proof.totp);
    if (step === null || !(await repository.claimTotpStep(user.id, step)))
      throw new AppError('auth.mfa_invalid', { details: { field: 'totp' } });
    return {};
  }

  return {
    ...createSignup({ repository, clock, mail, background, signIn }),

    async login(
      input: {
        email: string;
        password: string;
        totp?: string | undefined;
        recoveryCode?: string | undefined;
      },
      context: { userAgent?: string | undefined; previousToken?: string | undefined },
    ) {
      // The route has counted this attempt before it got here (auth.routes.ts, failedSignIns).
      const user = await repository.findUserByEmail(input.email);
      // Unknown accounts still pay for one argon2 verification, so both failures take about the same time.
      const passwordOk = await verifyPassword(
        user?.passwordHash ?? (await dummyPasswordHash()),
        input.password,
      );
      if (!user || !passwordOk) throw new AppError('auth.invalid_credentials');
      if (user.lockedUntil && user.lockedUntil > clock.now()) throw new AppError('auth.account_locked');
      // Said only after the right password, so it tells nobody else that the address has an account.
      if (!user.emailVerifiedAt) throw new AppError('auth.email_unverified');
      let proof: { recoveryCodesLeft?: number } = {};
      if (hasMfa(user)) proof = await proveSecondFactor(user, input);
      return { user, ...proof, ...(await signIn(user, context, hasMfa(user))) };
    },

    /** Resolves a session token to its actor, ending expired sessions and sliding the idle deadline. */
    async validateSession(token: string): Promise<Actor | null> {
      if (token.length > 128) return null;
      const tokenHash = hashToken(token);
      const now = clock.now();
      const cached = sessionCache.get(tokenHash);
      // A cached session is used only while its own deadlines and lock allow; past them, the database decides
      // (another process may have slid the deadline, and only the database may end a session).
      if (cached && usableAt(cached, now)) return slide(cached, now);
      const readAt = sessionCache.epoch();
      const found = await repository.findSessionWithUser(tokenHash);
      if (!found) return null;
      const { session, user } = found;
      if (session.expiresAt <= now || session.absoluteExpiresAt <= now) {
        await repository.deleteSession(session.id);
        return null;
      }
      if (user.lockedUntil && user.lockedUntil > now) return null;
      // A session started at sign-up is no session until the address is confirmed in this browser.
      if (session.pending) return null;
      sessionCache.set(tokenHash, found, readAt);
      return slide(found, now);
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
      if (actor.user.emailVerifiedAt) return;
      await mail.newConfirmation(actor.user);
    },

    /** Answers the same whether or not the address has an account: the lookup and the mail come after. */
    requestPasswordReset(email: string): void {
      background.run(async () => {
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
        await mail.send(user, 'reset', { url: `${deps.publicOrigin}/reset-password?token=${token}` });
      });
    },

    /** Sets a new password with a mailed link; returns the account's address, whose sign-in lockouts now lift. */
    async resetPassword(token: string, password: string): Promise<{ email: string | null }> {
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
      if (user) await mail.send(user, 'passwordChanged');
      return { email: user?.email ?? null };
    },

    async changePassword(actor: Actor, currentPassword: string, newPassword: string) {
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
      if (user) await mail.send(user, 'passwordChanged');
    },

    /** Proves the password again in this session, so the second factor may be changed for the next 15 minutes. */
    async reauthenticate(actor: Actor, password: string) {
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
      if (hasMfa(actor.user)) throw new AppError('auth.mfa_already_enabled');
      if (!actor.user.totpKey) throw new AppError('auth.mfa_not_enabled');
      const step = checkTotp(actor.user, code);
      if (step === null || !(await repository.claimTotpStep(actor.user.id, step)))
        throw new AppError('auth.mfa_invalid', { details: { field: 'code' } });
      const user = (await repository.updateUser(actor.user.id, {
        totpEnabledAt: clock.now(),
        updatedAt: clock.now(),
      }))!;
      const recoveryCodes = await recovery.issue(user.id);
      const next = await startSession(user, userAgent, true);
      await repository.deleteSession(actor.session.id);
      await endSockets(actor.user.id, { sessionId: actor.session.id });
      return { user, token: next.token, recoveryCodes };
    },

    /**
     * Proves the second factor in a session that signed in without it. The session goes on under a new token that
     * carries the proof (its sign-in time, deadline and password proof stay as they were); the old token stops.
     */
    async stepUp(actor: Actor, proof: { totp?: string | undefined; recoveryCode?: string | undefined }) {
      if (!hasMfa(actor.user)) throw new AppError('auth.mfa_not_enabled');
      const { recoveryCodesLeft } = await proveSecondFactor(actor.user, proof);
      const token = generateToken();
      const now = clock.now();
      const old = actor.session;
      await repository.insertSession({
        tokenHash: hashToken(token),
        userId: actor.user.id,
        createdAt: old.createdAt,
        lastSeenAt: now,
        expiresAt: new Date(Math.min(now.getTime() + sessionPolicy.idleMs, old.absoluteExpiresAt.getTime())),
        absoluteExpiresAt: old.absoluteExpiresAt,
        userAgent: old.userAgent,
        mfaVerified: true,
        reauthenticatedAt: old.reauthenticatedAt,
      });
      await repository.deleteSession(old.id);
      await endSockets(actor.user.id, { sessionId: old.id });
      return { user: actor.user, token, ...(recoveryCodesLeft === undefined ? {} : { recoveryCodesLeft }) };
    },

    /** How many unused recovery codes the person has. */
    async recoveryCodesStatus(actor: Actor) {
      return { remaining: hasMfa(actor.user) ? await recovery.remaining(actor.user.id) : 0 };
    },

    /**
     * Ten new recovery codes after the password, replacing the old ones. Only from a session that proved the second
     * factor: otherwise a password alone could make codes and sign in with them.
     */
    async newRecoveryCodes(actor: Actor, password: string) {
      if (!hasMfa(actor.user)) throw new AppError('auth.mfa_not_enabled');
      if (!actor.session.mfaVerified) throw new AppError('auth.mfa_step_up_required');
      if (!(await verifyPassword(actor.user.passwordHash, password)))
        throw new AppError('auth.invalid_credentials', { details: { field: 'password' } });
      return { codes: await recovery.issue(actor.user.id) };
    },

    async disableTotp(actor: Actor, code: string | undefined) {
      requireRecentAuthentication(actor);
      if (!hasMfa(actor.user)) throw new AppError('auth.mfa_not_enabled');
      let fresh = false;
      if (code) {
        const step = checkTotp(actor.user, code);
        fresh = step !== null && (await repository.claimTotpStep(actor.user.id, step));
        if (!fresh) throw new AppError('auth.mfa_invalid', { details: { field: 'code' } });
      }
      if (!canDisableMfa(actor, fresh)) throw new AppError('auth.mfa_required');
      await recovery.clear(actor.user.id);
      return (await repository.updateUser(actor.user.id, {
        totpKey: null,
        totpEnabledAt: null,
        totpLastStep: null,
        updatedAt: clock.now(),
      }))!;
    },

    /** Waits for mail work started after an answer (tests; shutdown, before the database closes). */
    settled: () => background.settled(),

    /** Locks an account until a time and ends all its sessions at once (operators, later moderation). */
    async lockUser(userId: string, until: Date) {
      await repository.updateUser(userId, { lockedUntil: until, updatedAt: clock.now() });
      await repository.deleteUserSessions(userId);
      await endSockets(userId);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
