import {
  type Database,
  groupMemberships,
  preparedPerShape,
  rowsOf,
  groupSequences,
  messageAttachments,
  messageEdits,
  messageReactions,
  messages,
  readPositions,
  users,
} from '@spejl/db';
import type { Attachment } from '@spejl/shared';
import { looseDanish } from '@spejl/shared/search-fold';
import { createAttachmentsRepository } from './messages.attachments.repository.ts';
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';

export type MessageRow = typeof messages.$inferSelect;
type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

/** A message as stored plus what every reader needs; per-reader fields are added by `toMessage`. */
export interface MessageRecord {
  row: Omit<MessageRow, 'search' | 'searchFolded'>;
  authorName: string | null;
  reactions: Array<{ emoji: string; userIds: string[] }>;
  attachments: Attachment[];
}

const columns = {
  id: messages.id,
  groupId: messages.groupId,
  seq: messages.seq,
  authorId: messages.authorId,
  clientId: messages.clientId,
  body: messages.body,
  threadId: messages.threadId,
  replyCount: messages.replyCount,
  lastReplyAt: messages.lastReplyAt,
  mentions: messages.mentions,
  createdAt: messages.createdAt,
  editedAt: messages.editedAt,
  deletedAt: messages.deletedAt,
  deletedBy: messages.deletedBy,
  hiddenAt: messages.hiddenAt,
};

/** What `post` writes: a message's own columns; the seq is taken in the statement. */
export interface PostValues {
  groupId: string;
  authorId: string;
  clientId: string;
  body: string;
  threadId: string | null;
  mentions: string[];
  createdAt: Date;
  hiddenAt: Date | null;
}

export type PostedMessage = { duplicate: false; id: string; seq: number } | { duplicate: true; id: string };

/** A json column as the driver gave it: parsed already (postgres.js, PGlite), or as text. */
function parsedJson<T>(value: T[] | string): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : value;
}

/** Thrown inside the send transaction when the clientId was already used: rolls back the seq it took. */
export class DuplicateMessage extends Error {
  readonly existing: MessageRow['id'];
  constructor(existing: string) {
    super('duplicate clientId');
    this.existing = existing;
  }
}

/** Which statement serves a page: one thread, the top level, or every message; bounded before and/or after a seq. */
interface PageShape {
  thread: 'top' | 'one' | 'all';
  before: boolean;
  after: boolean;
}

