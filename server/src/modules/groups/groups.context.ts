import type { GroupListMemory } from './groups.list-memory.ts';
import type { moderationAuditLog } from '@spejl/db';
import { associationLogoUrl, type CreateGroupBody, type Group } from '@spejl/shared';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { hasPlatformPower } from '../auth/auth.policy.ts';
import type { Mailer } from '../mail/mail.service.ts';
import type { AccessLog } from '../privacy/privacy.access-log.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import {
  type GroupAction,
  groupAllows,
  groupPermissionsFor,
  groupRefusal,
  type Standing,
} from './groups.policy.ts';
import type {
  GroupsRepository,
  GroupWithCounts,
  JoinRequestRow,
  MembershipRow,
  PublicGroupRow,
  Unread,
} from './groups.repository.ts';

export interface GroupsServiceDeps {
  repository: GroupsRepository;
  notifications: NotificationService;
  mailer: Mailer;
  clock: Clock;
  bus: Bus;
  publicOrigin: string;
  /** Joining needs the person's explicit consent to health data being processed (GDPR Article 9). */
  requireConsent: (userId: string, kind: 'health_data_groups') => Promise<void>;
  /** Records when someone with a role opens another person's data. */
  accessLog: AccessLog;
  /** Writes to the platform audit log, through the moderation module that owns it (group.created). */
  audit?: (entries: Array<typeof moderationAuditLog.$inferInsert>) => Promise<void>;
  /** The group list's answers kept per person (groups.list-memory.ts); without it every list is read. */
  listMemory?: GroupListMemory;
}

/** One group as seen by one actor: the row, their membership and whether they are blocked. */
export interface GroupContext {
  row: GroupWithCounts;
  membership: MembershipRow | undefined;
  standing: Standing;
}

/** Where `loadGroup` reads a group: the repository, or the chat's memory of it (messages.memory.ts), asked `fresh` to read anew. */
export interface GroupFinder {
  findGroupFor(
    idOrSlug: string,
    userId: string,
    options?: { fresh?: boolean },
  ): ReturnType<GroupsRepository['findGroupFor']>;
  groupCounts: GroupsRepository['groupCounts'];
}

/**
 * Loads a group for an actor, or answers 404 when it does not exist or the actor may not see it. Both 404s do the
 * same work, one statement, so a guessed hidden group cannot be told from a missing one by how long it takes.
 */
export async function loadGroup(
  repository: GroupFinder,
  actor: Actor,
  idOrSlug: string,
  options?: { fresh?: boolean },
): Promise<GroupContext> {
  const found = await repository.findGroupFor(idOrSlug, actor.user.id, options);
  if (!found) throw new AppError('not_found');
  const { row, membership, blocked } = found;
  const standing = { role: membership?.role ?? null, blocked };
  const refusal = groupRefusal(actor, 'see', row.group, standing);
  if (refusal) throw new AppError(refusal);
  // Only an administrator looking at a hidden group they are not in gets here without the counts.
  const counts =
    row.memberCount === null || row.pendingCount === null
      ? await repository.groupCounts(row.group.id)
      : { memberCount: row.memberCount, pendingCount: row.pendingCount };
  return { row: { ...row, ...counts }, membership, standing };
}

/** Throws the policy's refusal for the action, if any. */
export function authorize(actor: Actor, action: GroupAction, context: GroupContext): void {
  const refusal = groupRefusal(actor, action, context.row.group, context.standing);
  if (refusal) throw new AppError(refusal);
}

/** A join request matters to its requester while it is pending, or declined (they can read why). */
function visibleRequest(requests: JoinRequestRow[]): JoinRequestRow | undefined {
  const latest = requests[0];
  return latest && (latest.status === 'pending' || latest.status === 'declined') ? latest : undefined;
}

/** The row of a new group, as the service (a member with powers) and the administration (admins, the CLI) create it. */
export function newGroupValues(
  body: CreateGroupBody,
  placement: { parentId: string | null; organisationId: string | null },
  now: Date,
) {
  return {
    name: body.name,
    slug: body.slug,
    description: body.description ?? '',
    kind: body.kind,
    visibility: body.visibility,
    joinPolicy: body.joinPolicy,
    ...placement,
    diagnosisTerms: body.diagnosisTerms ?? [],
    historyVisibleToNewMembers: body.historyVisibleToNewMembers ?? true,
    createdAt: now,
    updatedAt: now,
  };
}

