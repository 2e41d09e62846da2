import { adminUsersApi } from '#lib/api/admin-users.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import type { PageLoad } from './$types';

/** People matching `?q=` (everyone, newest first, without one); admins only, others see why not. */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  const q = url.searchParams.get('q')?.trim() ?? '';
  try {
    return { q, results: await adminUsersApi.search(q, null, fetch) };
  } catch (cause) {
    failLoad(cause, url);
  }
};
