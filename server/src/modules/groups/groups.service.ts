import {
  type CreateGroupBody,
  type GroupRole,
  groupList,
  type Member,
  type MembershipEvent,
} from '@spejl/shared';
import { foldDanish } from '@spejl/shared/search-fold';
import { AppError } from '../../http/errors.ts';
import { pageOf, toPage } from '../../http/pagination.ts';
import { type Actor, hasPlatformPower } from '../auth/auth.policy.ts';
import {
  newGroupValues,
  authorize,
  type GroupContext,
  type GroupsServiceDeps,
  loadGroup,
  publishMembershipChange,
  toGroup,
  toPublicGroup,
} from './groups.context.ts';
import { createGroupRefusal, removalRefusal, roleGrantRefusal } from './groups.policy.ts';
import { isUuid, type Unread } from './groups.repository.ts';
import { type ListAnswer, publishDirectoryChange } from './groups.list-memory.ts';
import { groupMatcher } from './groups.search.ts';

const collator = new Intl.Collator('da', { sensitivity: 'base' });
const roleOrder: Record<GroupRole, number> = { owner: 0, moderator: 1, member: 2 };

interface Page {
  offset: number;
  limit: number;
}

interface ListQuery {
  q?: string | undefined;
  parentId?: string | undefined;
  mine: boolean;
  pending?: boolean;
}

