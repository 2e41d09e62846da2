import type { Database } from '@spejl/db';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import type { Mailer, QueuedMail } from '../mail/mail.service.ts';
import { preferencesOf } from '../preferences/preferences.service.ts';
import { digestSubject, digestText } from './digests.content.ts';
import { digestPeriod, periodLengthMs } from './digests.period.ts';
import { createDigestsRepository, type Subscriber } from './digests.repository.ts';
import { createDigestTokens } from './digests.tokens.ts';

/** The queue of the hourly digest run (main.ts schedules it; only a server with scheduling on sends it). */
export const digestQueue = 'mail.digests';

export interface DigestsDeps {
  db: Database;
  clock: Clock;
  mailer: Mailer;
  bus?: Bus;
  publicOrigin: string;
  onError?: (error: unknown, context: string) => void;
}

/** Email digests: unread activity gathered in one mail per day or week, and the link that stops them. */
export function createDigestsService(deps: DigestsDeps) {
  const repository = createDigestsRepository(deps.db);
  const tokens = createDigestTokens(deps.db);

  const unsubscribeApiUrl = (token: string) =>
    `${deps.publicOrigin}/api/digest/unsubscribe?token=${encodeURIComponent(token)}`;
  const unsubscribePageUrl = (token: string) =>
    `${deps.publicOrigin}/unsubscribe?token=${encodeURIComponent(token)}`;

  /**
   * One person's digest for one period, in one transaction: the period is claimed (a second caller, here or on
   * another node, finds it taken and does nothing), the content read, and the mail written to the outbox. Returns
   * the mail to deliver after commit, or null when the period was taken or there was nothing new.
   */
  async function prepare(person: Subscriber, period: string, now: Date): Promise<QueuedMail | null> {
    const token = await tokens.sign(person.userId);
    return deps.db.transaction(async (tx) => {
      const previous = await repository.previousRun(person.userId, tx);
      if (!(await repository.claim(person.userId, period, now, tx))) return null;
      // Only what came after both the digest was turned on and the previous one, so nothing is listed twice.
      const starts = [
        person.digestSince ?? new Date(now.getTime() - periodLengthMs(person.digest)),
        ...(previous ? [previous] : []),
      ];
      const since = new Date(Math.max(...starts.map((at) => at.getTime())));
      const activity = await repository.activity(person.userId, since, now, tx);
      const notificationCount = await repository.unreadNotifications(person.userId, since, now, tx);
      // An empty period stays claimed: checked once, and the next digest starts from here.
      if (activity.length === 0 && notificationCount === 0) return null;
      await repository.recordItems(person.userId, period, activity.length, tx);
      const locale = person.locale;
      return deps.mailer.queue(
        {
          to: person.email,
          locale,
          subject: digestSubject(locale, activity, notificationCount),
          text: digestText({
            locale,
            displayName: person.displayName,
            frequency: person.digest,
            activity,
            notificationCount,
            origin: deps.publicOrigin,
            unsubscribeUrl: unsubscribePageUrl(token),
          }),
          // RFC 8058: a mail program's "unsubscribe" POSTs here, from its own servers, without a session.
          headers: {
            'List-Unsubscribe': `<${unsubscribeApiUrl(token)}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        },
        tx,
      );
    });
  }

  return {
    /**
     * Sends every digest that is due at `now` (07:00 local or later that day; weekly from Monday 07:00), each
     * exactly once per person and period however often and wherever this runs. Returns how many mails went out.
     */
    async sendDueDigests(now: Date = deps.clock.now()): Promise<number> {
      const due = (await repository.subscribers(now)).flatMap((person) => {
        const { period, due: isDue } = digestPeriod(now, person.digest, person.timeZone);
        return isDue ? [{ person, period }] : [];
      });
      const claimed = await repository.claimed(
        due.map(({ person, period }) => ({ userId: person.userId, period })),
      );
      let sent = 0;
      for (const { person, period } of due) {
        if (claimed.has(`${person.userId} ${period}`)) continue;
        try {
          const queued = await prepare(person, period, now);
          if (!queued) continue;
          await deps.mailer.deliver(queued);
          sent += 1;
        } catch (error) {
          // One person's failure (a bad row) must not stop everyone else's digest; the period stays unclaimed.
          deps.onError?.(error, 'digest');
        }
      }
      return sent;
    },

    /** Stops the digest of the person a signed unsubscribe link names; no session needed. */
    async unsubscribe(token: string): Promise<void> {
      const userId = await tokens.verify(token);
      if (!userId) throw new AppError('digest.token_invalid');
      const row = await repository.turnOff(userId);
      if (row)
        await deps.bus?.publish(`user:${userId}`, {
          type: 'preferences.changed',
          preferences: preferencesOf(row),
        });
    },

    /** The token of a person's unsubscribe link (tests and the mail). */
    tokenFor: (userId: string) => tokens.sign(userId),
  };
}

export type DigestsService = ReturnType<typeof createDigestsService>;
