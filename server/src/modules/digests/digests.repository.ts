import { type Database, digestRuns, notifications, userPreferences, users } from '@spejl/db';
import type { DigestFrequency } from '@spejl/shared/notification-types';
import { and, count, eq, gt, inArray, isNotNull, isNull, lte, max, ne, or, sql } from 'drizzle-orm';

/** Anything that can run queries: the database or a transaction. */
export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'execute'>;

/** A person who has chosen a digest, with what the mail needs. */
export interface Subscriber {
  userId: string;
  email: string;
  displayName: string;
  locale: 'da' | 'en';
  digest: Exclude<DigestFrequency, 'off'>;
  digestSince: Date | null;
  timeZone: string;
}

/** Unread activity in one group or conversation since the digest's start: never what was written, only who and how much. */
export interface Activity {
  groupId: string;
  kind: 'diagnosis' | 'network' | 'subgroup' | 'mentorship' | 'direct';
  name: string;
  count: number;
  /** Who wrote, newest first, as the group shows them; people whose accounts are gone are left out. */
  authors: string[];
  /** In a direct or mentorship conversation: the other person's name (null when their account is gone). */
  otherName: string | null;
  /** In a mentorship conversation: the match, for the link to its page. */
  matchId: string | null;
}

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];

/**
 * The messages a digest counts for a person, as `x` (with `joins` for more columns): in groups and conversations
 * they belong to and have not muted, after their read position, in the window, by someone else (and nobody they blocked), not deleted
 * or held for review, visible under the group's history setting, and in direct conversations only once accepted (a
 * request is a notification of its own).
 */
function unreadMessages(userId: string, since: Date, until: Date, joins = sql``) {
  return sql`
    from group_memberships m
    join groups g on g.id = m.group_id
    join messages x on x.group_id = m.group_id
    left join read_positions rp on rp.group_id = m.group_id and rp.user_id = m.user_id
    ${joins}
    where m.user_id = ${userId}::uuid
      and m.muted_at is null
      and g.archived_at is null
      and x.seq > coalesce(rp.last_read_seq, 0)
      and x.author_id is distinct from m.user_id
      and x.deleted_at is null
      and x.hidden_at is null
      and x.created_at > ${since.toISOString()}::timestamptz
      and x.created_at <= ${until.toISOString()}::timestamptz
      and (g.history_visible_to_new_members or x.created_at >= m.joined_at)
      and not exists (select 1 from person_blocks b where b.blocker_id = m.user_id and b.blocked_id = x.author_id)
      and (g.kind <> 'direct' or exists (
        select 1 from direct_conversations d where d.group_id = g.id and d.status = 'accepted'))`;
}

