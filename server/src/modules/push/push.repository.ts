import { type Database, pushSubscriptions, userActivity, userPreferences, users } from '@spejl/db';
import { and, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
type PreferencesRow = typeof userPreferences.$inferSelect;

/** Push subscriptions, and when people were last seen in the app (`user_activity`). */
export function createPushRepository(db: Database) {
  return {
    /**
     * Keeps a browser's subscription: a new row, or the existing one for the endpoint given to this person (a
     * browser shared by two accounts belongs to whoever signed in last) with fresh keys and no failures.
     */
    async upsert(values: {
      userId: string;
      endpoint: string;
      p256dh: string;
      auth: string;
      label: string;
      createdAt: Date;
    }): Promise<{ row: PushSubscriptionRow; created: boolean }> {
      const [result] = await db
        .insert(pushSubscriptions)
        .values(values)
        .onConflictDoUpdate({
          target: pushSubscriptions.endpoint,
          set: {
            userId: values.userId,
            p256dh: values.p256dh,
            auth: values.auth,
            label: values.label,
            failingSince: null,
            failureCount: 0,
          },
        })
        // xmax is 0 on a row this statement inserted, the updating transaction's id on one it updated.
        .returning({ id: pushSubscriptions.id, created: sql<boolean>`(xmax = 0)` });
      if (!result) throw new Error('the push subscription was not kept');
      const [row] = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, result.id));
      if (!row) throw new Error('the push subscription was not kept');
      return { row, created: result.created };
    },

    /** Drops a person's subscriptions beyond the newest `keep` (by last success or creation), never `spare`. */
    async trim(userId: string, keep: number, spare: string): Promise<void> {
      const newest = db
        .select({ id: pushSubscriptions.id })
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.userId, userId))
        .orderBy(
          sql`(${pushSubscriptions.id} = ${spare}) desc`,
          desc(sql`coalesce(${pushSubscriptions.lastSuccessAt}, ${pushSubscriptions.createdAt})`),
        )
        .limit(keep);
      await db
        .delete(pushSubscriptions)
        .where(and(eq(pushSubscriptions.userId, userId), notInArray(pushSubscriptions.id, newest)));
    },

    async listFor(userId: string): Promise<PushSubscriptionRow[]> {
      return db
        .select()
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.userId, userId))
        .orderBy(desc(pushSubscriptions.createdAt));
    },

    async findById(id: string): Promise<PushSubscriptionRow | undefined> {
      const [row] = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, id));
      return row;
    },

    async findByEndpoint(endpoint: string): Promise<PushSubscriptionRow | undefined> {
      const [row] = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
      return row;
    },

    async delete(id: string): Promise<void> {
      await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
    },

    /** Everything a send needs about its recipients: devices, preferences, language, when last seen. */
    async recipients(userIds: string[]): Promise<
      Array<{
        userId: string;
        locale: 'da' | 'en';
        preferences: PreferencesRow | undefined;
        activeAt: Date | null;
        subscriptions: PushSubscriptionRow[];
      }>
    > {
      if (userIds.length === 0) return [];
      const subscriptions = await db
        .select()
        .from(pushSubscriptions)
        .where(inArray(pushSubscriptions.userId, userIds));
      const withDevices = [...new Set(subscriptions.map((row) => row.userId))];
      if (withDevices.length === 0) return [];
      const people = await db
        .select({
          id: users.id,
          locale: users.locale,
          preferences: userPreferences,
          activeAt: userActivity.activeAt,
        })
        .from(users)
        .leftJoin(userPreferences, eq(userPreferences.userId, users.id))
        .leftJoin(userActivity, eq(userActivity.userId, users.id))
        .where(inArray(users.id, withDevices));
      return people.map((person) => ({
        userId: person.id,
        locale: person.locale,
        preferences: person.preferences ?? undefined,
        activeAt: person.activeAt,
        subscriptions: subscriptions.filter((row) => row.userId === person.id),
      }));
    },

    async markSuccess(id: string, at: Date): Promise<void> {
      await db
        .update(pushSubscriptions)
        .set({ lastSuccessAt: at, failingSince: null, failureCount: 0 })
        .where(eq(pushSubscriptions.id, id));
    },

    /** Counts a failure; returns when the subscription began failing (undefined when it is gone). */
    async markFailure(id: string, at: Date): Promise<Date | undefined> {
      const [row] = await db
        .update(pushSubscriptions)
        .set({
          failingSince: sql`coalesce(${pushSubscriptions.failingSince}, ${at.toISOString()}::timestamptz)`,
          failureCount: sql`${pushSubscriptions.failureCount} + 1`,
        })
        .where(eq(pushSubscriptions.id, id))
        .returning({ failingSince: pushSubscriptions.failingSince });
      return row?.failingSince ?? undefined;
    },

    /** Seen in a visible tab now (a time), or hidden (null). */
    async setActivity(userId: string, activeAt: Date | null): Promise<void> {
      await db
        .insert(userActivity)
        .values({ userId, activeAt })
        .onConflictDoUpdate({ target: userActivity.userId, set: { activeAt } });
    },
  };
}

export type PushRepository = ReturnType<typeof createPushRepository>;
