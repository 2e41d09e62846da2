import { redirect } from '@sveltejs/kit';
import type { Group } from '@spejl/shared';
import { groupsApi } from '#lib/api/groups.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import type { LayoutLoad } from './$types';

/** The group for its page and the moderator pages under it. A hidden or missing group is the same 404. */
export const load: LayoutLoad = async ({ parent, params, url, fetch, depends }) => {
  await parent();
  depends('app:group');
  let group: Group;
  try {
    group = (await groupsApi.get(params.id, fetch)).group;
  } catch (cause) {
    failLoad(cause, url);
  }
  // A direct conversation is a group underneath, but never shown as one (a link from a mention leads here).
  if (group.kind === 'direct') redirect(307, `/messages/${encodeURIComponent(group.id)}`);
  return { group };
};
