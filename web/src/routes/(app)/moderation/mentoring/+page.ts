import { moderationApi } from '#lib/api/moderation.ts';
import { loadGuarded, scopeQuery } from '#lib/moderation/moderation-load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  const { scope } = await parent();
  const status = url.searchParams.get('status') === 'resolved' ? 'resolved' : 'open';
  const queue = await loadGuarded(url, () => moderationApi.queue({ ...scopeQuery(scope), status, fetch }));
  return { queue, status: status as 'open' | 'resolved' };
};
