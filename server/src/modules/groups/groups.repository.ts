import {
  associationLogos,
  type Database,
  groupBlocks,
  groupInvites,
  groupJoinRequests,
  groupMembershipEvents,
  groupMemberships,
  groups,
  organisations,
  preparedPerShape,
  users,
} from '@spejl/db';
import { conversationGroupKinds, type GroupRole } from '@spejl/shared';
import { alias } from 'drizzle-orm/pg-core';
import { and, desc, eq, inArray, isNull, notInArray, or, type Placeholder, type SQL, sql } from 'drizzle-orm';

export type GroupRow = typeof groups.$inferSelect;
export type MembershipRow = typeof groupMemberships.$inferSelect;
/** A member's unread state in one group. */
export interface Unread {
  count: number;
  lastSeq: number;
  lastReadSeq: number;
}
export type JoinRequestRow = typeof groupJoinRequests.$inferSelect;
export type InviteRow = typeof groupInvites.$inferSelect;
export type MembershipEventKind = typeof groupMembershipEvents.$inferInsert.kind;

/** Anything that can run queries: the database or a transaction. */
type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** True for strings that can be a uuid; anything else cannot name a row and is simply not found. */
export const isUuid = (value: string) => uuidPattern.test(value);

// Kept in columns by triggers on the membership and join-request tables (migration 0030): no count per read.
const memberCount = groups.memberCount;
const pendingCount = groups.pendingCount;
const parents = alias(groups, 'parent');
/** Not a private conversation (a mentorship's or a direct one): the only groups a directory, count or list shows. */
export const notConversation = notInArray(groups.kind, [...conversationGroupKinds]);

/** An offset page; the query fetches one extra row to know whether there is a next page. */
export interface Page {
  offset: number;
  limit: number;
}

export interface GroupWithCounts {
  group: GroupRow;
  organisationName: string | null;
  /** When the association's logo last changed (its address's version); null without one. */
  organisationLogoAt: Date | null;
  parentName: string | null;
  /** Whether the reader may know the parent: it is listed, or they are its member (admins see it anyway). */
  parentSeen: boolean;
  memberCount: number;
  pendingCount: number;
}

/** A listed group as a signed-out visitor may see it: no counts, and a hidden parent's name left out. */
export interface PublicGroupRow {
  group: GroupRow;
  organisationName: string | null;
  organisationLogoAt: Date | null;
  parentName: string | null;
}

