import type { Group } from '@spejl/shared';
import { groupsApi } from '#lib/api/groups.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { PageLoad } from './$types';

/** The signed-in home lists the user's own groups; if that fails, the page still opens without them. */
export const load: PageLoad = async ({ parent, fetch }) => {
  await parent();
  if (!session.user) return { myGroups: null };
  try {
    const { items } = await groupsApi.list({ mine: true, limit: 100, fetch });
    return { myGroups: items as Group[] | null };
  } catch {
    return { myGroups: null };
  }
};
