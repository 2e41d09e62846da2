import type { adminGroupsDa } from './admin-groups.da.ts';

/** English texts for groups and sub-groups in the administration, and a group's settings form. */
export const adminGroupsEn: Record<keyof typeof adminGroupsDa, string> = {
  'adminGroups.placeholder': '',
};
