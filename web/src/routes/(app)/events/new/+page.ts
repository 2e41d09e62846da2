import { failLoad } from '#lib/api/load-errors.ts';
import { webinarsApi } from '#lib/api/webinars.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  try {
    return { organisable: await webinarsApi.organisable(fetch) };
  } catch (cause) {
    failLoad(cause, url);
  }
};
