import { moderationApi } from '#lib/api/moderation.ts';
import { loadGuarded } from '#lib/moderation/moderation-load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  await parent();
  return { detail: await loadGuarded(url, async () => (await moderationApi.item(params.id, fetch)).item) };
};
