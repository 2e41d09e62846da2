import {
  type Database,
  directConversations,
  groupMemberships,
  groups,
  messages,
  personBlocks,
  userPreferences,
  users,
} from '@spejl/db';
import { and, desc, eq, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { isUuid, notConversation } from '../groups/groups.repository.ts';

export type ConversationRow = typeof directConversations.$inferSelect;
type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

/** The pair in the order the table keeps it: the smaller id first (PostgreSQL compares uuids as their hex text). */
export function canonicalPair(a: string, b: string): { firstUserId: string; secondUserId: string } {
  const [first, second] = [a.toLowerCase(), b.toLowerCase()].sort();
  return { firstUserId: first!, secondUserId: second! };
}

/** The other one of the pair; null once their account is gone. */
export function otherOf(row: Pick<ConversationRow, 'firstUserId' | 'secondUserId'>, userId: string) {
  return row.firstUserId === userId ? row.secondUserId : row.firstUserId;
}

/** A conversation with what the reader needs: the other person's name there, blocks, the newest message's time. */
export interface ConversationView {
  row: ConversationRow;
  otherName: string | null;
  blockedByMe: boolean;
  blockedByOther: boolean;
  lastMessageAt: Date | null;
}

/** Database access for direct conversations, blocks and the setting, and the facts a request is decided on. */
export function createDirectRepository(db: Database) {
  const others = alias(users, 'other');
  const otherMembership = alias(groupMemberships, 'other_membership');

  /** Conversations as one reader sees them (the SQL behind `find` and `listFor`). */
  const viewFor = (userId: string) => {
    const otherId = sql<
      string | null
    >`case when ${directConversations.firstUserId} = ${userId} then ${directConversations.secondUserId} else ${directConversations.firstUserId} end`;
    return db
      .select({
        row: directConversations,
        otherName: sql<
          string | null
        >`case when ${others.id} is null then null else coalesce(${otherMembership.profileName}, ${others.displayName}) end`,
        blockedByMe: sql<boolean>`exists (select 1 from ${personBlocks} where ${personBlocks.blockerId} = ${userId} and ${personBlocks.blockedId} = ${otherId})`,
        blockedByOther: sql<boolean>`exists (select 1 from ${personBlocks} where ${personBlocks.blockerId} = ${otherId} and ${personBlocks.blockedId} = ${userId})`,
        lastMessageAt: sql<
          string | Date | null
        >`(select max(${messages.createdAt}) from ${messages} where ${messages.groupId} = ${directConversations.groupId} and ${messages.deletedAt} is null)`,
      })
      .from(directConversations)
      .leftJoin(others, and(eq(others.id, otherId), isNull(others.deletedAt)))
      .leftJoin(
        otherMembership,
        and(eq(otherMembership.groupId, directConversations.groupId), eq(otherMembership.userId, otherId)),
      );
  };

  const toView = (
    row: Omit<ConversationView, 'lastMessageAt'> & { lastMessageAt: string | Date | null },
  ): ConversationView => ({
    ...row,
    // A raw subquery's timestamp comes back as text from postgres.js and as a Date from PGlite.
    lastMessageAt: row.lastMessageAt === null ? null : new Date(row.lastMessageAt),
  });

  const mine = (userId: string) =>
    or(eq(directConversations.firstUserId, userId), eq(directConversations.secondUserId, userId));

  return {
    transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
      return db.transaction((tx) => work(tx));
    },

    /** Whether the person lets others ask to write to them (off without a row: the default). */
    async setting(userId: string): Promise<boolean> {
      const [row] = await db
        .select({ on: userPreferences.directMessages })
        .from(userPreferences)
        .where(eq(userPreferences.userId, userId));
      return row?.on ?? false;
    },

    /**
     * Whether someone can be asked at all: an account that exists, is not being deleted or locked, and has direct
     * messages on. False for an unknown id, the same as for a person who said no.
     */
    async reachable(userId: string, now: Date): Promise<boolean> {
      if (!isUuid(userId)) return false;
      const [row] = await db
        .select({ id: users.id })
        .from(users)
        .innerJoin(userPreferences, eq(userPreferences.userId, users.id))
        .where(
          and(
            eq(users.id, userId),
            isNull(users.deletedAt),
            or(isNull(users.lockedUntil), lte(users.lockedUntil, now)),
            eq(userPreferences.directMessages, true),
          ),
        );
      return row !== undefined;
    },

    async userExists(userId: string): Promise<boolean> {
      if (!isUuid(userId)) return false;
      const [row] = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, userId), isNull(users.deletedAt)));
      return row !== undefined;
    },

    /**
     * A group both belong to through which one may ask the other: not archived, not itself a conversation, and
     * letting its members write directly. `groupId` narrows it to that group. With each one's name there.
     */
    async sharedGroup(askerId: string, otherId: string, groupId?: string) {
      if (!isUuid(otherId) || (groupId !== undefined && !isUuid(groupId))) return undefined;
      const askers = alias(groupMemberships, 'asker');
      const asked = alias(groupMemberships, 'asked');
      const conditions: Array<SQL | undefined> = [
        isNull(groups.archivedAt),
        notConversation,
        eq(groups.directMessagesAllowed, true),
      ];
      if (groupId !== undefined) conditions.push(eq(groups.id, groupId));
      const [row] = await db
        .select({ groupId: groups.id, askerName: askers.profileName, otherName: asked.profileName })
        .from(groups)
        .innerJoin(askers, and(eq(askers.groupId, groups.id), eq(askers.userId, askerId)))
        .innerJoin(asked, and(eq(asked.groupId, groups.id), eq(asked.userId, otherId)))
        .where(and(...conditions))
        .orderBy(groups.createdAt)
        .limit(1);
      return row;
    },

    /** Whether either of the two has blocked the other. */
    async blockedEither(a: string, b: string, executor: Executor = db): Promise<boolean> {
      if (!isUuid(a) || !isUuid(b)) return false;
      const [row] = await executor
        .select({ blockerId: personBlocks.blockerId })
        .from(personBlocks)
        .where(
          or(
            and(eq(personBlocks.blockerId, a), eq(personBlocks.blockedId, b)),
            and(eq(personBlocks.blockerId, b), eq(personBlocks.blockedId, a)),
          ),
        )
        .limit(1);
      return row !== undefined;
    },

    /** The pair's conversation, if they ever had one. */
    async findPair(a: string, b: string, executor: Executor = db): Promise<ConversationRow | undefined> {
      const pair = canonicalPair(a, b);
      const [row] = await executor
        .select()
        .from(directConversations)
        .where(
          and(
            eq(directConversations.firstUserId, pair.firstUserId),
            eq(directConversations.secondUserId, pair.secondUserId),
          ),
        );
      return row;
    },

    /** One conversation as one of its pair sees it; undefined for anyone else, and for an unknown id. */
    async find(groupId: string, userId: string): Promise<ConversationView | undefined> {
      if (!isUuid(groupId)) return undefined;
      const [row] = await viewFor(userId).where(and(eq(directConversations.groupId, groupId), mine(userId)));
      return row && toView(row);
    },

    /** The conversation row behind a group, for the chat's write check. */
    async findByGroup(groupId: string): Promise<ConversationRow | undefined> {
      const [row] = await db
        .select()
        .from(directConversations)
        .where(eq(directConversations.groupId, groupId));
      return row;
    },

    /**
     * The reader's conversations, newest activity first: accepted ones and waiting requests either way; never a
     * declined one, nor one with someone the reader blocked.
     */
    async listFor(userId: string, page: { offset: number; limit: number }): Promise<ConversationView[]> {
      const otherId = sql`case when ${directConversations.firstUserId} = ${userId} then ${directConversations.secondUserId} else ${directConversations.firstUserId} end`;
      const activity = sql`coalesce((select max(${messages.createdAt}) from ${messages} where ${messages.groupId} = ${directConversations.groupId} and ${messages.deletedAt} is null), ${directConversations.createdAt})`;
      const rows = await viewFor(userId)
        .where(
          and(
            mine(userId),
            ne(directConversations.status, 'declined'),
            sql`not exists (select 1 from ${personBlocks} where ${personBlocks.blockerId} = ${userId} and ${personBlocks.blockedId} = ${otherId})`,
          ),
        )
        .orderBy(desc(activity), desc(directConversations.createdAt), directConversations.groupId)
        .limit(page.limit + 1)
        .offset(page.offset);
      return rows.map(toView);
    },

    async insert(values: typeof directConversations.$inferInsert, executor: Executor = db): Promise<void> {
      await executor.insert(directConversations).values(values);
    },

    /** Changes a conversation; with `from`, only while it still has that status (undefined when it had not). */
    async update(
      groupId: string,
      values: Partial<typeof directConversations.$inferInsert>,
      from?: ConversationRow['status'],
      executor: Executor = db,
    ): Promise<ConversationRow | undefined> {
      const [row] = await executor
        .update(directConversations)
        .set(values)
        .where(
          and(
            eq(directConversations.groupId, groupId),
            from ? eq(directConversations.status, from) : undefined,
          ),
        )
        .returning();
      return row;
    },

    /** A conversation that never got its first message (the post was refused) goes, with its group. */
    async deleteUnstarted(groupId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .delete(directConversations)
          .where(and(eq(directConversations.groupId, groupId), isNull(directConversations.firstMessageAt)))
          .returning({ groupId: directConversations.groupId });
        if (row) await tx.delete(groups).where(eq(groups.id, groupId));
      });
    },

    // Blocks

    /** Blocks someone; false when they already were. */
    async block(blockerId: string, blockedId: string, at: Date, executor: Executor = db): Promise<boolean> {
      const rows = await executor
        .insert(personBlocks)
        .values({ blockerId, blockedId, createdAt: at })
        .onConflictDoNothing()
        .returning({ blockedId: personBlocks.blockedId });
      return rows.length > 0;
    },

    async unblock(blockerId: string, blockedId: string): Promise<boolean> {
      if (!isUuid(blockedId)) return false;
      const rows = await db
        .delete(personBlocks)
        .where(and(eq(personBlocks.blockerId, blockerId), eq(personBlocks.blockedId, blockedId)))
        .returning({ blockedId: personBlocks.blockedId });
      return rows.length > 0;
    },

    /**
     * The people one person blocked, newest first, each named as they show themselves in a group the two share
     * (their direct conversation first); null when they share none any more, so no account name is told.
     */
    async blocksOf(blockerId: string, page: { offset: number; limit: number }) {
      const name = sql<string | null>`(
        select coalesce(theirs.profile_name, person.display_name)
        from group_memberships theirs
        join group_memberships mine on mine.group_id = theirs.group_id and mine.user_id = ${blockerId}
        join groups shared on shared.id = theirs.group_id
        join users person on person.id = theirs.user_id
        where theirs.user_id = ${personBlocks.blockedId}
        order by (shared.kind = 'direct') desc, shared.created_at
        limit 1)`;
      return db
        .select({ id: personBlocks.blockedId, displayName: name, blockedAt: personBlocks.createdAt })
        .from(personBlocks)
        .innerJoin(users, eq(users.id, personBlocks.blockedId))
        .where(eq(personBlocks.blockerId, blockerId))
        .orderBy(desc(personBlocks.createdAt), personBlocks.blockedId)
        .limit(page.limit + 1)
        .offset(page.offset);
    },
  };
}

export type DirectRepository = ReturnType<typeof createDirectRepository>;
