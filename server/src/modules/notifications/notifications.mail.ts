import {
  type Locale,
  type MessageKey,
  type NotificationDataMap,
  type NotificationType,
  translate,
} from '@spejl/shared';

/** A mail for one notification, in the recipient's language; null when the type is never mailed. */
export type NotificationMail = { subject: string; body: string };

type MailContext = { locale: Locale; publicOrigin: string };
type MailRenderer<Type extends NotificationType> = (
  data: NotificationDataMap[Type],
  context: MailContext,
) => NotificationMail;

/** The group a notification is about: its name (or "a group") and its page. */
function groupOf(data: { groupName: string; groupId: string; groupSlug?: string }, context: MailContext) {
  const group = data.groupName || translate(context.locale, 'notification.someGroup');
  const groupRef = data.groupSlug || data.groupId;
  return { group, url: `${context.publicOrigin}/groups/${encodeURIComponent(groupRef)}` };
}

/** A mail of its own (join outcomes, being added, direct messages). */
function own(
  kind: 'joinApproved' | 'joinDeclined' | 'memberAdded' | 'directRequest' | 'directAccepted',
  params: Record<string, string>,
  locale: Locale,
): NotificationMail {
  return {
    subject: translate(locale, `mail.${kind}.subject`, params),
    body: translate(locale, `mail.${kind}.body`, params),
  };
}

/** What the notification centre says, with a link. */
function plain(
  key: MessageKey,
  params: Record<string, string>,
  url: string,
  locale: Locale,
): NotificationMail {
  const sentence = translate(locale, key, params);
  return { subject: sentence, body: `${sentence}\n\n${url}` };
}

function chatMessage(key: 'notification.mention' | 'notification.reply'): MailRenderer<'mention' | 'reply'> {
  return (data, context) => {
    const { group, url } = groupOf(data, context);
    const link = data.messageId ? `${url}/chat?message=${encodeURIComponent(data.messageId)}` : url;
    return plain(key, { group, name: data.authorName }, link, context.locale);
  };
}

function direct(
  kind: 'directRequest' | 'directAccepted',
): MailRenderer<'direct.request' | 'direct.accepted'> {
  // Who and where only: the request's message may tell something about someone's health, so it stays in the app.
  return (data, { locale, publicOrigin }) =>
    own(
      kind,
      {
        name: data.name || translate(locale, 'direct.someone'),
        url: `${publicOrigin}/messages${data.conversationId ? `/${encodeURIComponent(data.conversationId)}` : ''}`,
      },
      locale,
    );
}

/**
 * Every type, and its mail: a renderer, or null when the type is not mailed from here (mentoring, events and
 * moderation send mails of their own). A type missing from this table does not compile.
 */
const mails: { [Type in NotificationType]: MailRenderer<Type> | null } = {
  'join_request.approved': (data, context) => {
    const { group, url } = groupOf(data, context);
    return own('joinApproved', { group, url }, context.locale);
  },
  'join_request.declined': (data, context) => {
    const { group } = groupOf(data, context);
    const reason = data.reason ? translate(context.locale, 'mail.reasonLine', { reason: data.reason }) : '';
    return own('joinDeclined', { group, reason }, context.locale);
  },
  'membership.added': (data, context) => {
    const { group, url } = groupOf(data, context);
    return own('memberAdded', { group, url }, context.locale);
  },
  'join_request.created': (data, context) => {
    const { group, url } = groupOf(data, context);
    return plain(
      'notification.joinRequestCreated',
      { group, name: data.requesterName },
      `${url}/requests`,
      context.locale,
    );
  },
  mention: chatMessage('notification.mention'),
  reply: chatMessage('notification.reply'),
  'direct.request': direct('directRequest'),
  'direct.accepted': direct('directAccepted'),
  'membership.removed': null,
  'membership.role_changed': null,
  'privacy.export_ready': null,
  'mentoring.request_created': null,
  'mentoring.mentor_applied': null,
  'mentoring.approved': null,
  'mentoring.proposed': null,
  'mentoring.proposal_withdrawn': null,
  'mentoring.accepted': null,
  'mentoring.declined': null,
  'mentoring.first_contact_overdue': null,
  'mentoring.first_contact_reminder': null,
  'mentoring.check_in': null,
  'mentoring.check_in_hard': null,
  'mentoring.closed': null,
  'mentoring.call_started': null,
  'webinar.reminder': null,
  'webinar.offered': null,
  'webinar.offer_expired': null,
  'webinar.cancelled': null,
  'webinar.changed': null,
  'webinar.followup': null,
  'webinar.staff': null,
  'programme.step_reminder': null,
  'moderation.action': null,
  'report.resolved': null,
  'moderation.escalated': null,
  'moderation.self_harm': null,
  'moderation.support': null,
  'moderation.appeal': null,
  'appeal.decided': null,
};

/**
 * Renders the mail for a notification. Types with a mail of their own (join outcomes, being added, direct-message
 * requests and their acceptance) use it; the others say what the notification centre says, with a link to it.
 */
export function renderNotificationMail<Type extends NotificationType>(
  notification: { type: Type; data: NotificationDataMap[Type] },
  locale: Locale,
  publicOrigin: string,
): NotificationMail | null {
  const render: MailRenderer<Type> | null = mails[notification.type];
  return render ? render(notification.data, { locale, publicOrigin }) : null;
}
