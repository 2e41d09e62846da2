import { LRUCache } from 'lru-cache';
import { type Bus, tellingOnPublish } from '../../bus/bus.ts';
import { type Actor, hasMfa } from '../auth/auth.policy.ts';
import { accountChangedChannel } from '../auth/auth.session-cache.ts';
import { chatMemoryTtlMs } from '../messages/messages.memory.ts';

/**
 * The channel for changes to the directory that no group's own channel tells of: a group created, an association
 * renamed or given a logo, a join request made, declined or withdrawn, an account deleted or banned.
 */
export const directoryChannel = 'directory';

/** Tells every process that the directory changed in a way only this channel announces (see `directoryChannel`). */
export async function publishDirectoryChange(bus: Bus | undefined): Promise<void> {
  await bus?.publish(directoryChannel, { type: 'directory.changed' });
}

/** What one answer of the group list was read from: the groups it names and which of them the person belongs to. */
export interface ListAnswer {
  json: Buffer;
  /** Every group the answer was read from (the whole directory as this person sees it, before paging). */
  groupIds: string[];
  /** The groups of those the person belongs to: a message in one changes their unread count. */
  memberOf: string[];
}

interface Entry {
  userId: string;
  read: Promise<Buffer>;
  /** Set once the read has arrived and the answer is kept. */
  memberOf?: string[];
}

interface Watched {
  /** Keys of the answers whose reader belongs to this group. */
  memberKeys: Set<string>;
  unsubscribe: () => void;
}

/** An answer's estimated share of the budget before it has arrived. */
const pendingBytes = 64 * 1024;

/**
 * The group list's answers, kept per person as the JSON sent (issue 22, item 3; bench W5): the list names every group
 * someone may see with their standing in each (membership, join request, unread count), and reading that is four
 * statements and a hundred rows mapped for a list that changes far less often than it is opened.
 *
 * An answer is forgotten when the bus says something in it changed:
 * - on a group's channel (`group:<id>`), which the memory listens to for every group an answer names:
 *   `membership.changed`, `group.changed` and `conversation.changed` forget every answer (member counts, names and
 *   settings are in everyone's list); `message.created` and `message.deleted` forget the answers of the group's
 *   members (their unread count); `read` and `read.moved` forget the reader's answers;
 * - on `directory` (`publishDirectoryChange`): everything, for what no group's channel tells of (a new group);
 * - on `auth:changed`: the person's answers.
 * `watch` wraps the bus the services publish on, so this process forgets as it publishes. An answer whose groups
 * were not all listened to before its read began is sent but not kept (an announcement may have come before the
 * memory listened); the next one is. What no bus tells of (the operator CLI) is seen within the time to live.
 *
 * The key is the person, what their account lets them do (platform role and second factor, which change the
 * permissions in the answer) and the query; all answers share one budget in bytes (`budgetBytes`).
 */
