import type { LayoutLoad } from './$types';

/**
 * The directory and a listed group's page are open signed out (the API shows a visitor listed groups only, with no
 * counts); every page under a group that needs an account goes to sign-in when the API answers 401 (failLoad).
 */
export const load: LayoutLoad = async ({ parent }) => {
  await parent();
  return {};
};
