/** Danish texts for people in the administration. */
export const adminPeopleDa = {
  'adminPeople.placeholder': '',
};
