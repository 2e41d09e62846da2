import {
  defaultNotificationChannels,
  digestFrequencies,
  type NotificationChannels,
} from '@spejl/shared/notification-types';
import { looseDanishSql } from '@spejl/shared/search-fold';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { groups } from './groups.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Messages in a group's chat. `seq` numbers a group's messages 1, 2, 3… without gaps (allocated from
 * `group_sequences` in the inserting transaction), so a client can resume from the last one it saw.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** Null once the author's account is deleted and the message anonymised. */
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** The sender's own id for the message, so a retried send never makes a duplicate. */
    clientId: text('client_id').notNull(),
    body: text('body').notNull(),
    /** The thread's first message, for replies; null for messages in the main stream. */
    threadId: uuid('thread_id'),
    replyCount: integer('reply_count').notNull().default(0),
    lastReplyAt: timestamp('last_reply_at', { withTimezone: true }),
    mentions: uuid('mentions').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => users.id, { onDelete: 'set null' }),
    /** Set by moderation while a flagged message waits for review. */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('danish'::regconfig, body) || to_tsvector('english'::regconfig, body)`,
    ),
    /** The Danish words once more with spellings folded (shared/src/search-fold.ts): "aarsmoedet" finds "årsmødet". */
    searchFolded: tsvector('search_folded').generatedAlwaysAs(
      sql.raw(`to_tsvector('danish'::regconfig, ${looseDanishSql('body')})`),
    ),
  },
  (table) => [
    uniqueIndex('messages_group_seq_key').on(table.groupId, table.seq),
    uniqueIndex('messages_client_key').on(table.groupId, table.authorId, table.clientId),
    index('messages_thread_idx').on(table.threadId, table.seq),
    index('messages_search_idx').using('gin', table.search),
    index('messages_search_folded_idx').using('gin', table.searchFolded),
  ],
);

/** The last `seq` handed out per group. The row lock serialises senders, which is what makes seq gapless. */
export const groupSequences = pgTable('group_sequences', {
  groupId: uuid('group_id')
    .primaryKey()
    .references(() => groups.id, { onDelete: 'cascade' }),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
});

/** Earlier versions of edited messages, for moderators. */
export const messageEdits = pgTable(
  'message_edits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    previousBody: text('previous_body').notNull(),
    editedBy: uuid('edited_by').references(() => users.id, { onDelete: 'set null' }),
    editedAt: timestamp('edited_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('message_edits_message_idx').on(table.messageId, table.editedAt)],
);

export const messageReactions = pgTable(
  'message_reactions',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    emoji: text('emoji').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.messageId, table.userId, table.emoji] })],
);

/** How far each member has read in each group. */
export const readPositions = pgTable(
  'read_positions',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastReadSeq: bigint('last_read_seq', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.groupId, table.userId] })],
);

/** Per-user choices about what others see and what is mailed. */
export const userPreferences = pgTable('user_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  hidePresence: boolean('hide_presence').notNull().default(false),
  readReceipts: boolean('read_receipts').notNull().default(true),
  /** Others who share a group may ask to write directly; off until the person turns it on. */
  directMessages: boolean('direct_messages').notNull().default(false),
  /** Per kind of notification, push and/or mail (`defaultNotificationChannels` in shared says the same). */
  notificationChannels: jsonb('notification_channels')
    .$type<NotificationChannels>()
    .notNull()
    .default(defaultNotificationChannels),
  /** Unread activity gathered in one mail: off, daily or weekly. */
  digest: text('digest', { enum: digestFrequencies }).notNull().default('off'),
  /** When the digest was turned on: the first one covers only what came after. */
  digestSince: timestamp('digest_since', { withTimezone: true }),
  /** Quiet hours for push, as minutes after local midnight; both null when the person has none. */
  quietHoursStart: smallint('quiet_hours_start'),
  quietHoursEnd: smallint('quiet_hours_end'),
  timeZone: text('time_zone').notNull().default('Europe/Copenhagen'),
  /** Push names who wrote and where on the lock screen, instead of only "new activity". */
  pushPreviews: boolean('push_previews').notNull().default(false),
});
