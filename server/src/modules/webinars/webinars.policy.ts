import type {
  ErrorCode,
  GroupRole,
  RegistrationStatus,
  RoomRole,
  StaffRole,
  WebinarAudience,
} from '@spejl/shared';
import { type Actor, hasPlatformPower, mfaRefusal } from '../auth/auth.policy.ts';

/** The actor's memberships, read once per request: what decides which events they may see and run. */
export interface ActorGroups {
  /** Role per group id. */
  roles: Map<string, GroupRole>;
  /** Associations the actor belongs to through any of their groups. */
  organisations: Set<string>;
  /** Associations where the actor owns at least one group. */
  ownedOrganisations: Set<string>;
}

/** The parts of one event, and the actor's ties to it, that decide access. */
export interface WebinarFacts {
  audience: WebinarAudience;
  groupId: string | null;
  groupVisibility: 'listed' | 'hidden' | null;
  organisationId: string | null;
  staffRole: StaffRole | null;
  registrationStatus: RegistrationStatus | null;
}

export type WebinarAction = 'see' | 'register' | 'manage';

const isAdmin = (actor: Actor) => hasPlatformPower(actor, 'admin');
const rank: Record<GroupRole, number> = { member: 0, moderator: 1, owner: 2 };

/** Who may organise: a group's moderators and owners; an association's group owners; admins for everything. */
function organiserRefusal(actor: Actor, facts: WebinarFacts, groups: ActorGroups): ErrorCode | null {
  if (isAdmin(actor)) return null;
  let organiser = false;
  if (facts.audience === 'group' && facts.groupId) {
    const role = groups.roles.get(facts.groupId);
    organiser = role !== undefined && rank[role] >= rank.moderator;
  } else if (facts.audience === 'organisation' && facts.organisationId) {
    organiser = groups.ownedOrganisations.has(facts.organisationId);
  }
  if (!organiser) return 'auth.forbidden';
  return mfaRefusal(actor);
}

/** May the actor see the event at all? Hidden groups' events are `not_found` to outsiders. */
function seeRefusal(actor: Actor, facts: WebinarFacts, groups: ActorGroups): ErrorCode | null {
  if (isAdmin(actor)) return null;
  if (facts.staffRole !== null) return null;
  if (facts.registrationStatus !== null && facts.registrationStatus !== 'cancelled') return null;
  switch (facts.audience) {
    case 'platform':
      return null;
    case 'group':
      if (facts.groupId && groups.roles.has(facts.groupId)) return null;
      return facts.groupVisibility === 'listed' ? 'webinar.members_only' : 'not_found';
    case 'organisation':
      if (facts.organisationId && groups.organisations.has(facts.organisationId)) return null;
      return 'webinar.members_only';
  }
}

/**
 * Answers "may this actor do this with this event?": null when allowed, else the error code. `see` comes first
 * for every action, so a hidden group's event never reveals that it exists.
 */
export function webinarRefusal(
  actor: Actor,
  action: WebinarAction,
  facts: WebinarFacts,
  groups: ActorGroups,
): ErrorCode | null {
  const hidden = seeRefusal(actor, facts, groups);
  if (hidden) return hidden;
  if (action === 'see' || action === 'register') return null;
  return organiserRefusal(actor, facts, groups);
}

/** The actor's role in the live room, or null when they may not enter it. */
export function roomRoleOf(actor: Actor, facts: WebinarFacts, groups: ActorGroups): RoomRole | null {
  if (seeRefusal(actor, facts, groups)) return null;
  if (organiserRefusal(actor, facts, groups) === null) return 'host';
  if (facts.staffRole) return facts.staffRole;
  return facts.registrationStatus === 'registered' ? 'attendee' : null;
}

/**
 * May someone in the room delete a chat message? Its author may take it back; a host may take anyone's down (as
 * Zoom's and Teams' hosts can). Presenters and other attendees may not.
 */
export function roomChatDeleteRefusal(
  reader: { userId: string; role: RoomRole },
  message: { authorId: string | null; deleted: boolean },
): ErrorCode | null {
  if (message.deleted) return 'not_found';
  if (reader.role === 'host' || (message.authorId !== null && message.authorId === reader.userId))
    return null;
  return 'auth.forbidden';
}

/** The target of a new event: one group, one association, or everyone. */
export type WebinarTarget =
  | { audience: 'group'; groupId: string; visibility: 'listed' | 'hidden' }
  | { audience: 'organisation'; organisationId: string }
  | { audience: 'platform' };

/** May the actor create an event for this audience? Everyone-events are for admins. */
export function createWebinarRefusal(
  actor: Actor,
  target: WebinarTarget,
  groups: ActorGroups,
): ErrorCode | null {
  if (target.audience === 'platform') {
    if (actor.user.platformRole !== 'admin') return 'auth.forbidden';
    return mfaRefusal(actor);
  }
  const facts: WebinarFacts = {
    audience: target.audience,
    groupId: target.audience === 'group' ? target.groupId : null,
    groupVisibility: target.audience === 'group' ? target.visibility : null,
    organisationId: target.audience === 'organisation' ? target.organisationId : null,
    staffRole: null,
    registrationStatus: null,
  };
  return webinarRefusal(actor, 'manage', facts, groups);
}

/** What the actor may do with one event, for the web. */
export function webinarPermissionsFor(
  actor: Actor,
  facts: WebinarFacts,
  groups: ActorGroups,
  state: { cancelled: boolean; registrationOpen: boolean },
) {
  const status = facts.registrationStatus;
  const active = status !== null && status !== 'cancelled';
  const manage = webinarRefusal(actor, 'manage', facts, groups);
  return {
    canRegister:
      !state.cancelled &&
      state.registrationOpen &&
      (status === null || status === 'cancelled' || status === 'offered'),
    canCancelRegistration: !state.cancelled && active,
    canManage: manage === null,
    canEnterRoom: !state.cancelled && roomRoleOf(actor, facts, groups) !== null,
    needsMfaToManage: manage === 'auth.mfa_enrolment_required',
  };
}
