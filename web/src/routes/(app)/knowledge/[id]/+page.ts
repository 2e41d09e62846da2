import { failLoad } from '#lib/api/load-errors.ts';
import { resourcesApi } from '#lib/api/resources.ts';
import type { PageLoad } from './$types';

/** One resource; a public one reads signed out, a members' one sends a visitor to sign in (401 in failLoad). */
export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  await parent();
  try {
    return { resource: await resourcesApi.get(params.id, fetch) };
  } catch (cause) {
    failLoad(cause, url);
  }
};
