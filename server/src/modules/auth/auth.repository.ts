import {
  consents,
  type Database,
  recoveryCodes,
  sessions,
  userPreferences,
  userTokens,
  users,
} from '@spejl/db';
import type { ConsentKind } from '@spejl/shared';
import { batchedReads } from '../../batched-reads.ts';
import { presenceDefaults } from '../preferences/preferences.defaults.ts';
import { and, count, desc, eq, gt, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export interface SessionWithUser {
  session: SessionRow;
  user: UserRow;
  presence: { hidePresence: boolean; readReceipts: boolean };
}

/** Database access for accounts, sessions and mail tokens. */
export function createAuthRepository(db: Database) {
  /**
   * The session lookup behind every request the session cache does not answer, and every new WebSocket (each of
   * bench W1's 10,000 is a new person): built once, as drizzle would rebuild its SQL text each time, and asked for
   * many tokens at once (`sessionLoader`).
   */
  const sessionsWithUsers = db
    .select({
      session: sessions,
      user: users,
      // The preferences module's row (none until the person changes something), read here so a new WebSocket does
      // not read it again: the chat needs it at once.
      hidePresence: userPreferences.hidePresence,
      readReceipts: userPreferences.readReceipts,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(userPreferences, eq(userPreferences.userId, sessions.userId))
    .where(
      and(
        sql`${sessions.tokenHash} = any(${sql.placeholder('tokenHashes')}::text[])`,
        isNull(users.deletedAt),
      ),
    )
    .prepare('auth_sessions_with_users');
  // Many sockets opening at once (after a restart) each paid a round trip of their own, a quarter of a connect's
  // time in bench W1: those asked while one lookup is on its way go together in the next (batched-reads.ts).
  const sessionLoader = batchedReads(async (tokenHashes: readonly string[]) => {
    const rows = await sessionsWithUsers.execute({ tokenHashes: [...tokenHashes] });
    const byHash = new Map(
      rows.map(({ session, user, hidePresence, readReceipts }): [string, SessionWithUser] => [
        session.tokenHash,
        {
          session,
          user,
          presence: {
            hidePresence: hidePresence ?? presenceDefaults.hidePresence,
            readReceipts: readReceipts ?? presenceDefaults.readReceipts,
          },
        },
      ]),
    );
    return tokenHashes.map((tokenHash) => byHash.get(tokenHash));
  });
  return {
    async findUserByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.email, email), isNull(users.deletedAt)));
      return row;
    },
    async findUserById(id: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.id, id), isNull(users.deletedAt)));
      return row;
    },
    /**
     * A new account with its consents, its confirmation token and its pending session, in one transaction;
     * undefined when the address already has an account (then nothing is written).
     */
    async createAccount(values: {
      user: typeof users.$inferInsert;
      consents: Array<{ kind: ConsentKind; version: string }>;
      verifyToken: { tokenHash: string; expiresAt: Date };
      pendingSession: { tokenHash: string; expiresAt: Date; userAgent: string | null };
    }): Promise<UserRow | undefined> {
      return db.transaction(async (tx) => {
        const [user] = await tx
          .insert(users)
          .values(values.user)
          .onConflictDoNothing({ target: users.email })
          .returning();
        if (!user) return undefined;
        const at = values.user.createdAt ?? new Date();
        await tx
          .insert(consents)
          .values(
            values.consents.map(({ kind, version }) => ({ userId: user.id, kind, version, givenAt: at })),
          );
        await tx.insert(userTokens).values({
          userId: user.id,
          purpose: 'verify_email',
          tokenHash: values.verifyToken.tokenHash,
          createdAt: at,
          expiresAt: values.verifyToken.expiresAt,
        });
        await tx.insert(sessions).values({
          tokenHash: values.pendingSession.tokenHash,
          userId: user.id,
          createdAt: at,
          lastSeenAt: at,
          expiresAt: values.pendingSession.expiresAt,
          absoluteExpiresAt: values.pendingSession.expiresAt,
          userAgent: values.pendingSession.userAgent,
          pending: true,
        });
        return user;
      });
    },
    async updateUser(id: string, values: Partial<typeof users.$inferInsert>): Promise<UserRow | undefined> {
      const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning();
      return row;
    },

    async insertSession(values: typeof sessions.$inferInsert): Promise<SessionRow> {
      const [row] = await db.insert(sessions).values(values).returning();
      const activeAt = values.lastSeenAt ?? values.createdAt;
      if (activeAt) await db.update(users).set({ lastActiveAt: activeAt }).where(eq(users.id, values.userId));
      return row!;
    },
    findSessionWithUser: (tokenHash: string): Promise<SessionWithUser | undefined> =>
      sessionLoader(tokenHash),
    /** Slides a session's idle deadline, and records that its user is active (for the inactive-account rule). */
    async touchSession(id: string, userId: string, lastSeenAt: Date, expiresAt: Date) {
      // Two rows, each written alone: together, not one after the other.
      await Promise.all([
        db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, id)),
        db.update(users).set({ lastActiveAt: lastSeenAt }).where(eq(users.id, userId)),
      ]);
    },
    /**
     * Makes a pending session an ordinary one, under a new token and with a signed-in session's deadlines; false
     * when it is no longer pending (or gone).
     */
    async activatePendingSession(
      id: string,
      values: { tokenHash: string; lastSeenAt: Date; expiresAt: Date; absoluteExpiresAt: Date },
    ): Promise<SessionRow | undefined> {
      const [row] = await db
        .update(sessions)
        .set({ ...values, pending: false })
        .where(and(eq(sessions.id, id), eq(sessions.pending, true)))
        .returning();
      return row;
    },
    /** Ends an account's pending sessions: once the address is confirmed, none of them can become usable. */
    async deletePendingSessions(userId: string) {
      await db.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.pending, true)));
    },
    /** Which of these sessions still exist, are not pending, have not expired, and belong to an unlocked account. */
    async liveSessionIds(ids: string[], now: Date): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: sessions.id })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(
            inArray(sessions.id, ids),
            eq(sessions.pending, false),
            gt(sessions.expiresAt, now),
            gt(sessions.absoluteExpiresAt, now),
            or(isNull(users.lockedUntil), lt(users.lockedUntil, now)),
          ),
        );
      return new Set(rows.map((row) => row.id));
    },
    /** Records a used TOTP step only if it is newer than the last one: two requests with one code get one success. */
    async claimTotpStep(userId: string, step: number): Promise<boolean> {
      const rows = await db
        .update(users)
        .set({ totpLastStep: step })
        .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
        .returning({ id: users.id });
      return rows.length > 0;
    },
    async markReauthenticated(id: string, at: Date) {
      await db.update(sessions).set({ reauthenticatedAt: at }).where(eq(sessions.id, id));
    },
    async markSessionMfa(id: string) {
      await db.update(sessions).set({ mfaVerified: true }).where(eq(sessions.id, id));
    },
    async deleteSession(id: string) {
      await db.delete(sessions).where(eq(sessions.id, id));
    },
    async deleteUserSession(userId: string, sessionId: string): Promise<boolean> {
      const rows = await db
        .delete(sessions)
        .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
        .returning({ id: sessions.id });
      return rows.length > 0;
    },
    async deleteUserSessions(userId: string, exceptSessionId?: string) {
      await db
        .delete(sessions)
        .where(
          exceptSessionId
            ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
            : eq(sessions.userId, userId),
        );
    },
    async listUserSessions(userId: string, now: Date): Promise<SessionRow[]> {
      return db
        .select()
        .from(sessions)
        .where(
          and(
            eq(sessions.userId, userId),
            eq(sessions.pending, false),
            gt(sessions.expiresAt, now),
            gt(sessions.absoluteExpiresAt, now),
          ),
        )
        .orderBy(desc(sessions.lastSeenAt));
    },
    async deleteExpiredSessions(now: Date) {
      await db
        .delete(sessions)
        .where(sql`${sessions.expiresAt} <= ${now} or ${sessions.absoluteExpiresAt} <= ${now}`);
    },

    /** Replaces a person's recovery codes with new ones (hashes), in one transaction: the old ones stop working. */
    async replaceRecoveryCodes(userId: string, codeHashes: string[], at: Date) {
      await db.transaction(async (tx) => {
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
        if (codeHashes.length > 0)
          await tx
            .insert(recoveryCodes)
            .values(codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: at })));
      });
    },
    async unusedRecoveryCodes(userId: string): Promise<Array<{ id: string; codeHash: string }>> {
      return db
        .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
    },
    async countUnusedRecoveryCodes(userId: string): Promise<number> {
      const [row] = await db
        .select({ count: count() })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
      return Number(row?.count ?? 0);
    },
    /** Marks a recovery code used only if it was unused: of two requests with one code, one succeeds. */
    async claimRecoveryCode(id: string, at: Date): Promise<boolean> {
      const rows = await db
        .update(recoveryCodes)
        .set({ usedAt: at })
        .where(and(eq(recoveryCodes.id, id), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      return rows.length > 0;
    },

    async insertToken(values: typeof userTokens.$inferInsert) {
      await db.insert(userTokens).values(values);
    },
    /** An unused, unexpired token, without using it. */
    async findToken(tokenHash: string, purpose: 'verify_email' | 'password_reset', now: Date) {
      const [row] = await db
        .select()
        .from(userTokens)
        .where(
          and(
            eq(userTokens.tokenHash, tokenHash),
            eq(userTokens.purpose, purpose),
            isNull(userTokens.usedAt),
            gt(userTokens.expiresAt, now),
          ),
        );
      return row;
    },
    /** Marks a token used and returns it, only if it was unused and unexpired: single use, even under races. */
    async consumeToken(tokenHash: string, purpose: 'verify_email' | 'password_reset', now: Date) {
      const [row] = await db
        .update(userTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(userTokens.tokenHash, tokenHash),
            eq(userTokens.purpose, purpose),
            isNull(userTokens.usedAt),
            gt(userTokens.expiresAt, now),
          ),
        )
        .returning();
      return row;
    },
    async invalidateTokens(userId: string, purpose: 'verify_email' | 'password_reset', now: Date) {
      await db
        .update(userTokens)
        .set({ usedAt: now })
        .where(
          and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)),
        );
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
