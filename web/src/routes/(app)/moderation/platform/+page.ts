import { moderationApi } from '#lib/api/moderation.ts';
import { loadGuarded, scopeGroupId } from '#lib/moderation/moderation-load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  const { scope } = await parent();
  const status = url.searchParams.get('status') === 'resolved' ? 'resolved' : 'open';
  const groupId = scopeGroupId(scope);
  const queue = await loadGuarded(url, () =>
    moderationApi.queue({ ...(groupId ? { groupId } : {}), status, fetch }),
  );
  return { queue, status: status as 'open' | 'resolved' };
};
