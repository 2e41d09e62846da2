import type { adminPeopleDa } from './admin-people.da.ts';

/** English texts for people in the administration. */
export const adminPeopleEn: Record<keyof typeof adminPeopleDa, string> = {
  'adminPeople.placeholder': '',
};
