import {
  type Database,
  groupMemberships,
  groups,
  messages,
  moderationActions,
  moderationAppeals,
  moderationAuditLog,
  moderationFlags,
  moderationItems,
  users,
} from '@spejl/db';
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { moderationActions as moderationActionNames } from '@spejl/shared';
import type { Executor } from './moderation.repository.ts';

const actors = alias(users, 'actor');
const targets = alias(users, 'target');
const deciders = alias(users, 'decider');

/** A time range, from inclusive, to exclusive. */
export interface Range {
  from: Date;
  to: Date;
}

/** Reads for people and reports: the audit log, appeals, one's own reports and actions, counts and statistics. */
export function createModerationRecordsRepository(db: Database) {
  const auditSelect = () =>
    db
      .select({
        entry: moderationAuditLog,
        actorName: actors.displayName,
        targetName: targets.displayName,
      })
      .from(moderationAuditLog)
      .leftJoin(actors, eq(actors.id, moderationAuditLog.actorId))
      .leftJoin(targets, eq(targets.id, moderationAuditLog.targetUserId));

  const appealSelect = () =>
    db
      .select({
        appeal: moderationAppeals,
        action: moderationActions,
        queue: moderationItems.queue,
        groupName: groups.name,
        groupSlug: groups.slug,
        appellantName: targets.displayName,
        actorName: actors.displayName,
        deciderName: deciders.displayName,
      })
      .from(moderationAppeals)
      .innerJoin(moderationActions, eq(moderationActions.id, moderationAppeals.actionId))
      .leftJoin(moderationItems, eq(moderationItems.id, moderationActions.itemId))
      .leftJoin(groups, eq(groups.id, moderationActions.groupId))
      .leftJoin(targets, eq(targets.id, moderationAppeals.appellantId))
      .leftJoin(actors, eq(actors.id, moderationActions.actorId))
      .leftJoin(deciders, eq(deciders.id, moderationAppeals.decidedBy));

  /** Appeals in the platform's scope: suspensions and decisions on the platform queue. */
  const platformScope = or(isNull(moderationActions.groupId), eq(moderationItems.queue, 'platform'));
  /** Appeals against decisions in the mentoring queue (a suspension from there is the platform's). */
  const mentoringScope = and(isNotNull(moderationActions.groupId), eq(moderationItems.queue, 'mentoring'));
  /** Audit entries of mentorships' conversations. */
  const mentorshipGroupIds = sql`(select ${groups.id} from ${groups} where ${groups.kind} = 'mentorship')`;
  const auditScope = (scope: string | null): SQL | undefined =>
    scope === 'mentoring'
      ? sql`${moderationAuditLog.groupId} in ${mentorshipGroupIds}`
      : scope
        ? eq(moderationAuditLog.groupId, scope)
        : undefined;

  return {
    /** A page of the log: one group's (an id), the mentorships' (`mentoring`) or the whole platform's (null). */
    async auditPage(scope: string | null, page: { offset: number; limit: number }) {
      return auditSelect()
        .where(auditScope(scope))
        .orderBy(desc(moderationAuditLog.seq))
        .limit(page.limit + 1)
        .offset(page.offset);
    },

    async auditRange(scope: string | null, range: Partial<Range>, limit: number) {
      const conditions: SQL[] = [];
      const scoped = auditScope(scope);
      if (scoped) conditions.push(scoped);
      if (range.from) conditions.push(gte(moderationAuditLog.createdAt, range.from));
      if (range.to) conditions.push(lt(moderationAuditLog.createdAt, range.to));
      return auditSelect()
        .where(and(...conditions))
        .orderBy(asc(moderationAuditLog.seq))
        .limit(limit);
    },

    // Appeals

    async insertAppeal(values: typeof moderationAppeals.$inferInsert, executor: Executor = db) {
      const [row] = await executor.insert(moderationAppeals).values(values).onConflictDoNothing().returning();
      return row;
    },

    async appealOf(actionId: string) {
      const [row] = await db.select().from(moderationAppeals).where(eq(moderationAppeals.actionId, actionId));
      return row;
    },

    async findAppeal(id: string) {
      const [row] = await appealSelect().where(eq(moderationAppeals.id, id));
      return row;
    },

    /** Decides an open appeal; undefined when someone else decided it first. */
    async decideAppeal(
      id: string,
      values: { status: 'upheld' | 'overturned'; decidedBy: string; decisionReason: string; decidedAt: Date },
      tx: Executor,
    ) {
      const [row] = await tx
        .update(moderationAppeals)
        .set(values)
        .where(and(eq(moderationAppeals.id, id), eq(moderationAppeals.status, 'open')))
        .returning();
      return row;
    },

    async listAppeals(
      scope: { groupId: string } | { platform: true } | { mentoring: true },
      status: 'open' | 'decided',
      page: { offset: number; limit: number },
    ) {
      const scopeCondition =
        'groupId' in scope
          ? and(
              eq(moderationActions.groupId, scope.groupId),
              or(isNull(moderationItems.queue), eq(moderationItems.queue, 'group')),
            )
          : 'mentoring' in scope
            ? mentoringScope
            : platformScope;
      const statusCondition =
        status === 'open'
          ? eq(moderationAppeals.status, 'open')
          : inArray(moderationAppeals.status, ['upheld', 'overturned']);
      return appealSelect()
        .where(and(scopeCondition, statusCondition))
        .orderBy(status === 'open' ? asc(moderationAppeals.createdAt) : desc(moderationAppeals.decidedAt))
        .limit(page.limit + 1)
        .offset(page.offset);
    },

    // The member's own view

    async reportsOf(reporterId: string, page: { offset: number; limit: number }) {
      return db
        .select({
          flag: moderationFlags,
          item: moderationItems,
          groupName: groups.name,
          groupSlug: groups.slug,
          body: messages.body,
          hiddenAt: messages.hiddenAt,
          deletedAt: messages.deletedAt,
          /** The reporter still belongs to the group, so may still read the message. */
          stillMember: sql<boolean>`${groupMemberships.userId} is not null`,
        })
        .from(moderationFlags)
        .innerJoin(moderationItems, eq(moderationItems.id, moderationFlags.itemId))
        .leftJoin(groups, eq(groups.id, moderationItems.groupId))
        .leftJoin(messages, eq(messages.id, moderationFlags.messageId))
        .leftJoin(
          groupMemberships,
          and(
            eq(groupMemberships.groupId, moderationItems.groupId),
            eq(groupMemberships.userId, moderationFlags.reporterId),
          ),
        )
        .where(eq(moderationFlags.reporterId, reporterId))
        .orderBy(desc(moderationFlags.createdAt), asc(moderationFlags.id))
        .limit(page.limit + 1)
        .offset(page.offset);
    },

    async actionsAgainst(userId: string, page: { offset: number; limit: number }, actionId?: string) {
      return db
        .select({
          action: moderationActions,
          appeal: moderationAppeals,
          groupName: groups.name,
          groupSlug: groups.slug,
        })
        .from(moderationActions)
        .leftJoin(moderationAppeals, eq(moderationAppeals.actionId, moderationActions.id))
        .leftJoin(groups, eq(groups.id, moderationActions.groupId))
        .where(
          and(
            eq(moderationActions.targetUserId, userId),
            actionId ? eq(moderationActions.id, actionId) : undefined,
            inArray(moderationActions.action, [
              'hide',
              'delete',
              'warn',
              'mute',
              'remove_member',
              'ban_member',
              'suspend',
            ]),
          ),
        )
        .orderBy(desc(moderationActions.createdAt), asc(moderationActions.id))
        .limit(page.limit + 1)
        .offset(page.offset);
    },

    // Counts for the badge and the overview

    /** The groups the user moderates (moderator or owner), with their open queue counts. */
    async moderatedGroups(userId: string) {
      const openItems = sql<number>`(select count(*)::int from ${moderationItems} where ${moderationItems.groupId} = ${groups.id} and ${moderationItems.status} = 'open' and ${moderationItems.queue} = 'group')`;
      const urgentItems = sql<number>`(select count(*)::int from ${moderationItems} where ${moderationItems.groupId} = ${groups.id} and ${moderationItems.status} = 'open' and ${moderationItems.queue} = 'group' and ${moderationItems.urgent})`;
      const openAppeals = sql<number>`(select count(*)::int from ${moderationAppeals} join ${moderationActions} on ${moderationActions.id} = ${moderationAppeals.actionId} left join ${moderationItems} on ${moderationItems.id} = ${moderationActions.itemId} where ${moderationActions.groupId} = ${groups.id} and ${moderationAppeals.status} = 'open' and (${moderationItems.queue} is null or ${moderationItems.queue} = 'group') and ${moderationActions.actorId} is distinct from ${userId})`;
      return db
        .select({
          id: groups.id,
          name: groups.name,
          slug: groups.slug,
          openCount: openItems,
          urgentCount: urgentItems,
          openAppeals,
        })
        .from(groupMemberships)
        .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
        .where(
          and(
            eq(groupMemberships.userId, userId),
            inArray(groupMemberships.role, ['moderator', 'owner']),
            isNull(groups.archivedAt),
          ),
        )
        .orderBy(asc(groups.name));
    },

    /** Open items and appeals in the mentoring queue, for its reviewers' badge. */
    async mentoringCounts(userId: string) {
      const [items] = await db
        .select({
          open: count(),
          urgent: sql<number>`count(*) filter (where ${moderationItems.urgent})::int`,
        })
        .from(moderationItems)
        .where(
          and(
            eq(moderationItems.status, 'open'),
            eq(moderationItems.queue, 'mentoring'),
            sql`${moderationItems.subjectUserId} is distinct from ${userId}`,
          ),
        );
      const [appeals] = await db
        .select({ open: count() })
        .from(moderationAppeals)
        .innerJoin(moderationActions, eq(moderationActions.id, moderationAppeals.actionId))
        .leftJoin(moderationItems, eq(moderationItems.id, moderationActions.itemId))
        .where(
          and(
            eq(moderationAppeals.status, 'open'),
            mentoringScope,
            sql`${moderationActions.actorId} is distinct from ${userId}`,
          ),
        );
      return {
        openCount: Number(items?.open ?? 0),
        urgentCount: Number(items?.urgent ?? 0),
        openAppeals: Number(appeals?.open ?? 0),
      };
    },

    async platformCounts(userId: string) {
      const [items] = await db
        .select({
          open: count(),
          urgent: sql<number>`count(*) filter (where ${moderationItems.urgent})::int`,
        })
        .from(moderationItems)
        .where(and(eq(moderationItems.status, 'open'), eq(moderationItems.queue, 'platform')));
      const [appeals] = await db
        .select({ open: count() })
        .from(moderationAppeals)
        .innerJoin(moderationActions, eq(moderationActions.id, moderationAppeals.actionId))
        .leftJoin(moderationItems, eq(moderationItems.id, moderationActions.itemId))
        .where(
          and(
            eq(moderationAppeals.status, 'open'),
            platformScope,
            sql`${moderationActions.actorId} is distinct from ${userId}`,
          ),
        );
      return {
        openCount: Number(items?.open ?? 0),
        urgentCount: Number(items?.urgent ?? 0),
        openAppeals: Number(appeals?.open ?? 0),
      };
    },

    // The transparency report's raw material

    async flagsIn(groupId: string | null, range: Range) {
      const conditions: SQL[] = [
        gte(moderationFlags.createdAt, range.from),
        lt(moderationFlags.createdAt, range.to),
        eq(moderationFlags.automatic, false),
      ];
      if (groupId) conditions.push(eq(moderationItems.groupId, groupId));
      return db
        .select({ reason: moderationFlags.reason, createdAt: moderationFlags.createdAt })
        .from(moderationFlags)
        .innerJoin(moderationItems, eq(moderationItems.id, moderationFlags.itemId))
        .where(and(...conditions));
    },

    /** Moderators' decisions (dismissals and escalations included), from the audit log. */
    async actionsIn(groupId: string | null, range: Range) {
      const conditions: SQL[] = [
        inArray(moderationAuditLog.action, [...moderationActionNames]),
        gte(moderationAuditLog.createdAt, range.from),
        lt(moderationAuditLog.createdAt, range.to),
      ];
      if (groupId) conditions.push(eq(moderationAuditLog.groupId, groupId));
      return db
        .select({ action: moderationAuditLog.action, createdAt: moderationAuditLog.createdAt })
        .from(moderationAuditLog)
        .where(and(...conditions));
    },

    async itemsIn(groupId: string | null, range: Range) {
      const inRange = (column: typeof moderationItems.createdAt | typeof moderationItems.resolvedAt) =>
        and(gte(column, range.from), lt(column, range.to));
      const conditions: Array<SQL | undefined> = [
        or(inRange(moderationItems.createdAt), inRange(moderationItems.resolvedAt)),
      ];
      if (groupId) conditions.push(eq(moderationItems.groupId, groupId));
      return db
        .select({
          createdAt: moderationItems.createdAt,
          resolvedAt: moderationItems.resolvedAt,
          firstReviewedAt: moderationItems.firstReviewedAt,
          source: moderationItems.source,
        })
        .from(moderationItems)
        .where(and(...conditions));
    },

    async blocksIn(groupId: string | null, range: Range) {
      const conditions: SQL[] = [
        eq(moderationAuditLog.action, 'filter.block'),
        gte(moderationAuditLog.createdAt, range.from),
        lt(moderationAuditLog.createdAt, range.to),
      ];
      if (groupId) conditions.push(eq(moderationAuditLog.groupId, groupId));
      return db
        .select({ createdAt: moderationAuditLog.createdAt })
        .from(moderationAuditLog)
        .where(and(...conditions));
    },

    async appealsIn(groupId: string | null, range: Range) {
      const conditions: SQL[] = [
        gte(moderationAppeals.createdAt, range.from),
        lt(moderationAppeals.createdAt, range.to),
      ];
      if (groupId) conditions.push(eq(moderationActions.groupId, groupId));
      return db
        .select({ status: moderationAppeals.status, createdAt: moderationAppeals.createdAt })
        .from(moderationAppeals)
        .innerJoin(moderationActions, eq(moderationActions.id, moderationAppeals.actionId))
        .where(and(...conditions));
    },
  };
}

export type ModerationRecordsRepository = ReturnType<typeof createModerationRecordsRepository>;
