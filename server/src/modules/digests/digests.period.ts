import { type DigestFrequency, defaultTimeZone, digestLocalHour } from '@spejl/shared/notification-types';

/** The calendar date and hour at an instant in a time zone. */
interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** True when the runtime knows the IANA zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function localTime(at: Date, timeZone: string): LocalTime {
  // A zone the runtime does not know (a typo saved before it was checked) falls back to Danish time.
  const zone = isTimeZone(timeZone) ? timeZone : defaultTimeZone;
  const parts = Object.fromEntries(
    formatFor(zone)
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** ISO 8601 week ("2026-W49") and weekday (Monday 1 … Sunday 7) of a calendar date. */
function isoWeek(year: number, month: number, day: number): { week: string; weekday: number } {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of the same week decides the week's year.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return { week: `${weekYear}-W${pad(week)}`, weekday };
}

/**
 * The digest period an instant falls in for a person ("day:2026-12-06", "week:2026-W49" in their time zone), and
 * whether its digest is due: from `digestLocalHour` on that day (daily), or on that week's Monday (weekly). A server
 * that was down at that hour sends later the same day or week; a missed period is not sent afterwards.
 */
export function digestPeriod(
  at: Date,
  frequency: Exclude<DigestFrequency, 'off'>,
  timeZone: string,
): { period: string; due: boolean } {
  const local = localTime(at, timeZone);
  if (frequency === 'daily')
    return {
      period: `day:${local.year}-${pad(local.month)}-${pad(local.day)}`,
      due: local.hour >= digestLocalHour,
    };
  const { week, weekday } = isoWeek(local.year, local.month, local.day);
  return { period: `week:${week}`, due: weekday > 1 || local.hour >= digestLocalHour };
}

/** How far back a first digest looks when the person's start time is unknown: one period. */
export function periodLengthMs(frequency: Exclude<DigestFrequency, 'off'>): number {
  return (frequency === 'daily' ? 1 : 7) * 86_400_000;
}
