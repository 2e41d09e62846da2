/** Danish texts for the signed-out front page, the public directory and events, and the guided start after sign-up. */
export const welcomeDa = {
  'welcome.placeholder': '',
};
