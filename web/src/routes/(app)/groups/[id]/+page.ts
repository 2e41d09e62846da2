import { groupsApi } from '#lib/api/groups.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  const { group } = await parent();
  try {
    const [subgroups, members] = await Promise.all([
      groupsApi.list({ parentId: group.id, limit: 100, fetch }),
      group.permissions.canViewMembers ? groupsApi.members(group.id, { fetch }) : null,
    ]);
    return { subgroups: subgroups.items, members };
  } catch (cause) {
    failLoad(cause, url);
  }
};
