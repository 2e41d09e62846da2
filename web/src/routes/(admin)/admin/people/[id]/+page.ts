import { adminUsersApi } from '#lib/api/admin-users.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import type { PageLoad } from './$types';

/** One person, their groups and what an admin may do to the account. */
export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  await parent();
  try {
    return { person: (await adminUsersApi.get(params.id, fetch)).user };
  } catch (cause) {
    failLoad(cause, url);
  }
};
