import { ApiError } from '../api/client.ts';
import { failLoad } from '../api/load-errors.ts';

/** Where a moderator page belongs: one group's moderation, the platform's (admins) or mentorships' (coordinators). */
export type ModerationScope =
  | { kind: 'group'; id: string; name: string; slug: string }
  | { kind: 'platform' }
  | { kind: 'mentoring' };

/** The API's `groupId` for a scope; the platform has none. */
export const scopeGroupId = (scope: ModerationScope) => (scope.kind === 'group' ? scope.id : undefined);

/** The API's query for a scope's queue and appeals: a group's id, `scope=mentoring`, or nothing (the platform). */
export const scopeQuery = (scope: ModerationScope): { groupId?: string; scope?: 'mentoring' } =>
  scope.kind === 'group' ? { groupId: scope.id } : scope.kind === 'mentoring' ? { scope: 'mentoring' } : {};

/** Where a scope's pages live. */
export const scopeBase = (scope: ModerationScope) =>
  scope.kind === 'group'
    ? `/moderation/groups/${scope.slug}`
    : scope.kind === 'mentoring'
      ? '/moderation/mentoring'
      : '/moderation/platform';

export type Guarded<T> = { mfaRequired: true; data: null } | { mfaRequired: false; data: T };

/**
 * Loads a moderator page's data, or says why it cannot: a moderator (or admin) without two-step verification gets
 * the notice with the way to turn it on; anyone else gets the error page the API's answer calls for.
 */
export async function loadGuarded<T>(url: URL, fetchData: () => Promise<T>): Promise<Guarded<T>> {
  try {
    return { mfaRequired: false, data: await fetchData() };
  } catch (cause) {
    // A session that only has to confirm its code goes to that step (failLoad) and comes back here.
    if (cause instanceof ApiError && cause.code === 'auth.mfa_enrolment_required')
      return { mfaRequired: true, data: null };
    failLoad(cause, url);
  }
}
