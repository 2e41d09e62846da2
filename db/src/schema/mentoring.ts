import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { groups } from './groups.ts';

const regionEnum = ['hovedstaden', 'sjaelland', 'syddanmark', 'midtjylland', 'nordjylland'] as const;
const genderEnum = ['female', 'male', 'other'] as const;

/**
 * A volunteer's mentor profile. Opt-in: a coordinator approves it once the mentor's training is recorded. The
 * mentor pauses themselves (`pausedByMentor`); a coordinator's pause (`pausedByCoordinatorAt`) lasts until a
 * coordinator approves again.
 */
export const mentorProfiles = pgTable('mentor_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Diagnosis groups the mentor knows from the inside. */
  groupIds: uuid('group_ids').array().notNull().default([]),
  relation: text('relation', { enum: ['own', 'child', 'sibling', 'other'] }).notNull(),
  childAgeYears: integer('child_age_years'),
  region: text('region', { enum: regionEnum }).notNull(),
  municipality: text('municipality'),
  languages: text('languages').array().notNull(),
  topics: text('topics').array().notNull(),
  capacity: integer('capacity').notNull(),
  gender: text('gender', { enum: genderEnum }),
  bio: text('bio'),
  /** What the mentor prefers to share (and not share) with a family. */
  shareNote: text('share_note'),
  pausedByMentor: boolean('paused_by_mentor').notNull().default(false),
  pausedByCoordinatorAt: timestamp('paused_by_coordinator_at', { withTimezone: true }),
  pauseReason: text('pause_reason'),
  trainingCompletedAt: timestamp('training_completed_at', { withTimezone: true }),
  trainingNote: text('training_note'),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A new family's request for a mentor. Seen only by the requester, coordinators and a proposed mentor; the
 * family's consent to that is recorded in `consentAt`.
 */
export const mentoringRequests = pgTable(
  'mentoring_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The diagnosis group, when the family has one; null for "no association / unknown". */
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'set null' }),
    diagnosisText: text('diagnosis_text'),
    childAgeYears: integer('child_age_years'),
    region: text('region', { enum: regionEnum }).notNull(),
    municipality: text('municipality'),
    languages: text('languages').array().notNull(),
    topics: text('topics').array().notNull(),
    inPerson: boolean('in_person').notNull().default(false),
    sameDiagnosisRequired: boolean('same_diagnosis_required').notNull().default(false),
    mentorGender: text('mentor_gender', { enum: ['female', 'male'] }),
    needs: text('needs'),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    status: text('status', {
      enum: ['requested', 'clarifying', 'proposed', 'active', 'closed', 'withdrawn'],
    })
      .notNull()
      .default('requested'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (table) => [
    index('mentoring_requests_status_idx').on(table.status, table.createdAt),
    index('mentoring_requests_requester_idx').on(table.requesterId),
  ],
);

/** The coordinator's notes from the needs-clarifying conversation. Coordinators only. */
export const mentoringNotes = pgTable(
  'mentoring_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => mentoringRequests.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('mentoring_notes_request_idx').on(table.requestId, table.createdAt)],
);

/**
 * A proposal of one mentor for one request and, once accepted, the mentorship itself. A request has at most one
 * proposed or active match at a time. `groupId` is the pair's private conversation.
 */
export const mentoringMatches = pgTable(
  'mentoring_matches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => mentoringRequests.id, { onDelete: 'cascade' }),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['proposed', 'declined', 'cancelled', 'active', 'closed'] })
      .notNull()
      .default('proposed'),
    /** The engine's score when proposed. */
    score: real('score'),
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    /** First contact the mentor recorded by hand (a phone call); a first message in the conversation also counts. */
    firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'set null' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'set null' }),
    closeReason: text('close_reason', {
      enum: ['goal_reached', 'no_contact', 'not_a_fit', 'moved_on', 'other'],
    }),
  },
  (table) => [
    uniqueIndex('mentoring_matches_open_key')
      .on(table.requestId)
      .where(sql`${table.status} in ('proposed', 'active')`),
    index('mentoring_matches_mentor_idx').on(table.mentorId, table.status),
    index('mentoring_matches_status_idx').on(table.status),
  ],
);

/** Short feedback from each side when a mentorship closes. */
export const mentoringFeedback = pgTable(
  'mentoring_feedback',
  {
    matchId: uuid('match_id')
      .notNull()
      .references(() => mentoringMatches.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    feedback: text('feedback'),
    doNotMatchAgain: boolean('do_not_match_again').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.matchId, table.userId] })],
);

/** "Don't match us again": the pair is never proposed to each other again, whichever side asked. */
export const mentoringBlocks = pgTable(
  'mentoring_blocks',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    blockedUserId: uuid('blocked_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.blockedUserId] })],
);

/** Answers to the 2- and 8-week check-ins (and any the pair give on their own). */
export const mentoringCheckIns = pgTable(
  'mentoring_check_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matchId: uuid('match_id')
      .notNull()
      .references(() => mentoringMatches.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    mood: text('mood', { enum: ['good', 'mixed', 'hard'] }).notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('mentoring_check_ins_match_idx').on(table.matchId, table.createdAt)],
);

/** What the lifecycle jobs have done, one row per match and kind, so a job that runs twice acts once. */
export const mentoringJobRuns = pgTable(
  'mentoring_job_runs',
  {
    matchId: uuid('match_id')
      .notNull()
      .references(() => mentoringMatches.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    ranAt: timestamp('ran_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.matchId, table.kind] })],
);

/** Matching settings an administrator can change; one row per key (`weights`). */
export const mentoringSettings = pgTable('mentoring_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<Record<string, number>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
});
