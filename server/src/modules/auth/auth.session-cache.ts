import { LRUCache } from 'lru-cache';
import type { Bus } from '../../bus/bus.ts';
import type { Actor } from './auth.policy.ts';

/** The bus channel that tells every process to forget a person's cached sessions. */
export const accountChangedChannel = 'auth:changed';

/** How long a cached session is trusted without asking the database again: also the bound for writes no bus tells of (the CLI's). */
export const sessionCacheTtlMs = 30_000;

/**
 * Tells every process (this one included, once the bus delivers it) that a person's account or sessions changed: their
 * cached sessions are forgotten and the next request reads them from the database. Publish after commit.
 */
export async function announceAccountChange(bus: Bus | undefined, userId: string): Promise<void> {
  await bus?.publish(accountChangedChannel, { userId } satisfies AccountChange);
}

/** Whose cached sessions to forget: all of a person's, or one session. */
type AccountChange = { userId: string } | { sessionId: string };

/**
 * Signed-in sessions with their user, by token hash, so a request does not read them from the database each time
 * (bench W5: one round trip of the history page's four). Only a session usable now is cached, and the auth service
 * checks its deadlines and lock against the clock on every use; anything else goes to the database.
 *
 * Every write to a user or their sessions announces itself on the bus (`announceAccountChange`), so a revoked session,
 * a lock or a changed role takes effect at once on every process; what no bus announces (the operator CLI, a test
 * writing rows) is seen within `sessionCacheTtlMs`. An entry read from the database while a change was announced is
 * not stored (the `epoch`), so a read racing a revocation cannot put the revoked session back.
 */
export function createSessionCache(options: { bus?: Bus | undefined; ttlMs?: number; max?: number }) {
  const ttlMs = options.ttlMs ?? sessionCacheTtlMs;
  // lru-cache bounds memory (10,000 people signed in on one node, W1) and ages entries out by its own clock.
  const entries = ttlMs > 0 ? new LRUCache<string, Actor>({ max: options.max ?? 20_000, ttl: ttlMs }) : null;
  let epoch = 0;

  function forget(change: AccountChange) {
    epoch += 1;
    if (!entries) return;
    for (const [hash, actor] of entries.entries())
      if ('userId' in change ? actor.user.id === change.userId : actor.session.id === change.sessionId)
        entries.delete(hash);
  }

  const unsubscribe = options.bus?.subscribe(accountChangedChannel, (payload) => {
    const change = payload as Partial<Record<'userId' | 'sessionId', unknown>> | null;
    if (typeof change?.userId === 'string') forget({ userId: change.userId });
    else if (typeof change?.sessionId === 'string') forget({ sessionId: change.sessionId });
  });

  return {
    get: (tokenHash: string): Actor | undefined => entries?.get(tokenHash),
    /** Taken before a database read: `set` stores the result only if no change was announced since. */
    epoch: () => epoch,
    set(tokenHash: string, actor: Actor, readAt: number) {
      if (entries && readAt === epoch) entries.set(tokenHash, actor);
    },
    /** Forgets here at once, then tells the other processes. */
    async changed(change: AccountChange) {
      forget(change);
      await options.bus?.publish(accountChangedChannel, change);
    },
    close() {
      unsubscribe?.();
      entries?.clear();
    },
  };
}

export type SessionCache = ReturnType<typeof createSessionCache>;
