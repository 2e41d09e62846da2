import type { MentorProfile } from '@spejl/shared';
import { failLoad } from '#lib/api/load-errors.ts';
import { mentoringApi } from '#lib/api/mentoring.ts';
import type { PageLoad } from './$types';

const statuses = ['awaiting_approval', 'approved', 'paused'] as const;

/** Mentor profiles for coordinators, optionally one status (`?status=awaiting_approval`). */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  const asked = url.searchParams.get('status');
  const status = statuses.find((value) => value === asked) as MentorProfile['status'] | undefined;
  try {
    const page = await mentoringApi.mentors({ ...(status ? { status } : {}), fetch });
    return { mentors: page.items, status: status ?? null };
  } catch (cause) {
    failLoad(cause, url);
  }
};
