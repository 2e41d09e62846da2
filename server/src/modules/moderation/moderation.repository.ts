import {
  type Database,
  groupBlocks,
  groupMemberships,
  groups,
  messages,
  moderationActions,
  type moderationAppeals,
  moderationAuditLog,
  moderationFilters,
  moderationFlags,
  moderationItems,
  moderationSettings,
  users,
} from '@spejl/db';
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { isConversationKind } from '@spejl/shared';

export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;
export type ItemRow = typeof moderationItems.$inferSelect;
export type FlagRow = typeof moderationFlags.$inferSelect;
export type ActionRow = typeof moderationActions.$inferSelect;
export type AppealRow = typeof moderationAppeals.$inferSelect;
export type FilterRow = typeof moderationFilters.$inferSelect;
export type SettingsRow = typeof moderationSettings.$inferSelect;
export type AuditInsert = typeof moderationAuditLog.$inferInsert;

/** A group without a settings row moderates with these. */
export const defaultSettings = {
  hideThreshold: 2,
  slowModeSeconds: 0,
  newMemberMessageCount: 0,
  holdNewMemberMessages: false,
  newMemberLinkLimit: null,
  helplines: null,
  contacts: [],
  updatedAt: null,
  updatedBy: null,
} satisfies Omit<SettingsRow, 'groupId'>;

const claimers = alias(users, 'claimer');
const resolvers = alias(users, 'resolver');

/** An item with the names the queue shows. */
export interface ItemWithNames {
  item: ItemRow;
  groupName: string;
  groupSlug: string;
  groupKind: string;
  subjectName: string | null;
  claimerName: string | null;
  resolverName: string | null;
}

