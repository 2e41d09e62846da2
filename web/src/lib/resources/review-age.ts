import type { ResourceReviewState } from '@spejl/shared/resources-values';
import { i18n, t } from '../i18n/i18n.svelte.ts';

/** How long ago a resource was checked, in the largest whole unit a reader grasps at a glance. */
export type Age =
  | { unit: 'today' }
  | { unit: 'days'; count: number }
  | { unit: 'months'; count: number }
  | { unit: 'years'; count: number; over: boolean };

/** Today's calendar day in Danish time (YYYY-MM-DD), as the server counts review dates. */
export function danishToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(now);
}

function parts(day: string): [number, number, number] {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return [year, month, date];
}

/** The age of a check made on `checkedOn` as seen on `today` (both YYYY-MM-DD); a future date counts as today. */
export function ageOf(checkedOn: string, today: string): Age {
  const [y1, m1, d1] = parts(checkedOn);
  const [y2, m2, d2] = parts(today);
  const days = Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
  if (days <= 0) return { unit: 'today' };
  const months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
  if (months < 1) return { unit: 'days', count: days };
  if (months < 12) return { unit: 'months', count: months };
  return { unit: 'years', count: Math.floor(months / 12), over: months % 12 > 0 };
}

/** "i dag", "for 3 måneder siden", "for over 1 år siden". */
export function agePhrase(age: Age): string {
  if (age.unit === 'today') return t('resources.age.today');
  if (age.unit === 'years')
    return i18n.plural(age.over ? 'resources.age.overYears' : 'resources.age.years', age.count);
  return i18n.plural(age.unit === 'days' ? 'resources.age.days' : 'resources.age.months', age.count);
}

/**
 * What a reader is told about a resource's check: "Gennemgået for 3 måneder siden", with the date it is checked again
 * by once that is near, and a warning once it has passed.
 */
export function reviewLabel(
  state: ResourceReviewState,
  checkedOn: string,
  dueOn: string,
  today = danishToday(),
): string {
  return t(`resources.age.${state}`, { age: agePhrase(ageOf(checkedOn, today)), date: formatDay(dueOn) });
}

/** A YYYY-MM-DD day as the reader's language writes it ("6. december 2026"). */
export function formatDay(day: string): string {
  return i18n.formatDate(`${day}T12:00:00Z`);
}

/** The host of an address without "www.", so a reader sees where a link goes. */
export function domainOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