/** Database access for messages, their edits and reactions, sequences and read positions. */
export function createMessagesRepository(db: Database) {
  const attachments = createAttachmentsRepository(db);

  /** A selected row as a record: the reactions grouped by emoji, in the order they were given. */
  function withDetails(
    rows: Array<
      MessageRecord['row'] & {
        authorName: string | null;
        reactionsJson: Array<{ emoji: string; userId: string }> | string;
        attachmentsJson: Attachment[] | string;
      }
    >,
  ): MessageRecord[] {
    return rows.map(({ authorName, reactionsJson, attachmentsJson, ...row }) => {
      const emojis = new Map<string, string[]>();
      for (const reaction of parsedJson(reactionsJson)) {
        const list = emojis.get(reaction.emoji) ?? [];
        list.push(reaction.userId);
        emojis.set(reaction.emoji, list);
      }
      return {
        row,
        authorName,
        attachments: parsedJson(attachmentsJson).map((file) => ({ ...file, size: Number(file.size) })),
        reactions: [...emojis].map(([emoji, userIds]) => ({ emoji, userIds })),
      };
    });
  }

  const select = (executor: Executor = db) =>
    executor
      // The name the author chose for this group (a pseudonym is allowed), else their account's name.
      .select({
        ...columns,
        authorName: sql<string | null>`coalesce(${groupMemberships.profileName}, ${users.displayName})`,
        // Reactions and files in the same statement as the messages: one round trip for a page, not three.
        reactionsJson: sql<
          Array<{ emoji: string; userId: string }>
        >`coalesce((select json_agg(json_build_object(
          'emoji', ${messageReactions.emoji}, 'userId', ${messageReactions.userId}) order by ${messageReactions.createdAt})
          from ${messageReactions} where ${messageReactions.messageId} = ${messages.id}), '[]'::json)`,
        attachmentsJson: sql<Attachment[]>`coalesce((select json_agg(json_build_object(
          'id', ${messageAttachments.id}, 'kind', ${messageAttachments.kind}, 'mime', ${messageAttachments.mime},
          'size', ${messageAttachments.size}, 'width', ${messageAttachments.width}, 'height', ${messageAttachments.height},
          'name', ${messageAttachments.name}) order by ${messageAttachments.position})
          from ${messageAttachments} where ${messageAttachments.messageId} = ${messages.id}), '[]'::json)`,
      })
      .from(messages)
      .leftJoin(users, eq(users.id, messages.authorId))
      .leftJoin(
        groupMemberships,
        and(eq(groupMemberships.groupId, messages.groupId), eq(groupMemberships.userId, messages.authorId)),
      );

  // Asked for every post and subscribe: built once (drizzle would rebuild the SQL text on every call).
  const lastSeqPrepared = db
    .select({ lastSeq: groupSequences.lastSeq })
    .from(groupSequences)
    .where(eq(groupSequences.groupId, sql.placeholder('groupId')))
    .prepare('messages_last_seq');
  const byClientIdPrepared = db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.groupId, sql.placeholder('groupId')),
        eq(messages.authorId, sql.placeholder('authorId')),
        eq(messages.clientId, sql.placeholder('clientId')),
      ),
    )
    .prepare('messages_by_client_id');

  const firstSeqSincePrepared = db
    .select({ seq: sql<number | null>`min(${messages.seq})` })
    .from(messages)
    .where(
      and(
        eq(messages.groupId, sql.placeholder('groupId')),
        gte(messages.createdAt, sql.placeholder('joinedAt')),
      ),
    )
    .prepare('messages_first_seq_since');

  /**
   * A page's statement for each shape (which thread, whether bounded before or after), built on first use and kept:
   * the history page is the busiest read, and the order must stay in the SQL for the index to serve it.
   */
  function buildPage(shape: PageShape) {
    const conditions: SQL[] = [
      eq(messages.groupId, sql.placeholder('groupId')),
      gte(messages.seq, sql.placeholder('minSeq')),
    ];
    if (shape.thread === 'top') conditions.push(isNull(messages.threadId));
    if (shape.thread === 'one') conditions.push(eq(messages.threadId, sql.placeholder('threadId')));
    if (shape.before) conditions.push(lt(messages.seq, sql.placeholder('before')));
    if (shape.after) conditions.push(gt(messages.seq, sql.placeholder('after')));
    const name = `messages_page_${shape.thread}${shape.before ? '_before' : ''}${shape.after ? '_after' : ''}`;
    return select()
      .where(and(...conditions))
      .orderBy(shape.after ? asc(messages.seq) : desc(messages.seq))
      .limit(sql.placeholder('limit'))
      .prepare(name);
  }
  const pageStatement = preparedPerShape(
    (shape: PageShape) => `${shape.thread}:${shape.before}:${shape.after}`,
    buildPage,
  );

  return {
    transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
      return db.transaction((tx) => work(tx));
    },

    async lastSeq(groupId: string): Promise<number> {
      const [row] = await lastSeqPrepared.execute({ groupId });
      return row?.lastSeq ?? 0;
    },

    /** The first seq a member who joined at `joinedAt` may read when the group hides earlier history. */
    async firstSeqSince(groupId: string, joinedAt: Date): Promise<number> {
      // A placeholder is not bound to its column, so a Date would reach postgres.js unserialised: as text.
      const [row] = await firstSeqSincePrepared.execute({ groupId, joinedAt: joinedAt.toISOString() });
      if (row?.seq != null) return Number(row.seq);
      return (await this.lastSeq(groupId)) + 1;
    },

    async findByClientId(groupId: string, authorId: string, clientId: string, executor: Executor = db) {
      if (executor === db) {
        const [found] = await byClientIdPrepared.execute({ groupId, authorId, clientId });
        return found?.id;
      }
      const [row] = await executor
        .select({ id: messages.id })
        .from(messages)
        .where(
          and(
            eq(messages.groupId, groupId),
            eq(messages.authorId, authorId),
            eq(messages.clientId, clientId),
          ),
        );
      return row?.id;
    },

    /**
     * Posts a message in one statement (`spejl_post_message`, migration 0031): takes the group's next seq, inserts,
     * and moves the author's read position. A clientId the author sent before answers with that message's id and
     * `duplicate` (its seq taken back, so seqs stay without gaps). Inside a transaction when more is written with it.
     */
    async post(values: PostValues, executor: Executor = db): Promise<PostedMessage> {
      const mentions = sql`array[${sql.join(
        values.mentions.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`;
      const [row] = rowsOf<{ message_id: string; message_seq: string | number | null; duplicate: boolean }>(
        await executor.execute(sql`select * from spejl_post_message(
          ${values.groupId}::uuid, ${values.authorId}::uuid, ${values.clientId}, ${values.body},
          ${values.threadId}::uuid, ${mentions}, ${values.createdAt.toISOString()}::timestamptz,
          ${values.hiddenAt?.toISOString() ?? null}::timestamptz)`),
      );
      if (!row) throw new Error('spejl_post_message returned nothing');
      if (row.duplicate) return { duplicate: true, id: row.message_id };
      return { duplicate: false, id: row.message_id, seq: Number(row.message_seq) };
    },

    async findRow(id: string, executor: Executor = db): Promise<MessageRecord['row'] | undefined> {
      const [row] = await executor.select(columns).from(messages).where(eq(messages.id, id));
      return row;
    },

    async findRecords(ids: string[]): Promise<MessageRecord[]> {
      if (ids.length === 0) return [];
      const rows = await select().where(inArray(messages.id, ids));
      return withDetails(rows);
    },

    /** A page of messages, oldest to newest. */
    async page(options: {
      groupId: string;
      threadId: string | null;
      before?: number | undefined;
      after?: number | undefined;
      minSeq: number;
      limit: number;
      includeThreads?: boolean;
    }): Promise<MessageRecord[]> {
      const shape: PageShape = {
        thread: options.includeThreads ? 'all' : options.threadId === null ? 'top' : 'one',
        before: options.before !== undefined,
        after: options.after !== undefined,
      };
      const rows = await pageStatement(shape).execute({
        groupId: options.groupId,
        minSeq: options.minSeq,
        threadId: options.threadId,
        before: options.before,
        after: options.after,
        limit: options.limit,
      });
      const ascending = shape.after;
      if (!ascending) rows.reverse();
      return withDetails(rows);
    },

    /** Changes a message; deleting it (setting `deletedAt`) also takes its files off, for the sweep to remove. */
    async update(id: string, values: Partial<typeof messages.$inferInsert>, executor: Executor = db) {
      await executor.update(messages).set(values).where(eq(messages.id, id));
      if (values.deletedAt) await attachments.detach([id], executor);
    },

    async recordEdit(values: typeof messageEdits.$inferInsert, executor: Executor = db) {
      await executor.insert(messageEdits).values(values);
    },

    async edits(messageId: string) {
      return db
        .select()
        .from(messageEdits)
        .where(eq(messageEdits.messageId, messageId))
        .orderBy(asc(messageEdits.editedAt));
    },

    async bumpThread(rootId: string, at: Date, executor: Executor) {
      await executor
        .update(messages)
        .set({ replyCount: sql`${messages.replyCount} + 1`, lastReplyAt: at })
        .where(eq(messages.id, rootId));
    },

    async addReaction(messageId: string, userId: string, emoji: string, at: Date): Promise<boolean> {
      const rows = await db
        .insert(messageReactions)
        .values({ messageId, userId, emoji, createdAt: at })
        .onConflictDoNothing()
        .returning();
      return rows.length > 0;
    },

    async distinctEmojis(messageId: string): Promise<string[]> {
      const rows = await db
        .selectDistinct({ emoji: messageReactions.emoji })
        .from(messageReactions)
        .where(eq(messageReactions.messageId, messageId));
      return rows.map((row) => row.emoji);
    },

    async removeReaction(messageId: string, userId: string, emoji: string): Promise<boolean> {
      const rows = await db
        .delete(messageReactions)
        .where(
          and(
            eq(messageReactions.messageId, messageId),
            eq(messageReactions.userId, userId),
            eq(messageReactions.emoji, emoji),
          ),
        )
        .returning();
      return rows.length > 0;
    },

    /**
     * Danish and English full-text search in one group, newest first; also with spellings folded on both sides, so
     * "aarsmoedet" and "arsmode" find "Årsmødet".
     */
    async search(groupId: string, query: string, minSeq: number, limit: number): Promise<MessageRecord[]> {
      const matches = or(
        sql`${messages.search} @@ (websearch_to_tsquery('danish', ${query}) || websearch_to_tsquery('english', ${query}))`,
        sql`${messages.searchFolded} @@ websearch_to_tsquery('danish', ${looseDanish(query)})`,
      );
      const rows = await select()
        .where(
          and(
            eq(messages.groupId, groupId),
            gte(messages.seq, minSeq),
            isNull(messages.deletedAt),
            isNull(messages.hiddenAt),
            matches,
          ),
        )
        .orderBy(desc(messages.seq))
        .limit(limit);
      return withDetails(rows);
    },

    /** Moves a read position forward only. */
    async markRead(groupId: string, userId: string, seq: number, at: Date): Promise<void> {
      await db
        .insert(readPositions)
        .values({ groupId, userId, lastReadSeq: seq, updatedAt: at })
        .onConflictDoUpdate({
          target: [readPositions.groupId, readPositions.userId],
          set: { lastReadSeq: sql`greatest(${readPositions.lastReadSeq}, ${seq})`, updatedAt: at },
        });
    },

    async readPosition(groupId: string, userId: string): Promise<number> {
      const [row] = await db
        .select({ seq: readPositions.lastReadSeq })
        .from(readPositions)
        .where(and(eq(readPositions.groupId, groupId), eq(readPositions.userId, userId)));
      return row?.seq ?? 0;
    },
  };
}

export type MessagesRepository = ReturnType<typeof createMessagesRepository>;
