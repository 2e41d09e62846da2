import type { Database } from '@spejl/db';
import { LRUCache } from 'lru-cache';
import { type ErrorCode, type Message, message, messageList } from '@spejl/shared';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import { type RateLimiter, rateRules } from '../../http/rate-limit.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { authorize, type GroupContext, loadGroup } from '../groups/groups.context.ts';
import type { GroupsRepository } from '../groups/groups.repository.ts';
import { isUuid } from '../groups/groups.repository.ts';
import type { AccessLog } from '../privacy/privacy.access-log.ts';
import type { NotificationInput, NotificationService } from '../notifications/notifications.service.ts';
import {
  canDeleteMessage,
  canEditMessage,
  canViewEditHistory,
  postRefusal,
  type Reader,
  readerOf,
} from './messages.policy.ts';
import { type AttachmentsRepository, toAttachment } from './messages.attachments.repository.ts';
import type { ChatMemory } from './messages.memory.ts';
import { DuplicateMessage, type MessageRecord, type MessagesRepository } from './messages.repository.ts';

/** A message as it travels on the bus: everything but what depends on who reads it. */
export type BaseMessage = Omit<Message, 'permissions' | 'reactions'> & {
  reactions: Array<{ emoji: string; userIds: string[] }>;
};

/** What the bus carries on `group:<id>` for messages. */
export interface MessageEvent {
  type: 'message.created' | 'message.updated' | 'message.deleted';
  groupId: string;
  seq: number;
  message: BaseMessage;
}

const mentionPattern = /<@([0-9a-f-]{36})>/gi;

export function toBaseMessage(record: MessageRecord): BaseMessage {
  const { row } = record;
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    groupId: row.groupId,
    seq: row.seq,
    author: row.authorId ? { id: row.authorId, displayName: record.authorName ?? '' } : null,
    clientId: row.clientId,
    body: deleted ? null : row.body,
    threadId: row.threadId,
    replyCount: row.replyCount,
    lastReplyAt: row.lastReplyAt?.toISOString() ?? null,
    mentions: deleted ? [] : row.mentions,
    reactions: deleted ? [] : record.reactions,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deleted,
    hidden: !deleted && row.hiddenAt !== null,
    attachments: deleted ? [] : record.attachments,
  };
}

/**
 * A record's base message, made once per record: a page kept in memory (messages.memory.ts) is served to many
 * readers, and only what depends on the reader is made per request.
 */
const bases = new WeakMap<MessageRecord, BaseMessage>();
function baseOf(record: MessageRecord): BaseMessage {
  let base = bases.get(record);
  if (!base) {
    base = toBaseMessage(record);
    bases.set(record, base);
  }
  return base;
}

/** A history request's query, as the route has validated it. */
export interface HistoryQuery {
  before?: number | undefined;
  after?: number | undefined;
  limit: number;
  threadId?: string | undefined;
}

/** What the history route says beside the messages, encoded as its schema says. */
const listRest = messageList.omit({ items: true });

/**
 * Each base message's JSON, as UTF-8, by the view it was made for (`messageJson`): a page's bytes are then copied
 * together, not encoded again for every request.
 */
const encoded = new WeakMap<BaseMessage, Map<string, Buffer>>();
const itemsOpen = Buffer.from('{"items":[');
const comma = Buffer.from(',');

/** Whether a message concerns this reader: they wrote it or reacted to it (their view of it is their own). */
export const involves = (base: BaseMessage, userId: string) =>
  base.author?.id === userId || base.reactions.some((reaction) => reaction.userIds.includes(userId));

/**
 * One message as JSON for one reader, encoded by the `message` schema, made once per view and kept with the base
 * message. For a reader who neither wrote it nor reacted to it, what `personalise` makes depends only on whether they
 * moderate (its text concealed or not while hidden, whether they may delete it and see its edits); for one it
 * concerns, on who they are too, and whether the group is read-only for them (whether they may edit).
 */
