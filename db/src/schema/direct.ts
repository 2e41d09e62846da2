import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { groups } from './groups.ts';

/**
 * Direct conversations between two members. Each is a group of kind `direct` whose only members are the two, so the
 * chat works on it unchanged; this row says who they are, who asked and whether the other said yes. One row per
 * pair: the two ids in a canonical order (the smaller first). A deleted account leaves its id null, so the other
 * person keeps the history.
 */
export const directConversations = pgTable(
  'direct_conversations',
  {
    groupId: uuid('group_id')
      .primaryKey()
      .references(() => groups.id, { onDelete: 'cascade' }),
    firstUserId: uuid('first_user_id').references(() => users.id, { onDelete: 'set null' }),
    secondUserId: uuid('second_user_id').references(() => users.id, { onDelete: 'set null' }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['pending', 'accepted', 'declined'] })
      .notNull()
      .default('pending'),
    /** When the request's first message was written; until then the one who asks may write that one message. */
    firstMessageAt: timestamp('first_message_at', { withTimezone: true }),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('direct_conversations_pair_key').on(table.firstUserId, table.secondUserId),
    index('direct_conversations_second_idx').on(table.secondUserId),
    check('direct_conversations_status_check', sql`${table.status} in ('pending', 'accepted', 'declined')`),
    check('direct_conversations_order_check', sql`${table.firstUserId} < ${table.secondUserId}`),
  ],
);

/**
 * One person blocking another: no direct request either way, no more writing in their conversation. The blocked
 * person is never told.
 */
export const personBlocks = pgTable(
  'person_blocks',
  {
    blockerId: uuid('blocker_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    blockedId: uuid('blocked_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.blockerId, table.blockedId] }),
    index('person_blocks_blocked_idx').on(table.blockedId),
    check('person_blocks_self_check', sql`${table.blockerId} <> ${table.blockedId}`),
  ],
);
