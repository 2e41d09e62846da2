import { groupsApi } from '#lib/api/groups.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import { programmesApi } from '#lib/api/programmes.ts';
import { webinarsApi } from '#lib/api/webinars.ts';
import type { StepOptions } from '#lib/programmes/editor-options.ts';
import type { PageLoad } from './$types';

/** The programme to change, and what its steps can point to (groups, coming webinars, texts from the kit). */
export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  await parent();
  try {
    const [programme, groups, webinars, resources] = await Promise.all([
      programmesApi.get(params.id, fetch),
      groupsApi.list({ limit: 100, fetch }).catch(() => ({ items: [] })),
      webinarsApi.list({ fetch }).catch(() => ({ items: [] })),
      programmesApi.resourceOptions(fetch).catch(() => []),
    ]);
    const options: StepOptions = {
      groups: groups.items.map((group) => ({ id: group.id, name: group.name })),
      webinars: webinars.items.map((webinar) => ({
        id: webinar.id,
        title: webinar.title,
        startsAt: webinar.startsAt,
      })),
      resources,
    };
    return { programme, options };
  } catch (cause) {
    failLoad(cause, url);
  }
};
