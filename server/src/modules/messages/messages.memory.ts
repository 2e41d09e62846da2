import { LRUCache } from 'lru-cache';
import type { Bus } from '../../bus/bus.ts';
import { accountChangedChannel } from '../auth/auth.session-cache.ts';
import type { GroupsRepository } from '../groups/groups.repository.ts';
import { isUuid } from '../groups/groups.repository.ts';
import type { MessageRecord, MessagesRepository } from './messages.repository.ts';

/** How long an entry is trusted without an announcement: the bound for writes no bus tells of (the operator CLI). */
export const chatMemoryTtlMs = 30_000;

type Found = Awaited<ReturnType<GroupsRepository['findGroupFor']>>;

/** A page of a stream as the history route reads it, with the group's newest seq beside it. */
export interface KeptPage {
  records: MessageRecord[];
  newestSeq: number;
}

interface Entry<T> {
  read: Promise<T>;
  at: number;
  /** A page's estimated bytes. */
  size?: number;
  /** The read's result once it has arrived. */
  value?: T;
}

/** What is kept for one group: each person's view of it (group, membership, block) and which of its pages are kept. */
interface GroupMemory {
  access: Map<string, Entry<Found>>;
  /** Keys of this group's pages in the shared page store. */
  pageKeys: Set<string>;
  unsubscribe: () => void;
}

/** One page's share of the page store's budget: an estimate made before it is read (a message is rarely over 1 KB). */
const pageBytesPerMessage = 1_024;

function involves(record: MessageRecord, userId: string): boolean {
  return (
    record.row.authorId === userId || record.reactions.some((reaction) => reaction.userIds.includes(userId))
  );
}

/** Past this many people in one group's memory, expired views are dropped before another is added. */
const accessPerGroupMax = 5_000;

/**
 * What group chat keeps in memory so a message and a history page cost no database read for the facts that rarely
 * change (issue 22, items 1 and 3; bench W2 and W5): per group, each reader's view of it (the row, their
 * membership and block, as `findGroupFor` reads them) and the pages of its history that were asked for, with the
 * newest seq.
 *
 * Everything here is forgotten when the bus says it changed, on the group's own channel (`group:<id>`), which every
 * write that matters already announces to live sockets: a message created, edited, hidden or deleted forgets the
 * pages; `membership.changed` forgets that person's view (and the pages: the name they write under may have changed);
 * `group.changed` and `conversation.changed` forget the whole group. An account change (`auth:changed` with a user:
 * their name changed, or they were deleted) forgets their views and every page they wrote in. `watch` wraps the bus
 * the services publish on, so this process forgets at publish, not when its own notification comes back: someone
 * who posts and then reads the history sees their message. A read is kept as its promise from the start, so an
 * announcement that arrives while it is on its way removes it too. What no bus tells of (the CLI, a test writing
 * rows) is seen within `chatMemoryTtlMs`.
 *
 * Only lookups by id are kept (slugs go to the database). Pages are kept by their cursor too: everyone opening a
 * group asks the same newest page, and scrolling up from it asks the same cursors until a message arrives. The pages
 * of all groups share one budget (`pageBudgetBytes`, least recently used out first).
 */
