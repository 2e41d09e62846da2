import { failLoad } from '#lib/api/load-errors.ts';
import { resourcesApi } from '#lib/api/resources.ts';
import { filterFromUrl } from '#lib/resources/filters.ts';
import type { PageLoad } from './$types';

/** The kit's list, searched and filtered from the address; signed out it holds the public texts only. */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  const filter = filterFromUrl(url);
  try {
    const resources = await resourcesApi.list(
      { q: filter.q || undefined, topic: filter.topic ?? undefined, audience: filter.audience ?? undefined },
      fetch,
    );
    return { filter, resources };
  } catch (cause) {
    failLoad(cause, url);
  }
};
