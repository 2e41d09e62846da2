import { failLoad } from '#lib/api/load-errors.ts';
import { programmesApi } from '#lib/api/programmes.ts';
import { webinarsApi } from '#lib/api/webinars.ts';
import { type AssociationChoice, directoryAssociations } from '#lib/programmes/associations.ts';
import type { StepLinkTitles } from '#lib/programmes/links.ts';
import type { PageLoad } from './$types';

/**
 * The programme with the reader's own enrolment, the titles its steps link to (texts in the kit, webinars) and, for a
 * family that may enrol, the associations it may name.
 */
export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  await parent();
  try {
    const programme = await programmesApi.get(params.id, fetch);
    const resourceIds = [...new Set(programme.steps.flatMap((step) => step.resourceIds))];
    const webinarIds = [...new Set(programme.steps.flatMap((step) => step.webinarIds))];
    const enrolling =
      programme.permissions.canEnrol && (!programme.myEnrolment || programme.myEnrolment.status === 'left');
    const [resources, webinars, associations] = await Promise.all([
      programmesApi.resourceTitles(resourceIds, fetch),
      Promise.all(
        webinarIds.map((id) =>
          webinarsApi.get(id, fetch).then(
            ({ webinar }) => webinar,
            () => null,
          ),
        ),
      ),
      enrolling ? directoryAssociations(fetch) : Promise.resolve<AssociationChoice[]>([]),
    ]);
    const titles: StepLinkTitles = {
      resources: new Map(resources.map((resource) => [resource.id, resource.title])),
      webinars: new Map(
        webinars.flatMap((webinar) =>
          webinar ? [[webinar.id, { title: webinar.title, startsAt: webinar.startsAt }] as const] : [],
        ),
      ),
    };
    return { programme, titles, associations };
  } catch (cause) {
    failLoad(cause, url);
  }
};