/** Database access for groups, memberships, join requests, invites, blocks and the membership record. */
export function createGroupsRepository(db: Database) {
  /** A hidden parent is named only to its members: a listed sub-group must not reveal it (`toGroup`). */
  const parentSeen = (userId: string | Placeholder | undefined) =>
    sql<boolean>`coalesce(${parents.visibility} = 'listed' and ${parents.archivedAt} is null, false)${
      userId
        ? sql` or exists (select 1 from ${groupMemberships} where ${groupMemberships.groupId} = ${parents.id} and ${groupMemberships.userId} = ${userId})`
        : sql``
    }`;

  /** What every member-facing read of a group selects beside its counts: the row, its association and parent. */
  const groupColumns = (userId?: string | Placeholder) => ({
    group: groups,
    organisationName: organisations.name,
    organisationLogoAt: associationLogos.updatedAt,
    parentName: parents.name,
    parentSeen: parentSeen(userId),
  });

  const selectGroups = (executor: Executor = db, userId?: string | Placeholder) =>
    executor
      .select({ ...groupColumns(userId), memberCount, pendingCount })
      .from(groups)
      .leftJoin(organisations, eq(organisations.id, groups.organisationId))
      .leftJoin(associationLogos, eq(associationLogos.associationId, groups.organisationId))
      .leftJoin(parents, eq(parents.id, groups.parentId));

  const selectListed = () =>
    db
      .select({
        group: groups,
        organisationName: organisations.name,
        organisationLogoAt: associationLogos.updatedAt,
        parentName: sql<
          string | null
        >`case when ${parents.visibility} = 'listed' and ${parents.archivedAt} is null then ${parents.name} end`,
      })
      .from(groups)
      .leftJoin(organisations, eq(organisations.id, groups.organisationId))
      .leftJoin(associationLogos, eq(associationLogos.associationId, groups.organisationId))
      .leftJoin(parents, eq(parents.id, groups.parentId));

  /**
   * `findGroupFor`'s statement, by id and by slug, built once: every page, post and subscribe asks it, and drizzle
   * would rebuild its SQL text each time (a quarter of the history page's busy time, bench W5).
   */
  const findGroupForPrepared = (by: 'id' | 'slug') => {
    const userId = sql.placeholder('userId');
    const countable = sql`(${groupMemberships.userId} is not null or (${groups.visibility} = 'listed' and ${notConversation}))`;
    return db
      .select({
        ...groupColumns(userId),
        memberCount: sql<number | null>`case when ${countable} then ${memberCount} end`,
        pendingCount: sql<number | null>`case when ${countable} then ${pendingCount} end`,
        blocked: sql<boolean>`exists (select 1 from ${groupBlocks} where ${groupBlocks.groupId} = ${groups.id} and ${groupBlocks.userId} = ${userId})`,
        membership: groupMemberships,
      })
      .from(groups)
      .leftJoin(organisations, eq(organisations.id, groups.organisationId))
      .leftJoin(associationLogos, eq(associationLogos.associationId, groups.organisationId))
      .leftJoin(parents, eq(parents.id, groups.parentId))
      .leftJoin(
        groupMemberships,
        and(eq(groupMemberships.groupId, groups.id), eq(groupMemberships.userId, userId)),
      )
      .where(
        and(
          by === 'id' ? eq(groups.id, sql.placeholder('key')) : eq(groups.slug, sql.placeholder('key')),
          isNull(groups.archivedAt),
        ),
      )
      .prepare(`groups_find_for_by_${by}`);
  };
  const findForById = findGroupForPrepared('id');
  const findForBySlug = findGroupForPrepared('slug');

  /** The group list's statement per shape (whose groups, under a parent or not), built on first use and kept. */
  type VisibleShape = { mineOnly: boolean; includeHidden: boolean; underParent: boolean };
  function buildVisible(shape: VisibleShape) {
    const userId = sql.placeholder('userId');
    const mine = sql`exists (select 1 from ${groupMemberships} where ${groupMemberships.groupId} = ${groups.id} and ${groupMemberships.userId} = ${userId})`;
    // Private conversations are reached from the mentoring and direct message pages, never through the directory.
    const conditions: Array<SQL | undefined> = [isNull(groups.archivedAt), notConversation];
    if (shape.mineOnly) conditions.push(mine);
    else if (!shape.includeHidden) conditions.push(or(eq(groups.visibility, 'listed'), mine));
    if (shape.underParent) conditions.push(eq(groups.parentId, sql.placeholder('parentId')));
    const name = `groups_visible_${shape.mineOnly ? 'mine' : shape.includeHidden ? 'all' : 'seen'}${shape.underParent ? '_under' : ''}`;
    return selectGroups(db, userId)
      .where(and(...conditions))
      .prepare(name);
  }
  const visibleStatement = preparedPerShape(
    (shape: VisibleShape) => `${shape.mineOnly}:${shape.includeHidden}:${shape.underParent}`,
    buildVisible,
  );
  const membershipsOfUser = db
    .select()
    .from(groupMemberships)
    .where(eq(groupMemberships.userId, sql.placeholder('userId')))
    .prepare('groups_memberships_of_user');
  const requestsOfUser = db
    .select()
    .from(groupJoinRequests)
    .where(eq(groupJoinRequests.userId, sql.placeholder('userId')))
    .orderBy(desc(groupJoinRequests.createdAt))
    .prepare('groups_requests_of_user');

  return {
    db,
    transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
      return db.transaction((tx) => work(tx));
    },

    /** By uuid or by slug; archived groups are gone. */
    async findGroup(idOrSlug: string, executor: Executor = db): Promise<GroupWithCounts | undefined> {
      const key = isUuid(idOrSlug) ? eq(groups.id, idOrSlug) : eq(groups.slug, idOrSlug.toLowerCase());
      const [row] = await selectGroups(executor).where(and(key, isNull(groups.archivedAt)));
      return row;
    },

    /**
     * As `findGroup`, with one user's membership and block, in one statement whatever the answer: a group that
     * does not exist and one hidden from this user cost the same round trip (groups.hidden.test.ts). The counts
     * are computed only for groups anyone may count, members' own and listed ones; they are null otherwise, and
     * `groupCounts` fills them in once the policy has let an administrator in.
     */
    async findGroupFor(
      idOrSlug: string,
      userId: string,
    ): Promise<
      | {
          row: Omit<GroupWithCounts, 'memberCount' | 'pendingCount'> & {
            memberCount: number | null;
            pendingCount: number | null;
          };
          membership: MembershipRow | undefined;
          blocked: boolean;
        }
      | undefined
    > {
      const [found] = isUuid(idOrSlug)
        ? await findForById.execute({ key: idOrSlug, userId })
        : await findForBySlug.execute({ key: idOrSlug.toLowerCase(), userId });
      if (!found) return undefined;
      const { membership, blocked, ...row } = found;
      return { row, membership: membership ?? undefined, blocked: membership ? false : blocked };
    },

    /** A group's member and pending-request counts. */
    async groupCounts(groupId: string): Promise<{ memberCount: number; pendingCount: number }> {
      const [row] = await db.select({ memberCount, pendingCount }).from(groups).where(eq(groups.id, groupId));
      return { memberCount: row?.memberCount ?? 0, pendingCount: row?.pendingCount ?? 0 };
    },

    /** Groups the user may see: listed ones, the user's own, and every one for an administrator (search: groups.search.ts). */
    async listVisibleGroups(options: {
      userId: string;
      includeHidden: boolean;
      parentId?: string | undefined;
      mineOnly: boolean;
    }): Promise<GroupWithCounts[]> {
      const shape = {
        mineOnly: options.mineOnly,
        includeHidden: options.includeHidden,
        underParent: options.parentId !== undefined,
      };
      return visibleStatement(shape).execute({ userId: options.userId, parentId: options.parentId });
    },

    /**
     * The directory as a signed-out visitor sees it: listed groups only, never a conversation, and the parent's name
     * only when the parent is listed too. With `parentId`, only when that parent is itself listed, so a hidden
     * group's id finds nothing, exactly like an id that does not exist. No counts: nobody is counted for a visitor.
     */
    async listListedGroups(options: { parentId?: string | undefined }): Promise<PublicGroupRow[]> {
      const conditions: Array<SQL | undefined> = [
        isNull(groups.archivedAt),
        notConversation,
        eq(groups.visibility, 'listed'),
      ];
      if (options.parentId !== undefined)
        conditions.push(
          eq(groups.parentId, options.parentId),
          eq(parents.visibility, 'listed'),
          isNull(parents.archivedAt),
        );
      return selectListed().where(and(...conditions));
    },

    /** One listed group by uuid or slug, for a visitor; a hidden, archived or missing one is undefined alike. */
    async findListedGroup(idOrSlug: string): Promise<PublicGroupRow | undefined> {
      const key = isUuid(idOrSlug) ? eq(groups.id, idOrSlug) : eq(groups.slug, idOrSlug.toLowerCase());
      const [row] = await selectListed().where(
        and(key, isNull(groups.archivedAt), notConversation, eq(groups.visibility, 'listed')),
      );
      return row;
    },

    async slugTaken(slug: string): Promise<boolean> {
      const [row] = await db.select({ id: groups.id }).from(groups).where(eq(groups.slug, slug));
      return row !== undefined;
    },

    /** An association a group may be put under: it exists and is not archived. */
    async organisationExists(id: string): Promise<boolean> {
      if (!isUuid(id)) return false;
      const [row] = await db
        .select({ id: organisations.id })
        .from(organisations)
        .where(and(eq(organisations.id, id), isNull(organisations.archivedAt)));
      return row !== undefined;
    },

    async insertGroup(
      values: typeof groups.$inferInsert,
      executor: Executor = db,
    ): Promise<GroupRow | undefined> {
      const [row] = await executor
        .insert(groups)
        .values(values)
        .onConflictDoNothing({ target: groups.slug })
        .returning();
      return row;
    },

    async updateGroup(id: string, values: Partial<typeof groups.$inferInsert>): Promise<void> {
      await db.update(groups).set(values).where(eq(groups.id, id));
    },

    async findMembership(groupId: string, userId: string, executor: Executor = db) {
      const [row] = await executor
        .select()
        .from(groupMemberships)
        .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)));
      return row;
    },

    /** Every membership of one person (the group list reads them beside the groups, not after). */
    allMembershipsOf: (userId: string): Promise<MembershipRow[]> => membershipsOfUser.execute({ userId }),

    /**
     * For each group the user belongs to: the newest seq, how far they have read, and how many messages by others
     * they have not read (counted up to `cap`; only what their history setting lets them see).
     */
    async unreadOf(userId: string, groupIds: string[] | 'groups', cap = 100): Promise<Map<string, Unread>> {
      if (groupIds.length === 0) return new Map();
      // 'groups': every group the user belongs to, conversations left out (the group list asks before it pages).
      const which =
        groupIds === 'groups'
          ? sql`g.kind not in (${sql.join(
              conversationGroupKinds.map((kind) => sql`${kind}`),
              sql`, `,
            )})`
          : sql`m.group_id in (${sql.join(
              groupIds.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`;
      const result = await db.execute(sql`
        select m.group_id as "groupId",
               coalesce(gs.last_seq, 0)::bigint as "lastSeq",
               coalesce(rp.last_read_seq, 0)::bigint as "lastReadSeq",
               (select count(*) from (
                  select 1 from messages x
                  where x.group_id = m.group_id
                    and x.seq > coalesce(rp.last_read_seq, 0)
                    and x.author_id is distinct from m.user_id
                    and x.deleted_at is null
                    and (g.history_visible_to_new_members or x.created_at >= m.joined_at)
                  limit ${cap}) visible)::int as "count"
        from group_memberships m
        join groups g on g.id = m.group_id
        left join group_sequences gs on gs.group_id = m.group_id
        left join read_positions rp on rp.group_id = m.group_id and rp.user_id = m.user_id
        where m.user_id = ${userId} and ${which}`);
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
        groupId: string;
        lastSeq: string | number;
        lastReadSeq: string | number;
        count: number;
      }>;
      return new Map(
        rows.map((row) => [
          row.groupId,
          { count: Number(row.count), lastSeq: Number(row.lastSeq), lastReadSeq: Number(row.lastReadSeq) },
        ]),
      );
    },

    async isBlocked(groupId: string, userId: string, executor: Executor = db): Promise<boolean> {
      const [row] = await executor
        .select({ userId: groupBlocks.userId })
        .from(groupBlocks)
        .where(and(eq(groupBlocks.groupId, groupId), eq(groupBlocks.userId, userId)));
      return row !== undefined;
    },

    async block(
      values: { groupId: string; userId: string; blockedBy: string; reason: string | null; createdAt: Date },
      executor: Executor = db,
    ) {
      await executor.insert(groupBlocks).values(values).onConflictDoNothing();
    },

    /** Adds a member; returns false when they already were one (a concurrent join). */
    async insertMembership(
      values: { groupId: string; userId: string; role: GroupRole; joinedAt: Date },
      executor: Executor = db,
    ): Promise<boolean> {
      const rows = await executor.insert(groupMemberships).values(values).onConflictDoNothing().returning();
      return rows.length > 0;
    },

    async updateMembership(
      groupId: string,
      userId: string,
      values: Partial<Pick<MembershipRow, 'role' | 'profileName' | 'bio' | 'familyRole' | 'mutedAt'>>,
      executor: Executor = db,
    ): Promise<MembershipRow | undefined> {
      const [row] = await executor
        .update(groupMemberships)
        .set(values)
        .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)))
        .returning();
      return row;
    },

    async deleteMembership(groupId: string, userId: string, executor: Executor = db): Promise<boolean> {
      const rows = await executor
        .delete(groupMemberships)
        .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)))
        .returning();
      return rows.length > 0;
    },

    async countOwners(groupId: string, executor: Executor = db): Promise<number> {
      const [row] = await executor
        .select({ count: sql<number>`count(*)::int` })
        .from(groupMemberships)
        .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.role, 'owner')));
      return row?.count ?? 0;
    },

    /** Members with their group profile, in Danish name order (sorted by the caller). */
    async listMembers(groupId: string) {
      return db
        .select({
          userId: groupMemberships.userId,
          role: groupMemberships.role,
          joinedAt: groupMemberships.joinedAt,
          profileName: groupMemberships.profileName,
          bio: groupMemberships.bio,
          familyRole: groupMemberships.familyRole,
          accountName: users.displayName,
        })
        .from(groupMemberships)
        .innerJoin(users, eq(users.id, groupMemberships.userId))
        .where(and(eq(groupMemberships.groupId, groupId), isNull(users.deletedAt)));
    },

    async moderatorIds(groupId: string): Promise<string[]> {
      const rows = await db
        .select({ userId: groupMemberships.userId })
        .from(groupMemberships)
        .where(
          and(eq(groupMemberships.groupId, groupId), inArray(groupMemberships.role, ['moderator', 'owner'])),
        );
      return rows.map((row) => row.userId);
    },

    async findUser(id: string) {
      const [row] = await db
        .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
        .from(users)
        .where(and(eq(users.id, id), isNull(users.deletedAt)));
      return row;
    },

    async findUserByEmail(email: string) {
      const [row] = await db
        .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
        .from(users)
        .where(and(eq(users.email, email), isNull(users.deletedAt)));
      return row;
    },

    // Join requests

    /** Every join request of one person, newest first. */
    allRequestsOf: (userId: string): Promise<JoinRequestRow[]> => requestsOfUser.execute({ userId }),

    async latestRequestsOf(userId: string, groupIds: string[]): Promise<JoinRequestRow[]> {
      if (groupIds.length === 0) return [];
      return db
        .select()
        .from(groupJoinRequests)
        .where(and(eq(groupJoinRequests.userId, userId), inArray(groupJoinRequests.groupId, groupIds)))
        .orderBy(desc(groupJoinRequests.createdAt));
    },

    async insertRequest(
      values: { groupId: string; userId: string; message: string | null; createdAt: Date },
      executor: Executor = db,
    ): Promise<JoinRequestRow | undefined> {
      const [row] = await executor.insert(groupJoinRequests).values(values).onConflictDoNothing().returning();
      return row;
    },

    async findRequest(groupId: string, requestId: string, executor: Executor = db) {
      if (!isUuid(requestId)) return undefined;
      const [row] = await executor
        .select()
        .from(groupJoinRequests)
        .where(and(eq(groupJoinRequests.id, requestId), eq(groupJoinRequests.groupId, groupId)));
      return row;
    },

    async findPendingRequest(groupId: string, userId: string, executor: Executor = db) {
      const [row] = await executor
        .select()
        .from(groupJoinRequests)
        .where(
          and(
            eq(groupJoinRequests.groupId, groupId),
            eq(groupJoinRequests.userId, userId),
            eq(groupJoinRequests.status, 'pending'),
          ),
        );
      return row;
    },

    /** Moves a pending request to its outcome; undefined when someone else decided it first. */
    async decideRequest(
      requestId: string,
      values: Pick<JoinRequestRow, 'status' | 'reason' | 'decidedBy' | 'decidedAt'>,
      executor: Executor = db,
    ): Promise<JoinRequestRow | undefined> {
      const [row] = await executor
        .update(groupJoinRequests)
        .set(values)
        .where(and(eq(groupJoinRequests.id, requestId), eq(groupJoinRequests.status, 'pending')))
        .returning();
      return row;
    },

    async listRequests(groupId: string, status: JoinRequestRow['status'], page: Page) {
      const deciders = alias(users, 'decider');
      return db
        .select({
          request: groupJoinRequests,
          userName: users.displayName,
          deciderName: deciders.displayName,
        })
        .from(groupJoinRequests)
        .innerJoin(users, eq(users.id, groupJoinRequests.userId))
        .leftJoin(deciders, eq(deciders.id, groupJoinRequests.decidedBy))
        .where(and(eq(groupJoinRequests.groupId, groupId), eq(groupJoinRequests.status, status)))
        .orderBy(
          status === 'pending' ? groupJoinRequests.createdAt : desc(groupJoinRequests.decidedAt),
          groupJoinRequests.id,
        )
        .limit(page.limit + 1)
        .offset(page.offset);
    },

    // Invites

    async insertInvite(values: typeof groupInvites.$inferInsert): Promise<InviteRow> {
      const [row] = await db.insert(groupInvites).values(values).returning();
      if (!row) throw new Error('invite insert returned nothing');
      return row;
    },

    async listInvites(groupId: string, page: Page) {
      return db
        .select({ invite: groupInvites, creatorName: users.displayName })
        .from(groupInvites)
        .leftJoin(users, eq(users.id, groupInvites.createdBy))
        .where(eq(groupInvites.groupId, groupId))
        .orderBy(desc(groupInvites.createdAt), groupInvites.id)
        .limit(page.limit + 1)
        .offset(page.offset);
    },

    async findInvite(groupId: string, inviteId: string) {
      if (!isUuid(inviteId)) return undefined;
      const [row] = await db
        .select()
        .from(groupInvites)
        .where(and(eq(groupInvites.id, inviteId), eq(groupInvites.groupId, groupId)));
      return row;
    },

    async findInviteByHash(codeHash: string, executor: Executor = db) {
      const [row] = await executor.select().from(groupInvites).where(eq(groupInvites.codeHash, codeHash));
      return row;
    },

    async revokeInvite(inviteId: string, at: Date) {
      await db
        .update(groupInvites)
        .set({ revokedAt: at })
        .where(and(eq(groupInvites.id, inviteId), isNull(groupInvites.revokedAt)));
    },

    /** Counts one use if the invite still has one left; false when it was used up in the meantime. */
    async useInvite(inviteId: string, executor: Executor = db): Promise<boolean> {
      const rows = await executor
        .update(groupInvites)
        .set({ uses: sql`${groupInvites.uses} + 1` })
        .where(
          and(
            eq(groupInvites.id, inviteId),
            or(isNull(groupInvites.maxUses), sql`${groupInvites.uses} < ${groupInvites.maxUses}`),
          ),
        )
        .returning({ id: groupInvites.id });
      return rows.length > 0;
    },

    // The membership record

    async recordEvent(
      values: {
        groupId: string;
        userId: string;
        actorId: string | null;
        kind: MembershipEventKind;
        fromRole?: GroupRole | null;
        toRole?: GroupRole | null;
        reason?: string | null;
        createdAt: Date;
      },
      executor: Executor = db,
    ) {
      await executor.insert(groupMembershipEvents).values(values);
    },

    async listEvents(groupId: string, page: Page) {
      const actors = alias(users, 'actor');
      return db
        .select({ event: groupMembershipEvents, userName: users.displayName, actorName: actors.displayName })
        .from(groupMembershipEvents)
        .innerJoin(users, eq(users.id, groupMembershipEvents.userId))
        .leftJoin(actors, eq(actors.id, groupMembershipEvents.actorId))
        .where(eq(groupMembershipEvents.groupId, groupId))
        .orderBy(desc(groupMembershipEvents.seq))
        .limit(page.limit + 1)
        .offset(page.offset);
    },
  };
}

export type GroupsRepository = ReturnType<typeof createGroupsRepository>;
