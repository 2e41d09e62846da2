import { associationEditorsApi } from '#lib/api/association-editors.ts';
import { associationsApi } from '#lib/api/associations.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import type { PageLoad } from './$types';

/** One association to edit, archive or bring back, with its knowledge editors (admins only). */
export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  await parent();
  try {
    const [association, editors] = await Promise.all([
      associationsApi.get(params.id, fetch),
      associationEditorsApi.list(params.id, fetch),
    ]);
    return { association, editors: editors.items, created: url.searchParams.has('created') };
  } catch (cause) {
    failLoad(cause, url);
  }
};
