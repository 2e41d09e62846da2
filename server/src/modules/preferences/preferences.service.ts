import { type Database, userPreferences } from '@spejl/db';
import { defaultEmailNotificationTypes } from '@spejl/shared';
import { eq } from 'drizzle-orm';
import type { Bus } from '../../bus/bus.ts';
import type { Actor } from '../auth/auth.policy.ts';

export interface Preferences {
  hidePresence: boolean;
  readReceipts: boolean;
  emailNotificationTypes: string[];
  /** Others who share a group may ask to write directly (off until the person turns it on). */
  directMessages: boolean;
}

/**
 * A person's own choices: presence, read receipts, which notifications are mailed and whether others may ask to write
 * directly. Only ever their own.
 */
export function createPreferencesService(deps: { db: Database; bus: Bus }) {
  const { db } = deps;

  async function read(userId: string): Promise<Preferences> {
    const [row] = await db.select().from(userPreferences).where(eq(userPreferences.userId, userId));
    return {
      hidePresence: row?.hidePresence ?? false,
      readReceipts: row?.readReceipts ?? true,
      emailNotificationTypes: row?.emailNotificationTypes ?? [...defaultEmailNotificationTypes],
      directMessages: row?.directMessages ?? false,
    };
  }

  return {
    read,
    get: (actor: Actor) => read(actor.user.id),

    async update(actor: Actor, changes: Partial<Preferences>): Promise<Preferences> {
      const next = { ...(await read(actor.user.id)), ...changes };
      await db
        .insert(userPreferences)
        .values({ userId: actor.user.id, ...next })
        .onConflictDoUpdate({ target: userPreferences.userId, set: next });
      // Open sockets read presence and receipt choices when they connect; tell them now.
      await deps.bus.publish(`user:${actor.user.id}`, { type: 'preferences.changed', preferences: next });
      return next;
    },
  };
}

export type PreferencesService = ReturnType<typeof createPreferencesService>;
