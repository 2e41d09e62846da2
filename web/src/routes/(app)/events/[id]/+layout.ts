import { failLoad } from '#lib/api/load-errors.ts';
import { webinarsApi } from '#lib/api/webinars.ts';
import type { LayoutLoad } from './$types';

/** The event for its page, the organiser pages and the room. A hidden group's event is the same 404 as none. */
export const load: LayoutLoad = async ({ parent, params, url, fetch, depends }) => {
  await parent();
  depends('app:webinar');
  try {
    const { webinar } = await webinarsApi.get(params.id, fetch);
    return { webinar };
  } catch (cause) {
    failLoad(cause, url);
  }
};
