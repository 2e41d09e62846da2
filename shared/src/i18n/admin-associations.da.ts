/** Danish texts for associations in the administration. */
export const adminAssociationsDa = {
  'adminAssociations.placeholder': '',
};
