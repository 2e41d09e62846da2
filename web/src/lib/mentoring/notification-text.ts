import type { MessageKey, NotificationType } from '@spejl/shared';
import type {
  NotificationDescribers,
  ShownNotification,
  Translate,
} from '../notifications/notification-text.ts';

type MentoringType = Extract<NotificationType, `mentoring.${string}`>;

/** A mentoring notification names the mentorship, never a group. */
function shown(t: Translate, text: string, href: string | null, linkText?: MessageKey): ShownNotification {
  return {
    text,
    reason: null,
    href,
    groupName: t('mentoring.notification.target'),
    ...(linkText ? { linkText: t(linkText) } : {}),
  };
}

const matchHref = (matchId: string) => (matchId ? `/mentoring/matches/${encodeURIComponent(matchId)}` : null);
const requestHref = (requestId: string) =>
  requestId ? `/mentoring/coordinator/requests/${encodeURIComponent(requestId)}` : null;

/** What each mentoring notification says and where it leads. */
export const mentoringNotificationTexts: NotificationDescribers<MentoringType> = {
  'mentoring.request_created': (data, t) =>
    shown(t, t('mentoring.notification.requestCreated'), requestHref(data.requestId)),
  'mentoring.mentor_applied': (data, t) =>
    shown(
      t,
      t('mentoring.notification.mentorApplied', { name: data.mentorName }),
      '/mentoring/coordinator/mentors?status=awaiting_approval',
    ),
  'mentoring.approved': (_data, t) => shown(t, t('mentoring.notification.approved'), '/mentoring'),
  'mentoring.proposed': (data, t) => shown(t, t('mentoring.notification.proposed'), matchHref(data.matchId)),
  'mentoring.proposal_withdrawn': (_data, t) =>
    shown(t, t('mentoring.notification.proposalWithdrawn'), '/mentoring'),
  'mentoring.accepted': (data, t) =>
    shown(t, t('mentoring.notification.accepted', { name: data.mentorName }), matchHref(data.matchId)),
  'mentoring.declined': (data, t) =>
    shown(t, t('mentoring.notification.declined', { name: data.mentorName }), requestHref(data.requestId)),
  'mentoring.first_contact_overdue': (data, t) =>
    shown(t, t('mentoring.notification.overdue', { name: data.mentorName }), matchHref(data.matchId)),
  'mentoring.first_contact_reminder': (data, t) =>
    shown(t, t('mentoring.notification.reminder'), matchHref(data.matchId)),
  'mentoring.check_in': (data, t) =>
    shown(t, t('mentoring.notification.checkIn', { weeks: String(data.weeks) }), matchHref(data.matchId)),
  'mentoring.check_in_hard': (data, t) =>
    shown(t, t('mentoring.notification.checkInHard'), matchHref(data.matchId)),
  'mentoring.closed': (data, t) => shown(t, t('mentoring.notification.closed'), matchHref(data.matchId)),
  'mentoring.call_started': (data, t) => {
    const match = matchHref(data.matchId);
    return shown(
      t,
      t('mentoring.notification.callStarted', { name: data.name }),
      match ? `${match}/conversation` : null,
      'mentoring.notification.joinCall',
    );
  },
};
