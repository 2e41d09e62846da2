import { LRUCache } from 'lru-cache';
import type { Bus } from '../../bus/bus.ts';
import type { FilterRow, ModerationRepository, SettingsRow } from './moderation.repository.ts';

/** The bus channel that tells every process a group's moderation settings or filters changed (null: the platform's). */
export const rulesChangedChannel = 'moderation:rules';

/** A group's moderation settings, the filters that apply in it (its own and the platform's) and its mutes. */
export interface GroupRules {
  settings: SettingsRow;
  filters: FilterRow[];
  /** Each muted member's longest mute in force when the rules were read: until when. */
  mutes: Map<string, Date>;
}

/**
 * Each group's moderation rules kept in memory, so the gate in front of every post (moderation.gate.ts) reads
 * nothing from the database for them: settings, filters and mutes change when a moderator acts, not with every
 * message (a mute given or overturned announces itself like a settings change; one that runs out is compared with
 * the time of the post). Every edit announces itself on the bus after it is written (`changed`), and every process
 * forgets that group (or, for the platform's filters, every group) at once. A read is kept as its promise from the
 * moment it starts, so an announcement that arrives while it is on its way removes it too. Entries also age out
 * after a minute, a bound for a change written past the settings service.
 */
export function createRulesCache(deps: {
  repository: Pick<ModerationRepository, 'settingsOf' | 'filtersFor' | 'mutesIn'>;
  bus?: Bus | undefined;
  ttlMs?: number;
}) {
  // lru-cache: bounded (a platform with thousands of groups keeps the busiest) and aged by its own clock.
  const entries = new LRUCache<string, Promise<GroupRules>>({ max: 5_000, ttl: deps.ttlMs ?? 60_000 });

  function forget(groupId: string | null) {
    if (groupId === null) entries.clear();
    else entries.delete(groupId);
  }

  const unsubscribe = deps.bus?.subscribe(rulesChangedChannel, (payload) => {
    const groupId = (payload as { groupId?: unknown } | null)?.groupId;
    if (groupId === null || typeof groupId === 'string') forget(groupId);
  });

  return {
    /** The group's rules; `now` is the time mutes are read at (a kept mute is compared with the caller's time). */
    of(groupId: string, now: Date): Promise<GroupRules> {
      const cached = entries.get(groupId);
      if (cached) return cached;
      const read = Promise.all([
        deps.repository.settingsOf(groupId),
        deps.repository.filtersFor(groupId),
        deps.repository.mutesIn(groupId, now),
      ]).then(([settings, filters, muted]) => {
        const mutes = new Map<string, Date>();
        for (const { userId, expiresAt } of muted)
          if ((mutes.get(userId)?.getTime() ?? 0) < expiresAt.getTime()) mutes.set(userId, expiresAt);
        return { settings, filters, mutes };
      });
      entries.set(groupId, read);
      // A failed read is not kept: the next post asks again.
      read.catch(() => {
        if (entries.get(groupId) === read) entries.delete(groupId);
      });
      return read;
    },
    /** After a change is written: forgets here at once, then tells the other processes. */
    async changed(groupId: string | null) {
      forget(groupId);
      await deps.bus?.publish(rulesChangedChannel, { groupId });
    },
    close() {
      unsubscribe?.();
      entries.clear();
    },
  };
}

export type RulesCache = ReturnType<typeof createRulesCache>;
