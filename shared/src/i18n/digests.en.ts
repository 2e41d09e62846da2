import type { digestsDa } from './digests.da.ts';

/** English texts for email digests and the common mail layout. */
export const digestsEn: Record<keyof typeof digestsDa, string> = {
  'mail.layout.tagline': 'A community for families living with rare diseases',
  'mail.layout.footer': 'Mail from Spejl. We never put what anyone wrote in Spejl in a mail.',
  'digest.subject': 'New in Spejl: {summary}',
  'digest.summary.messages': '{messages} in {places}',
  'digest.and': '{first} and {second}',
  'digest.count.messages#one': '{count} new message',
  'digest.count.messages#other': '{count} new messages',
  'digest.count.groups#one': '{count} group',
  'digest.count.groups#other': '{count} groups',
  'digest.count.conversations#one': '{count} conversation',
  'digest.count.conversations#other': '{count} conversations',
  'digest.count.notifications#one': '{count} unread notification',
  'digest.count.notifications#other': '{count} unread notifications',
  'digest.count.others#one': '{count} other',
  'digest.count.others#other': '{count} others',
  'digest.intro.daily': 'Here is today’s summary of what you have not read in Spejl yet.',
  'digest.intro.weekly': 'Here is this week’s summary of what you have not read in Spejl yet.',
  'digest.item': '{place}: {messages} from {authors}',
  'digest.item.anonymous': '{place}: {messages}',
  'digest.place.direct': 'Conversation with {name}',
  'digest.place.mentorship': 'Mentorship with {name}',
  'digest.place.someone': 'a former member',
  'digest.notifications': 'You have {notifications}:',
  'digest.footer':
    'You get this summary because you chose it. Stop it with one click here:\n{unsubscribeUrl}\n\nYou can also change your choices under My account:\n{settingsUrl}',
  'digest.unsubscribe.title': 'Stop the summary by mail',
  'digest.unsubscribe.explain':
    'When you press the button, you will get no more summaries by mail of what you have not read in Spejl. Your other choices for mail stay as they are.',
  'digest.unsubscribe.submit': 'Stop the summary',
  'digest.unsubscribe.done': 'Done. You will get no more summaries by mail.',
  'digest.unsubscribe.settings': 'See your choices for notifications',
  'digest.unsubscribe.invalid':
    'The link does not work. Perhaps it was not copied in full. You can also stop the summary under My account.',
  'error.digest.token_invalid': 'The link to stop the summary does not work.',
} as const;
