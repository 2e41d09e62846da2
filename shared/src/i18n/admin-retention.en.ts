import type { adminRetentionDa } from './admin-retention.da.ts';

/** English texts for retention rules in the administration. */
export const adminRetentionEn: Record<keyof typeof adminRetentionDa, string> = {
};
