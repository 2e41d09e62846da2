import { type RetentionKey, retentionKeys } from '@spejl/shared/privacy-terms';
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

/** The rule a recorded change is about: a platform rule's key, or a group's own `messageMonths`. */
function ruleKeyOf(name: string): RetentionKey | null {
  if (name === 'messageMonths') return 'message_months';
  return (retentionKeys as readonly string[]).includes(name) ? (name as RetentionKey) : null;
}

/**
 * A retention change in the audit log as people read it ("Beskeder i grupperne: 24 måneder"), not as stored
 * (`message_months: 24`); anything else is left as it is.
 */
export function retentionChangeText(values: Record<string, unknown>): string | null {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const key = ruleKeyOf(name);
    if (!key || !(value === null || typeof value === 'number')) return null;
    parts.push(`${t(`adminRetention.rule.${key}`)}: ${ruleText(key, value)}`);
  }
  return parts.join(', ');
}

/** What a rule deletes and when; the unused accounts' text names the days a warned person has to sign in. */
export function explanation(key: RetentionKey, graceDays: number): string {
  return key === 'inactive_account_years'
    ? i18n.plural('adminRetention.explain.inactive_account_years', graceDays)
    : t(`adminRetention.explain.${key}`);
}
