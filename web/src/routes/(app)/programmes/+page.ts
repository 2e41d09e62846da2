import { failLoad } from '#lib/api/load-errors.ts';
import { programmesApi } from '#lib/api/programmes.ts';
import type { PageLoad } from './$types';

/** The open programmes (and, for those who run them, drafts and closed ones). */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  try {
    return { programmes: (await programmesApi.list(fetch)).items };
  } catch (cause) {
    failLoad(cause, url);
  }
};
