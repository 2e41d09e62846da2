import { LRUCache } from 'lru-cache';
import { type Bus, tellingOnPublish } from '../../bus/bus.ts';
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
  /** A page's estimated bytes. */
  size?: number;
  /** The read's result once it has arrived. */
  value?: T;
}

/** What is kept for one group: each person's view of it (group, membership, block) and which of its pages are kept. */
interface GroupMemory {
  /** Keys of this group's views in the shared view store. */
  viewKeys: Set<string>;
  /** Keys of this group's pages in the shared page store. */
  pageKeys: Set<string>;
  unsubscribe: () => void;
}

/** One page's share of the page store's budget: an estimate made before it is read (a message is rarely over 1 KB). */
const pageBytesPerMessage = 1_024;

/** The group a store key (`<group id>|…`) belongs to. */
function groupOf(key: string): string {
  return key.slice(0, key.indexOf('|'));
}

function involves(record: MessageRecord, userId: string): boolean {
  return (
    record.row.authorId === userId || record.reactions.some((reaction) => reaction.userIds.includes(userId))
  );
}

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
 * of all groups share one budget (`pageBudgetBytes`, least recently used out first), and the views of all groups
 * one bound (`maxViews`).
 */
export function createChatMemory(deps: {
  groups: Pick<GroupsRepository, 'findGroupFor' | 'groupCounts'>;
  messages: Pick<MessagesRepository, 'page' | 'lastSeq'>;
  bus?: Bus | undefined;
  /** 0 keeps nothing: every call reads the database (tests that write rows past the services). */
  ttlMs?: number;
  maxGroups?: number;
  /** How many views of a group (one person's each) are kept in all (20,000 unless given). */
  maxViews?: number;
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
      for (const key of [...memory.viewKeys]) views.delete(key);
    },
  });
  // Every group's views in one store, bounded and aged as a whole (a group of thousands keeps its active members).
  const views = new LRUCache<string, Entry<Found>>({
    max: deps.maxViews ?? 20_000,
    ttl: ttlMs,
    dispose: (_entry, key) => memories.peek(groupOf(key))?.viewKeys.delete(key),
  });
  // Every group's pages in one store, so the budget holds however many groups are read; a page leaving it (aged,
  // pushed out, forgotten) leaves its group's list of keys too.
  const pages = new LRUCache<string, Entry<KeptPage>>({
    maxSize: deps.pageBudgetBytes ?? 32 * 1024 * 1024,
    sizeCalculation: (entry) => entry.size ?? 1,
    ttl: ttlMs,
    dispose: (_entry, key) => memories.peek(groupOf(key))?.pageKeys.delete(key),
  });

  function forgetPages(memory: GroupMemory) {
    for (const key of [...memory.pageKeys]) pages.delete(key);
    memory.pageKeys.clear();
  }

  function forgetViews(memory: GroupMemory) {
    for (const key of [...memory.viewKeys]) views.delete(key);
    memory.viewKeys.clear();
  }

  function notice(groupId: string, payload: unknown) {
    const memory = memories.peek(groupId);
    if (!memory) return;
    const event = payload as { type?: unknown; userId?: unknown } | null;
    const type = typeof event?.type === 'string' ? event.type : '';
    if (type.startsWith('message.')) forgetPages(memory);
    else if (type === 'membership.changed') {
      if (typeof event?.userId === 'string') views.delete(`${groupId}|${event.userId}`);
      else forgetViews(memory);
      forgetPages(memory);
    } else if (type === 'group.changed' || type === 'conversation.changed') {
      forgetViews(memory);
      forgetPages(memory);
    }
  }

  function forgetPerson(userId: string) {
    for (const groupId of memories.keys()) views.delete(`${groupId}|${userId}`);
    // A page they wrote in or reacted on; one still being read may hold either.
    for (const [key, entry] of [...pages.entries()])
      if (!entry.value || entry.value.records.some((record) => involves(record, userId))) pages.delete(key);
  }

  /** What an event on any channel makes this memory forget. */
  function hear(channel: string, payload: unknown) {
    if (channel.startsWith('group:')) notice(channel.slice('group:'.length), payload);
    else if (channel === accountChangedChannel) {
      const userId = (payload as { userId?: unknown } | null)?.userId;
      if (typeof userId === 'string') forgetPerson(userId);
    }
  }

  const unsubscribeAccounts = deps.bus?.subscribe(accountChangedChannel, (payload) =>
    hear(accountChangedChannel, payload),
  );

  function memoryOf(groupId: string): GroupMemory {
    const existing = memories.get(groupId);
    if (existing) return existing;
    const memory: GroupMemory = {
      viewKeys: new Set(),
      pageKeys: new Set(),
      // Subscribed before any read for the group starts, so no change announced after it is missed (the buses
      // subscribe in this process, at once).
      unsubscribe:
        deps.bus?.subscribe(`group:${groupId}`, (payload) => notice(groupId, payload)) ?? (() => {}),
    };
    memories.set(groupId, memory);
    return memory;
  }

  /**
   * One person's view of a group: kept, or read and kept from the start of the read (`fresh` reads it anew); a failed
   * read is not kept.
   */
  function viewOf(groupId: string, userId: string, fresh: boolean): Promise<Found> {
    const key = `${groupId}|${userId}`;
    const kept = fresh ? undefined : views.get(key);
    if (kept) return kept.read;
    // The group's memory first: its subscription must be in place before the read starts.
    const memory = memoryOf(groupId);
    const entry: Entry<Found> = { read: deps.groups.findGroupFor(groupId, userId) };
    views.set(key, entry);
    memory.viewKeys.add(key);
    entry.read.catch(() => {
      if (views.peek(key) === entry) views.delete(key);
    });
    return entry.read;
  }

  return {
    /**
     * `findGroupFor` and `groupCounts` as `loadGroup` asks them, from memory where it can. The counts in a kept view
     * may be behind (a join elsewhere does not forget others' views): the chat never shows them.
     */
    groups: {
      findGroupFor(idOrSlug: string, userId: string, options: { fresh?: boolean } = {}): Promise<Found> {
        if (!enabled || !isUuid(idOrSlug)) return deps.groups.findGroupFor(idOrSlug, userId);
        return viewOf(idOrSlug.toLowerCase(), userId, options.fresh ?? false);
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
    watch: (bus: Bus): Bus => (enabled ? tellingOnPublish(bus, hear) : bus),

    close() {
      unsubscribeAccounts?.();
      memories.clear();
    },
  };
}

export type ChatMemory = ReturnType<typeof createChatMemory>;
