import { failLoad } from '#lib/api/load-errors.ts';
import { mentoringApi } from '#lib/api/mentoring.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  try {
    return await mentoringApi.weights(fetch);
  } catch (cause) {
    failLoad(cause, url);
  }
};
