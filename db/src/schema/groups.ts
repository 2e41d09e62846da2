import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/** Patient associations (and the umbrella organisation) that own groups. */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
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
    kind: text('kind', { enum: ['diagnosis', 'network', 'subgroup'] }).notNull(),
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
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
  },
  (table) => [
    primaryKey({ columns: [table.groupId, table.userId] }),
    index('group_memberships_user_idx').on(table.userId),
  ],
);
