import { associationsApi } from '#lib/api/associations.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import type { PageLoad } from './$types';

/** One association to edit, archive or bring back (admins only). */
export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  await parent();
  try {
    const association = await associationsApi.get(params.id, fetch);
    return { association, created: url.searchParams.has('created') };
  } catch (cause) {
    failLoad(cause, url);
  }
};
