import {
  appealableActions,
  type ErrorCode,
  type GroupRole,
  type itemSpaces,
  type ModerationAction,
  mentorshipActions,
  moderationActions,
  moderationLimits,
} from '@spejl/shared';
import { type Actor, hasPlatformPower, mfaRefusal } from '../auth/auth.policy.ts';
import { type GroupAccess, groupRefusal } from '../groups/groups.policy.ts';

const day = 24 * 60 * 60 * 1000;
/** A claim nobody acted on for this long no longer keeps others out. */
export const claimStaleMs = 30 * 60 * 1000;

/** The actor's place in the group an item or setting belongs to. */
export interface GroupStanding {
  group: GroupAccess;
  role: GroupRole | null;
}

/** The parts of a queue item that decide who may do what with it. */
export interface ItemFacts {
  queue: 'group' | 'platform' | 'mentoring';
  status: 'open' | 'resolved';
  subjectUserId: string | null;
  claimedBy: string | null;
  claimedAt: Date | null;
}

export function isPlatformAdmin(actor: Actor): boolean {
  return hasPlatformPower(actor, 'admin');
}

/**
 * May the actor moderate this group (its queue, settings, filters, audit log)? Its moderators and owners with
 * TOTP, and platform admins: the same rule as reviewing join requests. A hidden group answers `not_found`.
 */
export function groupModerationRefusal(actor: Actor, standing: GroupStanding): ErrorCode | null {
  return groupRefusal(actor, 'reviewRequests', standing.group, { role: standing.role, blocked: false });
}

/**
 * The platform queue, platform-wide filters and the platform audit log: platform admins whose session passed TOTP
 * (a session that signed in with the password alone is told to step up, as everywhere else).
 */
export function platformRefusal(actor: Actor): ErrorCode | null {
  if (actor.user.platformRole !== 'admin') return 'auth.forbidden';
  return mfaRefusal(actor);
}

/**
 * The coordinators' queue of reports from mentorships: the reviewers the mentoring module names (coordinators with
 * TOTP; administrators only while the platform has no such coordinator), in a session that passed TOTP.
 */
export function mentoringReviewRefusal(actor: Actor, reviewerIds: readonly string[]): ErrorCode | null {
  if (actor.user.platformRole === 'member') return 'auth.forbidden';
  const refusal = mfaRefusal(actor);
  if (refusal) return refusal;
  return reviewerIds.includes(actor.user.id) ? null : 'auth.forbidden';
}

/** Where a reported message was written: a group, a mentorship's conversation or a direct conversation. */
export type ItemSpace = (typeof itemSpaces)[number];

/** The space of a group's items, from the group's kind. */
export function spaceOf(groupKind: string): ItemSpace {
  return groupKind === 'mentorship' ? 'mentorship' : groupKind === 'direct' ? 'direct' : 'group';
}

/**
 * How the actor stands to an item's space: their place in its group, whether they review mentorships, or (a direct
 * conversation, whose reports only the platform's admins review) nothing at all.
 */
export type ItemAccess =
  | { space: 'group'; standing: GroupStanding }
  | { space: 'mentorship'; reviewerIds: readonly string[] }
  | { space: 'direct' };

/**
 * May the actor see an item? Group moderators see their group's queue; the platform queue (escalations, reports
 * about moderators, illegal content) is for admins only, so for a group moderator it does not exist. An item from a
 * mentorship is for the mentoring reviewers (never the person it is about) until one of them escalates it, then
 * for admins only; a mentorship has no group moderators, and admins are no moderators of it.
 */
export function itemViewRefusal(actor: Actor, item: ItemFacts, access: ItemAccess): ErrorCode | null {
  if (item.queue === 'platform') {
    if (actor.user.platformRole !== 'admin') return 'not_found';
    return mfaRefusal(actor);
  }
  // A direct conversation's reports are the platform queue's alone; outside it there is nothing to see.
  if (access.space === 'direct') return 'not_found';
  if (access.space === 'mentorship') {
    if (item.queue !== 'mentoring' || item.subjectUserId === actor.user.id) return 'not_found';
    const refusal = mentoringReviewRefusal(actor, access.reviewerIds);
    return refusal === 'auth.forbidden' ? 'not_found' : refusal;
  }
  if (item.queue === 'mentoring') return 'not_found';
  if (isPlatformAdmin(actor)) return null;
  const refusal = groupModerationRefusal(actor, access.standing);
  if (refusal === 'auth.forbidden') return 'not_found';
  return refusal;
}

/** The actions that exist for a group's item: all but the mentoring module's pause and close. */
const groupActions: readonly ModerationAction[] = moderationActions.filter(
  (action) => action !== 'pause_mentor' && action !== 'close_mentorship',
);

/**
 * The actions that fit a direct conversation: hide or delete the message, warn or suspend its author. There is no
 * group to mute or remove anyone from; the person who reported can block the author themself.
 */
export const directActions: readonly ModerationAction[] = ['dismiss', 'hide', 'delete', 'warn', 'suspend'];

