import { failLoad } from '#lib/api/load-errors.ts';
import { programmesApi } from '#lib/api/programmes.ts';
import type { PageLoad } from './$types';

/** The coordinator's view of a programme: the families × steps matrix (of one cohort, when chosen) and the answers. */
export const load: PageLoad = async ({ parent, params, url, fetch, depends }) => {
  depends('app:programme-coordinator');
  await parent();
  const cohortId = url.searchParams.get('cohortId') || null;
  try {
    const [programme, matrix, evaluations] = await Promise.all([
      programmesApi.get(params.id, fetch),
      programmesApi.matrix(params.id, { cohortId, fetch }),
      programmesApi.evaluations(params.id, fetch),
    ]);
    return { programme, matrix, evaluations, cohortId };
  } catch (cause) {
    failLoad(cause, url);
  }
};