/** Groups, the directory, members and their profiles. Joining (requests and invites) is in groups.joining.ts. */
export function createGroupsService(deps: GroupsServiceDeps) {
  const { repository, clock, notifications } = deps;

  async function reload(actor: Actor, id: string) {
    const context = await loadGroup(repository, actor, id);
    const requests = await repository.latestRequestsOf(actor.user.id, [context.row.group.id]);
    const unread = context.membership
      ? await repository.unreadOf(actor.user.id, [context.row.group.id])
      : new Map<string, Unread>();
    return toGroup(actor, context, requests, unread.get(context.row.group.id) ?? null);
  }

  /**
   * The directory: listed groups and the actor's own (admins see hidden ones too); mine first, then by name. With a
   * search, the best matches come first (groups.search.ts), then mine, then by name. Beside the page: every group
   * read (before the search and paging) and those the actor belongs to, for the list's memory.
   */
  async function readList(actor: Actor, query: ListQuery, page: Page) {
    if (query.parentId !== undefined && !isUuid(query.parentId))
      return { items: [], nextCursor: null, groupIds: [], memberOf: [] };
    // The groups and everything about this person's standing in them at once: one round trip, not four in a row.
    const [visible, allMemberships, requests, unread] = await Promise.all([
      repository.listVisibleGroups({
        userId: actor.user.id,
        includeHidden: hasPlatformPower(actor, 'admin'),
        parentId: query.parentId,
        mineOnly: query.mine,
      }),
      repository.allMembershipsOf(actor.user.id),
      repository.allRequestsOf(actor.user.id),
      repository.unreadOf(actor.user.id, 'groups'),
    ]);
    const matcher = query.q ? groupMatcher(query.q) : null;
    const ranks = new Map<string, number>();
    const rows = matcher
      ? visible.filter((row) => {
          const rank = matcher({ ...row.group, organisationName: row.organisationName });
          if (rank !== null) ranks.set(row.group.id, rank);
          return rank !== null;
        })
      : visible;
    const memberships = new Map(allMemberships.map((row) => [row.groupId, row]));
    const waiting = (groupId: string) =>
      requests.find((request) => request.groupId === groupId)?.status === 'pending';
    const contexts: GroupContext[] = rows
      .filter((row) => !query.pending || (!memberships.has(row.group.id) && waiting(row.group.id)))
      .map((row) => {
        const membership = memberships.get(row.group.id);
        return { row, membership, standing: { role: membership?.role ?? null, blocked: false } };
      });
    contexts.sort(
      (a, b) =>
        (ranks.get(a.row.group.id) ?? 0) - (ranks.get(b.row.group.id) ?? 0) ||
        Number(b.membership !== undefined) - Number(a.membership !== undefined) ||
        collator.compare(a.row.group.name, b.row.group.name),
    );
    const { items, nextCursor } = pageOf(contexts, page);
    return {
      items: items.map((context) =>
        toGroup(
          actor,
          context,
          requests.filter((request) => request.groupId === context.row.group.id),
          unread.get(context.row.group.id) ?? null,
        ),
      ),
      nextCursor,
      groupIds: visible.map((row) => row.group.id),
      memberOf: visible.filter((row) => memberships.has(row.group.id)).map((row) => row.group.id),
    };
  }

  return {
    /** The directory as `readList` reads it. */
    list: async (actor: Actor, query: ListQuery, page: Page) => {
      const { items, nextCursor } = await readList(actor, query, page);
      return { items, nextCursor };
    },

    /**
     * `list` as the JSON the route sends, encoded by its schema (as Fastify's serializer would) and kept per person
     * by the group list's memory (groups.list-memory.ts) until the bus says something in it changed.
     */
    listJson(actor: Actor, query: ListQuery, page: Page): Promise<Buffer> {
      const read = async (): Promise<ListAnswer> => {
        const { items, nextCursor, groupIds, memberOf } = await readList(actor, query, page);
        return {
          json: Buffer.from(JSON.stringify(groupList.encode({ items, nextCursor }))),
          groupIds,
          memberOf,
        };
      };
      if (!deps.listMemory) return read().then((answer) => answer.json);
      const key = JSON.stringify([
        query.q,
        query.parentId,
        query.mine,
        query.pending,
        page.offset,
        page.limit,
      ]);
      return deps.listMemory.answer(actor, key, read);
    },

    get: reload,

    /**
     * The directory for a signed-out visitor: listed groups only (groups.repository.ts `listListedGroups`), ranked
     * by the same search as members get, then by name. Nothing about anyone's membership is read.
     */
    async listPublic(query: { q?: string | undefined; parentId?: string | undefined }, page: Page) {
      if (query.parentId !== undefined && !isUuid(query.parentId)) return { items: [], nextCursor: null };
      const listed = await repository.listListedGroups({ parentId: query.parentId });
      const matcher = query.q ? groupMatcher(query.q) : null;
      const ranks = new Map<string, number>();
      const rows = matcher
        ? listed.filter((row) => {
            const rank = matcher({ ...row.group, organisationName: row.organisationName });
            if (rank !== null) ranks.set(row.group.id, rank);
            return rank !== null;
          })
        : listed;
      rows.sort(
        (a, b) =>
          (ranks.get(a.group.id) ?? 0) - (ranks.get(b.group.id) ?? 0) ||
          collator.compare(a.group.name, b.group.name),
      );
      const { items, nextCursor } = pageOf(rows, page);
      return { items: items.map(toPublicGroup), nextCursor };
    },

    /**
     * One listed group for a signed-out visitor. Any other answers 401 `auth.required`, as every group did before:
     * a hidden group and one that does not exist cost one statement each and cannot be told apart.
     */
    async getPublic(idOrSlug: string) {
      const row = await repository.findListedGroup(idOrSlug);
      if (!row) throw new AppError('auth.required');
      return toPublicGroup(row);
    },

    /** Creates a group (admins); the creator becomes its owner. */
    async create(actor: Actor, body: CreateGroupBody) {
      const refusal = createGroupRefusal(actor);
      if (refusal) throw new AppError(refusal);
      let organisationId = body.organisationId ?? body.associationId ?? null;
      let parentId: string | null = null;
      if (body.parentId !== undefined) {
        const parent = await loadGroup(repository, actor, body.parentId);
        parentId = parent.row.group.id;
        organisationId ??= parent.row.group.organisationId;
      }
      if ((body.kind === 'subgroup') !== (parentId !== null))
        throw new AppError('validation.failed', {
          details: [
            { path: ['parentId'], message: 'a subgroup needs a parent, and only a subgroup has one' },
          ],
        });
      if (organisationId !== null && !(await repository.organisationExists(organisationId)))
        throw new AppError('validation.failed', {
          details: [{ path: ['organisationId'], message: 'unknown' }],
        });
      const now = clock.now();
      const created = await repository.transaction(async (tx) => {
        const group = await repository.insertGroup(
          newGroupValues(body, { parentId, organisationId }, now),
          tx,
        );
        if (!group) throw new AppError('group.slug_taken');
        await repository.insertMembership(
          { groupId: group.id, userId: actor.user.id, role: 'owner', joinedAt: now },
          tx,
        );
        await repository.recordEvent(
          {
            groupId: group.id,
            userId: actor.user.id,
            actorId: actor.user.id,
            kind: 'joined.created',
            toRole: 'owner',
            createdAt: now,
          },
          tx,
        );
        return group;
      });
      await deps.audit?.([
        {
          groupId: created.id,
          actorId: actor.user.id,
          action: 'group.created',
          after: { name: created.name, slug: created.slug, kind: created.kind, parentId, organisationId },
          createdAt: now,
        },
      ]);
      await publishDirectoryChange(deps.bus);
      return reload(actor, created.id);
    },

    /** Members with what each chose to show, owners and moderators first. */
    async listMembers(actor: Actor, id: string, query: { q?: string | undefined }, page: Page) {
      const context = await loadGroup(repository, actor, id);
      authorize(actor, 'viewMembers', context);
      const rows = await repository.listMembers(context.row.group.id);
      const members: Member[] = rows.map((row) => ({
        userId: row.userId,
        displayName: row.profileName ?? row.accountName,
        bio: row.bio,
        familyRole: row.familyRole,
        role: row.role,
        joinedAt: row.joinedAt.toISOString(),
      }));
      const needle = query.q ? foldDanish(query.q) : '';
      const matching = needle
        ? members.filter((member) => foldDanish(member.displayName).includes(needle))
        : members;
      matching.sort(
        (a, b) => roleOrder[a.role] - roleOrder[b.role] || collator.compare(a.displayName, b.displayName),
      );
      return pageOf(matching, page);
    },

    /** The actor's own profile inside the group. */
    async updateProfile(
      actor: Actor,
      id: string,
      body: {
        profileName?: string | null | undefined;
        bio?: string | null | undefined;
        familyRole?: Member['familyRole'] | undefined;
        muted?: boolean | undefined;
      },
    ) {
      const context = await loadGroup(repository, actor, id);
      authorize(actor, 'editProfile', context);
      const { muted, ...profile } = body;
      const changes: {
        profileName?: string | null;
        bio?: string | null;
        familyRole?: Member['familyRole'];
        mutedAt?: Date | null;
      } = Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined));
      if (typeof changes.bio === 'string' && changes.bio === '') changes.bio = null;
      if (muted !== undefined) changes.mutedAt = muted ? clock.now() : null;
      const updated = await repository.updateMembership(context.row.group.id, actor.user.id, changes);
      if (!updated) throw new AppError('group.not_member');
      // The name they write under may have changed: the chat forgets what it kept of them.
      await publishMembershipChange(deps.bus, context.row.group.id, actor.user.id, updated.role);
      return {
        role: updated.role,
        joinedAt: updated.joinedAt.toISOString(),
        profileName: updated.profileName,
        bio: updated.bio,
        familyRole: updated.familyRole,
        muted: updated.mutedAt !== null,
      };
    },

    /** A moderator adds someone directly, by email; they are told by notification and mail. */
    async addMember(actor: Actor, id: string, body: { email: string; role?: GroupRole | undefined }) {
      const context = await loadGroup(repository, actor, id);
      authorize(actor, 'addMember', context);
      const role = body.role ?? 'member';
      if (role !== 'member') {
        authorize(actor, 'manageRoles', context);
        const refusal = roleGrantRefusal(actor, context.standing.role, role);
        if (refusal) throw new AppError(refusal);
      }
      const user = await repository.findUserByEmail(body.email);
      if (!user) throw new AppError('not_found');
      const group = context.row.group;
      if (await repository.isBlocked(group.id, user.id)) throw new AppError('group.join_blocked');
      const now = clock.now();
      const written = await repository.transaction(async (tx) => {
        const added = await repository.insertMembership(
          { groupId: group.id, userId: user.id, role, joinedAt: now },
          tx,
        );
        if (!added) throw new AppError('group.already_member');
        const pending = await repository.findPendingRequest(group.id, user.id, tx);
        if (pending)
          await repository.decideRequest(
            pending.id,
            { status: 'approved', reason: null, decidedBy: actor.user.id, decidedAt: now },
            tx,
          );
        await repository.recordEvent(
          {
            groupId: group.id,
            userId: user.id,
            actorId: actor.user.id,
            kind: 'joined.added',
            toRole: role,
            createdAt: now,
          },
          tx,
        );
        return notifications.create(
          [
            {
              userId: user.id,
              type: 'membership.added',
              data: { groupId: group.id, groupSlug: group.slug, groupName: group.name },
            },
          ],
          tx,
        );
      });
      await notifications.deliver(written);
      await publishMembershipChange(deps.bus, group.id, user.id, role);
      const member: Member = {
        userId: user.id,
        displayName: user.displayName,
        bio: null,
        familyRole: null,
        role,
        joinedAt: now.toISOString(),
      };
      return member;
    },

    /** Owners (and admins) change roles; the last owner cannot step down. */
    async changeRole(actor: Actor, id: string, userId: string, role: GroupRole) {
      const context = await loadGroup(repository, actor, id);
      authorize(actor, 'manageRoles', context);
      const refusal = roleGrantRefusal(actor, context.standing.role, role);
      if (refusal) throw new AppError(refusal);
      const group = context.row.group;
      const target = isUuid(userId) ? await repository.findMembership(group.id, userId) : undefined;
      if (!target) throw new AppError('not_found');
      if (target.role === role) return this.memberOf(actor, group.id, userId);
      const now = clock.now();
      const written = await repository.transaction(async (tx) => {
        if (target.role === 'owner' && (await repository.countOwners(group.id, tx)) <= 1)
          throw new AppError('group.last_owner');
        await repository.updateMembership(group.id, userId, { role }, tx);
        await repository.recordEvent(
          {
            groupId: group.id,
            userId,
            actorId: actor.user.id,
            kind: 'role_changed',
            fromRole: target.role,
            toRole: role,
            createdAt: now,
          },
          tx,
        );
        return notifications.create(
          [
            {
              userId,
              type: 'membership.role_changed',
              data: { groupId: group.id, groupName: group.name, role },
            },
          ],
          tx,
        );
      });
      await notifications.deliver(written);
      await publishMembershipChange(deps.bus, group.id, userId, role);
      return this.memberOf(actor, group.id, userId);
    },

    async memberOf(actor: Actor, groupId: string, userId: string): Promise<Member> {
      const { items } = await this.listMembers(actor, groupId, {}, { offset: 0, limit: 100_000 });
      const member = items.find((item) => item.userId === userId);
      if (!member) throw new AppError('not_found');
      return member;
    },

    /** Leaving (the actor themselves) or removal by a moderator, with a reason and an optional block. */
    async removeMember(
      actor: Actor,
      id: string,
      userId: string,
      body: { reason?: string | undefined; block?: boolean | undefined },
      /** `silent`: the caller tells the member itself (a moderation decision, with its reason and appeal). */
      options: { silent?: boolean } = {},
    ) {
      const context = await loadGroup(repository, actor, id);
      const group = context.row.group;
      const leaving = userId === actor.user.id;
      authorize(actor, leaving ? 'leave' : 'removeMember', context);
      if (leaving && body.block)
        throw new AppError('validation.failed', {
          details: [{ path: ['block'], message: 'not when leaving' }],
        });
      const target = isUuid(userId) ? await repository.findMembership(group.id, userId) : undefined;
      if (!target) {
        if (body.block && !leaving && isUuid(userId) && (await repository.findUser(userId))) {
          // Blocking someone who is not (or no longer) a member: they cannot ask again.
          const now = clock.now();
          await repository.block({
            groupId: group.id,
            userId,
            blockedBy: actor.user.id,
            reason: body.reason ?? null,
            createdAt: now,
          });
          await repository.recordEvent({
            groupId: group.id,
            userId,
            actorId: actor.user.id,
            kind: 'blocked',
            reason: body.reason ?? null,
            createdAt: now,
          });
          return;
        }
        throw new AppError('not_found');
      }
      if (!leaving) {
        const refusal = removalRefusal(actor, context.standing.role, target.role);
        if (refusal) throw new AppError(refusal);
      }
      const now = clock.now();
      const written = await repository.transaction(async (tx) => {
        if (target.role === 'owner' && (await repository.countOwners(group.id, tx)) <= 1)
          throw new AppError('group.last_owner');
        await repository.deleteMembership(group.id, userId, tx);
        await repository.recordEvent(
          {
            groupId: group.id,
            userId,
            actorId: actor.user.id,
            kind: leaving ? 'left' : 'removed',
            fromRole: target.role,
            reason: body.reason ?? null,
            createdAt: now,
          },
          tx,
        );
        if (body.block) {
          await repository.block(
            {
              groupId: group.id,
              userId,
              blockedBy: actor.user.id,
              reason: body.reason ?? null,
              createdAt: now,
            },
            tx,
          );
          await repository.recordEvent(
            {
              groupId: group.id,
              userId,
              actorId: actor.user.id,
              kind: 'blocked',
              reason: body.reason ?? null,
              createdAt: now,
            },
            tx,
          );
        }
        if (leaving || options.silent) return [];
        return notifications.create(
          [
            {
              userId,
              type: 'membership.removed',
              data: { groupId: group.id, groupName: group.name, reason: body.reason ?? null },
            },
          ],
          tx,
        );
      });
      await notifications.deliver(written);
      await publishMembershipChange(deps.bus, group.id, userId, null);
    },

    /** The record of membership changes, newest first (moderators). */
    async listEvents(actor: Actor, id: string, page: Page) {
      const context = await loadGroup(repository, actor, id);
      authorize(actor, 'viewLog', context);
      const rows = await repository.listEvents(context.row.group.id, page);
      const { items, nextCursor } = toPage(rows, page);
      return {
        items: items.map(
          (row): MembershipEvent => ({
            id: row.event.id,
            kind: row.event.kind as MembershipEvent['kind'],
            user: { id: row.event.userId, displayName: row.userName },
            actor:
              row.event.actorId && row.actorName
                ? { id: row.event.actorId, displayName: row.actorName }
                : null,
            fromRole: row.event.fromRole,
            toRole: row.event.toRole,
            reason: row.event.reason,
            createdAt: row.event.createdAt.toISOString(),
          }),
        ),
        nextCursor,
      };
    },
  };
}

export type GroupsService = ReturnType<typeof createGroupsService>;
