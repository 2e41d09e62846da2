import { failLoad } from '#lib/api/load-errors.ts';
import { groupsApi } from '#lib/api/groups.ts';
import { mentoringApi } from '#lib/api/mentoring.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  try {
    const [me, groups] = await Promise.all([mentoringApi.me(fetch), groupsApi.list({ limit: 100, fetch })]);
    return { profile: me.profile, groups: groups.items };
  } catch (cause) {
    failLoad(cause, url);
  }
};
