import { failLoad } from '#lib/api/load-errors.ts';
import { resourcesApi } from '#lib/api/resources.ts';
import type { PageLoad } from './$types';

/** The editors' queue: due and overdue resources in their scopes, oldest review date first; and the withdrawn ones. */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  try {
    const [queue, withdrawn] = await Promise.all([
      resourcesApi.reviewQueue({}, fetch),
      resourcesApi.list({ status: 'withdrawn' }, fetch),
    ]);
    return { queue, withdrawn };
  } catch (cause) {
    failLoad(cause, url);
  }
};
