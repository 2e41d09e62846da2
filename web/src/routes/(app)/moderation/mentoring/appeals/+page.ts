import { moderationApi } from '#lib/api/moderation.ts';
import { loadGuarded, scopeQuery } from '#lib/moderation/moderation-load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  const { scope } = await parent();
  const status = url.searchParams.get('status') === 'decided' ? 'decided' : 'open';
  const appeals = await loadGuarded(url, () =>
    moderationApi.appeals({ ...scopeQuery(scope), status, fetch }),
  );
  return { appeals, status: status as 'open' | 'decided' };
};
