import type { MessageKey, Notification } from '@spejl/shared';
import { i18n } from '../i18n/i18n.svelte.ts';
import { roomRoleKeys } from './labels.ts';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What an event notification (`webinar.*`) says, and the event page it leads to. */
export function describeWebinarNotification(notification: Notification, t: Translate) {
  const field = (name: string) => {
    const value = notification.data[name];
    return typeof value === 'string' ? value : '';
  };
  const title = field('title');
  const webinarId = field('webinarId');
  const startsAt = field('startsAt');
  const when = startsAt ? i18n.formatDateTime(startsAt) : '';
  const href = webinarId ? `/events/${encodeURIComponent(webinarId)}` : null;
  const shown = (key: MessageKey, params: Record<string, string> = {}) => ({
    text: t(key, { title, when, ...params }),
    reason: field('reason') || null,
    href,
    groupName: title,
  });
  switch (notification.type) {
    case 'webinar.reminder':
      return shown(
        field('kind') === 'hour' ? 'notification.webinarReminderHour' : 'notification.webinarReminderDay',
      );
    case 'webinar.offered': {
      const deadline = field('deadline');
      return shown('notification.webinarOffered', {
        deadline: deadline ? i18n.formatDateTime(deadline) : '',
      });
    }
    case 'webinar.offer_expired':
      return shown('notification.webinarOfferExpired');
    case 'webinar.cancelled':
      return shown('notification.webinarCancelled');
    case 'webinar.changed':
      return shown('notification.webinarChanged');
    case 'webinar.followup':
      return shown('notification.webinarFollowup');
    case 'webinar.staff': {
      const role = field('role');
      return shown('notification.webinarStaff', {
        role: role === 'host' || role === 'presenter' ? t(roomRoleKeys[role]) : role,
      });
    }
    default:
      return shown('notification.webinarGeneric');
  }
}
