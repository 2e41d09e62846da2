import type { MessageKey, ModerationAction, NotificationType } from '@spejl/shared';
import type {
  NotificationDescribers,
  ShownNotification,
  Translate,
} from '../notifications/notification-text.ts';
import { outcomeKeys } from './labels.ts';

type ModerationType = Extract<
  NotificationType,
  `moderation.${string}` | 'report.resolved' | 'appeal.decided'
>;
/** The fields moderation notifications share, each optional: not every type has every one. */
type Where = {
  space?: 'mentorship' | 'direct';
  groupId?: string | null;
  groupName?: string | null;
  action?: ModerationAction;
};

/**
 * These lead to a decision, a report or a case, not to the group, so the link always says where. A mentorship's
 * conversation is named as such: its group name says nothing, and only the pair may open it. So is a direct
 * conversation, which is opened at /messages.
 */
function shown(
  data: Where,
  t: Translate,
  key: MessageKey,
  href: string | null,
  linkText: MessageKey,
  reason: string | null,
): ShownNotification {
  const groupName =
    data.space === 'mentorship'
      ? t('moderation.mentoring.conversation')
      : data.space === 'direct'
        ? t('direct.moderation.place')
        : data.groupName || t('notification.someGroup');
  const outcome = data.action ? t(outcomeKeys[data.action]) : '';
  return {
    text: t(key, { group: groupName, action: outcome }),
    reason,
    href,
    groupName,
    linkText: t(linkText),
  };
}

const decisionHref = (actionId: string | null) =>
  actionId ? `/decisions/${encodeURIComponent(actionId)}` : '/decisions';
const caseHref = (itemId: string) => `/moderation/items/${encodeURIComponent(itemId)}`;

/** What each moderation notification says and where it leads. */
export const moderationNotificationTexts: NotificationDescribers<ModerationType> = {
  'moderation.action': (data, t) => {
    if (data.action === 'dismiss')
      return shown(
        data,
        t,
        'notification.moderationRestored',
        data.groupId
          ? `/${data.space === 'direct' ? 'messages' : 'groups'}/${encodeURIComponent(data.groupId)}`
          : null,
        'moderation.notification.toGroup',
        null,
      );
    // Only an appealable decision invites an appeal (a paused mentor or a closed mentorship cannot be appealed).
    return shown(
      data,
      t,
      !data.groupId
        ? 'notification.moderationActionPlatform'
        : data.appealableUntil
          ? 'notification.moderationAction'
          : 'notification.moderationActionNoAppeal',
      decisionHref(data.actionId),
      'moderation.notification.toDecision',
      data.reason || null,
    );
  },
  'report.resolved': (data, t) =>
    shown(
      data,
      t,
      data.outcome === 'upheld'
        ? 'notification.reportResolvedUpheld'
        : 'notification.reportResolvedDismissed',
      '/reports',
      'moderation.notification.toReports',
      null,
    ),
  'moderation.self_harm': (data, t) =>
    shown(
      data,
      t,
      'notification.moderationSelfHarm',
      caseHref(data.itemId),
      'moderation.notification.toCase',
      null,
    ),
  'moderation.escalated': (data, t) =>
    shown(
      data,
      t,
      'notification.moderationEscalated',
      caseHref(data.itemId),
      'moderation.notification.toCase',
      null,
    ),
  'moderation.support': (data, t) =>
    shown(
      data,
      t,
      'notification.moderationSupport',
      `/support?group=${encodeURIComponent(data.groupId)}`,
      'moderation.support.link',
      null,
    ),
  'moderation.appeal': (data, t) =>
    shown(
      data,
      t,
      'notification.appealReceived',
      data.scope === 'mentoring'
        ? '/moderation/mentoring/appeals'
        : data.scope !== 'platform' && data.groupId
          ? `/moderation/groups/${encodeURIComponent(data.groupId)}/appeals`
          : '/moderation/platform/appeals',
      'moderation.notification.toAppeals',
      null,
    ),
  'appeal.decided': (data, t) =>
    shown(
      data,
      t,
      data.outcome === 'overturned' ? 'notification.appealOverturned' : 'notification.appealUpheld',
      decisionHref(data.actionId),
      'moderation.notification.toDecision',
      data.reason || null,
    ),
};
