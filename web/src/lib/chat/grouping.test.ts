import { describe, expect, it } from 'vitest';
import { lastSunday, testClockStart, yearAhead } from '../../../../server/src/testing/time.ts';
import { dayKey, previousDay, runGapMs, timeline } from './grouping.ts';

const timeZone = 'Europe/Copenhagen';
const minute = 60_000;
// Every date here is in the test clock's next year (the clock moves with SPEJL_TEST_CLOCK_SHIFT_DAYS), never a
// calendar date written into the test: the functions are pure, and the year only has to be a real one.
const year = yearAhead({ now: () => testClockStart() });
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const leapYear = [0, 1, 2, 3].map((step) => year + step).find(isLeap) ?? year;
const commonYear = [0, 1].map((step) => year + step).find((y) => !isLeap(y)) ?? year;
/** The ISO date one day after `isoDate`. */
const nextDay = (isoDate: string) =>
  new Date(Date.parse(`${isoDate}T12:00:00Z`) + 24 * 60 * minute).toISOString().slice(0, 10);

/** A message as the timeline reads it: who wrote it, when, and its place in the group. */
function message(seq: number, authorId: string | null, createdAt: string) {
  return { seq, createdAt, author: authorId ? { id: authorId, displayName: authorId } : null };
}

/** Consecutive messages starting at `start`, `step` apart. */
function series(start: string, step: number, authors: Array<string | null>) {
  const base = Date.parse(start);
  return authors.map((author, index) =>
    message(index + 1, author, new Date(base + index * step).toISOString()),
  );
}

describe('dayKey and previousDay', () => {
  it('reads the day in Danish time, not in UTC', () => {
    // 23:30 UTC on 15 January is 00:30 on 16 January in Copenhagen (winter time, UTC+1).
    expect(dayKey(`${year}-01-15T23:30:00Z`, timeZone)).toBe(`${year}-01-16`);
    expect(dayKey(`${year}-01-15T22:30:00Z`, timeZone)).toBe(`${year}-01-15`);
    // Summer time is UTC+2.
    expect(dayKey(`${year}-07-01T22:30:00Z`, timeZone)).toBe(`${year}-07-02`);
  });

  it('steps back across months, years and the daylight-saving change', () => {
    expect(previousDay(`${commonYear}-03-01`)).toBe(`${commonYear}-02-28`);
    expect(previousDay(`${leapYear}-03-01`)).toBe(`${leapYear}-02-29`);
    expect(previousDay(`${year + 1}-01-01`)).toBe(`${year}-12-31`);
    const summerTimeStarts = lastSunday(year, 3);
    expect(previousDay(nextDay(summerTimeStarts))).toBe(summerTimeStarts);
  });
});

describe('timeline', () => {
  const now = Date.parse(`${year}-12-10T14:00:00Z`);

  it('shows the avatar and name once for a run of one person within five minutes', () => {
    const items = timeline(series(`${year}-12-10T09:00:00Z`, minute, ['a', 'a', 'a', 'b', 'a']), {
      now,
      timeZone,
      firstUnreadSeq: null,
    });
    expect(items.map((item) => item.startsRun)).toEqual([true, false, false, true, true]);
  });

  it('starts a new run after a pause longer than five minutes, measured from the previous message', () => {
    const base = Date.parse(`${year}-12-10T09:00:00Z`);
    const at = (offset: number) => new Date(base + offset).toISOString();
    const items = timeline(
      [
        message(1, 'a', at(0)),
        message(2, 'a', at(4 * minute)),
        message(3, 'a', at(8 * minute)),
        message(4, 'a', at(8 * minute + runGapMs + 1)),
      ],
      { now, timeZone, firstUnreadSeq: null },
    );
    expect(items.map((item) => item.startsRun)).toEqual([true, false, false, true]);
  });

  it('never joins messages of former members, whose author is unknown', () => {
    const items = timeline(series(`${year}-12-10T09:00:00Z`, minute, [null, null]), {
      now,
      timeZone,
      firstUnreadSeq: null,
    });
    expect(items.map((item) => item.startsRun)).toEqual([true, true]);
  });

  it('puts a separator before each day, named today and yesterday relative to the given time', () => {
    const items = timeline(
      [
        message(1, 'a', `${year}-12-01T10:00:00Z`),
        message(2, 'a', `${year}-12-01T10:01:00Z`),
        message(3, 'a', `${year}-12-09T22:58:00Z`),
        // 23:00 UTC on 9 December is already 10 December in Copenhagen: today, and a new run.
        message(4, 'a', `${year}-12-09T23:00:00Z`),
        message(5, 'b', `${year}-12-10T13:00:00Z`),
      ],
      { now, timeZone, firstUnreadSeq: null },
    );
    expect(items.map((item) => item.day?.kind ?? null)).toEqual(['date', null, 'yesterday', 'today', null]);
    expect(items[0]?.day?.iso).toBe(`${year}-12-01T10:00:00Z`);
    expect(items.map((item) => item.startsRun)).toEqual([true, false, true, true, true]);
  });

  it('follows the clock it is given: the same messages a day later are yesterday and earlier', () => {
    const messages = series(`${year}-12-10T09:00:00Z`, minute, ['a']);
    const later = timeline(messages, { now: now + 24 * 60 * minute, timeZone, firstUnreadSeq: null });
    expect(later[0]?.day?.kind).toBe('yesterday');
    const muchLater = timeline(messages, { now: now + 3 * 24 * 60 * minute, timeZone, firstUnreadSeq: null });
    expect(muchLater[0]?.day?.kind).toBe('date');
  });

  it('marks the first unread message and starts a run there, even within one person’s run', () => {
    const items = timeline(series(`${year}-12-10T09:00:00Z`, minute, ['a', 'a', 'a']), {
      now,
      timeZone,
      firstUnreadSeq: 2,
    });
    expect(items.map((item) => item.unreadBefore)).toEqual([false, true, false]);
    expect(items.map((item) => item.startsRun)).toEqual([true, true, false]);
  });

  it('returns nothing for no messages', () => {
    expect(timeline([], { now, timeZone, firstUnreadSeq: 1 })).toEqual([]);
  });
});
