import type { adminSupportDa } from './admin-support.da.ts';

/** English texts for the platform support resources in the administration. */
export const adminSupportEn: Record<keyof typeof adminSupportDa, string> = {
};
