import { moderationApi } from '#lib/api/moderation.ts';
import { loadGuarded, scopeGroupId } from '#lib/moderation/moderation-load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  const { scope } = await parent();
  const status = url.searchParams.get('status') === 'decided' ? 'decided' : 'open';
  const groupId = scopeGroupId(scope);
  const appeals = await loadGuarded(url, () =>
    moderationApi.appeals({ ...(groupId ? { groupId } : {}), status, fetch }),
  );
  return { appeals, status: status as 'open' | 'decided' };
};
