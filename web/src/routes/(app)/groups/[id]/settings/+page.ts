import { error, redirect } from '@sveltejs/kit';
import { stepUpFrom } from '#lib/account/second-factor.ts';
import { retentionApi } from '#lib/api/retention.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { PageLoad } from './$types';

/** A group's settings, for its owners and admins; an owner who has not confirmed the code meets that step first. */
export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { group } = await parent();
  if (group.permissions.needsMfaForModeration) {
    if (session.user?.mfaEnabled) redirect(307, stepUpFrom(url));
    return { mfaRequired: true };
  }
  if (!group.permissions.canEdit) error(403, { message: 'forbidden', code: 'auth.forbidden' });
  return { mfaRequired: false, retention: await retentionApi.group(group.id, fetch) };
};
