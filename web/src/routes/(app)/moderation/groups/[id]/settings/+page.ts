import { moderationApi } from '#lib/api/moderation.ts';
import { loadGuarded } from '#lib/moderation/moderation-load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  const { scope } = await parent();
  const groupId = scope.kind === 'group' ? scope.id : '';
  const loaded = await loadGuarded(url, async () => {
    const [{ settings }, { items }] = await Promise.all([
      moderationApi.settings(groupId, fetch),
      moderationApi.filters(groupId, fetch),
    ]);
    return { settings, filters: items };
  });
  return { loaded };
};