/** The actions that exist for an item's space: a mentorship's fit a pair, a group's fit a group. */
export function actionsFor(space: ItemSpace): readonly ModerationAction[] {
  return space === 'mentorship' ? mentorshipActions : space === 'direct' ? directActions : groupActions;
}

/** True when someone else holds a fresh claim on the item. */
export function claimedByOther(actor: Actor, item: ItemFacts, now: Date): boolean {
  return (
    item.claimedBy !== null &&
    item.claimedBy !== actor.user.id &&
    item.claimedAt !== null &&
    now.getTime() - item.claimedAt.getTime() < claimStaleMs
  );
}

/**
 * May the actor take this action on an item they can see? Never on an item about themselves; not on a decided
 * item; not while another moderator holds it; suspension is for admins; escalation is from a group's queue.
 */
export function actionRefusal(
  actor: Actor,
  item: ItemFacts,
  action: ModerationAction,
  now: Date,
  space: ItemSpace = 'group',
): ErrorCode | null {
  if (item.subjectUserId === actor.user.id) return 'moderation.self';
  if (item.status !== 'open') return 'moderation.item_resolved';
  if (claimedByOther(actor, item, now)) return 'moderation.claimed';
  if (!actionsFor(space).includes(action)) return 'validation.failed';
  // A coordinator may suspend from the mentoring queue (the pair has no group to be removed from); else admins.
  if (action === 'suspend' && !isPlatformAdmin(actor) && item.queue !== 'mentoring') return 'auth.forbidden';
  if (action === 'escalate' && item.queue === 'platform') return 'validation.failed';
  return null;
}

/** Who a suspension may hit: never an administrator, and from the mentoring queue only a plain member. */
export function suspensionTargetRefusal(
  item: ItemFacts,
  target: { platformRole: 'member' | 'coordinator' | 'admin' },
): ErrorCode | null {
  if (target.platformRole === 'admin') return 'auth.forbidden';
  if (item.queue === 'mentoring' && target.platformRole !== 'member') return 'auth.forbidden';
  return null;
}

/** Claiming: anyone who may act on the item, while it is open. */
export function claimRefusal(actor: Actor, item: ItemFacts, now: Date): ErrorCode | null {
  if (item.subjectUserId === actor.user.id) return 'moderation.self';
  if (item.status !== 'open') return 'moderation.item_resolved';
  if (claimedByOther(actor, item, now)) return 'moderation.claimed';
  return null;
}

/** Flagging: members who can read the message, never their own. */
export function flagRefusal(
  actor: Actor,
  reader: { role: GroupRole | null },
  message: { authorId: string | null },
): ErrorCode | null {
  if (reader.role === null) return 'group.not_member';
  if (message.authorId === actor.user.id) return 'moderation.own_message';
  return null;
}

/** The facts of an action that decide whether and by whom it may be appealed. */
export interface ActionFacts {
  action: ModerationAction;
  targetUserId: string | null;
  actorId: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** The last moment the affected member may appeal, or null when the action cannot be appealed. */
export function appealDeadline(action: Pick<ActionFacts, 'action' | 'createdAt'>): Date | null {
  if (!(appealableActions as readonly string[]).includes(action.action)) return null;
  return new Date(action.createdAt.getTime() + moderationLimits.appealDays * day);
}

/** May the member appeal? Only the affected member, once, within the deadline, while the action stands. */
export function appealRefusal(
  appellantId: string,
  action: ActionFacts,
  hasAppeal: boolean,
  now: Date,
): ErrorCode | null {
  if (action.targetUserId !== appellantId) return 'not_found';
  const deadline = appealDeadline(action);
  if (!deadline || action.revokedAt !== null) return 'moderation.not_appealable';
  if (hasAppeal) return 'moderation.appeal_exists';
  if (now > deadline) return 'moderation.appeal_expired';
  return null;
}

/**
 * Who decides an appeal: another moderator of the group (not the one who acted), or an admin. Platform actions
 * (suspensions, and decisions on the platform queue) are decided by admins only; decisions in the mentoring queue by
 * its reviewers. Nobody decides their own case.
 */
export function appealDecisionRefusal(
  actor: Actor,
  action: ActionFacts,
  scope: 'group' | 'platform' | 'mentoring',
  access: { standing: GroupStanding | null; reviewerIds?: readonly string[] },
): ErrorCode | null {
  if (scope === 'mentoring') {
    const refusal = mentoringReviewRefusal(actor, access.reviewerIds ?? []);
    if (refusal) return refusal === 'auth.forbidden' ? 'not_found' : refusal;
  } else if (!isPlatformAdmin(actor)) {
    if (scope === 'platform' || !access.standing) return 'not_found';
    const refusal = groupModerationRefusal(actor, access.standing);
    if (refusal) return refusal === 'auth.forbidden' ? 'not_found' : refusal;
  }
  if (action.targetUserId === actor.user.id) return 'moderation.self';
  if (action.actorId === actor.user.id) return 'moderation.own_action';
  return null;
}
