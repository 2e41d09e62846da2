import { groupsApi } from '#lib/api/groups.ts';
import { type JoinRequestStatus, joinRequestStatuses } from '#lib/groups/labels.ts';
import { loadForModerators } from '#lib/groups/moderation-load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  const { group } = await parent();
  const asked = url.searchParams.get('status');
  const status = joinRequestStatuses.find((candidate) => candidate === asked) ?? 'pending';
  const data = await loadForModerators(group, url, () => groupsApi.joinRequests(group.id, { status, fetch }));
  return { ...data, status: status as JoinRequestStatus };
};
