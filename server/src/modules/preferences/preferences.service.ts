import { type Database, userPreferences } from '@spejl/db';
import {
  defaultNotificationChannels,
  defaultTimeZone,
  type DigestFrequency,
  type NotificationChannels,
  notificationChannelKeys,
} from '@spejl/shared';
import { sql } from 'drizzle-orm';
import { batchedReads } from '../../batched-reads.ts';
import { announceAccountChange } from '../auth/auth.session-cache.ts';
import { presenceDefaults } from './preferences.defaults.ts';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import type { Actor } from '../auth/auth.policy.ts';

export interface QuietHours {
  /** "22:00" local time. */
  start: string;
  end: string;
}

export interface Preferences {
  hidePresence: boolean;
  readReceipts: boolean;
  /** Others who share a group may ask to write directly (off until the person turns it on). */
  directMessages: boolean;
  /** Per kind of notification: push, mail, both or neither. */
  channels: NotificationChannels;
  digest: DigestFrequency;
  quietHours: QuietHours | null;
  timeZone: string;
  pushPreviews: boolean;
}

export type PreferencesChange = Partial<Omit<Preferences, 'channels'>> & {
  channels?: Partial<NotificationChannels>;
};

type Row = typeof userPreferences.$inferSelect;

/** "22:30" from minutes after midnight, and back. */
export const minutesToClock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
export const clockToMinutes = (clock: string) => {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
};

/** The stored channels with every key present (a key added after the row was written gets its default). */
export function channelsOf(stored: Partial<NotificationChannels> | null | undefined): NotificationChannels {
  const channels = { ...defaultNotificationChannels };
  for (const key of notificationChannelKeys) {
    const value = stored?.[key];
    if (Array.isArray(value))
      channels[key] = value.filter((channel) => channel === 'push' || channel === 'mail');
  }
  return channels;
}

/** A stored row (or none) as the person's preferences. */
export function preferencesOf(row: Row | undefined): Preferences {
  return {
    hidePresence: row?.hidePresence ?? presenceDefaults.hidePresence,
    readReceipts: row?.readReceipts ?? presenceDefaults.readReceipts,
    directMessages: row?.directMessages ?? false,
    channels: channelsOf(row?.notificationChannels),
    digest: row?.digest ?? 'off',
    quietHours:
      row && row.quietHoursStart !== null && row.quietHoursEnd !== null
        ? { start: minutesToClock(row.quietHoursStart), end: minutesToClock(row.quietHoursEnd) }
        : null,
    timeZone: row?.timeZone ?? defaultTimeZone,
    pushPreviews: row?.pushPreviews ?? false,
  };
}

/**
 * A person's own choices: presence, read receipts, whether others may ask to write directly, and how notifications
 * reach them (push, mail, quiet hours, digests). Only ever their own.
 */
export function createPreferencesService(deps: { db: Database; bus: Bus; clock: Clock }) {
  const { db } = deps;

  // Every new WebSocket reads it (the chat's presence and receipts): built once, and asked for many people at once
  // when many sockets open together (batched-reads.ts), as the session lookup is.
  const rowsOf = db
    .select()
    .from(userPreferences)
    .where(sql`${userPreferences.userId} = any(${sql.placeholder('userIds')}::uuid[])`)
    .prepare('preferences_of_users');
  const rowLoader = batchedReads(async (userIds: readonly string[]) => {
    const rows = await rowsOf.execute({ userIds: [...userIds] });
    const byUser = new Map(rows.map((row) => [row.userId, row]));
    return userIds.map((userId) => byUser.get(userId));
  });

  const readRow = (userId: string): Promise<Row | undefined> => rowLoader(userId);

  async function read(userId: string): Promise<Preferences> {
    return preferencesOf(await readRow(userId));
  }

  return {
    read,
    get: (actor: Actor) => read(actor.user.id),

    async update(actor: Actor, changes: PreferencesChange): Promise<Preferences> {
      const row = await readRow(actor.user.id);
      const current = preferencesOf(row);
      const next: Preferences = {
        ...current,
        ...changes,
        channels: { ...current.channels, ...changes.channels },
      } as Preferences;
      for (const key of notificationChannelKeys) next.channels[key] = [...new Set(next.channels[key])];
      // A digest covers only what came after it was turned on, so the first one is not a month of old news.
      const digestSince =
        next.digest !== 'off' && (current.digest === 'off' || !row?.digestSince)
          ? deps.clock.now()
          : (row?.digestSince ?? null);
      const values = {
        hidePresence: next.hidePresence,
        readReceipts: next.readReceipts,
        directMessages: next.directMessages,
        notificationChannels: next.channels,
        digest: next.digest,
        digestSince,
        quietHoursStart: next.quietHours ? clockToMinutes(next.quietHours.start) : null,
        quietHoursEnd: next.quietHours ? clockToMinutes(next.quietHours.end) : null,
        timeZone: next.timeZone,
        pushPreviews: next.pushPreviews,
      };
      await db
        .insert(userPreferences)
        .values({ userId: actor.user.id, ...values })
        .onConflictDoUpdate({ target: userPreferences.userId, set: values });
      // Open sockets read presence and receipt choices when they connect; tell them now. New ones read them with the
      // session (auth.repository.ts): the session caches forget it.
      await deps.bus.publish(`user:${actor.user.id}`, { type: 'preferences.changed', preferences: next });
      if (next.hidePresence !== current.hidePresence || next.readReceipts !== current.readReceipts)
        await announceAccountChange(deps.bus, actor.user.id);
      return next;
    },
  };
}

export type PreferencesService = ReturnType<typeof createPreferencesService>;
