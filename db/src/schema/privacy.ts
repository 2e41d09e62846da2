import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { groups } from './groups.ts';

/**
 * Every time someone with a role (moderator, coordinator, admin) opens personal data that is not theirs: who, whose,
 * what and why. The person it is about can read their records. Append-only: nothing updates or deletes a row
 * except the deletion of the account it is about.
 */
export const accessRecords = pgTable(
  'access_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Null once the person who looked has deleted their account; the record stays for the subject. */
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorRole: text('actor_role').notNull(),
    /** What was opened, such as `group.join_requests` or `message.edits`. */
    kind: text('kind').notNull(),
    /** Why: the action that needed it, such as reviewing a join request. */
    reason: text('reason').notNull(),
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'set null' }),
    resourceId: text('resource_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('access_records_subject_idx').on(table.subjectId, table.createdAt)],
);

/**
 * An account deletion in progress. It holds no personal data: the durable sweep that finishes the deletion finds
 * what is left (mails in the outbox) by the SHA-256 of the address.
 */
export const accountDeletions = pgTable('account_deletions', {
  id: uuid('id').primaryKey().defaultRandom(),
  emailHash: text('email_hash').notNull(),
  messages: text('messages', { enum: ['anonymise', 'delete'] }).notNull(),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
});

/** A prepared export archive, offered once by a link whose token is stored only as a hash. */
export const dataExports = pgTable(
  'data_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['preparing', 'ready', 'downloaded', 'expired'] }).notNull(),
    tokenHash: text('token_hash'),
    archive: jsonb('archive'),
    sizeBytes: integer('size_bytes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (table) => [index('data_exports_user_idx').on(table.userId)],
);

/** Platform-wide retention rules (one row per rule), set by admins. */
export const retentionSettings = pgTable('retention_settings', {
  key: text('key', {
    enum: ['message_months', 'declined_request_days', 'inactive_account_years', 'outbox_days'],
  }).primaryKey(),
  /** Null turns the rule off. */
  value: integer('value'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
});

/** A group's own retention rule, stricter or looser than the platform's (owners and admins set it). */
export const groupRetention = pgTable(
  'group_retention',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    /** Delete messages older than this many months; null keeps them. */
    messageMonths: integer('message_months'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.groupId] })],
);

/** Warnings sent before an inactive account is deleted, so each is sent once. */
export const inactivityWarnings = pgTable('inactivity_warnings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  warnedAt: timestamp('warned_at', { withTimezone: true }).notNull(),
  deleteAfter: timestamp('delete_after', { withTimezone: true }).notNull(),
});
