import { type Locale, type MessageKey, translate } from '@spejl/shared';

/** A mail for one notification, in the recipient's language; null when the type is never mailed. */
export type NotificationMail = { subject: string; body: string };

type Data = Record<string, unknown>;
const text = (data: Data, name: string) => (typeof data[name] === 'string' ? (data[name] as string) : '');

/**
 * Renders the mail for a notification. Types with a mail of their own (join outcomes, being added, direct-message
 * requests and their acceptance) use it; the others say what the notification centre says, with a link to it.
 */
export function renderNotificationMail(
  type: string,
  data: Data,
  locale: Locale,
  publicOrigin: string,
): NotificationMail | null {
  const group = text(data, 'groupName') || translate(locale, 'notification.someGroup');
  const groupRef = text(data, 'groupSlug') || text(data, 'groupId');
  const groupUrl = `${publicOrigin}/groups/${encodeURIComponent(groupRef)}`;
  const own = (kind: 'joinApproved' | 'joinDeclined' | 'memberAdded', params: Record<string, string>) => ({
    subject: translate(locale, `mail.${kind}.subject`, params),
    body: translate(locale, `mail.${kind}.body`, params),
  });
  const plain = (key: MessageKey, params: Record<string, string>, url: string) => {
    const sentence = translate(locale, key, { group, ...params });
    return { subject: sentence, body: `${sentence}\n\n${url}` };
  };
  switch (type) {
    case 'join_request.approved':
      return own('joinApproved', { group, url: groupUrl });
    case 'join_request.declined': {
      const reason = text(data, 'reason');
      return own('joinDeclined', {
        group,
        reason: reason ? translate(locale, 'mail.reasonLine', { reason }) : '',
      });
    }
    case 'membership.added':
      return own('memberAdded', { group, url: groupUrl });
    case 'join_request.created':
      return plain(
        'notification.joinRequestCreated',
        { name: text(data, 'requesterName') },
        `${groupUrl}/requests`,
      );
    case 'mention': {
      const url = data.messageId
        ? `${groupUrl}/chat?message=${encodeURIComponent(text(data, 'messageId'))}`
        : groupUrl;
      return plain('notification.mention', { name: text(data, 'authorName') }, url);
    }
    case 'reply': {
      const url = data.messageId
        ? `${groupUrl}/chat?message=${encodeURIComponent(text(data, 'messageId'))}`
        : groupUrl;
      return plain('notification.reply', { name: text(data, 'authorName') }, url);
    }
    case 'direct.request':
    case 'direct.accepted': {
      // Who and where only: the request's message may tell something about someone's health, so it stays in the app.
      const conversationId = text(data, 'conversationId');
      const params = {
        name: text(data, 'name') || translate(locale, 'direct.someone'),
        url: `${publicOrigin}/messages${conversationId ? `/${encodeURIComponent(conversationId)}` : ''}`,
      };
      const kind = type === 'direct.request' ? 'directRequest' : 'directAccepted';
      return {
        subject: translate(locale, `mail.${kind}.subject`, params),
        body: translate(locale, `mail.${kind}.body`, params),
      };
    }
    default:
      return null;
  }
}
