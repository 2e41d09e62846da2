import type { MessageKey, ModerationAction, Notification } from '@spejl/shared';
import { outcomeKeys } from './labels.ts';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
export type ModerationNotificationText = {
  text: string;
  reason: string | null;
  href: string | null;
  groupName: string;
  /** What the link says: these lead to a decision, a report or a case, not to the group. */
  linkText: string;
};

/** What a moderation notification says and where it leads; null for other types. Every field is checked. */
export function describeModerationNotification(
  notification: Notification,
  t: Translate,
): ModerationNotificationText | null {
  const field = (name: string) => {
    const value = notification.data[name];
    return typeof value === 'string' ? value : '';
  };
  // A mentorship's conversation is named as such: its group name says nothing, and only the pair may open it. So
  // is a direct conversation, which is opened at /messages.
  const mentorship = field('space') === 'mentorship';
  const direct = field('space') === 'direct';
  const groupName = mentorship
    ? t('moderation.mentoring.conversation')
    : direct
      ? t('direct.moderation.place')
      : field('groupName') || t('notification.someGroup');
  const groupId = field('groupId');
  const action = field('action');
  const outcome = Object.hasOwn(outcomeKeys, action) ? t(outcomeKeys[action as ModerationAction]) : action;
  const shown = (
    key: MessageKey,
    href: string | null,
    linkText: MessageKey,
    reason: string | null = field('reason') || null,
  ) => ({
    text: t(key, { group: groupName, action: outcome }),
    reason,
    href,
    groupName,
    linkText: t(linkText),
  });

  switch (notification.type) {
    case 'moderation.action':
      if (action === 'dismiss')
        return shown(
          'notification.moderationRestored',
          groupId ? `/${direct ? 'messages' : 'groups'}/${encodeURIComponent(groupId)}` : null,
          'moderation.notification.toGroup',
          null,
        );
      // Only an appealable decision invites an appeal (a paused mentor or a closed mentorship cannot be appealed).
      return shown(
        !groupId
          ? 'notification.moderationActionPlatform'
          : field('appealableUntil')
            ? 'notification.moderationAction'
            : 'notification.moderationActionNoAppeal',
        field('actionId') ? `/decisions/${encodeURIComponent(field('actionId'))}` : '/decisions',
        'moderation.notification.toDecision',
      );
    case 'report.resolved':
      return shown(
        field('outcome') === 'upheld'
          ? 'notification.reportResolvedUpheld'
          : 'notification.reportResolvedDismissed',
        '/reports',
        'moderation.notification.toReports',
        null,
      );
    case 'moderation.self_harm':
      return shown(
        'notification.moderationSelfHarm',
        `/moderation/items/${encodeURIComponent(field('itemId'))}`,
        'moderation.notification.toCase',
        null,
      );
    case 'moderation.escalated':
      return shown(
        'notification.moderationEscalated',
        `/moderation/items/${encodeURIComponent(field('itemId'))}`,
        'moderation.notification.toCase',
        null,
      );
    case 'moderation.support':
      return shown(
        'notification.moderationSupport',
        `/support?group=${encodeURIComponent(groupId)}`,
        'moderation.support.link',
        null,
      );
    case 'moderation.appeal':
      return shown(
        'notification.appealReceived',
        field('scope') === 'mentoring'
          ? '/moderation/mentoring/appeals'
          : field('scope') !== 'platform' && groupId
            ? `/moderation/groups/${encodeURIComponent(groupId)}/appeals`
            : '/moderation/platform/appeals',
        'moderation.notification.toAppeals',
        null,
      );
    case 'appeal.decided':
      return shown(
        field('outcome') === 'overturned' ? 'notification.appealOverturned' : 'notification.appealUpheld',
        field('actionId') ? `/decisions/${encodeURIComponent(field('actionId'))}` : '/decisions',
        'moderation.notification.toDecision',
      );
    default:
      return null;
  }
}
