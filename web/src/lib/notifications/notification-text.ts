import type { MessageKey, Notification } from '@spejl/shared';
import { groupRoleKeys } from '../groups/labels.ts';
import { describeMentoringNotification } from '../mentoring/notification-text.ts';
import { describeWebinarNotification } from '../webinars/notification-text.ts';
import { describeModerationNotification } from '../moderation/notification-text.ts';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
export type ShownNotification = {
  text: string;
  reason: string | null;
  href: string | null;
  groupName: string;
  /** The link's text when it does not lead to the group. */
  linkText?: string;
};

/** What a notification says and where it leads. `data` is loosely typed on the wire, so every field is checked. */
export function describeNotification(notification: Notification, t: Translate): ShownNotification {
  const field = (name: string) => {
    const value = notification.data[name];
    return typeof value === 'string' ? value : '';
  };
  const groupName = field('groupName') || t('notification.someGroup');
  const groupId = field('groupId');
  // A direct conversation is a group underneath, opened at /messages.
  const groupHref = groupId
    ? `/${field('space') === 'direct' ? 'messages' : 'groups'}/${encodeURIComponent(groupId)}`
    : null;
  const shown = (
    key: MessageKey,
    params: Record<string, string> = {},
    href = groupHref,
  ): ShownNotification => ({
    text: t(key, { group: groupName, ...params }),
    reason: field('reason') || null,
    href,
    groupName,
  });

  switch (notification.type) {
    case 'join_request.approved':
      return shown('notification.joinRequestApproved');
    case 'join_request.declined':
      return shown('notification.joinRequestDeclined');
    case 'join_request.created':
      return shown(
        'notification.joinRequestCreated',
        { name: field('requesterName') },
        groupHref && `${groupHref}/requests`,
      );
    case 'membership.added':
      return shown('notification.membershipAdded');
    case 'membership.removed':
      // The group may be hidden from them now; a link would lead to "not found".
      return shown('notification.membershipRemoved', {}, null);
    case 'membership.role_changed': {
      const role = field('role');
      const known = Object.hasOwn(groupRoleKeys, role);
      return shown('notification.membershipRoleChanged', {
        role: (known ? t(groupRoleKeys[role as keyof typeof groupRoleKeys]) : role).toLowerCase(),
      });
    }
    case 'mention':
      return shown('notification.mention', { name: field('authorName') });
    case 'reply':
      return shown('notification.reply', { name: field('authorName') });
    case 'direct.request':
    case 'direct.accepted': {
      const conversationId = field('conversationId');
      return {
        text: t(
          notification.type === 'direct.request'
            ? 'notification.directRequest'
            : 'notification.directAccepted',
          { name: field('name') || t('direct.someone') },
        ),
        reason: null,
        href: conversationId ? `/messages/${encodeURIComponent(conversationId)}` : '/messages',
        groupName: t('direct.title'),
        linkText: t('direct.notification.toConversation'),
      };
    }
    case 'privacy.export_ready': {
      const url = field('url');
      // Only our own download path is followed, whatever the stored data says.
      const path = url ? new URL(url, 'http://x').pathname : '';
      return {
        text: t('privacy.exportReady'),
        reason: null,
        href: path.startsWith('/api/me/exports/') ? path : null,
        groupName,
      };
    }
    default: {
      const mentoring = describeMentoringNotification(notification, t);
      if (mentoring) return { ...mentoring, reason: null, groupName: t('mentoring.notification.target') };
      if (notification.type.startsWith('webinar.')) return describeWebinarNotification(notification, t);
      const moderation = describeModerationNotification(notification, t);
      if (moderation) return moderation;
      return { text: t('notification.other'), reason: null, href: null, groupName };
    }
  }
}
