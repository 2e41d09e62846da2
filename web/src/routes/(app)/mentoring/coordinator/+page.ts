import { ApiError } from '#lib/api/client.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import { mentoringApi } from '#lib/api/mentoring.ts';
import type { PageLoad } from './$types';

/** The coordinators' dashboard; a coordinator without two-step verification is asked to turn it on. */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  try {
    return { dashboard: await mentoringApi.dashboard(fetch), needsMfa: false };
  } catch (cause) {
    if (cause instanceof ApiError && cause.code === 'auth.mfa_enrolment_required')
      return { dashboard: null, needsMfa: true };
    failLoad(cause, url);
  }
};
