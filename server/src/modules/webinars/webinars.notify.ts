import {
  eventTimeZone,
  type Locale,
  type MessageKey,
  type NotificationData,
  type NotificationType,
  type StaffRole,
  translate,
} from '@spejl/shared';
import type { Mailer } from '../mail/mail.service.ts';
import { type NotificationService, notificationFor } from '../notifications/notifications.service.ts';
import type { Executor, WebinarRow, WebinarsRepository } from './webinars.repository.ts';

/** Everything we tell people about an event, by notification and by mail. */
export type WebinarNews =
  | 'reminderDay'
  | 'reminderHour'
  | 'offered'
  | 'offerExpired'
  | 'cancelled'
  | 'changed'
  | 'followup'
  | 'staff';

const notificationTypes = {
  reminderDay: 'webinar.reminder',
  reminderHour: 'webinar.reminder',
  offered: 'webinar.offered',
  offerExpired: 'webinar.offer_expired',
  cancelled: 'webinar.cancelled',
  changed: 'webinar.changed',
  followup: 'webinar.followup',
  staff: 'webinar.staff',
} as const satisfies Record<WebinarNews, NotificationType>;

/** What some news adds to the event's id, title and start: a deadline for an offer, a role for staff. */
type NewsExtra<News extends WebinarNews> = News extends 'offered'
  ? { deadline: string }
  : News extends 'cancelled'
    ? { reason?: string }
    : News extends 'staff'
      ? { role: StaffRole }
      : Record<string, never>;

export interface NotifyDeps {
  repository: WebinarsRepository;
  notifications: NotificationService;
  mailer: Mailer;
  publicOrigin: string;
  onMailError: (error: unknown) => void;
}

/** "29. november 2026 kl. 19.00" in the reader's language, in Danish time. */
export function formatWhen(locale: Locale, instant: Date): string {
  const tag = locale === 'da' ? 'da-DK' : 'en-GB';
  const date = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: eventTimeZone }).format(instant);
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone: eventTimeZone }).format(instant);
  return translate(locale, 'webinars.when', { date, time });
}

export const webinarUrl = (publicOrigin: string, id: string) => `${publicOrigin}/events/${id}`;

function mailText(
  news: WebinarNews,
  webinar: WebinarRow,
  locale: Locale,
  extra: Record<string, string>,
  url: string,
): { subject: string; body: string } {
  const where =
    webinar.mode === 'online'
      ? translate(locale, 'webinars.online')
      : translate(locale, 'webinars.mail.where', { location: webinar.location ?? '' });
  const params: Record<string, string> = {
    title: webinar.title,
    when: formatWhen(locale, webinar.startsAt),
    where,
    ...extra,
  };
  if (extra.deadline) params.deadline = formatWhen(locale, new Date(extra.deadline));
  if (extra.role) params.role = translate(locale, `webinars.role.${extra.role}` as MessageKey);
  if (news === 'cancelled')
    params.reason = extra.reason
      ? translate(locale, 'webinars.mail.cancelledReason', { reason: extra.reason })
      : '';
  if (news === 'followup') {
    params.recording = webinar.recordingUrl
      ? translate(locale, 'webinars.mail.followupRecording', { url: webinar.recordingUrl })
      : '';
    params.materials = webinar.materials
      ? translate(locale, 'webinars.mail.followupMaterials', { materials: webinar.materials })
      : '';
  }
  const subject = translate(locale, `webinars.mail.${news}.subject` as MessageKey, params);
  const body = translate(locale, `webinars.mail.${news}.body` as MessageKey, params);
  return { subject, body: `${body}\n\n${translate(locale, 'webinars.mail.link', { url })}` };
}

/**
 * Writes the notifications for some news inside the caller's transaction, and returns what to do after commit:
 * deliver them live and mail each person in their own language.
 */
export async function writeNews<News extends WebinarNews>(
  deps: NotifyDeps,
  news: News,
  webinar: WebinarRow,
  people: Array<{ userId: string; extra?: NewsExtra<News> }>,
  executor: Executor,
): Promise<() => Promise<void>> {
  if (people.length === 0) return async () => {};
  const type: (typeof notificationTypes)[WebinarNews] = notificationTypes[news];
  const rows = await deps.notifications.create(
    people.map((person) =>
      // `NewsExtra` makes the extras fit the news; the compiler cannot follow that through the spread, `create` checks.
      notificationFor(person.userId, type, {
        webinarId: webinar.id,
        title: webinar.title,
        startsAt: webinar.startsAt.toISOString(),
        ...(news === 'reminderDay' ? { kind: 'day' } : news === 'reminderHour' ? { kind: 'hour' } : {}),
        ...person.extra,
      } as NotificationData<typeof type>),
    ),
    executor as never,
  );
  return async () => {
    await deps.notifications.deliver(rows);
    const recipients = await deps.repository.findUsers(people.map((person) => person.userId));
    const byId = new Map(recipients.map((recipient) => [recipient.id, recipient]));
    const url = webinarUrl(deps.publicOrigin, webinar.id);
    for (const person of people) {
      const recipient = byId.get(person.userId);
      if (!recipient) continue;
      const locale = recipient.locale;
      const text = mailText(news, webinar, locale, person.extra ?? {}, url);
      await deps.mailer
        .send({
          to: recipient.email,
          subject: text.subject,
          text: `${translate(locale, 'mail.greeting', { name: recipient.displayName })}\n\n${text.body}\n\n${translate(locale, 'mail.signature')}`,
        })
        .catch((error: unknown) => deps.onMailError(error));
    }
  };
}
