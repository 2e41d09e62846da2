import { failLoad } from '#lib/api/load-errors.ts';
import { mentoringApi } from '#lib/api/mentoring.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch, depends }) => {
  await parent();
  depends('app:mentoring');
  try {
    return { me: await mentoringApi.me(fetch) };
  } catch (cause) {
    failLoad(cause, url);
  }
};
