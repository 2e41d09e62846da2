import type { adminAssociationsDa } from './admin-associations.da.ts';

/** English texts for associations in the administration. */
export const adminAssociationsEn: Record<keyof typeof adminAssociationsDa, string> = {
  'adminAssociations.placeholder': '',
};
