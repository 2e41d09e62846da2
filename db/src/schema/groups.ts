import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/** Patient associations (and the umbrella organisation) that own groups. */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    /** The short form families know the association by ("LEV", "DHF"). */
    shortName: text('short_name'),
    /** An https address, checked by the associations module. */
    website: text('website'),
    contactEmail: text('contact_email'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Archived associations are hidden from the administration's default list; their groups keep working. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('organisations_slug_key').on(table.slug)],
);

/**
 * Groups: one per diagnosis group, one for Sjældne-netværket, and sub-groups inside them. A hidden group is
 * invisible to non-members everywhere.
 */
export const groups = pgTable(
  'groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind', { enum: ['diagnosis', 'network', 'subgroup', 'mentorship', 'direct'] }).notNull(),
    visibility: text('visibility', { enum: ['listed', 'hidden'] })
      .notNull()
      .default('listed'),
    joinPolicy: text('join_policy', { enum: ['request', 'invite'] })
      .notNull()
      .default('request'),
    /** Diagnosis names, synonyms and codes (ICD-10, ORPHA) used by search. */
    diagnosisTerms: text('diagnosis_terms').array().notNull().default([]),
    /** Whether new members can read messages from before they joined. */
    historyVisibleToNewMembers: boolean('history_visible_to_new_members').notNull().default(true),
    /** Whether members may ask each other for direct messages through this group (a youth group forbids it). */
    directMessagesAllowed: boolean('direct_messages_allowed').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    /** Set when posting stops (a closed mentorship): members still read the history, nobody writes. */
    readOnlyAt: timestamp('read_only_at', { withTimezone: true }),
    /**
     * How many members, and how many pending join requests: kept by triggers on `group_memberships` and
     * `group_join_requests` (migration 0030), so reading a group or a list costs no count. Never written by the app.
     */
    memberCount: integer('member_count').notNull().default(0),
    pendingCount: integer('pending_count').notNull().default(0),
  },
  (table) => [uniqueIndex('groups_slug_key').on(table.slug), index('groups_parent_idx').on(table.parentId)],
);

/** Who belongs to which group, and with which role. */
export const groupMemberships = pgTable(
  'group_memberships',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['member', 'moderator', 'owner'] })
      .notNull()
      .default('member'),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    /** The member's name inside this group (a pseudonym is fine); null shows the account's display name. */
    profileName: text('profile_name'),
    bio: text('bio'),
    familyRole: text('family_role', {
      enum: ['parent', 'person_with_diagnosis', 'sibling', 'grandparent', 'professional', 'other'],
    }),
    /** The member muted the group: left out of their digests and of the unread badge; mentions still reach them. */
    mutedAt: timestamp('muted_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.groupId, table.userId] }),
    index('group_memberships_user_idx').on(table.userId),
  ],
);

/** Requests to join a group; moderators approve or decline them. One pending request per person and group. */
export const groupJoinRequests = pgTable(
  'group_join_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    message: text('message'),
    status: text('status', { enum: ['pending', 'approved', 'declined', 'withdrawn'] })
      .notNull()
      .default('pending'),
    reason: text('reason'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('group_join_requests_pending_key')
      .on(table.groupId, table.userId)
      .where(sql`${table.status} = 'pending'`),
    index('group_join_requests_group_status_idx').on(table.groupId, table.status, table.createdAt),
    index('group_join_requests_user_idx').on(table.userId),
  ],
);

/** People who may not ask to join (or be invited to) a group again, until a moderator lifts it. */
export const groupBlocks = pgTable(
  'group_blocks',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    blockedBy: uuid('blocked_by').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.groupId, table.userId] })],
);

/** Invite links. Only the SHA-256 of the code is stored; the code is shown once, when created. */
export const groupInvites = pgTable(
  'group_invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    codeHint: text('code_hint').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    maxUses: integer('max_uses'),
    uses: integer('uses').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('group_invites_code_hash_key').on(table.codeHash),
    index('group_invites_group_idx').on(table.groupId, table.createdAt),
  ],
);

/** The record of every membership change: who, when, by whom, and why. Never updated. */
export const groupMembershipEvents = pgTable(
  'group_membership_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Orders events that share a timestamp (several in one transaction). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    fromRole: text('from_role', { enum: ['member', 'moderator', 'owner'] }),
    toRole: text('to_role', { enum: ['member', 'moderator', 'owner'] }),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('group_membership_events_group_idx').on(table.groupId, table.seq),
    index('group_membership_events_user_idx').on(table.userId),
  ],
);
