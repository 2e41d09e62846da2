import { failLoad } from '#lib/api/load-errors.ts';
import { pagesApi } from '#lib/api/pages.ts';
import type { PageLoad } from './$types';

/** The page's versions in both languages (admins only; others see why they cannot edit). */
export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  await parent();
  try {
    const [versions, page] = await Promise.all([
      pagesApi.versions(params.slug, fetch),
      pagesApi.get(params.slug, fetch),
    ]);
    return { slug: params.slug, versions: versions.items, page };
  } catch (cause) {
    failLoad(cause, url);
  }
};
