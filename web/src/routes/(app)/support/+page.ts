import { failLoad } from '#lib/api/load-errors.ts';
import { moderationApi } from '#lib/api/moderation.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { PageLoad } from './$types';

/** Help for anyone who has a hard time: the helplines, and the group's own contacts when a group is given. */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  if (!session.user) return { support: null };
  const group = url.searchParams.get('group') ?? undefined;
  try {
    return { support: await moderationApi.support(group, fetch) };
  } catch (cause) {
    failLoad(cause, url);
  }
};