/** The group's association, with its logo's versioned address; null for a group outside any association. */
function organisationOf(row: PublicGroupRow): Group['organisation'] {
  const id = row.group.organisationId;
  if (!id || !row.organisationName) return null;
  const logoUrl = row.organisationLogoAt ? associationLogoUrl(id, row.organisationLogoAt) : null;
  return { id, name: row.organisationName, logoUrl };
}

/** Maps a group to the allowlisted API shape for one actor. */
export function toGroup(
  actor: Actor,
  context: GroupContext,
  requests: JoinRequestRow[] = [],
  unread: Unread | null = null,
): Group {
  const { row, membership, standing } = context;
  const group = row.group;
  const permissions = groupPermissionsFor(actor, group, standing);
  const showCount =
    group.visibility === 'listed' || membership !== undefined || hasPlatformPower(actor, 'admin');
  const request = membership ? undefined : visibleRequest(requests);
  // A hidden parent stays unnamed, and its id unsaid, to anyone who is not its member.
  const showParent = row.parentSeen || hasPlatformPower(actor, 'admin');
  return {
    id: group.id,
    slug: group.slug,
    name: group.name,
    description: group.description,
    kind: group.kind,
    visibility: group.visibility,
    joinPolicy: group.joinPolicy,
    parentId: showParent ? group.parentId : null,
    parentName: showParent ? row.parentName : null,
    organisation: organisationOf(row),
    diagnosisTerms: group.diagnosisTerms,
    historyVisibleToNewMembers: group.historyVisibleToNewMembers,
    directMessagesAllowed: group.directMessagesAllowed,
    readOnly: group.readOnlyAt !== null,
    memberCount: showCount ? row.memberCount : null,
    unread: membership ? unread : null,
    pendingRequestCount: groupAllows(actor, 'reviewRequests', group, standing) ? row.pendingCount : null,
    myMembership: membership
      ? {
          role: membership.role,
          joinedAt: membership.joinedAt.toISOString(),
          profileName: membership.profileName,
          bio: membership.bio,
          familyRole: membership.familyRole,
          muted: membership.mutedAt !== null,
        }
      : null,
    myJoinRequest: request
      ? {
          id: request.id,
          status: request.status,
          message: request.message,
          reason: request.reason,
          createdAt: request.createdAt.toISOString(),
          decidedAt: request.decidedAt?.toISOString() ?? null,
        }
      : null,
    permissions,
    createdAt: group.createdAt.toISOString(),
  };
}

const noPermissions: Group['permissions'] = {
  canRead: false,
  canRequestToJoin: false,
  canLeave: false,
  canViewMembers: false,
  canModerate: false,
  canInvite: false,
  canManageRoles: false,
  canEdit: false,
  needsMfaForModeration: false,
};

/**
 * A listed group as a signed-out visitor sees it: what the directory shows, with no count of members or requests
 * and no rights (joining starts with an account). A hidden parent stays unnamed and its id unsaid.
 */
export function toPublicGroup(row: PublicGroupRow): Group {
  const group = row.group;
  return {
    id: group.id,
    slug: group.slug,
    name: group.name,
    description: group.description,
    kind: group.kind,
    visibility: group.visibility,
    joinPolicy: group.joinPolicy,
    parentId: row.parentName === null ? null : group.parentId,
    parentName: row.parentName,
    organisation: organisationOf(row),
    diagnosisTerms: group.diagnosisTerms,
    historyVisibleToNewMembers: group.historyVisibleToNewMembers,
    directMessagesAllowed: group.directMessagesAllowed,
    readOnly: group.readOnlyAt !== null,
    memberCount: null,
    unread: null,
    pendingRequestCount: null,
    myMembership: null,
    myJoinRequest: null,
    permissions: noPermissions,
    createdAt: group.createdAt.toISOString(),
  };
}

/** Tells live connections that a membership changed, so the gateway can re-check who receives a group. */
export async function publishMembershipChange(
  bus: Bus,
  groupId: string,
  userId: string,
  role: MembershipRow['role'] | null,
): Promise<void> {
  const event = { type: 'membership.changed', groupId, userId, role };
  await bus.publish(`group:${groupId}`, event);
  await bus.publish(`user:${userId}`, event);
}

/**
 * Tells every process that a group changed in a way that matters to reading and writing in it (archived, its
 * settings, made read-only): the chat forgets what it kept of the group and live sockets read their rights afresh.
 * Publish after commit; without a bus (the CLI) the chat's memory sees it within its time to live.
 */
export async function publishGroupChange(bus: Bus | undefined, groupId: string): Promise<void> {
  await bus?.publish(`group:${groupId}`, { type: 'group.changed', groupId });
}
