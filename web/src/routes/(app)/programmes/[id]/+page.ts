import { failLoad } from '#lib/api/load-errors.ts';
import { programmesApi } from '#lib/api/programmes.ts';
import { webinarsApi } from '#lib/api/webinars.ts';
import type { StepLinkTitles } from '#lib/programmes/links.ts';
import type { PageLoad } from './$types';

/** The programme with the reader's own enrolment, and the titles its steps link to (texts in the kit, webinars). */
export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  await parent();
  try {
    const programme = await programmesApi.get(params.id, fetch);
    const resourceIds = [...new Set(programme.steps.flatMap((step) => step.resourceIds))];
    const webinarIds = [...new Set(programme.steps.flatMap((step) => step.webinarIds))];
    const [resources, webinars] = await Promise.all([
      programmesApi.resourceTitles(resourceIds, fetch),
      Promise.all(
        webinarIds.map((id) =>
          webinarsApi.get(id, fetch).then(
            ({ webinar }) => webinar,
            () => null,
          ),
        ),
      ),
    ]);
    const titles: StepLinkTitles = {
      resources: new Map(resources.map((resource) => [resource.id, resource.title])),
      webinars: new Map(
        webinars.flatMap((webinar) =>
          webinar ? [[webinar.id, { title: webinar.title, startsAt: webinar.startsAt }] as const] : [],
        ),
      ),
    };
    return { programme, titles };
  } catch (cause) {
    failLoad(cause, url);
  }
};
