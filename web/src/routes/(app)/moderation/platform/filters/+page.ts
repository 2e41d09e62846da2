import { moderationApi } from '#lib/api/moderation.ts';
import { loadGuarded } from '#lib/moderation/moderation-load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  return {
    filters: await loadGuarded(url, async () => (await moderationApi.filters(undefined, fetch)).items),
  };
};