export function createChatMemory(deps: {
  groups: Pick<GroupsRepository, 'findGroupFor' | 'groupCounts'>;
  messages: Pick<MessagesRepository, 'page' | 'lastSeq'>;
  bus?: Bus | undefined;
  /** 0 keeps nothing: every call reads the database (tests that write rows past the services). */
  ttlMs?: number;
  maxGroups?: number;
  /** What the kept pages of all groups may take, estimated (32 MB unless given). */
  pageBudgetBytes?: number;
}) {
  const ttlMs = deps.ttlMs ?? chatMemoryTtlMs;
  const enabled = ttlMs > 0;
  // lru-cache bounds how many groups are kept (the busiest stay) and calls `dispose` to drop a group's subscription.
  const memories = new LRUCache<string, GroupMemory>({
    max: deps.maxGroups ?? 2_000,
    dispose: (memory) => {
      memory.unsubscribe();
      for (const key of [...memory.pageKeys]) pages.delete(key);
    },
  });
  // Every group's pages in one store, so the budget holds however many groups are read; a page leaving it (aged,
  // pushed out, forgotten) leaves its group's list of keys too.
  const pages = new LRUCache<string, Entry<KeptPage>>({
    maxSize: deps.pageBudgetBytes ?? 32 * 1024 * 1024,
    sizeCalculation: (entry) => entry.size ?? 1,
    ttl: ttlMs,
    dispose: (_entry, key) => memories.peek(key.slice(0, key.indexOf('|')))?.pageKeys.delete(key),
  });

  function forgetPages(memory: GroupMemory) {
    for (const key of [...memory.pageKeys]) pages.delete(key);
    memory.pageKeys.clear();
  }

  function notice(groupId: string, payload: unknown) {
    const memory = memories.peek(groupId);
    if (!memory) return;
    const event = payload as { type?: unknown; userId?: unknown } | null;
    const type = typeof event?.type === 'string' ? event.type : '';
    if (type.startsWith('message.')) forgetPages(memory);
    else if (type === 'membership.changed') {
      if (typeof event?.userId === 'string') memory.access.delete(event.userId);
      else memory.access.clear();
      forgetPages(memory);
    } else if (type === 'group.changed' || type === 'conversation.changed') {
      memory.access.clear();
      forgetPages(memory);
    }
  }

  function forgetPerson(userId: string) {
    for (const memory of memories.values()) memory.access.delete(userId);
    // A page they wrote in or reacted on; one still being read may hold either.
    for (const [key, entry] of [...pages.entries()])
      if (!entry.value || entry.value.records.some((record) => involves(record, userId))) pages.delete(key);
  }

  const unsubscribeAccounts = deps.bus?.subscribe(accountChangedChannel, (payload) => {
    const userId = (payload as { userId?: unknown } | null)?.userId;
    if (typeof userId === 'string') forgetPerson(userId);
  });

  function memoryOf(groupId: string): GroupMemory {
    const existing = memories.get(groupId);
    if (existing) return existing;
    const memory: GroupMemory = {
      access: new Map(),
      pageKeys: new Set(),
      // Subscribed before any read for the group starts, so no change announced after it is missed (the buses
      // subscribe in this process, at once).
      unsubscribe:
        deps.bus?.subscribe(`group:${groupId}`, (payload) => notice(groupId, payload)) ?? (() => {}),
    };
    memories.set(groupId, memory);
    return memory;
  }

  /** The kept read, or a new one kept from its start; a failed read is not kept. */
  function remembered<T>(
    entries: Map<string, Entry<T>>,
    key: string,
    read: () => Promise<T>,
    fresh: boolean,
  ) {
    const now = performance.now();
    const kept = entries.get(key);
    if (kept && !fresh && now - kept.at < ttlMs) return kept.read;
    const entry: Entry<T> = { read: read(), at: now };
    entries.set(key, entry);
    entry.read.then(
      (value) => {
        entry.value = value;
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return entry.read;
  }

  function prune(entries: Map<string, Entry<unknown>>) {
    if (entries.size < accessPerGroupMax) return;
    const now = performance.now();
    for (const [key, entry] of entries) if (now - entry.at >= ttlMs) entries.delete(key);
    // Still full of fresh views: the oldest half goes (a Map iterates in insertion order).
    if (entries.size >= accessPerGroupMax) {
      let drop = entries.size / 2;
      for (const key of entries.keys()) {
        if (drop-- <= 0) break;
        entries.delete(key);
      }
    }
  }

  return {
    /**
     * `findGroupFor` and `groupCounts` as `loadGroup` asks them, from memory where it can. The counts in a kept view
     * may be behind (a join elsewhere does not forget others' views): the chat never shows them.
     */
    groups: {
      findGroupFor(idOrSlug: string, userId: string, options: { fresh?: boolean } = {}): Promise<Found> {
        if (!enabled || !isUuid(idOrSlug)) return deps.groups.findGroupFor(idOrSlug, userId);
        const groupId = idOrSlug.toLowerCase();
        const memory = memoryOf(groupId);
        prune(memory.access);
        return remembered(
          memory.access,
          userId,
          () => deps.groups.findGroupFor(groupId, userId),
          options.fresh ?? false,
        );
      },
      groupCounts: (groupId: string) => deps.groups.groupCounts(groupId),
    },

    /**
     * A page of a stream (the main one, or a thread) from `minSeq`, newest or before or after a seq, with the group's
     * newest seq: the page and the seq together, one round trip, when it is not kept.
     */
    page(options: {
      groupId: string;
      threadId: string | null;
      minSeq: number;
      limit: number;
      before?: number | undefined;
      after?: number | undefined;
    }): Promise<KeptPage> {
      const read = async (): Promise<KeptPage> => {
        const [records, newestSeq] = await Promise.all([
          deps.messages.page(options),
          deps.messages.lastSeq(options.groupId),
        ]);
        return { records, newestSeq };
      };
      if (!enabled) return read();
      const { groupId, threadId, minSeq, limit, before, after } = options;
      const key = `${groupId}|${threadId ?? ''}|${minSeq}|${limit}|${before ?? ''}|${after ?? ''}`;
      const kept = pages.get(key);
      if (kept) return kept.read;
      // The group's memory first: its subscription must be in place before the read starts.
      const memory = memoryOf(groupId);
      const entry: Entry<KeptPage> = {
        read: read(),
        at: performance.now(),
        size: (limit + 1) * pageBytesPerMessage,
      };
      pages.set(key, entry);
      memory.pageKeys.add(key);
      entry.read.then(
        (value) => {
          entry.value = value;
        },
        () => {
          if (pages.peek(key) === entry) pages.delete(key);
        },
      );
      return entry.read;
    },

    /** Wraps the bus the services publish on: this process forgets what an event changes as it is published. */
    watch(bus: Bus): Bus {
      if (!enabled) return bus;
      return {
        get kind() {
          return bus.kind;
        },
        publish(channel, payload) {
          if (channel.startsWith('group:')) notice(channel.slice('group:'.length), payload);
          else if (channel === accountChangedChannel) {
            const userId = (payload as { userId?: unknown } | null)?.userId;
            if (typeof userId === 'string') forgetPerson(userId);
          }
          return bus.publish(channel, payload);
        },
        subscribe: (channel, handler) => bus.subscribe(channel, handler),
        close: () => bus.close(),
      };
    },

    close() {
      unsubscribeAccounts?.();
      memories.clear();
    },
  };
}

export type ChatMemory = ReturnType<typeof createChatMemory>;
