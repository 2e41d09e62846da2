import type { Message } from '@spejl/shared';

/** Days are Danish days, as every time the web shows is in Danish time (see i18n.svelte.ts). */
export const conversationTimeZone = 'Europe/Copenhagen';

/** A run of messages from one person closer together than this shows their avatar and name once. */
export const runGapMs = 5 * 60_000;

/** The day a separator names: today and yesterday by word, any other day by its date. */
export type DayMark = { kind: 'today' | 'yesterday' | 'date'; iso: string };

/** One message in the conversation as it is drawn: what comes before it, and whether it starts a run. */
export interface TimelineItem<M> {
  message: M;
  /** A day separator before the message (the first message of each day). */
  day: DayMark | null;
  /** The "new messages" divider goes before this message. */
  unreadBefore: boolean;
  /** Shows the author's avatar and name; false for a message that continues the same person's run. */
  startsRun: boolean;
}

type Timed = Pick<Message, 'seq' | 'createdAt' | 'author'>;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone, as `YYYY-MM-DD`. */
export function dayKey(at: Date | string | number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(at));
}

/** The day before a `YYYY-MM-DD` day (calendar arithmetic, so a daylight-saving change cannot skew it). */
export function previousDay(key: string): string {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
}

/**
 * Lays out messages (oldest first) as a conversation is read: a day separator before each day's first message
 * ("today" and "yesterday" relative to `now`, in `timeZone`), the unread divider before `firstUnreadSeq`, and runs
 * of one person's messages within `runGapMs` of each other, which show the avatar and name once.
 */
export function timeline<M extends Timed>(
  messages: readonly M[],
  options: { now: Date | number; timeZone: string; firstUnreadSeq: number | null },
): Array<TimelineItem<M>> {
  const today = dayKey(options.now, options.timeZone);
  const yesterday = previousDay(today);
  const items: Array<TimelineItem<M>> = [];
  let previous: { message: M; day: string } | null = null;
  for (const message of messages) {
    const day = dayKey(message.createdAt, options.timeZone);
    const newDay = previous === null || previous.day !== day;
    const unreadBefore = message.seq === options.firstUnreadSeq;
    const gap = previous ? Date.parse(message.createdAt) - Date.parse(previous.message.createdAt) : Infinity;
    const sameAuthor =
      previous !== null &&
      message.author !== null &&
      previous.message.author !== null &&
      previous.message.author.id === message.author.id;
    items.push({
      message,
      day: newDay
        ? {
            kind: day === today ? 'today' : day === yesterday ? 'yesterday' : 'date',
            iso: message.createdAt,
          }
        : null,
      unreadBefore,
      startsRun: newDay || unreadBefore || !sameAuthor || gap < 0 || gap > runGapMs,
    });
    previous = { message, day };
  }
  return items;
}
