import type { Group } from '@spejl/shared';
import { error, redirect } from '@sveltejs/kit';
import { stepUpFrom } from '../account/second-factor.ts';
import { ApiError } from '../api/client.ts';
import { failLoad } from '../api/load-errors.ts';
import { session } from '../session/session.svelte.ts';

export type ModerationData<T> = { mfaRequired: true; list: null } | { mfaRequired: false; list: T };

/**
 * Loads the data of a moderator page, or says why it cannot: a moderator without two-step verification gets a
 * notice with the way to turn it on; anyone else gets the error page the API's answer calls for.
 */
export async function loadForModerators<T>(
  group: Group,
  url: URL,
  fetchList: () => Promise<T>,
): Promise<ModerationData<T>> {
  if (group.permissions.needsMfaForModeration) {
    // Two-step verification is on, but this sign-in has not confirmed the code yet: that step, then back here.
    if (session.user?.mfaEnabled) redirect(307, stepUpFrom(url));
    return { mfaRequired: true, list: null };
  }
  if (!group.permissions.canModerate && !group.permissions.canInvite) {
    error(403, { message: 'forbidden', code: 'auth.forbidden' });
  }
  try {
    return { mfaRequired: false, list: await fetchList() };
  } catch (cause) {
    if (cause instanceof ApiError && cause.code === 'auth.mfa_enrolment_required') {
      return { mfaRequired: true, list: null };
    }
    failLoad(cause, url);
  }
}
