/** Danish texts for groups and sub-groups in the administration, and a group's settings form. */
export const adminGroupsDa = {
  'adminGroups.placeholder': '',
};
