import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { groups } from './groups.ts';
import { messages } from './messages.ts';

/** A helpline or contact shown to a member someone is worried about. */
export interface SupportResourceValue {
  name: string;
  phone?: string | undefined;
  url?: string | undefined;
  description?: string | undefined;
}

const flagReasons = [
  'spam',
  'harassment',
  'misinformation',
  'privacy',
  'self_harm',
  'illegal',
  'other',
] as const;
const actions = [
  'dismiss',
  'hide',
  'delete',
  'warn',
  'mute',
  'remove_member',
  'ban_member',
  'escalate',
  'suspend',
  'pause_mentor',
  'close_mentorship',
] as const;

/** A group's moderation settings; a group without a row has the defaults. */
export const moderationSettings = pgTable('moderation_settings', {
  groupId: uuid('group_id')
    .primaryKey()
    .references(() => groups.id, { onDelete: 'cascade' }),
  /** The score at which a flagged message is hidden pending review (a plain flag weighs about 1). */
  hideThreshold: real('hide_threshold').notNull().default(2),
  slowModeSeconds: integer('slow_mode_seconds').notNull().default(0),
  /** A member is "new" until they have this many messages in the group (0: no new-member rules). */
  newMemberMessageCount: integer('new_member_message_count').notNull().default(0),
  holdNewMemberMessages: boolean('hold_new_member_messages').notNull().default(false),
  newMemberLinkLimit: integer('new_member_link_limit'),
  /** Null: the platform's default helplines. */
  helplines: jsonb('helplines').$type<SupportResourceValue[] | null>(),
  contacts: jsonb('contacts').$type<SupportResourceValue[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
});

/** Watched words and patterns, for one group or (group null) the whole platform. */
export const moderationFilters = pgTable(
  'moderation_filters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['word', 'pattern'] }).notNull(),
    pattern: text('pattern').notNull(),
    action: text('action', { enum: ['block', 'hold', 'flag'] }).notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('moderation_filters_group_idx').on(table.groupId)],
);

/** A message in a review queue. One open item per message; a new one opens if it is flagged after a decision. */
export const moderationItems = pgTable(
  'moderation_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    /** The message's author. */
    subjectUserId: uuid('subject_user_id').references(() => users.id, { onDelete: 'set null' }),
    /**
     * `platform`: escalated, about a moderator, or illegal content; reviewed by platform admins. `mentoring`: from a
     * mentorship's private conversation; reviewed by coordinators.
     */
    queue: text('queue', { enum: ['group', 'platform', 'mentoring'] })
      .notNull()
      .default('group'),
    status: text('status', { enum: ['open', 'resolved'] })
      .notNull()
      .default('open'),
    source: text('source', { enum: ['flags', 'filter', 'new_member'] }).notNull(),
    score: real('score').notNull().default(0),
    urgent: boolean('urgent').notNull().default(false),
    claimedBy: uuid('claimed_by').references(() => users.id, { onDelete: 'set null' }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    /** The first claim or action, for the transparency report's time to first review. */
    firstReviewedAt: timestamp('first_reviewed_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolution: text('resolution', { enum: actions }),
    resolutionReason: text('resolution_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('moderation_items_open_message_key').on(table.messageId).where(sql`${table.status} = 'open'`),
    index('moderation_items_group_status_idx').on(table.groupId, table.status, table.createdAt),
    index('moderation_items_queue_status_idx').on(table.queue, table.status),
    index('moderation_items_subject_idx').on(table.subjectUserId),
    check('moderation_items_queue_check', sql`${table.queue} in ('group', 'platform', 'mentoring')`),
  ],
);

/** One member's report of a message (or an automatic one, from a filter). One open flag per person and message. */
export const moderationFlags = pgTable(
  'moderation_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => moderationItems.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    reporterId: uuid('reporter_id').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason', { enum: flagReasons }).notNull(),
    note: text('note'),
    weight: real('weight').notNull(),
    automatic: boolean('automatic').notNull().default(false),
    status: text('status', { enum: ['open', 'upheld', 'dismissed'] })
      .notNull()
      .default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('moderation_flags_open_key')
      .on(table.messageId, table.reporterId)
      .where(sql`${table.status} = 'open' and ${table.reporterId} is not null`),
    index('moderation_flags_item_idx').on(table.itemId),
    index('moderation_flags_reporter_idx').on(table.reporterId, table.createdAt),
  ],
);

/** Decisions about members: what was done, by whom, why, and for how long. Mutes and suspensions live here. */
export const moderationActions = pgTable(
  'moderation_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id').references(() => moderationItems.id, { onDelete: 'set null' }),
    /** Null for a platform action (suspension). */
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    targetUserId: uuid('target_user_id').references(() => users.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action', { enum: actions }).notNull(),
    reason: text('reason').notNull(),
    messageToUser: text('message_to_user'),
    durationHours: integer('duration_hours'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** Set when an appeal overturns the action (a mute or suspension stops at once). */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** A suspended member cannot sign in, so their appeal link carries a token; only its hash is kept. */
    appealTokenHash: text('appeal_token_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('moderation_actions_target_idx').on(table.targetUserId, table.groupId, table.action),
    index('moderation_actions_group_idx').on(table.groupId, table.createdAt),
    uniqueIndex('moderation_actions_appeal_token_key').on(table.appealTokenHash),
  ],
);

/** One appeal per action, decided by someone other than the moderator who acted. */
export const moderationAppeals = pgTable(
  'moderation_appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actionId: uuid('action_id')
      .notNull()
      .references(() => moderationActions.id, { onDelete: 'cascade' }),
    appellantId: uuid('appellant_id').references(() => users.id, { onDelete: 'set null' }),
    statement: text('statement').notNull(),
    status: text('status', { enum: ['open', 'upheld', 'overturned'] })
      .notNull()
      .default('open'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decisionReason: text('decision_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('moderation_appeals_action_key').on(table.actionId),
    index('moderation_appeals_status_idx').on(table.status, table.createdAt),
  ],
);

/**
 * The audit log: every moderation action, and (copied by a trigger) every membership event. Append-only: a trigger
 * refuses UPDATE, DELETE and TRUNCATE. Ids are plain uuids without foreign keys on purpose, so deleting a user or
 * group can never rewrite the record.
 */
export const moderationAuditLog = pgTable(
  'moderation_audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    groupId: uuid('group_id'),
    actorId: uuid('actor_id'),
    targetUserId: uuid('target_user_id'),
    itemId: uuid('item_id'),
    messageId: uuid('message_id'),
    action: text('action').notNull(),
    reason: text('reason'),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('moderation_audit_log_group_idx').on(table.groupId, table.seq),
    index('moderation_audit_log_created_idx').on(table.createdAt),
  ],
);
