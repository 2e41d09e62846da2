import { redirect } from '@sveltejs/kit';
import { directApi } from '#lib/api/direct.ts';
import { groupsApi } from '#lib/api/groups.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import { signInUrl } from '#lib/navigation/redirect.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { PageLoad } from './$types';

/** One conversation: its state, and the group and members the chat view works on (it is a `direct` group). */
export const load: PageLoad = async ({ parent, params, url, fetch, depends }) => {
  await parent();
  if (!session.user) redirect(307, signInUrl(url));
  depends('app:direct');
  try {
    const [{ conversation }, { group }, members] = await Promise.all([
      directApi.get(params.id, fetch),
      groupsApi.get(params.id, fetch),
      groupsApi.members(params.id, { limit: 100, fetch }),
    ]);
    return { conversation, group, members: members.items };
  } catch (cause) {
    failLoad(cause, url);
  }
};
