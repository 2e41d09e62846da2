import {
  type Locale,
  type MessageKey,
  type NotificationDataMap,
  type NotificationPayload,
  type NotificationType,
  type PushPayload,
  translate,
} from '@spejl/shared';

/**
 * What a push says about one notification. `neutral` is the title without previews: "Ny aktivitet i Spejl", or
 * "Ny besked i <gruppe>" for a message in a group (what the issue allows on a lock screen). `preview` is the title
 * for someone who chose previews: the in-app sentence, who and where. Neither ever holds what anyone wrote, nor a
 * moderator's reasons. `url` is the page the in-app notification leads to (web/src/lib/notifications).
 */
interface Shown {
  url: string;
  tag?: string;
  neutral?: string;
  preview: string;
}
type Describer<Type extends NotificationType> = (data: NotificationDataMap[Type], locale: Locale) => Shown;

const part = encodeURIComponent;
const groupName = (name: string | null | undefined, locale: Locale) =>
  name || translate(locale, 'notification.someGroup');
const groupPage = (data: { groupId: string; groupSlug?: string }) =>
  `/groups/${part(data.groupSlug || data.groupId)}`;
const conversationTag = (groupId: string) => `conversation:${groupId}`;

function chat(key: 'notification.mention' | 'notification.reply'): Describer<'mention' | 'reply'> {
  return (data, locale) => {
    const group = groupName(data.groupName, locale);
    const direct = data.space === 'direct';
    return {
      url: direct
        ? `/messages/${part(data.groupId)}`
        : `${groupPage(data)}/chat?message=${part(data.messageId)}`,
      tag: conversationTag(data.groupId),
      // A direct conversation's group has no name worth showing; the other person's name is a preview.
      neutral: direct
        ? translate(locale, 'push.title.message')
        : translate(locale, 'push.title.messageIn', { group }),
      preview: translate(locale, key, { group, name: data.authorName }),
    };
  };
}

function direct(key: MessageKey): Describer<'direct.request' | 'direct.accepted'> {
  return (data, locale) => ({
    url: data.conversationId ? `/messages/${part(data.conversationId)}` : '/messages',
    tag: conversationTag(data.conversationId),
    neutral: translate(locale, 'push.title.message'),
    preview: translate(locale, key, { name: data.name || translate(locale, 'direct.someone') }),
  });
}

const matchPage = (matchId: string) => (matchId ? `/mentoring/matches/${part(matchId)}` : '/mentoring');
const requestPage = (requestId: string) =>
  requestId ? `/mentoring/coordinator/requests/${part(requestId)}` : '/mentoring/coordinator';
function mentoring<Type extends Extract<NotificationType, `mentoring.${string}`>>(
  key: MessageKey,
  url: (data: NotificationDataMap[Type]) => string,
  params: (data: NotificationDataMap[Type]) => Record<string, string> = () => ({}),
): Describer<Type> {
  return (data, locale) => ({ url: url(data), preview: translate(locale, key, params(data)) });
}

function event(data: { webinarId: string; title: string }, locale: Locale): Shown {
  return {
    url: data.webinarId ? `/events/${part(data.webinarId)}` : '/events',
    tag: `event:${data.webinarId}`,
    preview: translate(locale, 'push.title.event', { title: data.title }),
  };
}

/** Moderation says where to look, never why: reasons and the moderators' words stay in the app. */
const moderation = (url: string, locale: Locale): Shown => ({
  url,
  preview: translate(locale, 'push.title.moderation'),
});
const decisionPage = (actionId: string | null) => (actionId ? `/decisions/${part(actionId)}` : '/decisions');
const casePage = (itemId: string) => `/moderation/items/${part(itemId)}`;

