import type { ErrorCode, MentoringMatchStatus, MentoringRequestStatus } from '@spejl/shared';
import { type Actor, hasPlatformPower, powerRefusal } from '../auth/auth.policy.ts';

/** Coordinators (and administrators) with two-step verification. */
export function isCoordinator(actor: Actor): boolean {
  return hasPlatformPower(actor, 'coordinator');
}

/** Why the actor may not use coordinator powers: not one (403), or no TOTP yet (403 with a code the web acts on). */
export function coordinatorRefusal(actor: Actor): ErrorCode | null {
  return powerRefusal(actor, 'coordinator');
}

/** Matching weights are for administrators (with TOTP). */
export function weightsRefusal(actor: Actor): ErrorCode | null {
  return powerRefusal(actor, 'admin');
}

/** How the actor stands to a request. */
export interface RequestStanding {
  isRequester: boolean;
  /** The mentor of a proposed, active or closed match on the request (not one who declined or was withdrawn). */
  isMentor: boolean;
}

export type RequestAction = 'see' | 'edit' | 'withdraw' | 'coordinate' | 'propose';

/** Still looking for a mentor: the request can be adjusted and a mentor proposed. */
const openStatuses: ReadonlySet<MentoringRequestStatus> = new Set(['requested', 'clarifying']);
/** Not yet matched: the family (or a coordinator) can take it back. */
const withdrawableStatuses: ReadonlySet<MentoringRequestStatus> = new Set([
  'requested',
  'clarifying',
  'proposed',
]);

/**
 * Answers "may this actor do this to this request?": null when allowed, otherwise the error code. A request is
 * visible only to the requester, coordinators and its proposed mentor; anyone else gets `not_found`.
 */
export function requestRefusal(
  actor: Actor,
  action: RequestAction,
  status: MentoringRequestStatus,
  standing: RequestStanding,
): ErrorCode | null {
  const coordinator = isCoordinator(actor);
  if (!standing.isRequester && !standing.isMentor && !coordinator) return 'not_found';
  switch (action) {
    case 'see':
      return null;
    case 'edit':
      if (!coordinator && !standing.isRequester) return 'auth.forbidden';
      // Once a mentor is proposed, the mentor has read the request: it stays as they read it.
      return openStatuses.has(status) ? null : 'mentoring.request_locked';
    case 'withdraw':
      if (!coordinator && !standing.isRequester) return 'auth.forbidden';
      return withdrawableStatuses.has(status) ? null : 'mentoring.request_not_open';
    case 'coordinate':
      return coordinator ? null : 'auth.forbidden';
    case 'propose':
      if (!coordinator) return 'auth.forbidden';
      return openStatuses.has(status) ? null : 'mentoring.request_not_open';
  }
}

/** How the actor stands to a match. */
export interface MatchStanding {
  isMentor: boolean;
  isFamily: boolean;
}

export type MatchAction =
  | 'see'
  | 'accept'
  | 'decline'
  | 'cancel'
  | 'close'
  | 'recordContact'
  | 'checkIn'
  | 'feedback'
  | 'openConversation'
  | 'call';

/** Who sees a match: the mentor while it is theirs, the family once it is active, and coordinators. */
function seesMatch(coordinator: boolean, status: MentoringMatchStatus, standing: MatchStanding): boolean {
  if (coordinator) return true;
  if (standing.isMentor) return status === 'proposed' || status === 'active' || status === 'closed';
  if (standing.isFamily) return status === 'active' || status === 'closed';
  return false;
}

/** Answers "may this actor do this to this match?"; a match the actor may not see is `not_found`. */
export function matchRefusal(
  actor: Actor,
  action: MatchAction,
  status: MentoringMatchStatus,
  standing: MatchStanding,
): ErrorCode | null {
  const coordinator = isCoordinator(actor);
  if (!seesMatch(coordinator, status, standing)) return 'not_found';
  const pair = standing.isMentor || standing.isFamily;
  switch (action) {
    case 'see':
      return null;
    case 'accept':
    case 'decline':
      if (!standing.isMentor) return 'auth.forbidden';
      return status === 'proposed' ? null : 'mentoring.match_not_proposed';
    case 'cancel':
      if (!coordinator) return 'auth.forbidden';
      return status === 'proposed' ? null : 'mentoring.match_not_proposed';
    case 'close':
      if (!pair && !coordinator) return 'auth.forbidden';
      return status === 'active' ? null : 'mentoring.match_not_active';
    case 'recordContact':
      if (!standing.isMentor) return 'auth.forbidden';
      return status === 'active' ? null : 'mentoring.match_not_active';
    case 'checkIn':
      if (!pair) return 'auth.forbidden';
      return status === 'active' ? null : 'mentoring.match_not_active';
    case 'feedback':
      if (!pair) return 'auth.forbidden';
      return status === 'closed' ? null : 'mentoring.match_not_closed';
    case 'call':
      // A video call is the pair's alone, and only while the mentorship is active.
      if (!pair) return 'auth.forbidden';
      return status === 'active' ? null : 'mentoring.match_not_active';
    case 'openConversation':
      // The pair's conversation is theirs alone: coordinators and administrators never read it.
      if (!pair) return 'auth.forbidden';
      return status === 'active' || status === 'closed' ? null : 'mentoring.match_not_active';
  }
}

export function matchAllows(
  actor: Actor,
  action: MatchAction,
  status: MentoringMatchStatus,
  standing: MatchStanding,
): boolean {
  return matchRefusal(actor, action, status, standing) === null;
}

export function requestAllows(
  actor: Actor,
  action: RequestAction,
  status: MentoringRequestStatus,
  standing: RequestStanding,
): boolean {
  return requestRefusal(actor, action, status, standing) === null;
}