export function createGroupListMemory(deps: {
  bus?: Bus | undefined;
  /** 0 keeps nothing (tests that write rows past the services). */
  ttlMs?: number | undefined;
  /** What the kept answers may take in all (16 MB unless given). */
  budgetBytes?: number;
  /** How many groups' channels are listened to at most (10,000 unless given). */
  maxGroups?: number;
}) {
  const ttlMs = deps.ttlMs ?? chatMemoryTtlMs;
  const enabled = ttlMs > 0 && deps.bus !== undefined;
  const byPerson = new Map<string, Set<string>>();
  /** Answers still being read: any announcement forgets them, since what they read is not known yet. */
  const pending = new Set<string>();
  const answers = new LRUCache<string, Entry>({
    maxSize: deps.budgetBytes ?? 16 * 1024 * 1024,
    sizeCalculation: () => pendingBytes,
    ttl: ttlMs,
    dispose: (entry, key) => {
      pending.delete(key);
      const keys = byPerson.get(entry.userId);
      keys?.delete(key);
      if (keys?.size === 0) byPerson.delete(entry.userId);
      for (const groupId of entry.memberOf ?? []) watched.peek(groupId)?.memberKeys.delete(key);
    },
  });
  // The groups listened to; one leaving the bound forgets every answer (it can no longer hear about them).
  const watched = new LRUCache<string, Watched>({
    max: deps.maxGroups ?? 10_000,
    dispose: (group) => {
      group.unsubscribe();
      answers.clear();
    },
  });

  function forgetAll() {
    answers.clear();
  }

  function forgetPending() {
    for (const key of [...pending]) answers.delete(key);
  }

  function forgetPerson(userId: string) {
    for (const key of [...(byPerson.get(userId) ?? [])]) answers.delete(key);
  }

  function notice(groupId: string, payload: unknown) {
    const event = payload as { type?: unknown; userId?: unknown } | null;
    const type = typeof event?.type === 'string' ? event.type : '';
    switch (type) {
      case 'message.created':
      case 'message.deleted': {
        forgetPending();
        const group = watched.peek(groupId);
        for (const key of [...(group?.memberKeys ?? [])]) answers.delete(key);
        return;
      }
      case 'read':
      case 'read.moved':
        forgetPending();
        if (typeof event?.userId === 'string') forgetPerson(event.userId);
        return;
      case 'membership.changed':
      case 'group.changed':
      case 'conversation.changed':
        forgetAll();
        return;
      default:
        // Typing, presence, an edit or a reaction: nothing the list shows.
        return;
    }
  }

  /** What an event on any channel makes this memory forget. */
  function hear(channel: string, payload: unknown) {
    if (channel.startsWith('group:')) notice(channel.slice('group:'.length), payload);
    else if (channel === directoryChannel) forgetAll();
    else if (channel === accountChangedChannel) {
      const userId = (payload as { userId?: unknown } | null)?.userId;
      forgetPending();
      if (typeof userId === 'string') forgetPerson(userId);
    }
  }

  const unsubscribers = enabled
    ? [directoryChannel, accountChangedChannel].map((channel) =>
        deps.bus!.subscribe(channel, (payload) => hear(channel, payload)),
      )
    : [];

  /** Listens to a group's channel; false when it was not listened to before (an answer read before may be stale). */
  function listenTo(groupId: string): boolean {
    if (watched.get(groupId)) return true;
    watched.set(groupId, {
      memberKeys: new Set(),
      unsubscribe: deps.bus!.subscribe(`group:${groupId}`, (payload) => notice(groupId, payload)),
    });
    return false;
  }

  return {
    /**
     * The answer for this person and query: kept, or read by `read` and kept when nothing it names changed while it
     * was read.
     */
    answer(actor: Actor, query: string, read: () => Promise<ListAnswer>): Promise<Buffer> {
      if (!enabled) return read().then((answer) => answer.json);
      const userId = actor.user.id;
      const key = `${userId}|${actor.user.platformRole}|${hasMfa(actor.user)}|${actor.session.mfaVerified}|${query}`;
      const kept = answers.get(key);
      if (kept) return kept.read;
      const entry: Entry = {
        userId,
        read: read().then((answer) => {
          // Forgotten while it was read: sent, not kept.
          if (answers.peek(key) !== entry) return answer.json;
          pending.delete(key);
          let heard = true;
          for (const groupId of answer.groupIds) if (!listenTo(groupId)) heard = false;
          if (!heard) {
            answers.delete(key);
            return answer.json;
          }
          entry.memberOf = answer.memberOf;
          for (const groupId of answer.memberOf) watched.peek(groupId)?.memberKeys.add(key);
          answers.set(key, entry, { size: Math.max(answer.json.length, 1), noUpdateTTL: true });
          return answer.json;
        }),
      };
      answers.set(key, entry);
      pending.add(key);
      let keys = byPerson.get(userId);
      if (!keys) {
        keys = new Set();
        byPerson.set(userId, keys);
      }
      keys.add(key);
      entry.read.catch(() => {
        if (answers.peek(key) === entry) answers.delete(key);
      });
      return entry.read;
    },

    /** Wraps the bus the services publish on: this process forgets what an event changes as it is published. */
    watch: (bus: Bus): Bus => (enabled ? tellingOnPublish(bus, hear) : bus),

    close() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      watched.clear();
      answers.clear();
    },
  };
}

export type GroupListMemory = ReturnType<typeof createGroupListMemory>;
