import {
  calendarFeeds,
  type Database,
  groupMemberships,
  groups,
  organisations,
  users,
  webinarDeliveries,
  webinarRegistrations,
  webinarStaff,
  webinars,
} from '@spejl/db';
import type { GroupRole } from '@spejl/shared';
import { and, asc, desc, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { isUuid, notConversation } from '../groups/groups.repository.ts';
import type { ActorGroups } from './webinars.policy.ts';

export type WebinarRow = typeof webinars.$inferSelect;
export type RegistrationRow = typeof webinarRegistrations.$inferSelect;
export type StaffRow = typeof webinarStaff.$inferSelect;
/** Anything that can run queries: the database or a transaction. */
export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

const countOf = (status: string) =>
  sql<number>`(select count(*)::int from ${webinarRegistrations} where ${webinarRegistrations.webinarId} = ${webinars.id} and ${webinarRegistrations.status} = ${status})`;

/** One event with what every answer about it needs: its group or association and its seat counts. */
export interface WebinarRecord {
  webinar: WebinarRow;
  groupName: string | null;
  groupSlug: string | null;
  groupVisibility: 'listed' | 'hidden' | null;
  organisationName: string | null;
  registeredCount: number;
  offeredCount: number;
  waitlistCount: number;
}

export const endsAtSql = sql`(${webinars.startsAt} + ${webinars.durationMinutes} * interval '1 minute')`;

/** Database access for events, registrations, staff, deliveries and calendar feeds. The live room is elsewhere. */
export function createWebinarsRepository(db: Database) {
  const selectRecords = (executor: Executor = db) =>
    executor
      .select({
        webinar: webinars,
        groupName: groups.name,
        groupSlug: groups.slug,
        groupVisibility: groups.visibility,
        organisationName: organisations.name,
        registeredCount: countOf('registered'),
        offeredCount: countOf('offered'),
        waitlistCount: countOf('waitlisted'),
      })
      .from(webinars)
      .leftJoin(groups, eq(groups.id, webinars.groupId))
      .leftJoin(organisations, eq(organisations.id, webinars.organisationId));

  return {
    db,
    transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
      return db.transaction((tx) => work(tx));
    },

    /** The actor's groups, roles and associations: enough to answer every access question about events. */
    async actorGroups(userId: string): Promise<ActorGroups> {
      const rows = await db
        .select({
          groupId: groupMemberships.groupId,
          role: groupMemberships.role,
          organisationId: groups.organisationId,
        })
        .from(groupMemberships)
        .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
        .where(and(eq(groupMemberships.userId, userId), isNull(groups.archivedAt)));
      const result: ActorGroups = {
        roles: new Map(),
        organisations: new Set(),
        ownedOrganisations: new Set(),
      };
      for (const row of rows) {
        result.roles.set(row.groupId, row.role as GroupRole);
        if (row.organisationId) {
          result.organisations.add(row.organisationId);
          if (row.role === 'owner') result.ownedOrganisations.add(row.organisationId);
        }
      }
      return result;
    },

    async findGroup(idOrSlug: string) {
      const key = isUuid(idOrSlug) ? eq(groups.id, idOrSlug) : eq(groups.slug, idOrSlug.toLowerCase());
      const [row] = await db
        .select({
          id: groups.id,
          name: groups.name,
          visibility: groups.visibility,
          organisationId: groups.organisationId,
        })
        .from(groups)
        // A private conversation (a mentorship's, a direct one) is never a place for an event.
        .where(and(key, isNull(groups.archivedAt), notConversation));
      return row;
    },

    /** Names of groups and associations, for the list of places an organiser may schedule events. */
    async names(options: { all: boolean; groupIds: string[]; organisationIds: string[] }) {
      const groupRows =
        options.all || options.groupIds.length > 0
          ? await db
              .select({ id: groups.id, name: groups.name })
              .from(groups)
              .where(
                and(
                  isNull(groups.archivedAt),
                  notConversation,
                  options.all ? undefined : inArray(groups.id, options.groupIds),
                ),
              )
          : [];
      const organisationRows =
        options.all || options.organisationIds.length > 0
          ? await db
              .select({ id: organisations.id, name: organisations.name })
              .from(organisations)
              .where(options.all ? undefined : inArray(organisations.id, options.organisationIds))
          : [];
      return { groups: groupRows, organisations: organisationRows };
    },

    async findOrganisation(id: string) {
      if (!isUuid(id)) return undefined;
      const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
      return row;
    },

    async findRecord(id: string, executor: Executor = db): Promise<WebinarRecord | undefined> {
      if (!isUuid(id)) return undefined;
      const [row] = await selectRecords(executor).where(eq(webinars.id, id));
      return row;
    },

    /** Locks the event's row until the transaction ends: registrations for one event happen one at a time. */
    async lock(id: string, executor: Executor): Promise<WebinarRow | undefined> {
      const [row] = await executor.select().from(webinars).where(eq(webinars.id, id)).for('update');
      return row;
    },

    /**
     * Events the user may see, by the same rules as the policy: everyone-events, their groups' and associations'
     * events, and events they run or registered for. Admins see all.
     */
    async listVisible(options: {
      userId: string;
      admin: boolean;
      from?: Date | undefined;
      to?: Date | undefined;
      endedBefore?: Date | undefined;
      endingAfter?: Date | undefined;
      mineOnly: boolean;
      groupId?: string | undefined;
      newestFirst: boolean;
      offset: number;
      limit: number;
    }): Promise<WebinarRecord[]> {
      const staffOf = sql`exists (select 1 from ${webinarStaff} where ${webinarStaff.webinarId} = ${webinars.id} and ${webinarStaff.userId} = ${options.userId})`;
      const registered = sql`exists (select 1 from ${webinarRegistrations} where ${webinarRegistrations.webinarId} = ${webinars.id} and ${webinarRegistrations.userId} = ${options.userId} and ${webinarRegistrations.status} <> 'cancelled')`;
      const memberGroups = sql`(select ${groupMemberships.groupId} from ${groupMemberships} where ${groupMemberships.userId} = ${options.userId})`;
      const memberOrganisations = sql`(select g.organisation_id from ${groupMemberships} m join ${groups} g on g.id = m.group_id where m.user_id = ${options.userId} and g.archived_at is null and g.organisation_id is not null)`;
      const conditions: Array<SQL | undefined> = [];
      if (options.mineOnly) conditions.push(or(staffOf, registered));
      else if (!options.admin)
        conditions.push(
          or(
            and(isNull(webinars.groupId), isNull(webinars.organisationId)),
            sql`${webinars.groupId} in ${memberGroups}`,
            sql`${webinars.organisationId} in ${memberOrganisations}`,
            staffOf,
            registered,
          ),
        );
      if (options.from) conditions.push(sql`${webinars.startsAt} >= ${options.from.toISOString()}`);
      if (options.to) conditions.push(sql`${webinars.startsAt} < ${options.to.toISOString()}`);
      if (options.endedBefore) conditions.push(sql`${endsAtSql} <= ${options.endedBefore.toISOString()}`);
      if (options.endingAfter) conditions.push(sql`${endsAtSql} > ${options.endingAfter.toISOString()}`);
      if (options.groupId) conditions.push(eq(webinars.groupId, options.groupId));
      return selectRecords()
        .where(and(...conditions))
        .orderBy(options.newestFirst ? desc(webinars.startsAt) : asc(webinars.startsAt), asc(webinars.id))
        .limit(options.limit + 1)
        .offset(options.offset);
    },

    /**
     * Events for everyone (neither a group's nor an association's), still scheduled: what a signed-out visitor may
     * see. Read without the registration counts.
     */
    async listPublic(options: {
      from?: Date | undefined;
      to?: Date | undefined;
      endedBefore?: Date | undefined;
      endingAfter?: Date | undefined;
      newestFirst: boolean;
      offset: number;
      limit: number;
    }): Promise<WebinarRow[]> {
      const conditions: Array<SQL | undefined> = [
        isNull(webinars.groupId),
        isNull(webinars.organisationId),
        eq(webinars.status, 'scheduled'),
      ];
      if (options.from) conditions.push(sql`${webinars.startsAt} >= ${options.from.toISOString()}`);
      if (options.to) conditions.push(sql`${webinars.startsAt} < ${options.to.toISOString()}`);
      if (options.endedBefore) conditions.push(sql`${endsAtSql} <= ${options.endedBefore.toISOString()}`);
      if (options.endingAfter) conditions.push(sql`${endsAtSql} > ${options.endingAfter.toISOString()}`);
      return db
        .select()
        .from(webinars)
        .where(and(...conditions))
        .orderBy(options.newestFirst ? desc(webinars.startsAt) : asc(webinars.startsAt), asc(webinars.id))
        .limit(options.limit + 1)
        .offset(options.offset);
    },

    async insert(values: typeof webinars.$inferInsert, executor: Executor = db): Promise<WebinarRow> {
      const [row] = await executor.insert(webinars).values(values).returning();
      if (!row) throw new Error('webinar insert returned nothing');
      return row;
    },

    async update(id: string, values: Partial<typeof webinars.$inferInsert>, executor: Executor = db) {
      const [row] = await executor.update(webinars).set(values).where(eq(webinars.id, id)).returning();
      return row;
    },

    /** Scheduled events that still have reminders or a follow-up ahead of them. */
    async needingJobs(now: Date): Promise<WebinarRow[]> {
      return db
        .select()
        .from(webinars)
        .where(
          and(
            eq(webinars.status, 'scheduled'),
            sql`${endsAtSql} > ${new Date(now.getTime() - 2 * 60 * 60_000).toISOString()}`,
            sql`${webinars.startsAt} < ${new Date(now.getTime() + 30 * 24 * 60 * 60_000).toISOString()}`,
          ),
        );
    },

    // Staff

    async staffOf(webinarIds: string[]) {
      if (webinarIds.length === 0) return [];
      return db
        .select({
          webinarId: webinarStaff.webinarId,
          userId: webinarStaff.userId,
          role: webinarStaff.role,
          displayName: users.displayName,
        })
        .from(webinarStaff)
        .innerJoin(users, eq(users.id, webinarStaff.userId))
        .where(and(inArray(webinarStaff.webinarId, webinarIds), isNull(users.deletedAt)))
        .orderBy(asc(webinarStaff.addedAt));
    },

    async upsertStaff(values: {
      webinarId: string;
      userId: string;
      role: 'host' | 'presenter';
      addedAt: Date;
    }) {
      await db
        .insert(webinarStaff)
        .values(values)
        .onConflictDoUpdate({
          target: [webinarStaff.webinarId, webinarStaff.userId],
          set: { role: values.role },
        });
    },

    async removeStaff(webinarId: string, userId: string): Promise<boolean> {
      if (!isUuid(userId)) return false;
      const rows = await db
        .delete(webinarStaff)
        .where(and(eq(webinarStaff.webinarId, webinarId), eq(webinarStaff.userId, userId)))
        .returning();
      return rows.length > 0;
    },

    async findUserByEmail(email: string) {
      const [row] = await db
        .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
        .from(users)
        .where(and(eq(users.email, email), isNull(users.deletedAt)));
      return row;
    },

    async findUsers(ids: string[]) {
      if (ids.length === 0) return [];
      return db
        .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
        .from(users)
        .where(and(inArray(users.id, ids), isNull(users.deletedAt)));
    },

    // Registrations

    async registrationsOf(userId: string, webinarIds: string[]) {
      if (webinarIds.length === 0) return [];
      return db
        .select()
        .from(webinarRegistrations)
        .where(
          and(eq(webinarRegistrations.userId, userId), inArray(webinarRegistrations.webinarId, webinarIds)),
        );
    },

    async findRegistration(webinarId: string, userId: string, executor: Executor = db) {
      const [row] = await executor
        .select()
        .from(webinarRegistrations)
        .where(and(eq(webinarRegistrations.webinarId, webinarId), eq(webinarRegistrations.userId, userId)));
      return row;
    },

    async findRegistrationById(id: string, executor: Executor = db) {
      if (!isUuid(id)) return undefined;
      const [row] = await executor.select().from(webinarRegistrations).where(eq(webinarRegistrations.id, id));
      return row;
    },

    /** Places before this waitlisted person (0 for the first). */
    async waitlistAhead(webinarId: string, queuedAt: Date, id: string): Promise<number> {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(webinarRegistrations)
        .where(
          and(
            eq(webinarRegistrations.webinarId, webinarId),
            eq(webinarRegistrations.status, 'waitlisted'),
            sql`(${webinarRegistrations.queuedAt}, ${webinarRegistrations.id}) < (${queuedAt.toISOString()}::timestamptz, ${id}::uuid)`,
          ),
        );
      return row?.count ?? 0;
    },

    async seatCounts(webinarId: string, executor: Executor = db) {
      const rows = await executor
        .select({ status: webinarRegistrations.status, count: sql<number>`count(*)::int` })
        .from(webinarRegistrations)
        .where(eq(webinarRegistrations.webinarId, webinarId))
        .groupBy(webinarRegistrations.status);
      const count = (status: string) => rows.find((row) => row.status === status)?.count ?? 0;
      return {
        taken: count('registered') + count('offered'),
        waitlisted: count('waitlisted'),
      };
    },

    async upsertRegistration(
      values: typeof webinarRegistrations.$inferInsert,
      executor: Executor,
    ): Promise<RegistrationRow> {
      const { webinarId: _webinarId, userId: _userId, createdAt: _createdAt, ...changes } = values;
      const [row] = await executor
        .insert(webinarRegistrations)
        .values(values)
        .onConflictDoUpdate({
          target: [webinarRegistrations.webinarId, webinarRegistrations.userId],
          set: changes,
        })
        .returning();
      if (!row) throw new Error('registration upsert returned nothing');
      return row;
    },

    async updateRegistration(
      id: string,
      values: Partial<typeof webinarRegistrations.$inferInsert>,
      executor: Executor = db,
    ): Promise<RegistrationRow | undefined> {
      const [row] = await executor
        .update(webinarRegistrations)
        .set(values)
        .where(eq(webinarRegistrations.id, id))
        .returning();
      return row;
    },

    /** The first on the waitlist, locked for this transaction. */
    async nextWaiting(webinarId: string, executor: Executor): Promise<RegistrationRow | undefined> {
      const [row] = await executor
        .select()
        .from(webinarRegistrations)
        .where(
          and(eq(webinarRegistrations.webinarId, webinarId), eq(webinarRegistrations.status, 'waitlisted')),
        )
        .orderBy(asc(webinarRegistrations.queuedAt), asc(webinarRegistrations.id))
        .limit(1)
        .for('update');
      return row;
    },

    /** Every active registration (not cancelled), for telling people about a change. */
    async activeRegistrations(webinarId: string, executor: Executor = db) {
      return executor
        .select()
        .from(webinarRegistrations)
        .where(
          and(eq(webinarRegistrations.webinarId, webinarId), ne(webinarRegistrations.status, 'cancelled')),
        );
    },

    async cancelAll(webinarId: string, at: Date, executor: Executor) {
      return executor
        .update(webinarRegistrations)
        .set({
          status: 'cancelled',
          cancelledAt: at,
          cancelReason: 'event_cancelled',
          offerExpiresAt: null,
          updatedAt: at,
        })
        .where(
          and(eq(webinarRegistrations.webinarId, webinarId), ne(webinarRegistrations.status, 'cancelled')),
        )
        .returning();
    },

    /** The organiser's list: registered and offered first, then the waitlist in order, then cancellations. */
    async registrants(webinarId: string) {
      return db
        .select({ registration: webinarRegistrations, displayName: users.displayName })
        .from(webinarRegistrations)
        .innerJoin(users, eq(users.id, webinarRegistrations.userId))
        .where(eq(webinarRegistrations.webinarId, webinarId))
        .orderBy(
          sql`case ${webinarRegistrations.status} when 'registered' then 0 when 'offered' then 1 when 'waitlisted' then 2 else 3 end`,
          asc(webinarRegistrations.queuedAt),
          asc(webinarRegistrations.id),
        );
    },

    // Deliveries: what reminders and follow-ups have been sent

    /** Records the deliveries; returns the user ids that had none yet (the ones to send to now). */
    async claimDeliveries(
      rows: Array<{
        webinarId: string;
        userId: string;
        kind: 'reminder_day' | 'reminder_hour' | 'followup';
        startsAt: Date;
        sentAt: Date;
      }>,
      executor: Executor,
    ): Promise<string[]> {
      if (rows.length === 0) return [];
      const claimed = await executor
        .insert(webinarDeliveries)
        .values(rows)
        .onConflictDoNothing()
        .returning({ userId: webinarDeliveries.userId });
      return claimed.map((row) => row.userId);
    },

    // Calendar feeds

    async feedOf(userId: string) {
      const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
      return row;
    },

    async setFeed(userId: string, tokenHash: string, at: Date) {
      await db
        .insert(calendarFeeds)
        .values({ userId, tokenHash, createdAt: at })
        .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: at } });
    },

    async deleteFeed(userId: string) {
      await db.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId));
    },

    async feedOwner(tokenHash: string) {
      const [row] = await db
        .select({ userId: calendarFeeds.userId })
        .from(calendarFeeds)
        .innerJoin(users, eq(users.id, calendarFeeds.userId))
        .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(users.deletedAt)));
      return row?.userId;
    },

    /** The person's events for their calendar feed: with a seat, run by them, or cancelled by the organiser. */
    async feedEvents(userId: string, since: Date) {
      return selectRecords().where(
        and(
          sql`${endsAtSql} > ${since.toISOString()}`,
          or(
            sql`exists (select 1 from ${webinarStaff} where ${webinarStaff.webinarId} = ${webinars.id} and ${webinarStaff.userId} = ${userId})`,
            sql`exists (select 1 from ${webinarRegistrations} where ${webinarRegistrations.webinarId} = ${webinars.id} and ${webinarRegistrations.userId} = ${userId} and (${webinarRegistrations.status} in ('registered', 'offered') or ${webinarRegistrations.cancelReason} = 'event_cancelled'))`,
          ),
        ),
      );
    },
  };
}

export type WebinarsRepository = ReturnType<typeof createWebinarsRepository>;
