/** Danish texts for association logos. */
export const adminLogosDa = {
};
