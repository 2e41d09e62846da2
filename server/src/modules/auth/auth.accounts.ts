import { type Database, recoveryCodes, sessions, users } from '@spejl/db';
import type { PlatformRole } from '@spejl/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import { announceAccountChange } from './auth.session-cache.ts';

export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

/** A lock with no end: until someone unlocks the account. */
export const lockedIndefinitely = new Date('9999-12-31T00:00:00Z');

/**
 * What an administrator (in the web) or an operator (`pnpm spejl`) does to an account: the auth module's own commands
 * on its tables, so both paths change the same rows the same way. Each takes the caller's transaction; sockets are
 * closed with `closeSockets` after it commits (the CLI has no bus: the gateway's heartbeat closes them within 30 s).
 */
export function createAccountCommands(deps: { db: Database; clock: Clock; bus?: Bus | undefined }) {
  const { db, clock } = deps;

  async function endSessions(userId: string, tx: Executor): Promise<number> {
    const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
    return ended.length;
  }

  return {
    /**
     * Sets the platform role. Refuses (returns 'last_admin') to demote the only administrator left; the admins' rows
     * are locked first, so two demotions at once cannot both pass the count.
     */
    async setRole(userId: string, role: PlatformRole, tx: Executor): Promise<'last_admin' | 'changed'> {
      const admins = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.platformRole, 'admin'), isNull(users.deletedAt)))
        .for('update');
      const isAdmin = admins.some((admin) => admin.id === userId);
      if (isAdmin && role !== 'admin' && admins.length <= 1) return 'last_admin';
      await tx.update(users).set({ platformRole: role, updatedAt: clock.now() }).where(eq(users.id, userId));
      return 'changed';
    },

    /** Locks the account until a time (or indefinitely) and ends all its sessions; answers how many ended. */
    async lock(userId: string, until: Date | null, tx: Executor): Promise<number> {
      await tx
        .update(users)
        .set({ lockedUntil: until ?? lockedIndefinitely, updatedAt: clock.now() })
        .where(eq(users.id, userId));
      return endSessions(userId, tx);
    },

    async unlock(userId: string, tx: Executor) {
      await tx.update(users).set({ lockedUntil: null, updatedAt: clock.now() }).where(eq(users.id, userId));
    },

    /** Turns two-step verification off, forgets the recovery codes and ends every session (a lost phone). */
    async resetMfa(userId: string, tx: Executor): Promise<number> {
      await tx
        .update(users)
        .set({ totpKey: null, totpEnabledAt: null, totpLastStep: null, updatedAt: clock.now() })
        .where(eq(users.id, userId));
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      return endSessions(userId, tx);
    },

    endSessions,

    /** After commit: the person's open sockets close at once (every process hears it on the bus). */
    async closeSockets(userId: string) {
      await announceAccountChange(deps.bus, userId);
      await deps.bus?.publish(`user:${userId}`, { type: 'session.ended' });
    },

    /** After commit of a change that ends no session (a role, an unlock): every process's session cache forgets it. */
    changed: (userId: string) => announceAccountChange(deps.bus, userId),

    transaction: <T>(work: (tx: Executor) => Promise<T>) => db.transaction((tx) => work(tx)),
  };
}

export type AccountCommands = ReturnType<typeof createAccountCommands>;
