import { failLoad } from '#lib/api/load-errors.ts';
import { webinarsApi } from '#lib/api/webinars.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  const { webinar } = await parent();
  try {
    return { registrants: (await webinarsApi.registrants(webinar.id, fetch)).items };
  } catch (cause) {
    failLoad(cause, url);
  }
};
