import { consentVersions } from '@spejl/shared/privacy-terms';
import {
  consents,
  type Database,
  groups,
  mentoringBlocks,
  mentoringCheckIns,
  mentoringFeedback,
  mentoringJobRuns,
  mentoringMatches,
  mentoringNotes,
  mentoringRequests,
  mentoringSettings,
  mentorProfiles,
  messages,
  organisations,
  users,
} from '@spejl/db';
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, min, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { isUuid } from '../groups/groups.repository.ts';

export type ProfileRow = typeof mentorProfiles.$inferSelect;
export type RequestRow = typeof mentoringRequests.$inferSelect;
export type MatchRow = typeof mentoringMatches.$inferSelect;
export type NoteRow = typeof mentoringNotes.$inferSelect;
export type CheckInRow = typeof mentoringCheckIns.$inferSelect;

/** Anything that can run queries: the database or a transaction. */
export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

/** A diagnosis group with what decides its area (its association, else its parent group, else itself). */
export interface GroupInfo {
  id: string;
  name: string;
  kind: string;
  visibility: string;
  area: { id: string; name: string };
}

export interface Person {
  id: string;
  displayName: string;
  email: string;
  locale: 'da' | 'en';
}

const parents = alias(groups, 'parent_group');
const requesters = alias(users, 'requester');
const mentorUsers = alias(users, 'mentor_user');

/** The version of the mentoring consent text the web shows; a new text gets a new version. */
export const mentoringConsentVersion = consentVersions.health_data_mentoring;

/** Proposed and active matches: a mentor's load, and what keeps a request from being proposed again. */
const openMatchStatuses = ['proposed', 'active'] as const;

