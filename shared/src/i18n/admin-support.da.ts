/** Danish texts for the platform support resources in the administration. */
export const adminSupportDa = {
};
