import { groupsApi } from '#lib/api/groups.ts';
import { loadForModerators } from '#lib/groups/moderation-load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  const { group } = await parent();
  return loadForModerators(group, url, () => groupsApi.membershipEvents(group.id, { fetch }));
};
