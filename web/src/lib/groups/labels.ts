import type {
  FamilyRole,
  Group,
  GroupRole,
  Invite,
  JoinRequest,
  MembershipEvent,
  MessageKey,
} from '@spejl/shared';

// The value lists (familyRoles, groupRoles, …) live in @spejl/shared next to their zod schemas, and importing them
// would put zod in the browser bundle. These maps are typed against the same types instead, so a value added there
// fails the web's type check until it has a label here.

export const groupKindKeys = {
  diagnosis: 'groups.kind.diagnosis',
  network: 'groups.kind.network',
  subgroup: 'groups.kind.subgroup',
  mentorship: 'mentoring.groupKind',
  direct: 'direct.conversationName',
} as const satisfies Record<Group['kind'], MessageKey>;

export const groupRoleKeys = {
  member: 'groupRole.member',
  moderator: 'groupRole.moderator',
  owner: 'groupRole.owner',
} as const satisfies Record<GroupRole, MessageKey>;

/** In the order of `familyRoles` in @spejl/shared, which is the order people see in the select. */
export const familyRoleKeys = {
  parent: 'familyRole.parent',
  person_with_diagnosis: 'familyRole.person_with_diagnosis',
  sibling: 'familyRole.sibling',
  grandparent: 'familyRole.grandparent',
  professional: 'familyRole.professional',
  other: 'familyRole.other',
} as const satisfies Record<FamilyRole, MessageKey>;

export const groupRoles = Object.keys(groupRoleKeys) as GroupRole[];
export const familyRoles = Object.keys(familyRoleKeys) as FamilyRole[];

export const joinRequestStatusKeys = {
  pending: 'requests.status.pending',
  approved: 'requests.status.approved',
  declined: 'requests.status.declined',
  withdrawn: 'requests.status.withdrawn',
} as const satisfies Record<JoinRequest['status'], MessageKey>;

export type JoinRequestStatus = JoinRequest['status'];
export const joinRequestStatuses = Object.keys(joinRequestStatusKeys) as JoinRequestStatus[];

export const membershipEventKeys = {
  'joined.request_approved': 'history.kind.joinedRequestApproved',
  'joined.invite': 'history.kind.joinedInvite',
  'joined.added': 'history.kind.joinedAdded',
  'joined.created': 'history.kind.joinedCreated',
  left: 'history.kind.left',
  removed: 'history.kind.removed',
  role_changed: 'history.kind.roleChanged',
  'request.created': 'history.kind.requestCreated',
  'request.declined': 'history.kind.requestDeclined',
  'request.withdrawn': 'history.kind.requestWithdrawn',
  blocked: 'history.kind.blocked',
  unblocked: 'history.kind.unblocked',
} as const satisfies Record<MembershipEvent['kind'], MessageKey>;

export type InviteState = 'active' | 'revoked' | 'expired' | 'usedUp';

/** Why an invite link works or not, from its fields; `active` is the server's word, the rest explains it. */
export function inviteState(invite: Invite, now = Date.now()): InviteState {
  if (invite.revokedAt) return 'revoked';
  if (invite.active) return 'active';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'usedUp';
  if (invite.expiresAt && Date.parse(invite.expiresAt) <= now) return 'expired';
  return 'revoked';
}

export const inviteStateKeys = {
  active: 'invites.status.active',
  revoked: 'invites.status.revoked',
  expired: 'invites.status.expired',
  usedUp: 'invites.status.usedUp',
} as const satisfies Record<InviteState, MessageKey>;
