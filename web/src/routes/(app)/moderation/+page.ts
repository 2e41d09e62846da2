import { failLoad } from '#lib/api/load-errors.ts';
import { moderationApi } from '#lib/api/moderation.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  try {
    return { summary: await moderationApi.summary(fetch) };
  } catch (cause) {
    failLoad(cause, url);
  }
};
