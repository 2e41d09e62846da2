import { type Locale, translate, translateCount } from '@spejl/shared';
import type { DigestFrequency } from '@spejl/shared/notification-types';
import type { Activity } from './digests.repository.ts';

/** At most this many names per group; the rest are counted ("and 2 others"). */
export const namesShown = 3;

const listFormats = new Map<Locale, Intl.ListFormat>();
function joinList(locale: Locale, items: string[]): string {
  let format = listFormats.get(locale);
  if (!format) {
    format = new Intl.ListFormat(locale === 'da' ? 'da-DK' : 'en-GB', { type: 'conjunction' });
    listFormats.set(locale, format);
  }
  return format.format(items);
}

/** Who wrote: up to three names and how many more ("Anna, Bo, Carl og 2 andre"). */
export function authorsText(locale: Locale, authors: string[]): string {
  const shown = authors.slice(0, namesShown);
  const more = authors.length - shown.length;
  return joinList(locale, more > 0 ? [...shown, translateCount(locale, 'digest.count.others', more)] : shown);
}

function placeName(locale: Locale, item: Activity): string {
  if (item.kind !== 'direct' && item.kind !== 'mentorship') return item.name;
  const name = item.otherName ?? translate(locale, 'digest.place.someone');
  return translate(locale, item.kind === 'direct' ? 'digest.place.direct' : 'digest.place.mentorship', {
    name,
  });
}

/** Where a group or conversation is read in the web app. */
export function placePath(item: Activity): string {
  if (item.kind === 'direct') return `/messages/${item.groupId}`;
  if (item.kind === 'mentorship' && item.matchId) return `/mentoring/matches/${item.matchId}/conversation`;
  if (item.kind === 'mentorship') return '/mentoring';
  return `/groups/${item.groupId}/chat`;
}

const isConversation = (item: Activity) => item.kind === 'direct' || item.kind === 'mentorship';

/** "Nyt i Spejl: 5 nye beskeder i 2 grupper og 1 samtale", or the notifications when no message is new. */
export function digestSubject(locale: Locale, activity: Activity[], notificationCount: number): string {
  const messages = activity.reduce((sum, item) => sum + item.count, 0);
  if (messages === 0)
    return translate(locale, 'digest.subject', {
      summary: translateCount(locale, 'digest.count.notifications', notificationCount),
    });
  const conversations = activity.filter(isConversation).length;
  const groups = activity.length - conversations;
  const parts = [
    ...(groups > 0 ? [translateCount(locale, 'digest.count.groups', groups)] : []),
    ...(conversations > 0 ? [translateCount(locale, 'digest.count.conversations', conversations)] : []),
  ];
  const places =
    parts.length === 2
      ? translate(locale, 'digest.and', { first: parts[0] ?? '', second: parts[1] ?? '' })
      : (parts[0] ?? '');
  return translate(locale, 'digest.subject', {
    summary: translate(locale, 'digest.summary.messages', {
      messages: translateCount(locale, 'digest.count.messages', messages),
      places,
    }),
  });
}

/**
 * The digest's plain text: greeting, one list item per group or conversation (its name, how many, who wrote, a
 * link), the notifications, and how to stop it. Names and counts only: never a word anyone wrote.
 */
export function digestText(input: {
  locale: Locale;
  displayName: string;
  frequency: Exclude<DigestFrequency, 'off'>;
  activity: Activity[];
  notificationCount: number;
  origin: string;
  unsubscribeUrl: string;
}): string {
  const { locale, origin } = input;
  const items = input.activity.map((item) => {
    const params = {
      place: placeName(locale, item),
      messages: translateCount(locale, 'digest.count.messages', item.count),
      authors: authorsText(locale, item.authors),
    };
    const line =
      item.authors.length > 0
        ? translate(locale, 'digest.item', params)
        : translate(locale, 'digest.item.anonymous', params);
    return `- ${line}\n${origin}${placePath(item)}`;
  });
  const sections = [
    translate(locale, 'mail.greeting', { name: input.displayName }),
    translate(locale, input.frequency === 'daily' ? 'digest.intro.daily' : 'digest.intro.weekly'),
    ...(items.length > 0 ? [items.join('\n')] : []),
    ...(input.notificationCount > 0
      ? [
          `${translate(locale, 'digest.notifications', {
            notifications: translateCount(locale, 'digest.count.notifications', input.notificationCount),
          })}\n${origin}/notifications`,
        ]
      : []),
    translate(locale, 'digest.footer', {
      unsubscribeUrl: input.unsubscribeUrl,
      settingsUrl: `${origin}/account#notifications-heading`,
    }),
    translate(locale, 'mail.signature'),
  ];
  return sections.join('\n\n');
}
