import type { Group } from '@spejl/shared';
import { groupsApi } from '#lib/api/groups.ts';
import { mentoringApi } from '#lib/api/mentoring.ts';
import { webinarsApi } from '#lib/api/webinars.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { PageLoad } from './$types';

/** null where a part could not be read: the home page opens with what it has. */
async function orNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch {
    return null;
  }
}

/** The signed-in home: the person's groups, their coming events and their mentorships, read side by side. */
export const load: PageLoad = async ({ parent, fetch }) => {
  await parent();
  if (!session.user) return { myGroups: null, myEvents: null, mentoring: null };
  const [groups, events, mentoring] = await Promise.all([
    orNull(groupsApi.list({ mine: true, limit: 100, fetch })),
    orNull(webinarsApi.list({ view: 'mine', fetch })),
    orNull(mentoringApi.me(fetch)),
  ]);
  return {
    myGroups: (groups?.items as Group[] | undefined) ?? null,
    myEvents: events?.items.slice(0, 3) ?? null,
    mentoring,
  };
};
