import type { MessageKey, Notification } from '@spejl/shared';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What a mentoring notification says and where it leads; null for types that are not mentoring's. */
export function describeMentoringNotification(
  notification: Notification,
  t: Translate,
): { text: string; href: string | null; linkText?: string } | null {
  const field = (name: string) => {
    const value = notification.data[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  const match = field('matchId') ? `/mentoring/matches/${encodeURIComponent(field('matchId'))}` : null;
  const request = field('requestId')
    ? `/mentoring/coordinator/requests/${encodeURIComponent(field('requestId'))}`
    : null;
  switch (notification.type) {
    case 'mentoring.request_created':
      return { text: t('mentoring.notification.requestCreated'), href: request };
    case 'mentoring.mentor_applied':
      return {
        text: t('mentoring.notification.mentorApplied', { name: field('mentorName') }),
        href: '/mentoring/coordinator/mentors?status=awaiting_approval',
      };
    case 'mentoring.approved':
      return { text: t('mentoring.notification.approved'), href: '/mentoring' };
    case 'mentoring.proposed':
      return { text: t('mentoring.notification.proposed'), href: match };
    case 'mentoring.proposal_withdrawn':
      return { text: t('mentoring.notification.proposalWithdrawn'), href: '/mentoring' };
    case 'mentoring.accepted':
      return { text: t('mentoring.notification.accepted', { name: field('mentorName') }), href: match };
    case 'mentoring.declined':
      return { text: t('mentoring.notification.declined', { name: field('mentorName') }), href: request };
    case 'mentoring.first_contact_overdue':
      return { text: t('mentoring.notification.overdue', { name: field('mentorName') }), href: match };
    case 'mentoring.first_contact_reminder':
      return { text: t('mentoring.notification.reminder'), href: match };
    case 'mentoring.check_in':
      return { text: t('mentoring.notification.checkIn', { weeks: field('weeks') }), href: match };
    case 'mentoring.check_in_hard':
      return { text: t('mentoring.notification.checkInHard'), href: match };
    case 'mentoring.closed':
      return { text: t('mentoring.notification.closed'), href: match };
    case 'mentoring.call_started':
      return {
        text: t('mentoring.notification.callStarted', { name: field('name') }),
        href: match ? `${match}/conversation` : null,
        linkText: t('mentoring.notification.joinCall'),
      };
    default:
      return null;
  }
}
