import type { adminLogosDa } from './admin-logos.da.ts';

/** English texts for association logos. */
export const adminLogosEn: Record<keyof typeof adminLogosDa, string> = {
};
