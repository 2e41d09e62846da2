import type { MessageKey, Notification, NotificationDataMap, NotificationType } from '@spejl/shared';
import { groupRoleKeys } from '../groups/labels.ts';
import { mentoringNotificationTexts } from '../mentoring/notification-text.ts';
import { moderationNotificationTexts } from '../moderation/notification-text.ts';
import { programmeNotificationTexts } from '../programmes/notification-text.ts';
import {
  describeUnknownWebinarNotification,
  webinarNotificationTexts,
} from '../webinars/notification-text.ts';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
export type ShownNotification = {
  text: string;
  reason: string | null;
  href: string | null;
  groupName: string;
  /** The link's text when it does not lead to the group. */
  linkText?: string;
};
/** What one type of notification says and where it leads, from that type's data. */
export type NotificationDescriber<Type extends NotificationType> = (
  data: NotificationDataMap[Type],
  t: Translate,
) => ShownNotification;
/** A describer for each of some types; every domain has its table. */
export type NotificationDescribers<Types extends NotificationType> = {
  [Type in Types]: NotificationDescriber<Type>;
};

type GroupData = { groupId: string; groupName: string; space?: 'direct'; reason?: string | null };

/** A notification about a group: its name, and its page (a direct conversation is a group opened at /messages). */
function aboutGroup(
  data: GroupData,
  t: Translate,
  key: MessageKey,
  params: Record<string, string> = {},
  href: (groupHref: string) => string | null = (groupHref) => groupHref,
): ShownNotification {
  const groupName = data.groupName || t('notification.someGroup');
  const groupHref = data.groupId
    ? `/${data.space === 'direct' ? 'messages' : 'groups'}/${encodeURIComponent(data.groupId)}`
    : null;
  return {
    text: t(key, { group: groupName, ...params }),
    reason: data.reason || null,
    href: groupHref && href(groupHref),
    groupName,
  };
}

function direct(key: MessageKey): NotificationDescriber<'direct.request' | 'direct.accepted'> {
  return (data, t) => ({
    text: t(key, { name: data.name || t('direct.someone') }),
    reason: null,
    href: data.conversationId ? `/messages/${encodeURIComponent(data.conversationId)}` : '/messages',
    groupName: t('direct.title'),
    linkText: t('direct.notification.toConversation'),
  });
}

/** Every type and what it says; a type missing here does not compile. */
const describers: NotificationDescribers<NotificationType> = {
  'join_request.approved': (data, t) => aboutGroup(data, t, 'notification.joinRequestApproved'),
  'join_request.declined': (data, t) => aboutGroup(data, t, 'notification.joinRequestDeclined'),
  'join_request.created': (data, t) =>
    aboutGroup(
      data,
      t,
      'notification.joinRequestCreated',
      { name: data.requesterName },
      (groupHref) => `${groupHref}/requests`,
    ),
  'membership.added': (data, t) => aboutGroup(data, t, 'notification.membershipAdded'),
  // The group may be hidden from them now; a link would lead to "not found".
  'membership.removed': (data, t) => aboutGroup(data, t, 'notification.membershipRemoved', {}, () => null),
  'membership.role_changed': (data, t) =>
    aboutGroup(data, t, 'notification.membershipRoleChanged', {
      role: t(groupRoleKeys[data.role]).toLowerCase(),
    }),
  mention: (data, t) => aboutGroup(data, t, 'notification.mention', { name: data.authorName }),
  reply: (data, t) => aboutGroup(data, t, 'notification.reply', { name: data.authorName }),
  'direct.request': direct('notification.directRequest'),
  'direct.accepted': direct('notification.directAccepted'),
  'privacy.export_ready': (data, t) => {
    // Only our own download path is followed, whatever the stored data says.
    const path = data.url ? new URL(data.url, 'http://x').pathname : '';
    return {
      text: t('privacy.exportReady'),
      reason: null,
      href: path.startsWith('/api/me/exports/') ? path : null,
      groupName: t('notification.someGroup'),
    };
  },
  ...mentoringNotificationTexts,
  ...webinarNotificationTexts,
  ...moderationNotificationTexts,
  ...programmeNotificationTexts,
};

function describe<Type extends NotificationType>(
  notification: { type: Type; data: NotificationDataMap[Type] },
  t: Translate,
): ShownNotification {
  const describer: NotificationDescriber<Type> = describers[notification.type];
  return describer(notification.data, t);
}

/**
 * What a notification says and where it leads. The server sends only data that fits its type; an app older than
 * the server (a cached one) may still meet a type it does not know, which gets a general text rather than break
 * the list.
 */
export function describeNotification(notification: Notification, t: Translate): ShownNotification {
  const type: string = notification.type;
  if (Object.hasOwn(describers, type)) {
    try {
      return describe(notification, t);
    } catch {
      // Data of another version's shape: the general text below.
    }
  }
  if (type.startsWith('webinar.')) return describeUnknownWebinarNotification(notification.data, t);
  return { text: t('notification.other'), reason: null, href: null, groupName: t('notification.someGroup') };
}