/** Database access for the review queue: items, flags, actions, settings and filters. */
export function createModerationRepository(db: Database) {
  // The rules cache asks these for every group posted in (moderation.rules-cache.ts): built once.
  const groupMutesPrepared = db
    .select({ userId: moderationActions.targetUserId, expiresAt: moderationActions.expiresAt })
    .from(moderationActions)
    .where(
      and(
        eq(moderationActions.groupId, sql.placeholder('groupId')),
        eq(moderationActions.action, 'mute'),
        isNull(moderationActions.revokedAt),
        gt(moderationActions.expiresAt, sql.placeholder('now')),
      ),
    )
    .prepare('moderation_group_mutes');
  const settingsPrepared = db
    .select()
    .from(moderationSettings)
    .where(eq(moderationSettings.groupId, sql.placeholder('groupId')))
    .prepare('moderation_settings_of');
  const groupFiltersPrepared = db
    .select()
    .from(moderationFilters)
    .where(or(eq(moderationFilters.groupId, sql.placeholder('groupId')), isNull(moderationFilters.groupId)))
    .orderBy(asc(moderationFilters.createdAt))
    .prepare('moderation_group_filters');
  const selectItems = (executor: Executor = db) =>
    executor
      .select({
        item: moderationItems,
        groupName: groups.name,
        groupSlug: groups.slug,
        groupKind: groups.kind,
        subjectName: users.displayName,
        claimerName: claimers.displayName,
        resolverName: resolvers.displayName,
      })
      .from(moderationItems)
      .innerJoin(groups, eq(groups.id, moderationItems.groupId))
      .leftJoin(users, eq(users.id, moderationItems.subjectUserId))
      .leftJoin(claimers, eq(claimers.id, moderationItems.claimedBy))
      .leftJoin(resolvers, eq(resolvers.id, moderationItems.resolvedBy));

  return {
    db,
    transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
      return db.transaction((tx) => work(tx));
    },

    // Settings and filters

    async settingsOf(groupId: string, executor: Executor = db): Promise<SettingsRow> {
      const [row] =
        executor === db
          ? await settingsPrepared.execute({ groupId })
          : await executor.select().from(moderationSettings).where(eq(moderationSettings.groupId, groupId));
      return row ?? { groupId, ...defaultSettings };
    },

    async saveSettings(groupId: string, values: Partial<typeof moderationSettings.$inferInsert>) {
      await db
        .insert(moderationSettings)
        .values({ ...values, groupId })
        .onConflictDoUpdate({ target: moderationSettings.groupId, set: values });
    },

    /** The group's filters and the platform's (group null); without a group, the platform's only. */
    async filtersFor(groupId: string | null): Promise<FilterRow[]> {
      if (groupId) return groupFiltersPrepared.execute({ groupId });
      return db
        .select()
        .from(moderationFilters)
        .where(isNull(moderationFilters.groupId))
        .orderBy(asc(moderationFilters.createdAt));
    },

    async listFilters(groupId: string | null) {
      return db
        .select({ filter: moderationFilters, creatorName: users.displayName })
        .from(moderationFilters)
        .leftJoin(users, eq(users.id, moderationFilters.createdBy))
        .where(groupId ? eq(moderationFilters.groupId, groupId) : isNull(moderationFilters.groupId))
        .orderBy(asc(moderationFilters.kind), asc(moderationFilters.pattern));
    },

    async insertFilter(values: typeof moderationFilters.$inferInsert, executor: Executor = db) {
      const [row] = await executor.insert(moderationFilters).values(values).returning();
      return row!;
    },

    async findFilter(id: string) {
      const [row] = await db.select().from(moderationFilters).where(eq(moderationFilters.id, id));
      return row;
    },

    async deleteFilter(id: string, executor: Executor = db) {
      await executor.delete(moderationFilters).where(eq(moderationFilters.id, id));
    },

    // What the chat gate asks

    /** Every mute in force in a group at `now`: whom, and until when (the rules cache keeps them with the settings). */
    async mutesIn(groupId: string, now: Date): Promise<Array<{ userId: string; expiresAt: Date }>> {
      const rows = await groupMutesPrepared.execute({ groupId, now: now.toISOString() });
      return rows.flatMap((row) =>
        row.userId && row.expiresAt ? [{ userId: row.userId, expiresAt: new Date(row.expiresAt) }] : [],
      );
    },

    async lastPostAt(groupId: string, userId: string): Promise<Date | null> {
      const [row] = await db
        .select({ at: sql<Date | string | null>`max(${messages.createdAt})` })
        .from(messages)
        .where(and(eq(messages.groupId, groupId), eq(messages.authorId, userId)));
      return row?.at ? new Date(row.at) : null;
    },

    /** Messages of a member that others can read: the measure of "new member". */
    async visiblePostCount(groupId: string, userId: string): Promise<number> {
      const [row] = await db
        .select({ count: count() })
        .from(messages)
        .where(
          and(
            eq(messages.groupId, groupId),
            eq(messages.authorId, userId),
            isNull(messages.hiddenAt),
            isNull(messages.deletedAt),
          ),
        );
      return Number(row?.count ?? 0);
    },

    /** True when the group is a private conversation: a mentorship's, or a direct one between two members. */
    async isConversation(groupId: string): Promise<boolean> {
      const [row] = await db.select({ kind: groups.kind }).from(groups).where(eq(groups.id, groupId));
      return row !== undefined && isConversationKind(row.kind);
    },

    async roleIn(groupId: string, userId: string, executor: Executor = db) {
      const [row] = await executor
        .select({ role: groupMemberships.role })
        .from(groupMemberships)
        .where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId)));
      return row?.role ?? null;
    },

    // Items and flags

    /** The open item of a message, locked for the rest of the transaction. */
    async openItemFor(messageId: string, tx: Executor): Promise<ItemRow | undefined> {
      const [row] = await tx
        .select()
        .from(moderationItems)
        .where(and(eq(moderationItems.messageId, messageId), eq(moderationItems.status, 'open')))
        .for('update');
      return row;
    },

    /** Opens an item; when another transaction opened one for the same message first, returns that one. */
    async insertItem(values: typeof moderationItems.$inferInsert, tx: Executor): Promise<ItemRow> {
      const [row] = await tx.insert(moderationItems).values(values).onConflictDoNothing().returning();
      if (row) return row;
      const existing = await this.openItemFor(values.messageId!, tx);
      if (!existing) throw new Error('moderation item vanished');
      return existing;
    },

    async updateItem(
      id: string,
      values: Partial<typeof moderationItems.$inferInsert>,
      executor: Executor = db,
    ) {
      const [row] = await executor
        .update(moderationItems)
        .set(values)
        .where(eq(moderationItems.id, id))
        .returning();
      return row;
    },

    /** Resolves an open item; undefined when someone else resolved it first. */
    async resolveItem(
      id: string,
      values: Pick<ItemRow, 'resolvedAt' | 'resolvedBy' | 'resolution' | 'resolutionReason'> & {
        firstReviewedAt: Date;
      },
      tx: Executor,
    ): Promise<ItemRow | undefined> {
      const [row] = await tx
        .update(moderationItems)
        .set({
          status: 'resolved',
          resolvedAt: values.resolvedAt,
          resolvedBy: values.resolvedBy,
          resolution: values.resolution,
          resolutionReason: values.resolutionReason,
          // postgres.js takes no Date in raw SQL: times travel as ISO strings.
          firstReviewedAt: sql`coalesce(${moderationItems.firstReviewedAt}, ${values.firstReviewedAt.toISOString()}::timestamptz)`,
          claimedBy: null,
          claimedAt: null,
          updatedAt: values.resolvedAt!,
        })
        .where(and(eq(moderationItems.id, id), eq(moderationItems.status, 'open')))
        .returning();
      return row;
    },

    /** Adds a flag; false when the reporter already has an open flag on the message. */
    async insertFlag(
      values: typeof moderationFlags.$inferInsert,
      tx: Executor,
    ): Promise<FlagRow | undefined> {
      const [row] = await tx.insert(moderationFlags).values(values).onConflictDoNothing().returning();
      return row;
    },

    async openScore(itemId: string, tx: Executor): Promise<number> {
      const [row] = await tx
        .select({ score: sql<number>`coalesce(sum(${moderationFlags.weight}), 0)::float` })
        .from(moderationFlags)
        .where(and(eq(moderationFlags.itemId, itemId), eq(moderationFlags.status, 'open')));
      return Number(row?.score ?? 0);
    },

    /** Closes an item's open flags with the outcome; returns the reporters' flags (not the automatic ones). */
    async closeFlags(itemId: string, status: 'upheld' | 'dismissed', at: Date, tx: Executor) {
      return tx
        .update(moderationFlags)
        .set({ status, resolvedAt: at })
        .where(and(eq(moderationFlags.itemId, itemId), eq(moderationFlags.status, 'open')))
        .returning();
    },

    /** How often moderators agreed with this reporter before: the track record that weighs their flags. */
    async trackRecord(reporterId: string) {
      const rows = await db
        .select({ status: moderationFlags.status, count: count() })
        .from(moderationFlags)
        .where(
          and(
            eq(moderationFlags.reporterId, reporterId),
            inArray(moderationFlags.status, ['upheld', 'dismissed']),
          ),
        )
        .groupBy(moderationFlags.status);
      const of = (status: string) => Number(rows.find((row) => row.status === status)?.count ?? 0);
      return { upheld: of('upheld'), dismissed: of('dismissed') };
    },

    async flagsSince(reporterId: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
      const [row] = await db
        .select({ count: count(), oldest: sql<Date | string | null>`min(${moderationFlags.createdAt})` })
        .from(moderationFlags)
        .where(and(eq(moderationFlags.reporterId, reporterId), gte(moderationFlags.createdAt, since)));
      return { count: Number(row?.count ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null };
    },

    async findItem(id: string, executor: Executor = db): Promise<ItemWithNames | undefined> {
      const [row] = await selectItems(executor).where(eq(moderationItems.id, id));
      return row;
    },

    /** A queue, most pressing first: urgent, then by score, then the oldest. */
    async listItems(
      filter: {
        groupId?: string | undefined;
        queue: 'group' | 'platform' | 'mentoring' | 'any';
        status: 'open' | 'resolved';
      },
      page: { offset: number; limit: number },
    ): Promise<ItemWithNames[]> {
      const conditions: SQL[] = [eq(moderationItems.status, filter.status)];
      if (filter.groupId) conditions.push(eq(moderationItems.groupId, filter.groupId));
      // "any" is a group's whole queue for an admin: never the mentoring queue, which only its reviewers read.
      conditions.push(
        filter.queue === 'any'
          ? inArray(moderationItems.queue, ['group', 'platform'])
          : eq(moderationItems.queue, filter.queue),
      );
      const order =
        filter.status === 'open'
          ? [desc(moderationItems.urgent), desc(moderationItems.score), asc(moderationItems.createdAt)]
          : [desc(moderationItems.resolvedAt)];
      return selectItems()
        .where(and(...conditions))
        .orderBy(...order, asc(moderationItems.id))
        .limit(page.limit + 1)
        .offset(page.offset);
    },

    async flagsOf(itemIds: string[]) {
      if (itemIds.length === 0) return [];
      return db
        .select({ flag: moderationFlags, reporterName: users.displayName })
        .from(moderationFlags)
        .leftJoin(users, eq(users.id, moderationFlags.reporterId))
        .where(inArray(moderationFlags.itemId, itemIds))
        .orderBy(asc(moderationFlags.createdAt));
    },

    // Actions

    async insertAction(
      values: typeof moderationActions.$inferInsert,
      executor: Executor = db,
    ): Promise<ActionRow> {
      const [row] = await executor.insert(moderationActions).values(values).returning();
      return row!;
    },

    async findAction(id: string, executor: Executor = db): Promise<ActionRow | undefined> {
      const [row] = await executor.select().from(moderationActions).where(eq(moderationActions.id, id));
      return row;
    },

    async findActionByToken(tokenHash: string): Promise<ActionRow | undefined> {
      const [row] = await db
        .select()
        .from(moderationActions)
        .where(eq(moderationActions.appealTokenHash, tokenHash));
      return row;
    },

    async revokeAction(id: string, at: Date, executor: Executor = db) {
      await executor.update(moderationActions).set({ revokedAt: at }).where(eq(moderationActions.id, id));
    },

    /** Earlier actions about a member in a group (or on the platform), newest first. */
    async actionsAbout(targetUserId: string, groupId: string | null, limit = 20) {
      return db
        .select({ action: moderationActions, actorName: users.displayName })
        .from(moderationActions)
        .leftJoin(users, eq(users.id, moderationActions.actorId))
        .where(
          and(
            eq(moderationActions.targetUserId, targetUserId),
            groupId ? eq(moderationActions.groupId, groupId) : isNull(moderationActions.groupId),
          ),
        )
        .orderBy(desc(moderationActions.createdAt))
        .limit(limit);
    },

    /** Suspensions a member has had that still count (not overturned), for escalating durations. */
    async suspensionCount(targetUserId: string): Promise<number> {
      const [row] = await db
        .select({ count: count() })
        .from(moderationActions)
        .where(
          and(
            eq(moderationActions.targetUserId, targetUserId),
            eq(moderationActions.action, 'suspend'),
            isNull(moderationActions.revokedAt),
          ),
        );
      return Number(row?.count ?? 0);
    },

    // The audit log: insert only. There is deliberately no update or delete here, and the table refuses both.

    async audit(entries: AuditInsert[], executor: Executor = db): Promise<void> {
      if (entries.length > 0) await executor.insert(moderationAuditLog).values(entries);
    },

    /**
     * Suspends an account through the lock the auth service already enforces (`users.locked_until`: no sign-in,
     * and every session stops working). Keeps a longer lock that is already in place.
     */
    async lockAccount(userId: string, until: Date, tx: Executor) {
      await tx
        .update(users)
        .set({
          lockedUntil: sql`greatest(${users.lockedUntil}, ${until.toISOString()}::timestamptz)`,
          updatedAt: sql`now()`,
        })
        .where(eq(users.id, userId));
    },

    /** Lifts a suspension, unless the account has since been locked for longer by someone else. */
    async unlockAccount(userId: string, until: Date | null, tx: Executor) {
      await tx
        .update(users)
        .set({ lockedUntil: null, updatedAt: sql`now()` })
        .where(
          and(
            eq(users.id, userId),
            until ? sql`${users.lockedUntil} <= ${until.toISOString()}::timestamptz` : undefined,
          ),
        );
    },

    /**
     * Lifts a group ban when an appeal overturns it. The groups module has no unblock yet; this is the one write to
     * its tables from here, and the caller records the `unblocked` membership event beside it.
     */
    async unblock(groupId: string, userId: string, tx: Executor) {
      await tx
        .delete(groupBlocks)
        .where(and(eq(groupBlocks.groupId, groupId), eq(groupBlocks.userId, userId)));
    },

    async platformAdminIds(): Promise<string[]> {
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.platformRole, 'admin'), isNull(users.deletedAt)));
      return rows.map((row) => row.id);
    },

    async findUser(id: string) {
      const [row] = await db
        .select({
          id: users.id,
          email: users.email,
          displayName: users.displayName,
          locale: users.locale,
          platformRole: users.platformRole,
          lockedUntil: users.lockedUntil,
        })
        .from(users)
        .where(and(eq(users.id, id), isNull(users.deletedAt)));
      return row;
    },

    async usersByIds(ids: string[]) {
      if (ids.length === 0) return [];
      return db
        .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
        .from(users)
        .where(and(inArray(users.id, ids), isNull(users.deletedAt)));
    },
  };
}

export type ModerationRepository = ReturnType<typeof createModerationRepository>;
