import { describe, expect, it } from 'vitest';
import { digestPeriod, isTimeZone } from './digests.period.ts';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** Midnight UTC of the first Monday at least `weeksAhead` weeks after now: a future date, never a fixed one. */
function mondayAhead(weeksAhead = 1): number {
  const now = new Date();
  let at = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + weeksAhead * 7 * dayMs;
  while (new Date(at).getUTCDay() !== 1) at += dayMs;
  return at;
}

describe('digestPeriod', () => {
  it('names the local day, due from 07:00 in the person’s time zone', () => {
    const monday = mondayAhead();
    const date = new Date(monday).toISOString().slice(0, 10);
    expect(digestPeriod(new Date(monday + 6.9 * hourMs), 'daily', 'UTC')).toEqual({
      period: `day:${date}`,
      due: false,
    });
    expect(digestPeriod(new Date(monday + 7 * hourMs), 'daily', 'UTC')).toEqual({
      period: `day:${date}`,
      due: true,
    });
    expect(digestPeriod(new Date(monday + 23.9 * hourMs), 'daily', 'UTC').due).toBe(true);
    // 06:30 UTC is already 07:30 or 08:30 in Copenhagen, and 19:30 the evening before in Honolulu.
    expect(digestPeriod(new Date(monday + 6.5 * hourMs), 'daily', 'Europe/Copenhagen').due).toBe(true);
    const honolulu = digestPeriod(new Date(monday + 6.5 * hourMs), 'daily', 'Pacific/Honolulu');
    expect(honolulu).toEqual({
      period: `day:${new Date(monday - dayMs).toISOString().slice(0, 10)}`,
      due: true,
    });
  });

  it('names the ISO week, due from Monday 07:00 and all the rest of that week', () => {
    const monday = mondayAhead();
    const before = digestPeriod(new Date(monday + 6 * hourMs), 'weekly', 'UTC');
    const after = digestPeriod(new Date(monday + 7 * hourMs), 'weekly', 'UTC');
    const sunday = digestPeriod(new Date(monday + 6 * dayMs + 23 * hourMs), 'weekly', 'UTC');
    const next = digestPeriod(new Date(monday + 7 * dayMs + 3 * hourMs), 'weekly', 'UTC');
    expect(before.period).toMatch(/^week:\d{4}-W\d{2}$/);
    expect(before).toEqual({ period: after.period, due: false });
    expect(after.due).toBe(true);
    expect(sunday).toEqual({ period: after.period, due: true });
    expect(next.period).not.toBe(after.period);
    expect(next.due).toBe(false);
  });

  it('counts ISO weeks across the new year as ISO 8601 does', () => {
    // Every 1 January from next year on, for 28 years (every weekday and leap pattern): the week of 4 January is W01.
    const year = new Date().getUTCFullYear() + 1;
    for (let offset = 0; offset < 28; offset += 1) {
      const january4 = new Date(Date.UTC(year + offset, 0, 4, 12));
      expect(digestPeriod(january4, 'weekly', 'UTC').period).toBe(`week:${year + offset}-W01`);
      const december28 = new Date(Date.UTC(year + offset, 11, 28, 12));
      expect(digestPeriod(december28, 'weekly', 'UTC').period).toMatch(
        new RegExp(`^week:${year + offset}-W5[23]$`),
      );
    }
  });

  it('falls back to Danish time for a zone the runtime does not know', () => {
    const at = new Date(mondayAhead() + 6.5 * hourMs);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(digestPeriod(at, 'daily', 'Mars/Olympus')).toEqual(digestPeriod(at, 'daily', 'Europe/Copenhagen'));
  });
});
