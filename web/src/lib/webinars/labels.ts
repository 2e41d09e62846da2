import type { MessageKey, RegistrationStatus, RoomRole, Webinar, WebinarMode } from '@spejl/shared';
import { i18n, t } from '../i18n/i18n.svelte.ts';

// Value lists live next to their zod schemas in @spejl/shared; these maps are typed against the same types, so a
// new value fails the web's type check until it has a label.

export const modeKeys = {
  online: 'events.mode.online',
  in_person: 'events.mode.in_person',
  hybrid: 'events.mode.hybrid',
} as const satisfies Record<WebinarMode, MessageKey>;

export const registrationStatusKeys = {
  registered: 'events.status.registered',
  waitlisted: 'events.status.waitlisted',
  offered: 'events.status.offered',
  cancelled: 'events.status.cancelled',
} as const satisfies Record<RegistrationStatus, MessageKey>;

export const roomRoleKeys = {
  host: 'webinars.role.host',
  presenter: 'webinars.role.presenter',
  attendee: 'webinars.role.attendee',
} as const satisfies Record<RoomRole, MessageKey>;

/** "For members of Cystisk fibrose", "For everyone on Spejl". */
export function audienceText(webinar: Webinar): string {
  if (webinar.audience === 'group') return t('events.audience.group', { name: webinar.group?.name ?? '' });
  if (webinar.audience === 'organisation')
    return t('events.audience.organisation', { name: webinar.organisation?.name ?? '' });
  return t('events.audience.platform');
}

const sameDay = (a: string, b: string) => i18n.formatDate(a) === i18n.formatDate(b);

/** "3. december 2026 kl. 19.00 til 20.30" in Danish time; the end's date only when it is another day. */
export function timeRange(webinar: Pick<Webinar, 'startsAt' | 'endsAt'>): string {
  const end = sameDay(webinar.startsAt, webinar.endsAt)
    ? i18n.formatTime(webinar.endsAt)
    : i18n.formatDateTime(webinar.endsAt);
  return t('events.time', { start: i18n.formatDateTime(webinar.startsAt), end });
}

/** The one badge that says where the reader stands with an event. */
export function standing(webinar: Webinar): { key: MessageKey; tone: 'on' | 'off' | 'pending' } | null {
  if (webinar.status === 'cancelled') return { key: 'events.status.cancelled', tone: 'off' };
  if (webinar.myRoomRole === 'host') return { key: 'events.status.host', tone: 'on' };
  if (webinar.myRoomRole === 'presenter') return { key: 'events.status.presenter', tone: 'on' };
  const status = webinar.myRegistration?.status;
  if (status === 'registered') return { key: 'events.status.registered', tone: 'on' };
  if (status === 'offered') return { key: 'events.status.offered', tone: 'pending' };
  if (status === 'waitlisted') return { key: 'events.status.waitlisted', tone: 'pending' };
  if (webinar.seatsLeft === 0) return { key: 'events.status.full', tone: 'off' };
  return null;
}

/** The day of the month and the short month name of an instant in Danish time, for a calendar-leaf badge. */
export function calendarLeaf(iso: string): { day: string; month: string } {
  const tag = i18n.locale === 'da' ? 'da-DK' : 'en-GB';
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(tag, { ...options, timeZone: 'Europe/Copenhagen' }).format(new Date(iso));
  return { day: format({ day: 'numeric' }), month: format({ month: 'short' }).replace('.', '') };
}
