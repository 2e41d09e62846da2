// No zod here: the web imports these values directly.

/** What a person can consent to. Health data (GDPR Article 9) is asked for separately from the terms. */
export const consentKinds = ['terms', 'health_data_groups', 'health_data_mentoring'] as const;
export type ConsentKind = (typeof consentKinds)[number];

/** The version of each text a consent refers to; a new version asks everyone again. */
export const consentVersions: Record<ConsentKind, string> = {
  terms: '2026-11',
  health_data_groups: '2026-11',
  health_data_mentoring: '2026-11',
};

/** Consents that can be withdrawn in the app (withdrawing the terms means deleting the account). */
export const withdrawableConsents = ['health_data_groups', 'health_data_mentoring'] as const;

export const retentionKeys = [
  'message_months',
  'declined_request_days',
  'inactive_account_years',
  'outbox_days',
] as const;
export type RetentionKey = (typeof retentionKeys)[number];

/** The range of every retention rule's number (months, days or years, by rule); null keeps forever instead. */
export const retentionLimits = { min: 1, max: 1200 } as const;

/** How long a person warned about an unused account has to sign in before the account is deleted. */
export const inactivityGraceDays = 30;

/** The rules a fresh install starts with; an admin can change or turn off each (null). */
export const retentionDefaults: Record<RetentionKey, number | null> = {
  message_months: null,
  declined_request_days: 90,
  inactive_account_years: 3,
  outbox_days: 30,
};
