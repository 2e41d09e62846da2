import { adminSupportApi } from '#lib/api/admin-support.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import type { PageLoad } from './$types';

/** The platform's helplines, for groups without a list of their own (admins only). */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  try {
    return { support: await adminSupportApi.get(fetch) };
  } catch (cause) {
    failLoad(cause, url);
  }
};
