import { error } from '@sveltejs/kit';
import { groupsApi } from '#lib/api/groups.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import type { PageLoad } from './$types';

/** The conversation needs membership; the members (up to 100) are for @mentions and names. */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  const { group } = await parent();
  if (!group.permissions.canRead) error(403, { message: 'group.not_member', code: 'group.not_member' });
  try {
    const members = await groupsApi.members(group.id, { limit: 100, fetch });
    return { members: members.items };
  } catch (cause) {
    failLoad(cause, url);
  }
};
