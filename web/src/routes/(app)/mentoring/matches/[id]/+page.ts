import { failLoad } from '#lib/api/load-errors.ts';
import { mentoringApi } from '#lib/api/mentoring.ts';
import type { PageLoad } from './$types';

/** A match and the request it answers; 404 for anyone who may not see it. */
export const load: PageLoad = async ({ parent, params, url, fetch, depends }) => {
  await parent();
  depends('app:match');
  try {
    return { detail: await mentoringApi.getMatch(params.id, fetch) };
  } catch (cause) {
    failLoad(cause, url);
  }
};
