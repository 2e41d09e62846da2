import { type ResourceReviewState, resourceLimits } from '@spejl/shared';

const danishDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day in Denmark at this instant, YYYY-MM-DD: what "today" means for a resource's check. */
export function danishToday(now: Date): string {
  return danishDay.format(now);
}

function parts(day: string): [number, number, number] {
  const [year, month, date] = day.split('-').map(Number);
  return [year!, month!, date!];
}

const format = (date: Date) => date.toISOString().slice(0, 10);

/** The day `months` later; the 31st of a shorter month becomes its last day (29 February becomes 28 February). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = parts(day);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return format(target);
}

export function addDays(day: string, days: number): string {
  const [year, month, date] = parts(day);
  return format(new Date(Date.UTC(year, month - 1, date + days)));
}

/**
 * When a resource checked on `checkedOn` is due for its next check: 12 months on, or the last day of the year its
 * rules are for when that comes first (rates and rules change each new year).
 */
export function defaultReviewDue(checkedOn: string, validYear: number | null): string {
  const inAYear = addMonths(checkedOn, resourceLimits.reviewMonths);
  if (validYear === null) return inAYear;
  const yearEnds = `${String(validYear).padStart(4, '0')}-12-31`;
  return yearEnds < inAYear ? yearEnds : inAYear;
}

/** Current, due (within the review window, so in the editors' queue) or overdue (the date has passed). */
export function reviewStateOf(reviewDueOn: string, today: string): ResourceReviewState {
  if (reviewDueOn < today) return 'overdue';
  if (reviewDueOn <= addDays(today, resourceLimits.reviewWindowDays)) return 'due';
  return 'current';
}

/** The last review date that puts a resource in its editors' queue today. */
export function queueCutoff(today: string): string {
  return addDays(today, resourceLimits.reviewWindowDays);
}
