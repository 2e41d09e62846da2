import type { MessageKey, NotificationType } from '@spejl/shared';
import { i18n } from '../i18n/i18n.svelte.ts';
import type {
  NotificationDescribers,
  ShownNotification,
  Translate,
} from '../notifications/notification-text.ts';
import { roomRoleKeys } from './labels.ts';

type WebinarType = Extract<NotificationType, `webinar.${string}`>;
type WebinarData = { webinarId: string; title: string; startsAt: string; reason?: string };

/** What an event notification says, and the event page it leads to. */
function shown(
  data: WebinarData,
  t: Translate,
  key: MessageKey,
  params: Record<string, string> = {},
): ShownNotification {
  const when = data.startsAt ? i18n.formatDateTime(data.startsAt) : '';
  return {
    text: t(key, { title: data.title, when, ...params }),
    reason: data.reason || null,
    href: data.webinarId ? `/events/${encodeURIComponent(data.webinarId)}` : null,
    groupName: data.title,
  };
}

/** What each event notification (`webinar.*`) says. */
export const webinarNotificationTexts: NotificationDescribers<WebinarType> = {
  'webinar.reminder': (data, t) =>
    shown(
      data,
      t,
      data.kind === 'hour' ? 'notification.webinarReminderHour' : 'notification.webinarReminderDay',
    ),
  'webinar.offered': (data, t) =>
    shown(data, t, 'notification.webinarOffered', {
      deadline: data.deadline ? i18n.formatDateTime(data.deadline) : '',
    }),
  'webinar.offer_expired': (data, t) => shown(data, t, 'notification.webinarOfferExpired'),
  'webinar.cancelled': (data, t) => shown(data, t, 'notification.webinarCancelled'),
  'webinar.changed': (data, t) => shown(data, t, 'notification.webinarChanged'),
  'webinar.followup': (data, t) => shown(data, t, 'notification.webinarFollowup'),
  'webinar.staff': (data, t) =>
    shown(data, t, 'notification.webinarStaff', { role: t(roomRoleKeys[data.role]) }),
};

/** An event notification of a type this version of the app does not know (a newer server): every field is checked. */
export function describeUnknownWebinarNotification(data: unknown, t: Translate): ShownNotification {
  const fields: Record<string, unknown> = typeof data === 'object' && data !== null ? { ...data } : {};
  const text = (name: string) => {
    const value = fields[name];
    return typeof value === 'string' ? value : '';
  };
  const known = {
    webinarId: text('webinarId'),
    title: text('title'),
    startsAt: text('startsAt'),
    reason: text('reason'),
  };
  return shown(known, t, 'notification.webinarGeneric');
}
