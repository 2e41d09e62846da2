import { failLoad } from '#lib/api/load-errors.ts';
import { pagesApi } from '#lib/api/pages.ts';
import type { PageLoad } from './$types';

/** The terms, the privacy policy or the help, in the reader's language; readable signed out. */
export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  await parent();
  try {
    return { page: await pagesApi.get(params.slug, fetch) };
  } catch (cause) {
    failLoad(cause, url);
  }
};