const uuidList = (ids: string[]) =>
  sql`(${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;

export function createDigestsRepository(db: Database) {
  return {
    /** Everyone whose digest is on and who can get mail: a confirmed address, not deleted, not locked. */
    async subscribers(now: Date): Promise<Subscriber[]> {
      const rows = await db
        .select({
          userId: users.id,
          email: users.email,
          displayName: users.displayName,
          locale: users.locale,
          digest: userPreferences.digest,
          digestSince: userPreferences.digestSince,
          timeZone: userPreferences.timeZone,
        })
        .from(userPreferences)
        .innerJoin(users, eq(users.id, userPreferences.userId))
        .where(
          and(
            ne(userPreferences.digest, 'off'),
            isNull(users.deletedAt),
            isNotNull(users.emailVerifiedAt),
            or(isNull(users.lockedUntil), lte(users.lockedUntil, now)),
          ),
        );
      return rows.filter((row): row is Subscriber => row.digest !== 'off');
    },

    /** Which of these people already have their digest for these periods (sent, or found empty). */
    async claimed(entries: Array<{ userId: string; period: string }>): Promise<Set<string>> {
      if (entries.length === 0) return new Set();
      const rows = await db
        .select({ userId: digestRuns.userId, period: digestRuns.period })
        .from(digestRuns)
        .where(
          and(
            inArray(
              digestRuns.userId,
              entries.map((entry) => entry.userId),
            ),
            inArray(digestRuns.period, [...new Set(entries.map((entry) => entry.period))]),
          ),
        );
      return new Set(rows.map((row) => `${row.userId} ${row.period}`));
    },

    /** When the person's previous digest period was handled, if ever. */
    async previousRun(userId: string, executor: Executor = db): Promise<Date | null> {
      const [row] = await executor
        .select({ at: max(digestRuns.sentAt) })
        .from(digestRuns)
        .where(eq(digestRuns.userId, userId));
      return row?.at ?? null;
    },

    /**
     * Claims a person's period: true for exactly one caller, whichever node or retry runs first. In the transaction
     * that writes the mail, so a crash leaves neither or both.
     */
    async claim(userId: string, period: string, at: Date, executor: Executor): Promise<boolean> {
      const rows = await executor
        .insert(digestRuns)
        .values({ userId, period, sentAt: at, items: 0 })
        .onConflictDoNothing()
        .returning({ userId: digestRuns.userId });
      return rows.length > 0;
    },

    async recordItems(userId: string, period: string, items: number, executor: Executor): Promise<void> {
      await executor
        .update(digestRuns)
        .set({ items })
        .where(and(eq(digestRuns.userId, userId), eq(digestRuns.period, period)));
    },

    /** Unread activity per group and conversation in the window, busiest first. */
    async activity(userId: string, since: Date, until: Date, executor: Executor = db): Promise<Activity[]> {
      const counted = rowsOf<{ groupId: string; kind: Activity['kind']; name: string; count: number }>(
        await executor.execute(sql`
          select g.id as "groupId", g.kind as "kind", g.name as "name", count(*)::int as "count"
          ${unreadMessages(userId, since, until)}
          group by g.id, g.kind, g.name
          order by count(*) desc, g.name`),
      );
      if (counted.length === 0) return [];
      const authors = rowsOf<{ groupId: string; name: string }>(
        await executor.execute(sql`
          select x.group_id as "groupId", coalesce(am.profile_name, au.display_name) as "name"
          ${unreadMessages(
            userId,
            since,
            until,
            sql`join users au on au.id = x.author_id
              left join group_memberships am on am.group_id = x.group_id and am.user_id = x.author_id`,
          )}
          group by x.group_id, x.author_id, am.profile_name, au.display_name
          order by max(x.seq) desc`),
      );
      const conversationIds = counted
        .filter((row) => row.kind === 'direct' || row.kind === 'mentorship')
        .map((row) => row.groupId);
      const others =
        conversationIds.length === 0
          ? []
          : rowsOf<{ groupId: string; otherName: string | null; matchId: string | null }>(
              await executor.execute(sql`
                select g.id as "groupId",
                  (select coalesce(om.profile_name, ou.display_name) from group_memberships om
                     join users ou on ou.id = om.user_id
                     where om.group_id = g.id and om.user_id <> ${userId}::uuid
                     order by om.joined_at limit 1) as "otherName",
                  (select mm.id from mentoring_matches mm where mm.group_id = g.id
                     order by mm.proposed_at desc limit 1) as "matchId"
                from groups g where g.id in ${uuidList(conversationIds)}`),
            );
      const otherOf = new Map(others.map((row) => [row.groupId, row]));
      return counted.map((row) => ({
        groupId: row.groupId,
        kind: row.kind,
        name: row.name,
        count: Number(row.count),
        authors: authors.filter((author) => author.groupId === row.groupId).map((author) => author.name),
        otherName: otherOf.get(row.groupId)?.otherName ?? null,
        matchId: otherOf.get(row.groupId)?.matchId ?? null,
      }));
    },

    /** Unread in-app notifications that arrived in the window. */
    async unreadNotifications(userId: string, since: Date, until: Date, executor: Executor = db) {
      const [row] = await executor
        .select({ count: count() })
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, userId),
            isNull(notifications.readAt),
            gt(notifications.createdAt, since),
            lte(notifications.createdAt, until),
          ),
        );
      return row?.count ?? 0;
    },

    /**
     * Turns a person's digest off (the unsubscribe link, which has no signed-in person to hand the preferences
     * module); returns the changed row, or null when it already was off.
     */
    async turnOff(userId: string) {
      const [row] = await db
        .update(userPreferences)
        .set({ digest: 'off' })
        .where(and(eq(userPreferences.userId, userId), ne(userPreferences.digest, 'off')))
        .returning();
      return row ?? null;
    },
  };
}