/** Database access for mentor profiles, requests, matches and the lifecycle record. */
export function createMentoringRepository(db: Database) {
  const matchSelection = {
    match: mentoringMatches,
    mentorName: mentorUsers.displayName,
    familyId: mentoringRequests.requesterId,
    familyName: requesters.displayName,
  };
  const selectMatches = (executor: Executor = db) =>
    executor
      .select(matchSelection)
      .from(mentoringMatches)
      .innerJoin(mentorUsers, eq(mentorUsers.id, mentoringMatches.mentorId))
      .innerJoin(mentoringRequests, eq(mentoringRequests.id, mentoringMatches.requestId))
      .innerJoin(requesters, eq(requesters.id, mentoringRequests.requesterId));

  return {
    db,
    transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
      return db.transaction((tx) => work(tx));
    },

    // People

    async findPerson(id: string): Promise<Person | undefined> {
      if (!isUuid(id)) return undefined;
      const [row] = await db
        .select({ id: users.id, displayName: users.displayName, email: users.email, locale: users.locale })
        .from(users)
        .where(and(eq(users.id, id), isNull(users.deletedAt)));
      return row;
    },

    async findPeople(ids: string[]): Promise<Person[]> {
      if (ids.length === 0) return [];
      return db
        .select({ id: users.id, displayName: users.displayName, email: users.email, locale: users.locale })
        .from(users)
        .where(and(inArray(users.id, ids), isNull(users.deletedAt)));
    },

    /** Coordinators with two-step verification on; administrators stand in when there are none. */
    async coordinators(): Promise<Person[]> {
      const rows = await db
        .select({
          id: users.id,
          displayName: users.displayName,
          email: users.email,
          locale: users.locale,
          role: users.platformRole,
        })
        .from(users)
        .where(
          and(
            inArray(users.platformRole, ['coordinator', 'admin']),
            isNotNull(users.totpEnabledAt),
            isNull(users.deletedAt),
          ),
        );
      const coordinators = rows.filter((row) => row.role === 'coordinator');
      return (coordinators.length > 0 ? coordinators : rows).map(({ role: _role, ...person }) => person);
    },

    // Groups (read-only here; the groups module owns them)

    async groupInfo(ids: readonly string[]): Promise<Map<string, GroupInfo>> {
      const valid = [...new Set(ids)].filter(isUuid);
      if (valid.length === 0) return new Map();
      const rows = await db
        .select({
          id: groups.id,
          name: groups.name,
          kind: groups.kind,
          visibility: groups.visibility,
          organisationId: groups.organisationId,
          organisationName: organisations.name,
          parentId: groups.parentId,
          parentName: parents.name,
        })
        .from(groups)
        .leftJoin(organisations, eq(organisations.id, groups.organisationId))
        .leftJoin(parents, eq(parents.id, groups.parentId))
        .where(and(inArray(groups.id, valid), isNull(groups.archivedAt)));
      return new Map(
        rows.map((row) => [
          row.id,
          {
            id: row.id,
            name: row.name,
            kind: row.kind,
            visibility: row.visibility,
            area:
              row.organisationId && row.organisationName
                ? { id: row.organisationId, name: row.organisationName }
                : row.parentId && row.parentName
                  ? { id: row.parentId, name: row.parentName }
                  : { id: row.id, name: row.name },
          },
        ]),
      );
    },

    async setGroupReadOnly(groupId: string, at: Date, executor: Executor = db): Promise<void> {
      await executor
        .update(groups)
        .set({ readOnlyAt: at, updatedAt: at })
        .where(and(eq(groups.id, groupId), isNull(groups.readOnlyAt)));
    },

    /** The mentorship whose private conversation this group is (its link in a push); null for any other group. */
    async matchIdOfConversation(groupId: string): Promise<string | null> {
      const [row] = await db
        .select({ id: mentoringMatches.id })
        .from(mentoringMatches)
        .where(eq(mentoringMatches.groupId, groupId))
        .limit(1);
      return row?.id ?? null;
    },

    /** When the mentor first wrote in the pair's conversation. */
    async firstMessageAt(groupId: string, authorId: string): Promise<Date | null> {
      const [row] = await db
        .select({ at: min(messages.createdAt) })
        .from(messages)
        .where(and(eq(messages.groupId, groupId), eq(messages.authorId, authorId)));
      return row?.at ?? null;
    },

    /** The first message of each mentor in their match's conversation, for many matches at once. */
    async firstMessagesOf(pairs: Array<{ groupId: string; mentorId: string }>): Promise<Map<string, Date>> {
      if (pairs.length === 0) return new Map();
      const rows = await db
        .select({ groupId: messages.groupId, authorId: messages.authorId, at: min(messages.createdAt) })
        .from(messages)
        .where(
          and(
            inArray(
              messages.groupId,
              pairs.map((pair) => pair.groupId),
            ),
            inArray(
              messages.authorId,
              pairs.map((pair) => pair.mentorId),
            ),
          ),
        )
        .groupBy(messages.groupId, messages.authorId);
      const result = new Map<string, Date>();
      for (const row of rows)
        if (row.at && row.authorId) result.set(`${row.groupId}|${row.authorId}`, row.at);
      return result;
    },

    // Mentor profiles

    async findProfile(userId: string, executor: Executor = db) {
      if (!isUuid(userId)) return undefined;
      const [row] = await executor
        .select({ profile: mentorProfiles, displayName: users.displayName })
        .from(mentorProfiles)
        .innerJoin(users, eq(users.id, mentorProfiles.userId))
        .where(and(eq(mentorProfiles.userId, userId), isNull(users.deletedAt)));
      return row;
    },

    async listProfiles() {
      return db
        .select({ profile: mentorProfiles, displayName: users.displayName })
        .from(mentorProfiles)
        .innerJoin(users, eq(users.id, mentorProfiles.userId))
        .where(isNull(users.deletedAt))
        .orderBy(asc(mentorProfiles.createdAt), asc(mentorProfiles.userId));
    },

    /** Creates the profile, or updates what the mentor controls (never approval, training or a coordinator's pause). */
    async upsertProfile(values: typeof mentorProfiles.$inferInsert): Promise<void> {
      const { userId: _userId, createdAt: _createdAt, ...editable } = values;
      await db
        .insert(mentorProfiles)
        .values(values)
        .onConflictDoUpdate({ target: mentorProfiles.userId, set: editable });
    },

    async updateProfile(
      userId: string,
      values: Partial<typeof mentorProfiles.$inferInsert>,
      executor: Executor = db,
    ): Promise<void> {
      await executor.update(mentorProfiles).set(values).where(eq(mentorProfiles.userId, userId));
    },

    async deleteProfile(userId: string): Promise<void> {
      await db.delete(mentorProfiles).where(eq(mentorProfiles.userId, userId));
    },

    /** Proposed and active matches per mentor. */
    async loads(mentorIds?: string[]): Promise<Map<string, number>> {
      const conditions = [inArray(mentoringMatches.status, [...openMatchStatuses])];
      if (mentorIds) {
        if (mentorIds.length === 0) return new Map();
        conditions.push(inArray(mentoringMatches.mentorId, mentorIds));
      }
      const rows = await db
        .select({ mentorId: mentoringMatches.mentorId, count: sql<number>`count(*)::int` })
        .from(mentoringMatches)
        .where(and(...conditions))
        .groupBy(mentoringMatches.mentorId);
      return new Map(rows.map((row) => [row.mentorId, row.count]));
    },

    // Requests

    async insertRequest(values: typeof mentoringRequests.$inferInsert, executor: Executor = db) {
      const [row] = await executor.insert(mentoringRequests).values(values).returning();
      if (!row) throw new Error('request insert returned nothing');
      return row;
    },

    async findRequest(id: string, executor: Executor = db): Promise<RequestRow | undefined> {
      if (!isUuid(id)) return undefined;
      const [row] = await executor.select().from(mentoringRequests).where(eq(mentoringRequests.id, id));
      return row;
    },

    async requestsByIds(ids: string[]): Promise<RequestRow[]> {
      const valid = ids.filter(isUuid);
      if (valid.length === 0) return [];
      return db.select().from(mentoringRequests).where(inArray(mentoringRequests.id, valid));
    },

    async requestsOf(requesterId: string): Promise<RequestRow[]> {
      return db
        .select()
        .from(mentoringRequests)
        .where(eq(mentoringRequests.requesterId, requesterId))
        .orderBy(desc(mentoringRequests.createdAt));
    },

    /** A request of this family that is still under way (not closed or withdrawn). */
    async ongoingRequestOf(requesterId: string): Promise<RequestRow | undefined> {
      const [row] = await db
        .select()
        .from(mentoringRequests)
        .where(
          and(
            eq(mentoringRequests.requesterId, requesterId),
            inArray(mentoringRequests.status, ['requested', 'clarifying', 'proposed']),
          ),
        )
        .limit(1);
      return row;
    },

    /** Requests by status, oldest first (the longest wait first). */
    async requestsWithStatus(statuses: RequestRow['status'][]): Promise<RequestRow[]> {
      if (statuses.length === 0) return [];
      return db
        .select()
        .from(mentoringRequests)
        .where(inArray(mentoringRequests.status, statuses))
        .orderBy(asc(mentoringRequests.createdAt), asc(mentoringRequests.id));
    },

    /** Moves a request from one of the expected statuses; undefined when it had moved on already. */
    async updateRequest(
      id: string,
      values: Partial<typeof mentoringRequests.$inferInsert>,
      expected: RequestRow['status'][],
      executor: Executor = db,
    ): Promise<RequestRow | undefined> {
      const [row] = await executor
        .update(mentoringRequests)
        .set(values)
        .where(and(eq(mentoringRequests.id, id), inArray(mentoringRequests.status, expected)))
        .returning();
      return row;
    },

    /** The versioned record of the family's consent to share the request with coordinators and the mentor. */
    async recordConsent(userId: string, at: Date, executor: Executor = db) {
      await executor
        .insert(consents)
        .values({ userId, kind: 'health_data_mentoring', version: mentoringConsentVersion, givenAt: at });
    },

    // Notes

    async insertNote(values: typeof mentoringNotes.$inferInsert, executor: Executor = db) {
      await executor.insert(mentoringNotes).values(values);
    },

    async notesOf(requestIds: string[]) {
      if (requestIds.length === 0) return [];
      return db
        .select({ note: mentoringNotes, authorName: users.displayName })
        .from(mentoringNotes)
        .leftJoin(users, eq(users.id, mentoringNotes.authorId))
        .where(inArray(mentoringNotes.requestId, requestIds))
        .orderBy(asc(mentoringNotes.createdAt), asc(mentoringNotes.id));
    },

    // Matches

    async insertMatch(values: typeof mentoringMatches.$inferInsert, executor: Executor = db) {
      const [row] = await executor.insert(mentoringMatches).values(values).onConflictDoNothing().returning();
      return row;
    },

    async findMatch(id: string, executor: Executor = db) {
      if (!isUuid(id)) return undefined;
      const [row] = await selectMatches(executor).where(eq(mentoringMatches.id, id));
      return row;
    },

    /** The matches whose private conversations are these groups (a group is one match's conversation at most). */
    async matchesByConversation(groupIds: string[]) {
      const valid = [...new Set(groupIds)].filter(isUuid);
      if (valid.length === 0) return [];
      return selectMatches().where(inArray(mentoringMatches.groupId, valid));
    },

    /** Moves a match from an expected status; undefined when someone else moved it first. */
    async updateMatch(
      id: string,
      values: Partial<typeof mentoringMatches.$inferInsert>,
      expected: MatchRow['status'],
      executor: Executor = db,
    ): Promise<MatchRow | undefined> {
      const [row] = await executor
        .update(mentoringMatches)
        .set(values)
        .where(and(eq(mentoringMatches.id, id), eq(mentoringMatches.status, expected)))
        .returning();
      return row;
    },

    async setFirstContact(id: string, at: Date): Promise<void> {
      await db
        .update(mentoringMatches)
        .set({ firstContactAt: at })
        .where(and(eq(mentoringMatches.id, id), isNull(mentoringMatches.firstContactAt)));
    },

    /** Matches where the user is the mentor or the family. */
    async matchesOf(userId: string) {
      return selectMatches()
        .where(or(eq(mentoringMatches.mentorId, userId), eq(mentoringRequests.requesterId, userId)))
        .orderBy(desc(mentoringMatches.proposedAt));
    },

    async matchesWithStatus(statuses: MatchRow['status'][]) {
      if (statuses.length === 0) return [];
      return selectMatches()
        .where(inArray(mentoringMatches.status, statuses))
        .orderBy(asc(mentoringMatches.proposedAt), asc(mentoringMatches.id));
    },

    async matchesOfRequest(requestId: string) {
      return selectMatches()
        .where(eq(mentoringMatches.requestId, requestId))
        .orderBy(desc(mentoringMatches.proposedAt));
    },

    /** `requestId|mentorId` of every declined proposal. */
    async declinedPairs(): Promise<Array<{ requestId: string; mentorId: string }>> {
      return db
        .select({ requestId: mentoringMatches.requestId, mentorId: mentoringMatches.mentorId })
        .from(mentoringMatches)
        .where(eq(mentoringMatches.status, 'declined'));
    },

    // Blocks, feedback and check-ins

    async block(userId: string, blockedUserId: string, at: Date, executor: Executor = db) {
      await executor
        .insert(mentoringBlocks)
        .values({ userId, blockedUserId, createdAt: at })
        .onConflictDoNothing();
    },

    async blockedPairs(): Promise<Array<{ userId: string; blockedUserId: string }>> {
      return db
        .select({ userId: mentoringBlocks.userId, blockedUserId: mentoringBlocks.blockedUserId })
        .from(mentoringBlocks);
    },

    /** Records one side's closing feedback; false when they had given it already. */
    async insertFeedback(values: typeof mentoringFeedback.$inferInsert, executor: Executor = db) {
      const rows = await executor.insert(mentoringFeedback).values(values).onConflictDoNothing().returning();
      return rows.length > 0;
    },

    async feedbackGiven(matchIds: string[], userId: string): Promise<Set<string>> {
      if (matchIds.length === 0) return new Set();
      const rows = await db
        .select({ matchId: mentoringFeedback.matchId })
        .from(mentoringFeedback)
        .where(and(inArray(mentoringFeedback.matchId, matchIds), eq(mentoringFeedback.userId, userId)));
      return new Set(rows.map((row) => row.matchId));
    },

    async insertCheckIn(values: typeof mentoringCheckIns.$inferInsert) {
      const [row] = await db.insert(mentoringCheckIns).values(values).returning();
      return row;
    },

    async checkInsOf(matchIds: string[]) {
      if (matchIds.length === 0) return [];
      return db
        .select({ checkIn: mentoringCheckIns, userName: users.displayName })
        .from(mentoringCheckIns)
        .innerJoin(users, eq(users.id, mentoringCheckIns.userId))
        .where(inArray(mentoringCheckIns.matchId, matchIds))
        .orderBy(asc(mentoringCheckIns.createdAt));
    },

    async hardCheckInsSince(since: Date) {
      return db
        .select({ checkIn: mentoringCheckIns, userName: users.displayName })
        .from(mentoringCheckIns)
        .innerJoin(users, eq(users.id, mentoringCheckIns.userId))
        .where(and(eq(mentoringCheckIns.mood, 'hard'), gte(mentoringCheckIns.createdAt, since)))
        .orderBy(desc(mentoringCheckIns.createdAt))
        .limit(50);
    },

    // Jobs

    /** Claims a lifecycle job's effect for a match; false when it was done already (the job ran twice). */
    async claimJobRun(matchId: string, kind: string, at: Date, executor: Executor = db): Promise<boolean> {
      const rows = await executor
        .insert(mentoringJobRuns)
        .values({ matchId, kind, ranAt: at })
        .onConflictDoNothing()
        .returning();
      return rows.length > 0;
    },

    async jobRunsOf(matchId: string): Promise<string[]> {
      const rows = await db
        .select({ kind: mentoringJobRuns.kind })
        .from(mentoringJobRuns)
        .where(eq(mentoringJobRuns.matchId, matchId));
      return rows.map((row) => row.kind);
    },

    // Settings

    async setting(key: string) {
      const [row] = await db.select().from(mentoringSettings).where(eq(mentoringSettings.key, key));
      return row;
    },

    async saveSetting(key: string, value: Record<string, number>, by: string, at: Date) {
      await db
        .insert(mentoringSettings)
        .values({ key, value, updatedAt: at, updatedBy: by })
        .onConflictDoUpdate({ target: mentoringSettings.key, set: { value, updatedAt: at, updatedBy: by } });
    },
  };
}

export type MentoringRepository = ReturnType<typeof createMentoringRepository>;
export type MatchRecord = NonNullable<Awaited<ReturnType<MentoringRepository['findMatch']>>>;
