import {
  type ErrorCode,
  type GroupKind,
  type GroupPermissions,
  type GroupRole,
  isConversationKind,
} from '@spejl/shared';
import { type Actor, hasPlatformPower, mfaRefusal } from '../auth/auth.policy.ts';

/** The parts of a group that decide access. */
export interface GroupAccess {
  visibility: 'listed' | 'hidden';
  joinPolicy: 'request' | 'invite';
  /** Only a conversation kind (`mentorship`, `direct`) changes the rules; a missing kind is an ordinary group. */
  kind?: GroupKind;
}

/** The actor's standing in one group. */
export interface Standing {
  role: GroupRole | null;
  /** Blocked from asking to join (or being invited) again. */
  blocked: boolean;
}

export type GroupAction =
  | 'see'
  | 'read'
  | 'viewMembers'
  | 'requestToJoin'
  | 'leave'
  | 'editProfile'
  | 'reviewRequests'
  | 'invite'
  | 'addMember'
  | 'removeMember'
  | 'viewLog'
  | 'manageRoles'
  | 'edit';

const moderatorActions = new Set<GroupAction>([
  'reviewRequests',
  'invite',
  'addMember',
  'removeMember',
  'viewLog',
]);
const ownerActions = new Set<GroupAction>(['manageRoles', 'edit']);
/**
 * A private conversation's (a mentorship's or a direct one's) members are exactly the pair: they read and see each
 * other, and nothing changes its membership.
 */
const conversationActions = new Set<GroupAction>(['see', 'read', 'viewMembers']);
const rank: Record<GroupRole, number> = { member: 0, moderator: 1, owner: 2 };

/** A platform admin with TOTP administers every group, hidden ones included, without being a member. */
function isAdmin(actor: Actor): boolean {
  return hasPlatformPower(actor, 'admin');
}

/**
 * Answers "may this actor do this to this group?": null when allowed, otherwise the error code to answer with.
 * Anyone who may not see a group gets `not_found`, so a hidden group never reveals that it exists.
 */
export function groupRefusal(
  actor: Actor,
  action: GroupAction,
  group: GroupAccess,
  standing: Standing,
): ErrorCode | null {
  const admin = isAdmin(actor);
  const role = standing.role;
  // A private conversation is its pair's alone: not even an administrator or a coordinator learns that it exists.
  if (group.kind !== undefined && isConversationKind(group.kind)) {
    if (role === null) return 'not_found';
    return conversationActions.has(action) ? null : 'auth.forbidden';
  }
  if (group.visibility === 'hidden' && role === null && !admin) return 'not_found';
  if (action === 'see') return null;

  if (action === 'requestToJoin') {
    if (role !== null) return 'group.already_member';
    if (standing.blocked) return 'group.join_blocked';
    if (group.joinPolicy === 'invite') return 'group.invite_only';
    return null;
  }
  if (action === 'read' || action === 'leave' || action === 'editProfile') {
    return role === null ? 'group.not_member' : null;
  }
  if (action === 'viewMembers') {
    return role === null && !admin ? 'group.not_member' : null;
  }

  const needed: GroupRole = ownerActions.has(action) ? 'owner' : 'moderator';
  if (!moderatorActions.has(action) && !ownerActions.has(action)) return 'auth.forbidden';
  if (admin) return null;
  if (role === null || rank[role] < rank[needed]) return 'auth.forbidden';
  return mfaRefusal(actor);
}

/** True when the action is allowed. */
export function groupAllows(
  actor: Actor,
  action: GroupAction,
  group: GroupAccess,
  standing: Standing,
): boolean {
  return groupRefusal(actor, action, group, standing) === null;
}

/** Everything the web needs to show the right controls for one group. */
export function groupPermissionsFor(actor: Actor, group: GroupAccess, standing: Standing): GroupPermissions {
  const allows = (action: GroupAction) => groupAllows(actor, action, group, standing);
  return {
    canRead: allows('read'),
    canRequestToJoin: allows('requestToJoin'),
    canLeave: allows('leave'),
    canViewMembers: allows('viewMembers'),
    canModerate: allows('reviewRequests'),
    canInvite: allows('invite'),
    canManageRoles: allows('manageRoles'),
    canEdit: allows('edit'),
    needsMfaForModeration: ['auth.mfa_enrolment_required', 'auth.mfa_step_up_required'].includes(
      groupRefusal(actor, 'reviewRequests', group, standing) ?? '',
    ),
  };
}

/** Creating groups is for platform admins (with TOTP). */
export function createGroupRefusal(actor: Actor): ErrorCode | null {
  if (actor.user.platformRole !== 'admin') return 'auth.forbidden';
  return mfaRefusal(actor);
}

/**
 * May the actor remove this member? Moderators remove members; only owners (and admins) remove moderators and
 * owners. Leaving is a separate action.
 */
export function removalRefusal(
  actor: Actor,
  actorRole: GroupRole | null,
  targetRole: GroupRole,
): ErrorCode | null {
  if (isAdmin(actor)) return null;
  if (actorRole === 'owner') return null;
  if (actorRole === 'moderator' && targetRole === 'member') return null;
  return 'auth.forbidden';
}

/** Giving someone a role: owners (and admins) only, checked by `manageRoles`; nobody grants above their own. */
export function roleGrantRefusal(
  actor: Actor,
  actorRole: GroupRole | null,
  newRole: GroupRole,
): ErrorCode | null {
  if (isAdmin(actor)) return null;
  if (actorRole === null || rank[newRole] > rank[actorRole]) return 'auth.forbidden';
  return null;
}