function messageJson(base: BaseMessage, reader: Reader): Buffer {
  const view = involves(base, reader.userId)
    ? `${reader.userId}|${reader.moderates}|${reader.readOnly}`
    : String(reader.moderates);
  let views = encoded.get(base);
  if (!views) {
    views = new Map();
    encoded.set(base, views);
  }
  let json = views.get(view);
  if (json === undefined) {
    json = Buffer.from(JSON.stringify(message.encode(personalise(base, reader))));
    views.set(view, json);
  }
  return json;
}

/**
 * A kept page's whole answer for the readers none of its messages concern, by whether they moderate, with where each
 * message's JSON lies in it and which messages concern whom: most readers get these bytes as they are, and the
 * author of a message or two gets them with their own views of those spliced in.
 */
interface PageJson {
  /** Names it in `splicedJsons`' keys. */
  id: number;
  whole: Buffer;
  spans: Array<[number, number]>;
  concerns: Map<string, number[]>;
}
const pageJsons = new WeakMap<readonly MessageRecord[], Map<string, PageJson>>();
let pageJsonCount = 0;
/**
 * The answers with a reader's own views spliced in, kept within a budget (lru-cache, least recently used out first):
 * a reader who asks the same page again gets the same bytes without copying the page anew. Only the readers a page
 * concerns have one, but a page of 50 authors could have 50, so they share one bound rather than live with the page.
 */
const splicedJsons = new LRUCache<string, Buffer>({
  maxSize: 16 * 1024 * 1024,
  sizeCalculation: (json) => Math.max(1, json.length),
});

/** Adds what this reader may do and whether they reacted. A hidden message's text is for its author and moderators. */
export function personalise(base: BaseMessage, reader: Reader): Message {
  const facts = { authorId: base.author?.id ?? null, deletedAt: base.deleted ? new Date(0) : null };
  const concealed = base.hidden && !reader.moderates && facts.authorId !== reader.userId;
  return {
    ...base,
    body: concealed ? null : base.body,
    mentions: concealed ? [] : base.mentions,
    attachments: concealed ? [] : base.attachments,
    reactions: (concealed ? [] : base.reactions).map((reaction) => ({
      emoji: reaction.emoji,
      count: reaction.userIds.length,
      mine: reaction.userIds.includes(reader.userId),
    })),
    permissions: {
      canEdit: canEditMessage(reader, facts),
      canDelete: canDeleteMessage(reader, facts),
      canViewHistory: canViewEditHistory(reader),
    },
  };
}

/** Moderation's answer about one post or edit (see moderation/moderation.gate.ts). */
export interface ScreeningVerdict {
  /** Hidden pending review: only the author and moderators read it until a moderator decides. */
  hidden: boolean;
  /**
   * Writes the review item inside the message's transaction; returns what to publish after commit. Absent when
   * there is nothing to record, which lets an ordinary post skip the transaction (one round trip).
   */
  record?(
    tx: Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>,
    messageId: string,
  ): Promise<(() => Promise<void>) | null>;
}

/** Screens every post and edit before it is written; throws to refuse it (a mute, slow mode, a blocked word). */
export interface MessageScreening {
  screen(
    actor: Actor,
    reader: Reader,
    groupId: string,
    body: string,
    kind: 'post' | 'edit',
  ): Promise<ScreeningVerdict>;
}

/**
 * Who may write in a direct conversation (a group of kind `direct`) right now, asked by the chat before it decides:
 * the direct module's rule (accepted, nobody blocked). Null lets the group's own rules decide.
 */
export interface ConversationWriting {
  writeRefusal(groupId: string, userId: string): Promise<ErrorCode | null>;
}

