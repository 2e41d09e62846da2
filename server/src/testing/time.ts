import type { Clock } from '../clock.ts';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Where a test app's clock starts: the real time now, moved by `SPEJL_TEST_CLOCK_SHIFT_DAYS` days (CI sets 365 in one
 * run to prove that no test depends on today's date).
 */
export function testClockStart(now: Date = new Date()): Date {
  const raw = process.env.SPEJL_TEST_CLOCK_SHIFT_DAYS ?? '0';
  const days = Number(raw);
  if (!Number.isFinite(days))
    throw new Error(`SPEJL_TEST_CLOCK_SHIFT_DAYS must be a number of days, not "${raw}"`);
  return new Date(now.getTime() + days * dayMs);
}

/** The UTC calendar date `days` after the clock's now, as YYYY-MM-DD. */
export function dateAhead(clock: Clock, days: number): string {
  return new Date(clock.now().getTime() + days * dayMs).toISOString().slice(0, 10);
}

/** The clock's year plus `years`: a whole year that is entirely in the clock's future when `years` ≥ 1. */
export function yearAhead(clock: Clock, years = 1): number {
  return clock.now().getUTCFullYear() + years;
}

/** The last Sunday of a month (1–12) as YYYY-MM-DD: the day the EU changes to and from summer time. */
export function lastSunday(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0));
  last.setUTCDate(last.getUTCDate() - last.getUTCDay());
  return last.toISOString().slice(0, 10);
}

/** An ISO date (YYYY-MM-DD) without dashes, as iCalendar writes it. */
export function compactDate(isoDate: string): string {
  return isoDate.replaceAll('-', '');
}
