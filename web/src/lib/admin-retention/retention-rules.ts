import type { RetentionKey } from '@spejl/shared/privacy-terms';
import { i18n, t } from '../i18n/i18n.svelte.ts';

/** A rule either deletes after a number of units, or keeps forever (null on the wire). */
export type Choice = 'limit' | 'forever';

/** The unit each rule's number counts in. */
export const unitOf = {
  message_months: 'months',
  declined_request_days: 'days',
  inactive_account_years: 'years',
  outbox_days: 'days',
} as const satisfies Record<RetentionKey, 'months' | 'days' | 'years'>;

/** A rule's value as people read it: "30 dage", or "Gemmes for altid". */
export function ruleText(key: RetentionKey, value: number | null): string {
  return value === null ? t('adminRetention.forever') : i18n.plural(`adminRetention.${unitOf[key]}`, value);
}

/** What a rule deletes and when; the unused accounts' text names the days a warned person has to sign in. */
export function explanation(key: RetentionKey, graceDays: number): string {
  return key === 'inactive_account_years'
    ? i18n.plural('adminRetention.explain.inactive_account_years', graceDays)
    : t(`adminRetention.explain.${key}`);
}
