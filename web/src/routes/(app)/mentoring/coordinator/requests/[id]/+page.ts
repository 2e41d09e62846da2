import { failLoad } from '#lib/api/load-errors.ts';
import { mentoringApi } from '#lib/api/mentoring.ts';
import type { PageLoad } from './$types';

/** One request with its candidates, for a coordinator. */
export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  await parent();
  try {
    const [{ request }, candidates] = await Promise.all([
      mentoringApi.getRequest(params.id, fetch),
      mentoringApi.candidates(params.id, fetch),
    ]);
    return { request, candidates };
  } catch (cause) {
    failLoad(cause, url);
  }
};
