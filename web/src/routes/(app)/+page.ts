import type { Group } from '@spejl/shared';
import { groupsApi } from '#lib/api/groups.ts';
import { mentoringApi } from '#lib/api/mentoring.ts';
import { webinarsApi } from '#lib/api/webinars.ts';
import { welcomeApi } from '#lib/api/welcome.ts';
import { homeProgramme } from '#lib/programmes/home.ts';
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

/**
 * The signed-in home: the person's groups, the ones they asked to join, their coming events, their mentorships, the
 * guided start and the new-family programme, read side by side. Signed out: the front page's listed groups and events
 * for everyone.
 */
export const load: PageLoad = async ({ parent, fetch }) => {
  await parent();
  if (!session.user) {
    const [listed, publicEvents] = await Promise.all([
      orNull(groupsApi.list({ limit: 50, fetch })),
      orNull(webinarsApi.listPublic({ limit: 4, fetch })),
    ]);
    return {
      myGroups: null,
      pending: null,
      myEvents: null,
      mentoring: null,
      welcomeStep: null,
      programme: null,
      // The diagnoses and networks themselves: sub-groups are found on their group's page.
      listed: listed?.items.filter((group) => group.parentId === null).slice(0, 6) ?? null,
      publicEvents: publicEvents?.items ?? null,
    };
  }
  const [groups, pending, events, mentoring, welcome, programme] = await Promise.all([
    orNull(groupsApi.list({ mine: true, limit: 100, fetch })),
    orNull(groupsApi.list({ pending: true, limit: 100, fetch })),
    orNull(webinarsApi.list({ view: 'mine', fetch })),
    orNull(mentoringApi.me(fetch)),
    orNull(welcomeApi.get(fetch)),
    orNull(homeProgramme(fetch)),
  ]);
  return {
    myGroups: (groups?.items as Group[] | undefined) ?? null,
    pending: pending?.items ?? null,
    myEvents: events?.items.slice(0, 3) ?? null,
    mentoring,
    welcomeStep: welcome?.welcome.step ?? null,
    programme,
    listed: null,
    publicEvents: null,
  };
};
