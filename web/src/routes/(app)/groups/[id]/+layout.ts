import { groupsApi } from '#lib/api/groups.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import type { LayoutLoad } from './$types';

/** The group for its page and the moderator pages under it. A hidden or missing group is the same 404. */
export const load: LayoutLoad = async ({ parent, params, url, fetch, depends }) => {
  await parent();
  depends('app:group');
  try {
    const { group } = await groupsApi.get(params.id, fetch);
    return { group };
  } catch (cause) {
    failLoad(cause, url);
  }
};