export interface MessagesServiceDeps {
  /** The direct module's answer for direct conversations; without it they follow the group's rules alone. */
  conversations?: ConversationWriting;
  repository: MessagesRepository;
  /** Uploads a new message carries are claimed in its transaction. */
  attachments: AttachmentsRepository;
  /** Removes the files of deleted messages (messages.attachments.ts `sweep`), after the deletion commits. */
  removeDetachedFiles?: () => Promise<unknown>;
  groups: GroupsRepository;
  /** Groups and history pages kept in memory (messages.memory.ts); with no time to live it keeps nothing. */
  memory: ChatMemory;
  notifications: NotificationService;
  clock: Clock;
  limiter: RateLimiter;
  bus: Bus;
  accessLog: AccessLog;
  moderation: MessageScreening;
  /**
   * Pushes a new message in a direct or mentorship conversation to its other members (in the background; it never
   * throws). Group chat pushes only through mentions and replies.
   */
  conversationPush?: (message: {
    kind: 'direct' | 'mentorship';
    groupId: string;
    authorName: string;
    /** The author, and those a mention or reply told already. */
    exclude: string[];
  }) => void;
}

/** Group chat: post (idempotent by clientId), threads, edits with history, deletion, reactions, search. */
export function createMessagesService(deps: MessagesServiceDeps) {
  const { repository, clock, bus, notifications, limiter } = deps;

  const finder = deps.memory.groups;

  /**
   * The group for a reader who may read it, with the first seq they may see. `fresh` reads the group past the chat's
   * memory (a live socket re-checking its rights after a change was announced).
   */
  async function openGroup(actor: Actor, groupId: string, options?: { fresh?: boolean }) {
    const opened = await enterGroup(actor, groupId, options);
    return { ...opened, firstVisibleSeq: await firstVisibleSeq(opened.context, opened.reader) };
  }

  /** `openGroup` without the first visible seq: for writing, which reads no history (one round trip fewer). */
  async function enterGroup(actor: Actor, groupId: string, options?: { fresh?: boolean }) {
    const context = await loadGroup(finder, actor, groupId, options);
    authorize(actor, 'read', context);
    const group = context.row.group;
    const writeRefusal =
      group.kind === 'direct' && deps.conversations
        ? await deps.conversations.writeRefusal(group.id, actor.user.id)
        : null;
    const reader = readerOf(actor, context.standing.role, group.readOnlyAt !== null, writeRefusal);
    return { context, reader };
  }

  async function firstVisibleSeq(context: GroupContext, reader: Reader): Promise<number> {
    if (context.row.group.historyVisibleToNewMembers || reader.moderates || !context.membership) return 1;
    return repository.firstSeqSince(context.row.group.id, context.membership.joinedAt);
  }

  async function openMessage(actor: Actor, messageId: string) {
    const row = isUuid(messageId) ? await repository.findRow(messageId) : undefined;
    if (!row) throw new AppError('not_found');
    const opened = await openGroup(actor, row.groupId);
    if (row.seq < opened.firstVisibleSeq) throw new AppError('not_found');
    return { ...opened, row };
  }

  async function publish(type: MessageEvent['type'], ids: string[]) {
    for (const record of await repository.findRecords(ids)) {
      const event: MessageEvent = {
        type,
        groupId: record.row.groupId,
        seq: record.row.seq,
        message: toBaseMessage(record),
      };
      await bus.publish(`group:${record.row.groupId}`, event);
    }
  }

  /** A page of history as records, with what the route says beside it, for a reader `openGroup` let in. */
  async function historyPage(actor: Actor, groupId: string, query: HistoryQuery) {
    const { context, reader, firstVisibleSeq: minSeq } = await openGroup(actor, groupId);
    if (query.threadId !== undefined && !isUuid(query.threadId)) throw new AppError('not_found');
    // Kept in memory until a message event in the group forgets it (messages.memory.ts): everyone opening the group
    // asks the same newest page, and the same cursors as they scroll up.
    const stream = {
      groupId: context.row.group.id,
      threadId: query.threadId ?? null,
      before: query.before,
      after: query.after,
      minSeq,
      limit: query.limit + 1,
    };
    const { records, newestSeq } = await deps.memory.page(stream);
    const more = records.length > query.limit;
    const from = query.after !== undefined ? 0 : records.length - Math.min(records.length, query.limit);
    const items = records.slice(from, from + query.limit);
    const edge = query.after !== undefined ? items.at(-1) : items[0];
    return {
      reader,
      records,
      from,
      page: {
        items,
        nextCursor: more && edge ? String(edge.row.seq) : null,
        // Read beside the page, the newest seq may predate a message the page already holds.
        lastSeq: Math.max(newestSeq, ...records.map((record) => record.row.seq)),
        firstVisibleSeq: minSeq,
      },
    };
  }

  /** A new message, checked and written; `post` answers a retry of one already written. */
  async function write(
    actor: Actor,
    context: GroupContext,
    reader: Reader,
    input: {
      clientId: string;
      body: string;
      threadId?: string | undefined;
      attachments?: string[] | undefined;
    },
  ): Promise<{ message: Message; created: boolean }> {
    const attachmentIds = [...new Set(input.attachments ?? [])];
    if (attachmentIds.some((id) => !isUuid(id)))
      throw new AppError('validation.failed', {
        details: [{ path: ['attachments'], message: 'not an upload of yours to this group' }],
      });
    const refusal = postRefusal(reader);
    if (refusal) throw new AppError(refusal);
    const group = context.row.group;
    // Others see the name the author chose for this group.
    const authorName = context.membership?.profileName ?? actor.user.displayName;
    const verdict = await deps.moderation.screen(actor, reader, group.id, input.body, 'post');
    // In this process's memory, not the shared store, which would add a round trip to every message over REST and
    // the socket; the socket cap per person and each connection's frame bucket bound it too (rate-limit.ts).
    limiter.hit(`message-send:${actor.user.id}`, rateRules.messageSendsPerPerson);

    let root: MessageRecord['row'] | undefined;
    if (input.threadId !== undefined) {
      root = isUuid(input.threadId) ? await repository.findRow(input.threadId) : undefined;
      if (!root || root.groupId !== group.id || root.threadId !== null || root.deletedAt !== null)
        throw new AppError('validation.failed', {
          details: [{ path: ['threadId'], message: 'not a thread in this group' }],
        });
    }
    const mentioned = [
      ...new Set([...input.body.matchAll(mentionPattern)].map((match) => match[1]!.toLowerCase())),
    ];
    // Only a message that mentions someone needs the member list (a room of 2,000 would read it for every line).
    const memberIds =
      mentioned.length > 0
        ? new Set((await deps.groups.listMembers(group.id)).map((member) => member.userId))
        : new Set<string>();
    const mentions = mentioned.filter((id) => memberIds.has(id) && id !== actor.user.id);
    const now = clock.now();
    let created: {
      id: string;
      seq: number;
      written: Awaited<ReturnType<typeof notifications.create>>;
      announce: (() => Promise<void>) | null;
      files: ReturnType<typeof toAttachment>[];
    };
    const post = {
      groupId: group.id,
      authorId: actor.user.id,
      clientId: input.clientId,
      body: input.body,
      threadId: root?.id ?? null,
      mentions,
      createdAt: now,
      hiddenAt: verdict.hidden ? now : null,
    };
    // A message with nothing but text (no files, thread, mentions or review item) is one statement, no transaction.
    const postPlain = async (values: typeof post): Promise<typeof created> => {
      const posted = await repository.post(values);
      if (posted.duplicate) throw new DuplicateMessage(posted.id);
      return { id: posted.id, seq: posted.seq, written: [], announce: null, files: [] };
    };
    try {
      const plain = attachmentIds.length === 0 && !root && mentions.length === 0 && !verdict.record;
      created = plain
        ? await postPlain(post)
        : await repository.transaction(async (tx) => {
            // The seq, the insert and the author's read position in one statement (spejl_post_message); a concurrent
            // retry with the same clientId waits for the seq row lock, then meets the first one's row and finds it.
            const posted = await repository.post(post, tx);
            if (posted.duplicate) throw new DuplicateMessage(posted.id);
            const { id, seq } = posted;
            const claimed = await deps.attachments.claim(
              attachmentIds,
              { groupId: group.id, messageId: id, userId: actor.user.id, at: now },
              tx,
            );
            // Another's upload, one sent already, or one to another group: the whole message is refused.
            if (claimed.length !== attachmentIds.length)
              throw new AppError('validation.failed', {
                details: [{ path: ['attachments'], message: 'not an upload of yours to this group' }],
              });
            const announce = verdict.record ? await verdict.record(tx, id) : null;
            if (root) await repository.bumpThread(root.id, now, tx);
            // A direct conversation is opened at /messages, never as a group.
            const space = group.kind === 'direct' ? { space: 'direct' as const } : {};
            // A mention and a reply say the same about the message.
            const data = { groupId: group.id, groupName: group.name, messageId: id, authorName, ...space };
            const notify: NotificationInput[] = mentions.map((userId) => ({ userId, type: 'mention', data }));
            if (root?.authorId && root.authorId !== actor.user.id && !mentions.includes(root.authorId))
              notify.push({ userId: root.authorId, type: 'reply', data });
            // A message held for review tells nobody until a moderator lets it through.
            return {
              id,
              seq,
              written: await notifications.create(verdict.hidden ? [] : notify, tx),
              announce,
              files: claimed.map(toAttachment),
            };
          });
    } catch (error) {
      if (error instanceof DuplicateMessage)
        return {
          message: personalise(toBaseMessage(await recordFor(error.existing)), reader),
          created: false,
        };
      throw error;
    }
    // Published first, from what is in hand: with no database round trip between commit and publish, one node's
    // events leave in seq order, so no socket has to fill a gap from the database.
    const base: BaseMessage = {
      id: created.id,
      groupId: group.id,
      seq: created.seq,
      author: { id: actor.user.id, displayName: authorName },
      clientId: input.clientId,
      body: input.body,
      threadId: root?.id ?? null,
      replyCount: 0,
      lastReplyAt: null,
      mentions,
      reactions: [],
      createdAt: now.toISOString(),
      editedAt: null,
      deleted: false,
      hidden: verdict.hidden,
      attachments: created.files,
    };
    await bus.publish(`group:${group.id}`, {
      type: 'message.created',
      groupId: group.id,
      seq: created.seq,
      message: base,
    } satisfies MessageEvent);
    // The author's read position moved in the same statement as the insert.
    if (root) await publish('message.updated', [root.id]);
    await notifications.deliver(created.written);
    if (
      deps.conversationPush &&
      !verdict.hidden &&
      (group.kind === 'direct' || group.kind === 'mentorship')
    ) {
      deps.conversationPush({
        kind: group.kind,
        groupId: group.id,
        authorName,
        exclude: [actor.user.id, ...created.written.map((row) => row.userId)],
      });
    }
    await created.announce?.();
    return { message: personalise(base, reader), created: true };
  }

  async function recordFor(id: string): Promise<MessageRecord> {
    const [record] = await repository.findRecords([id]);
    if (!record) throw new AppError('not_found');
    return record;
  }

  return {
    openGroup,
    openMessage,
    firstVisibleSeq,

    /** Posts a message. Sending the same clientId again returns the first message and publishes nothing. */
    async post(
      actor: Actor,
      groupId: string,
      input: {
        clientId: string;
        body: string;
        threadId?: string | undefined;
        attachments?: string[] | undefined;
      },
    ) {
      const { context, reader } = await enterGroup(actor, groupId);
      try {
        return await write(actor, context, reader, input);
      } catch (error) {
        // A retry answers with the first message whatever refuses it now (screening, a limit, a thread deleted
        // since): it was checked when it was sent. Only a refusal costs this read; an accepted retry meets its
        // first message in the insert (spejl_post_message), so an ordinary post is one round trip fewer.
        if (!(error instanceof AppError)) throw error;
        const existing = await repository.findByClientId(context.row.group.id, actor.user.id, input.clientId);
        if (!existing) throw error;
        return { message: personalise(toBaseMessage(await recordFor(existing)), reader), created: false };
      }
    },

    /** History, oldest to newest: the latest page, or before/after a seq, for the main stream or one thread. */
    async list(actor: Actor, groupId: string, query: HistoryQuery) {
      const { page, reader } = await historyPage(actor, groupId, query);
      return { ...page, items: page.items.map((record) => personalise(baseOf(record), reader)) };
    },

    /**
     * `list` as the JSON the history route sends, each message encoded by its schema (`message` in @spejl/shared, as
     * the route's serializer would) and, where it does not depend on who reads it, encoded once and kept with the
     * page (`messageJson`): most of a page is the same text for every member.
     */
    async listJson(actor: Actor, groupId: string, query: HistoryQuery): Promise<Buffer> {
      const { page, reader, records, from } = await historyPage(actor, groupId, query);
      // The answer is the same for every reader none of its messages concern, while its page is kept: the records
      // (kept by the chat's memory), which of them, and whether the reader moderates say all of it.
      let built = pageJsons.get(records);
      if (!built) {
        built = new Map();
        pageJsons.set(records, built);
      }
      const key = `${from}:${page.items.length}:${reader.moderates}`;
      let json = built.get(key);
      if (!json) {
        const rest = JSON.stringify(
          listRest.encode({
            nextCursor: page.nextCursor,
            lastSeq: page.lastSeq,
            firstVisibleSeq: page.firstVisibleSeq,
          }),
        );
        const nobody: Reader = { userId: '', role: null, moderates: reader.moderates, readOnly: false };
        const parts: Buffer[] = [itemsOpen];
        const spans: Array<[number, number]> = [];
        const concerns = new Map<string, number[]>();
        let offset = itemsOpen.length;
        page.items.forEach((record, index) => {
          if (index > 0) {
            parts.push(comma);
            offset += comma.length;
          }
          const base = baseOf(record);
          const part = messageJson(base, nobody);
          parts.push(part);
          spans.push([offset, offset + part.length]);
          offset += part.length;
          const people = new Set([
            ...(base.author ? [base.author.id] : []),
            ...base.reactions.flatMap((reaction) => reaction.userIds),
          ]);
          for (const userId of people) {
            const indexes = concerns.get(userId);
            if (indexes) indexes.push(index);
            else concerns.set(userId, [index]);
          }
        });
        parts.push(Buffer.from(`],${rest.slice(1)}`));
        json = { id: ++pageJsonCount, whole: Buffer.concat(parts), spans, concerns };
        built.set(key, json);
      }
      const mine = json.concerns.get(reader.userId);
      if (!mine) return json.whole;
      const splicedKey = `${json.id}|${reader.userId}|${reader.readOnly}`;
      const kept = splicedJsons.get(splicedKey);
      if (kept) return kept;
      const parts: Buffer[] = [];
      let at = 0;
      for (const index of mine) {
        const [start, end] = json.spans[index]!;
        parts.push(json.whole.subarray(at, start), messageJson(baseOf(page.items[index]!), reader));
        at = end;
      }
      parts.push(json.whole.subarray(at));
      const spliced = Buffer.concat(parts);
      splicedJsons.set(splicedKey, spliced);
      return spliced;
    },

    /** The group's newest seq (0 before its first message), for a reader already let in by `openGroup`. */
    lastSeq(groupId: string): Promise<number> {
      return repository.lastSeq(groupId);
    },

    /** Every message (threads included) after a seq, for resuming a live stream. */
    async since(groupId: string, afterSeq: number, minSeq: number, limit: number) {
      return repository.page({
        groupId,
        threadId: null,
        after: Math.max(afterSeq, minSeq - 1),
        minSeq,
        limit,
        includeThreads: true,
      });
    },

    async edit(actor: Actor, messageId: string, body: string) {
      const { row, reader } = await openMessage(actor, messageId);
      if (!canEditMessage(reader, row)) throw new AppError('message.not_editable');
      const verdict = await deps.moderation.screen(actor, reader, row.groupId, body, 'edit');
      const now = clock.now();
      const announce = await repository.transaction(async (tx) => {
        await repository.recordEdit(
          { messageId: row.id, previousBody: row.body, editedBy: actor.user.id, editedAt: now },
          tx,
        );
        await repository.update(
          row.id,
          { body, editedAt: now, ...(verdict.hidden ? { hiddenAt: now } : {}) },
          tx,
        );
        return verdict.record ? verdict.record(tx, row.id) : null;
      });
      await publish('message.updated', [row.id]);
      await announce?.();
      return personalise(toBaseMessage(await recordFor(row.id)), reader);
    },

    /** Soft delete: the message stays in the stream as "deleted"; its text is kept for moderators' records. */
    async remove(actor: Actor, messageId: string) {
      const { row, reader } = await openMessage(actor, messageId);
      if (row.deletedAt !== null) return;
      if (!canDeleteMessage(reader, row)) throw new AppError('auth.forbidden');
      await repository.update(row.id, { deletedAt: clock.now(), deletedBy: actor.user.id });
      await publish('message.deleted', [row.id]);
      await deps.removeDetachedFiles?.();
    },

    async history(actor: Actor, messageId: string) {
      const { row, reader } = await openMessage(actor, messageId);
      if (!canViewEditHistory(reader)) throw new AppError('auth.forbidden');
      const edits = await repository.edits(row.id);
      if (row.authorId)
        await deps.accessLog.record(actor, reader.role ? 'moderator' : 'admin', [
          {
            subjectId: row.authorId,
            kind: 'message.edits',
            reason: 'moderate_message',
            groupId: row.groupId,
            resourceId: row.id,
          },
        ]);
      return edits.map((edit) => ({
        previousBody: edit.previousBody,
        editedAt: edit.editedAt.toISOString(),
        editedBy: edit.editedBy,
      }));
    },

    async react(actor: Actor, messageId: string, emoji: string, add: boolean) {
      const { row, reader } = await openMessage(actor, messageId);
      const refusal = postRefusal(reader);
      if (refusal) throw new AppError(refusal);
      if (row.deletedAt !== null) throw new AppError('not_found');
      // In this process's memory, as sends are (rate-limit.ts `rateRules`).
      limiter.hit(`reaction:${actor.user.id}`, rateRules.reactionsPerPerson);
      if (add) {
        const existing = await repository.distinctEmojis(row.id);
        if (!existing.includes(emoji) && existing.length >= 20)
          throw new AppError('validation.failed', {
            details: [{ path: ['emoji'], message: 'too many different reactions' }],
          });
      }
      const changed = add
        ? await repository.addReaction(row.id, actor.user.id, emoji, clock.now())
        : await repository.removeReaction(row.id, actor.user.id, emoji);
      if (changed) await publish('message.updated', [row.id]);
      return personalise(toBaseMessage(await recordFor(row.id)), reader);
    },

    async search(actor: Actor, groupId: string, query: string, limit: number) {
      const { context, reader, firstVisibleSeq: minSeq } = await openGroup(actor, groupId);
      const records = await repository.search(context.row.group.id, query, minSeq, limit);
      return records.map((record) => personalise(toBaseMessage(record), reader));
    },

    async markRead(actor: Actor, groupId: string, seq: number) {
      const { context } = await enterGroup(actor, groupId);
      const lastSeq = await repository.lastSeq(context.row.group.id);
      const read = { groupId: context.row.group.id, seq: Math.min(seq, lastSeq) };
      await repository.markRead(read.groupId, actor.user.id, read.seq, clock.now());
      // For the reader's own views of their unread counts (the group list's memory), on every process; not for
      // other members, who are told of reads only as receipts the reader shares (the gateway's \`read\`).
      await bus.publish(`group:${read.groupId}`, { type: 'read.moved', ...read, userId: actor.user.id });
      return read;
    },
  };
}

export type MessagesService = ReturnType<typeof createMessagesService>;