/** Every type, and what its push says; a type missing here does not compile. */
const describers: { [Type in NotificationType]: Describer<Type> } = {
  mention: chat('notification.mention'),
  reply: chat('notification.reply'),
  'join_request.created': (data, locale) => ({
    url: `/groups/${part(data.groupId)}/requests`,
    preview: translate(locale, 'notification.joinRequestCreated', {
      group: groupName(data.groupName, locale),
      name: data.requesterName,
    }),
  }),
  'join_request.approved': (data, locale) => ({
    url: groupPage(data),
    preview: translate(locale, 'notification.joinRequestApproved', {
      group: groupName(data.groupName, locale),
    }),
  }),
  'join_request.declined': (data, locale) => ({
    url: '/notifications',
    preview: translate(locale, 'notification.joinRequestDeclined', {
      group: groupName(data.groupName, locale),
    }),
  }),
  'membership.added': (data, locale) => ({
    url: groupPage(data),
    preview: translate(locale, 'notification.membershipAdded', { group: groupName(data.groupName, locale) }),
  }),
  // The group may be hidden from them now: the notification list, not the group.
  'membership.removed': (data, locale) => ({
    url: '/notifications',
    preview: translate(locale, 'notification.membershipRemoved', {
      group: groupName(data.groupName, locale),
    }),
  }),
  'membership.role_changed': (data, locale) => ({
    url: groupPage(data),
    preview: translate(locale, 'push.title.roleChanged', { group: groupName(data.groupName, locale) }),
  }),
  'direct.request': direct('notification.directRequest'),
  'direct.accepted': direct('notification.directAccepted'),
  'privacy.export_ready': (_data, locale) => ({
    url: '/notifications',
    preview: translate(locale, 'privacy.exportReady'),
  }),
  'mentoring.request_created': mentoring('mentoring.notification.requestCreated', (data) =>
    requestPage(data.requestId),
  ),
  'mentoring.mentor_applied': mentoring(
    'mentoring.notification.mentorApplied',
    () => '/mentoring/coordinator/mentors?status=awaiting_approval',
    (data) => ({ name: data.mentorName }),
  ),
  'mentoring.approved': mentoring('mentoring.notification.approved', () => '/mentoring'),
  'mentoring.proposed': mentoring('mentoring.notification.proposed', (data) => matchPage(data.matchId)),
  'mentoring.proposal_withdrawn': mentoring('mentoring.notification.proposalWithdrawn', () => '/mentoring'),
  'mentoring.accepted': mentoring(
    'mentoring.notification.accepted',
    (data) => matchPage(data.matchId),
    (data) => ({ name: data.mentorName }),
  ),
  'mentoring.declined': mentoring(
    'mentoring.notification.declined',
    (data) => requestPage(data.requestId),
    (data) => ({ name: data.mentorName }),
  ),
  'mentoring.first_contact_overdue': mentoring(
    'mentoring.notification.overdue',
    (data) => matchPage(data.matchId),
    (data) => ({ name: data.mentorName }),
  ),
  'mentoring.first_contact_reminder': mentoring('mentoring.notification.reminder', (data) =>
    matchPage(data.matchId),
  ),
  'mentoring.check_in': mentoring(
    'mentoring.notification.checkIn',
    (data) => matchPage(data.matchId),
    (data) => ({ weeks: String(data.weeks) }),
  ),
  'mentoring.check_in_hard': mentoring('mentoring.notification.checkInHard', (data) =>
    matchPage(data.matchId),
  ),
  'mentoring.closed': mentoring('mentoring.notification.closed', (data) => matchPage(data.matchId)),
  'mentoring.call_started': (data, locale) => ({
    url: data.matchId ? `${matchPage(data.matchId)}/conversation` : '/mentoring',
    tag: `call:${data.matchId}`,
    neutral: translate(locale, 'push.title.call'),
    preview: translate(locale, 'mentoring.notification.callStarted', { name: data.name }),
  }),
  'webinar.reminder': event,
  'webinar.offered': event,
  'webinar.offer_expired': event,
  'webinar.cancelled': event,
  'webinar.changed': event,
  'webinar.followup': event,
  'webinar.staff': event,
  'programme.step_reminder': (data, locale) => ({
    url: data.programmeId ? `/programmes/${part(data.programmeId)}` : '/programmes',
    tag: `programme:${data.programmeId}`,
    preview: translate(locale, 'notification.programmeStepReminder', {
      programme: data.programmeTitle,
      step: data.stepTitle,
    }),
  }),
  'moderation.action': (data, locale) =>
    moderation(
      data.action === 'dismiss' && data.groupId
        ? `/${data.space === 'direct' ? 'messages' : 'groups'}/${part(data.groupId)}`
        : decisionPage(data.actionId),
      locale,
    ),
  'report.resolved': (_data, locale) => moderation('/reports', locale),
  'moderation.escalated': (data, locale) => moderation(casePage(data.itemId), locale),
  'moderation.self_harm': (data, locale) => moderation(casePage(data.itemId), locale),
  'moderation.support': (data, locale) => moderation(`/support?group=${part(data.groupId)}`, locale),
  'moderation.appeal': (data, locale) =>
    moderation(
      data.scope === 'mentoring'
        ? '/moderation/mentoring/appeals'
        : data.scope !== 'platform' && data.groupId
          ? `/moderation/groups/${part(data.groupId)}/appeals`
          : '/moderation/platform/appeals',
      locale,
    ),
  'appeal.decided': (data, locale) => moderation(decisionPage(data.actionId), locale),
};

function describe<Type extends NotificationType>(
  notification: { type: Type; data: NotificationDataMap[Type] },
  locale: Locale,
): Shown {
  const describer: Describer<Type> = describers[notification.type];
  return describer(notification.data, locale);
}

const clip = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text;

/** The push for a stored notification, in the recipient's language, with or without previews. */
export function notificationPush(
  notification: NotificationPayload & { id: string },
  options: { locale: Locale; previews: boolean },
): PushPayload {
  const shown = describe(notification, options.locale);
  const title = options.previews
    ? shown.preview
    : (shown.neutral ?? translate(options.locale, 'push.title.activity'));
  return {
    v: 1,
    title: clip(title, 200),
    url: clip(shown.url, 500),
    tag: clip(shown.tag ?? `notification:${notification.id}`, 100),
    notificationId: notification.id,
  };
}

/**
 * The push for a new message in a direct or mentorship conversation (not a stored notification): "Ny besked", or
 * with previews who wrote it. One tag per conversation, so a device shows one notification for it.
 */
export function conversationMessagePush(
  message: { kind: 'direct' | 'mentorship'; groupId: string; matchId: string | null; authorName: string },
  options: { locale: Locale; previews: boolean },
): PushPayload {
  const url =
    message.kind === 'direct'
      ? `/messages/${part(message.groupId)}`
      : message.matchId
        ? `/mentoring/matches/${part(message.matchId)}/conversation`
        : '/mentoring';
  return {
    v: 1,
    title: clip(
      options.previews
        ? translate(options.locale, 'push.title.messageFrom', { name: message.authorName })
        : translate(options.locale, 'push.title.message'),
      200,
    ),
    url,
    tag: conversationTag(message.groupId),
  };
}
