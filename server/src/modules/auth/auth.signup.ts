import { randomUUID } from 'node:crypto';
import { consentVersions, type Locale, type PublicUser, sessionPolicy } from '@spejl/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import { type AuthMail, type Background, verifyEmailTtlMs } from './auth.mail.ts';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './auth.password.ts';
import { hasMfa } from './auth.policy.ts';
import type { AuthRepository, SessionRow, UserRow } from './auth.repository.ts';
import { generateToken, hashToken } from './auth.tokens.ts';
import { toPublicUser } from './auth.view.ts';

export interface NewSession {
  token: string;
  session: SessionRow;
}

type NewUserValues = Pick<
  UserRow,
  | 'email'
  | 'passwordHash'
  | 'displayName'
  | 'locale'
  | 'createdAt'
  | 'updatedAt'
  | 'lastActiveAt'
  | 'welcomeStep'
>;

/**
 * The row a sign-up with these values would have made, under a fresh random id, saved nowhere: what sign-up
 * answers for an address that already has an account. Every column is spelled out, so a new one fails to compile
 * here until someone decides what a new account has in it.
 */
export function placeholderUser(values: NewUserValues): UserRow {
  return {
    ...values,
    id: randomUUID(),
    platformRole: 'member',
    emailVerifiedAt: null,
    totpKey: null,
    totpEnabledAt: null,
    totpLastStep: null,
    failedLoginCount: 0,
    lockedUntil: null,
    deletedAt: null,
  };
}

/** Sign-up and its confirmation by the mailed link: the part of the auth service that makes accounts. */
export function createSignup(deps: {
  repository: AuthRepository;
  clock: Clock;
  mail: AuthMail;
  background: Background;
  /** A new session for a confirmed account; ends the one the browser presented, if any. */
  signIn: (
    user: UserRow,
    context: { userAgent?: string | undefined; previousToken?: string | undefined },
    mfaVerified: boolean,
  ) => Promise<NewSession>;
}) {
  const { repository, clock, mail, background } = deps;

  /** The session this browser presented, if it is the still-pending session of this account. */
  async function pendingSessionOf(user: UserRow, presentedToken: string | undefined, now: Date) {
    if (!presentedToken) return null;
    const found = await repository.findSessionWithUser(hashToken(presentedToken));
    if (!found?.session.pending || found.session.userId !== user.id) return null;
    if (found.session.expiresAt <= now || found.session.absoluteExpiresAt <= now) return null;
    return found.session;
  }

  return {
    /**
     * Starts an account, to be confirmed by the mailed link before it is used, and answers with its user and a
     * session token. Answers the same for a new address and a taken one, after the same work (the password checks
     * and one argon2 hash, then one transaction that finds the address taken or not). A new address gets a
     * pending session, refused everywhere until the link is followed in this browser; a taken one gets a token
     * that is stored nowhere and a placeholder user, and its owner is mailed, after the answer.
     */
    async signup(
      input: {
        email: string;
        password: string;
        displayName: string;
        locale?: Locale | undefined;
        consents?: Array<'health_data_groups' | 'health_data_mentoring'> | undefined;
        /** A path on this site to come back to, put in the mailed link (validated by `signupBody`). */
        redirectTo?: string | undefined;
      },
      context: { locale: Locale; userAgent?: string | undefined },
    ): Promise<{ user: PublicUser; token: string }> {
      assertAcceptablePassword(input.password, [input.email, input.displayName]);
      const now = clock.now();
      const verifyToken = generateToken();
      const sessionToken = generateToken();
      const values: NewUserValues = {
        email: input.email,
        passwordHash: await hashPassword(input.password),
        displayName: input.displayName,
        locale: input.locale ?? context.locale,
        createdAt: now,
        updatedAt: now,
        lastActiveAt: now,
        // Someone who signs up themselves is offered the guided start (auth.welcome.ts).
        welcomeStep: 0,
      };
      const linkExpiresAt = new Date(now.getTime() + verifyEmailTtlMs);
      const created = await repository.createAccount({
        user: values,
        consents: [
          { kind: 'terms', version: consentVersions.terms },
          ...[...new Set(input.consents ?? [])].map((kind) => ({ kind, version: consentVersions[kind] })),
        ],
        verifyToken: { tokenHash: hashToken(verifyToken), expiresAt: linkExpiresAt },
        pendingSession: {
          tokenHash: hashToken(sessionToken),
          expiresAt: linkExpiresAt,
          userAgent: context.userAgent?.slice(0, 300) ?? null,
        },
      });
      background.run(async () => {
        if (created) return mail.confirmation(created, verifyToken, input.redirectTo);
        const owner = await repository.findUserByEmail(input.email);
        if (owner) await mail.signupAttempt(owner);
      });
      return { user: toPublicUser(created ?? placeholderUser(values)), token: sessionToken };
    },

    /** Mails a new confirmation link if the address has an account still waiting for one; answers the same always. */
    resendConfirmation(email: string): void {
      background.run(async () => {
        const user = await repository.findUserByEmail(email);
        if (user && !user.emailVerifiedAt) await mail.newConfirmation(user);
      });
    },

    /**
     * Confirms the address with the mailed link. In the browser that signed up (it presents the account's pending
     * session) the link is enough: the session proves the browser, the link the mailbox, and that very session is
     * activated under a new token. Anywhere else the password chosen at sign-up is needed too, so that someone
     * who started an account with another person's address cannot get that person signed in to it by their
     * following the link; then a new session starts. With TOTP on (an older account) the address is confirmed
     * and the person signs in as usual.
     */
    async verifyEmail(
      token: string,
      password: string | undefined,
      context: { userAgent?: string | undefined; previousToken?: string | undefined },
    ): Promise<{ user: UserRow; session: NewSession | null }> {
      const now = clock.now();
      const tokenHash = hashToken(token);
      const row = await repository.findToken(tokenHash, 'verify_email', now);
      const user = row ? await repository.findUserById(row.userId) : undefined;
      if (!row || !user) throw new AppError('auth.token_invalid');
      const pending = await pendingSessionOf(user, context.previousToken, now);
      if (!pending) {
        if (password === undefined)
          throw new AppError('auth.password_required', { details: { field: 'password' } });
        if (!(await verifyPassword(user.passwordHash, password)))
          throw new AppError('auth.invalid_credentials', { details: { field: 'password' } });
      }
      if (user.lockedUntil && user.lockedUntil > now) throw new AppError('auth.account_locked');
      if (!(await repository.consumeToken(tokenHash, 'verify_email', now)))
        throw new AppError('auth.token_invalid');
      const verified = (await repository.updateUser(user.id, { emailVerifiedAt: now, updatedAt: now }))!;
      let session: NewSession | null = null;
      if (pending && !hasMfa(verified)) {
        // Becoming usable is a sign-in: a new token, and a signed-in session's deadlines from now.
        const fresh = generateToken();
        const activated = await repository.activatePendingSession(pending.id, {
          tokenHash: hashToken(fresh),
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + sessionPolicy.idleMs),
          absoluteExpiresAt: new Date(now.getTime() + sessionPolicy.absoluteMs),
        });
        if (activated) session = { token: fresh, session: activated };
      }
      // Any other pending session of the account (another browser) can never become usable now.
      await repository.deletePendingSessions(user.id);
      if (!session && !pending && !hasMfa(verified)) session = await deps.signIn(verified, context, false);
      return { user: verified, session };
    },
  };
}
