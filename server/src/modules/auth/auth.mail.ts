import { type Locale, translate, translateCount } from '@spejl/shared';
import type { Clock } from '../../clock.ts';
import type { Mailer } from '../mail/mail.service.ts';
import type { AuthRepository, UserRow } from './auth.repository.ts';
import { generateToken, hashToken } from './auth.tokens.ts';

export const verifyEmailTtlMs = 48 * 60 * 60 * 1000;

type MailKind = 'verify' | 'reset' | 'passwordChanged' | 'signupAttempt';

/** The account mails, in the person's language and the one mail layout (greeting, text, signature). */
export function createAuthMail(deps: {
  repository: AuthRepository;
  clock: Clock;
  mailer: Mailer;
  publicOrigin: string;
}) {
  async function send(user: UserRow, kind: MailKind, params?: Record<string, string>) {
    const locale: Locale = user.locale;
    const greeting = translate(locale, 'mail.greeting', { name: user.displayName });
    const body = translate(locale, `mail.${kind}.body`, params);
    await deps.mailer.send({
      to: user.email,
      subject: translate(locale, `mail.${kind}.subject`),
      text: `${greeting}\n\n${body}\n\n${translate(locale, 'mail.signature')}`,
    });
  }

  /** The link that confirms the address (in another browser than the one that signed up, with the password too). */
  const confirmation = (user: UserRow, token: string, redirectTo?: string) =>
    send(user, 'verify', {
      url: `${deps.publicOrigin}/verify-email?token=${token}${redirectTo ? `&redirectTo=${encodeURIComponent(redirectTo)}` : ''}`,
    });

  return {
    send,
    confirmation,

    /** A fresh confirmation link; earlier ones stop working. */
    async newConfirmation(user: UserRow) {
      const token = generateToken();
      const now = deps.clock.now();
      await deps.repository.invalidateTokens(user.id, 'verify_email', now);
      await deps.repository.insertToken({
        userId: user.id,
        purpose: 'verify_email',
        tokenHash: hashToken(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + verifyEmailTtlMs),
      });
      await confirmation(user, token);
    },

    /** After a recovery code was used: how many are left, and what to do if it was not them. */
    async recoveryCodeUsed(user: UserRow, left: number) {
      const locale: Locale = user.locale;
      const body = translateCount(locale, 'mail.recoveryCodeUsed.body', left, {
        accountUrl: `${deps.publicOrigin}/account`,
        resetUrl: `${deps.publicOrigin}/forgot-password`,
      });
      await deps.mailer.send({
        to: user.email,
        subject: translate(locale, 'mail.recoveryCodeUsed.subject'),
        text: `${translate(locale, 'mail.greeting', { name: user.displayName })}\n\n${body}\n\n${translate(locale, 'mail.signature')}`,
      });
    },

    /** To the owner of an address someone tried to sign up with: sign in, or choose a new password. */
    signupAttempt: (user: UserRow) =>
      send(user, 'signupAttempt', {
        signInUrl: `${deps.publicOrigin}/sign-in`,
        resetUrl: `${deps.publicOrigin}/forgot-password`,
      }),
  };
}

export type AuthMail = ReturnType<typeof createAuthMail>;

/**
 * Work started after the answer has gone out. Whether an address has an account must not show in how long an
 * answer takes, so sign-up, the confirmation resend and the reset request answer first and look the address up,
 * write tokens and send mail afterwards. `settled` waits for it (tests, and shutdown before the database closes).
 */
export function createBackground(onError: (error: unknown) => void) {
  const running = new Set<Promise<void>>();
  return {
    run(task: () => Promise<void>) {
      const work: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(task)
        .catch(onError)
        .finally(() => running.delete(work));
      running.add(work);
    },
    async settled() {
      while (running.size > 0) await Promise.all(running);
    },
  };
}

export type Background = ReturnType<typeof createBackground>;
