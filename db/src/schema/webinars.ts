import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { groups, organisations } from './groups.ts';

/** A question the organiser asks everyone who registers (dietary needs, number of children). */
export interface WebinarQuestionDefinition {
  id: string;
  label: string;
  kind: 'text' | 'number' | 'choice';
  required: boolean;
  options?: string[];
}

/**
 * Webinars and in-person or hybrid events. The audience is one group (`groupId`), one association
 * (`organisationId`: members of any of its groups), or every member (both null). Times are UTC.
 */
export const webinars = pgTable(
  'webinars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    speakers: text('speakers').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** Null: no limit. */
    capacity: integer('capacity'),
    registrationDeadline: timestamp('registration_deadline', { withTimezone: true }),
    mode: text('mode', { enum: ['online', 'in_person', 'hybrid'] }).notNull(),
    location: text('location'),
    questions: jsonb('questions').$type<WebinarQuestionDefinition[]>().notNull().default([]),
    /** The recording link and materials, sent in the follow-up and shown on the event page. */
    recordingUrl: text('recording_url'),
    materials: text('materials').notNull().default(''),
    status: text('status', { enum: ['scheduled', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    cancelReason: text('cancel_reason'),
    /** iCalendar SEQUENCE: bumped on every change a calendar shows (time, place, title, cancellation). */
    sequence: integer('sequence').notNull().default(0),
    /** The live room: a lobby until a host opens it; closed when a host ends it. */
    roomStatus: text('room_status', { enum: ['lobby', 'open', 'closed'] })
      .notNull()
      .default('lobby'),
    chatPolicy: text('chat_policy', { enum: ['everyone', 'hosts', 'off'] })
      .notNull()
      .default('everyone'),
    roomOpenedAt: timestamp('room_opened_at', { withTimezone: true }),
    roomClosedAt: timestamp('room_closed_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (table) => [
    index('webinars_starts_idx').on(table.startsAt),
    index('webinars_group_idx').on(table.groupId, table.startsAt),
    index('webinars_organisation_idx').on(table.organisationId, table.startsAt),
  ],
);

/** Hosts and presenters the organiser chose. Managers of the event are hosts in the room without a row here. */
export const webinarStaff = pgTable(
  'webinar_staff',
  {
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['host', 'presenter'] }).notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.webinarId, table.userId] }),
    index('webinar_staff_user_idx').on(table.userId),
  ],
);

/**
 * One row per person and event. Seats are taken by `registered` and `offered` rows; `waitlisted` rows wait in
 * `queuedAt` order. An offer is a seat held for 24 hours for the first person on the waitlist.
 */
export const webinarRegistrations = pgTable(
  'webinar_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['registered', 'waitlisted', 'offered', 'cancelled'] }).notNull(),
    answers: jsonb('answers').$type<Record<string, string | number>>().notNull().default({}),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason', { enum: ['self', 'offer_expired', 'event_cancelled'] }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('webinar_registrations_person_key').on(table.webinarId, table.userId),
    index('webinar_registrations_status_idx').on(table.webinarId, table.status, table.queuedAt),
    index('webinar_registrations_user_idx').on(table.userId),
  ],
);

/**
 * What the reminder and follow-up jobs sent: one row per event, person, kind and start time. The job inserts
 * the row before it sends, so a job that runs twice (a retry, a restart) never sends twice.
 */
export const webinarDeliveries = pgTable(
  'webinar_deliveries',
  {
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['reminder_day', 'reminder_hour', 'followup'] }).notNull(),
    /** The start time the reminder was about; a rescheduled event reminds again about its new time. */
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.webinarId, table.userId, table.kind, table.startsAt] })],
);

/** A private calendar feed per person. Only the SHA-256 of the token is stored; revoking deletes the row. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('calendar_feeds_token_key').on(table.tokenHash)],
);

/** The live room's chat. Kept so late joiners and other nodes see the same conversation. */
export const webinarChatMessages = pgTable(
  'webinar_chat_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The author's role when they wrote it, so hosts stay marked in the history. */
    role: text('role', { enum: ['host', 'presenter', 'attendee'] }).notNull(),
    clientId: text('client_id').notNull(),
    /** Emptied when the message is deleted (by its author or a host); the row stays so the seq order does. */
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** Who deleted it: the author, or the host who took it down. */
    deletedBy: uuid('deleted_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [
    index('webinar_chat_room_idx').on(table.webinarId, table.seq),
    uniqueIndex('webinar_chat_client_key').on(table.webinarId, table.userId, table.clientId),
  ],
);

/** Q&A: questions attendees ask, optionally anonymous to other attendees (hosts always see who asked). */
export const webinarQuestions = pgTable(
  'webinar_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    clientId: text('client_id').notNull(),
    body: text('body').notNull(),
    anonymous: boolean('anonymous').notNull().default(false),
    status: text('status', { enum: ['open', 'answered', 'dismissed'] })
      .notNull()
      .default('open'),
    votes: integer('votes').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (table) => [
    index('webinar_questions_room_idx').on(table.webinarId, table.createdAt),
    uniqueIndex('webinar_questions_client_key').on(table.webinarId, table.userId, table.clientId),
  ],
);

export const webinarQuestionVotes = pgTable(
  'webinar_question_votes',
  {
    questionId: uuid('question_id')
      .notNull()
      .references(() => webinarQuestions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.questionId, table.userId] })],
);

/** The raise-hand queue. `invitedAt` is set when a host invites the person to speak. Lowering deletes the row. */
export const webinarHands = pgTable(
  'webinar_hands',
  {
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    invitedAt: timestamp('invited_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.webinarId, table.userId] })],
);

/** Polls in the room. Results are shown to attendees only when a host decides (`resultsVisible`). */
export const webinarPolls = pgTable(
  'webinar_polls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    question: text('question').notNull(),
    kind: text('kind', { enum: ['single', 'multiple'] }).notNull(),
    options: jsonb('options').$type<Array<{ id: string; label: string }>>().notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    resultsVisible: boolean('results_visible').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (table) => [index('webinar_polls_room_idx').on(table.webinarId, table.createdAt)],
);

export const webinarPollVotes = pgTable(
  'webinar_poll_votes',
  {
    pollId: uuid('poll_id')
      .notNull()
      .references(() => webinarPolls.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    optionIds: text('option_ids').array().notNull(),
    votedAt: timestamp('voted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.pollId, table.userId] })],
);

/**
 * Attendance: one row per stay in the room (join to leave). `lastSeenAt` is refreshed while the person is there,
 * so a node that crashes leaves a stay that ends at its last sign of life instead of never.
 */
export const webinarAttendance = pgTable(
  'webinar_attendance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['host', 'presenter', 'attendee'] }).notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (table) => [
    index('webinar_attendance_room_idx').on(table.webinarId, table.userId),
    index('webinar_attendance_open_idx').on(table.webinarId).where(sql`${table.leftAt} is null`),
  ],
);

/** People a host removed from the room; they cannot come back in. */
export const webinarRemovals = pgTable(
  'webinar_removals',
  {
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    removedBy: uuid('removed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.webinarId, table.userId] })],
);
