/** Danish texts for retention rules in the administration. */
export const adminRetentionDa = {
};
