import {
  enrolmentStatuses,
  evaluationPhases,
  programmeCompletions,
  programmeOpenRules,
  programmeStatuses,
  programmeStepKinds,
  type EvaluationQuestion,
} from '@spejl/shared/programmes-values';
import { sql } from 'drizzle-orm';
import {
  check,
  date,
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
import { resources } from './resources.ts';
import { webinars } from './webinars.ts';

const inList = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));

/**
 * The new-family programme (issue 21): an ordered set of steps a coordinator writes, run for a cohort or taken alone,
 * ending in a group the families keep. Open to families with or without an association.
 */
export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** The coordinator who wrote it; null once their account is deleted. */
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    associationId: uuid('association_id').references(() => organisations.id, { onDelete: 'set null' }),
    /** The group the families keep when the programme ends. */
    finalGroupId: uuid('final_group_id').references(() => groups.id, { onDelete: 'set null' }),
    status: text('status', { enum: programmeStatuses }).notNull().default('draft'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('programmes_status_idx').on(table.status),
    check('programmes_status_check', sql`${table.status} in (${inList(programmeStatuses)})`),
  ],
);

/**
 * One step. What it points to depends on its kind: `group_id` (join_group), the meeting's place and time (meeting,
 * with an optional event in `webinar_id` whose attendance counts), resources and webinars in the two tables below.
 * `opens_after_days` goes with `days_after_enrolling`, `opens_on` with `on_date`.
 */
export const programmeSteps = pgTable(
  'programme_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: programmeStepKinds }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    completion: text('completion', { enum: programmeCompletions }).notNull(),
    opensRule: text('opens_rule', { enum: programmeOpenRules }).notNull().default('after_previous'),
    opensAfterDays: integer('opens_after_days'),
    opensOn: date('opens_on', { mode: 'string' }),
    /** Open this many days without being done: overdue, and the family gets a reminder. */
    dueAfterDays: integer('due_after_days').notNull().default(7),
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'set null' }),
    place: text('place'),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    webinarId: uuid('webinar_id').references(() => webinars.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('programme_steps_programme_idx').on(table.programmeId, table.position),
    check('programme_steps_kind_check', sql`${table.kind} in (${inList(programmeStepKinds)})`),
    check('programme_steps_completion_check', sql`${table.completion} in (${inList(programmeCompletions)})`),
    check('programme_steps_opens_rule_check', sql`${table.opensRule} in (${inList(programmeOpenRules)})`),
    check(
      'programme_steps_opening_check',
      sql`(${table.opensRule} <> 'days_after_enrolling' or ${table.opensAfterDays} is not null) and (${table.opensRule} <> 'on_date' or ${table.opensOn} is not null)`,
    ),
    check('programme_steps_due_check', sql`${table.dueAfterDays} > 0`),
  ],
);

/** The kit's resources a `read` step asks the family to read, in order. */
export const programmeStepResources = pgTable(
  'programme_step_resources',
  {
    stepId: uuid('step_id')
      .notNull()
      .references(() => programmeSteps.id, { onDelete: 'cascade' }),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => resources.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (table) => [primaryKey({ columns: [table.stepId, table.resourceId] })],
);

/** The webinars an `attend_webinar` step offers; attending any one of them counts. */
export const programmeStepWebinars = pgTable(
  'programme_step_webinars',
  {
    stepId: uuid('step_id')
      .notNull()
      .references(() => programmeSteps.id, { onDelete: 'cascade' }),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (table) => [primaryKey({ columns: [table.stepId, table.webinarId] })],
);

/** A group of families a coordinator takes through the programme together, from a start day. */
export const programmeCohorts = pgTable(
  'programme_cohorts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    coordinatorId: uuid('coordinator_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('programme_cohorts_programme_idx').on(table.programmeId, table.startsOn)],
);

/**
 * A family in a programme: one per person and programme. `starts_at` is day 0 for steps that open some days in (the
 * later of enrolling and the cohort's start). The family label is how the family names itself; never health details.
 */
export const programmeEnrolments = pgTable(
  'programme_enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    cohortId: uuid('cohort_id').references(() => programmeCohorts.id, { onDelete: 'set null' }),
    associationId: uuid('association_id').references(() => organisations.id, { onDelete: 'set null' }),
    familyLabel: text('family_label'),
    status: text('status', { enum: enrolmentStatuses }).notNull().default('active'),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    leftAt: timestamp('left_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('programme_enrolments_person_key').on(table.programmeId, table.userId),
    index('programme_enrolments_user_idx').on(table.userId),
    check('programme_enrolments_status_check', sql`${table.status} in (${inList(enrolmentStatuses)})`),
  ],
);

/** A step done by a family: when, and how it counted (ticked, read, from the attendance record, or confirmed). */
export const programmeProgress = pgTable(
  'programme_progress',
  {
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => programmeEnrolments.id, { onDelete: 'cascade' }),
    stepId: uuid('step_id')
      .notNull()
      .references(() => programmeSteps.id, { onDelete: 'cascade' }),
    doneAt: timestamp('done_at', { withTimezone: true }).notNull(),
    how: text('how', { enum: programmeCompletions }).notNull(),
    confirmedBy: uuid('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [
    primaryKey({ columns: [table.enrolmentId, table.stepId] }),
    check('programme_progress_how_check', sql`${table.how} in (${inList(programmeCompletions)})`),
  ],
);

/** Reminders sent, one row per enrolment, step and kind, so a reminder job that runs twice sends once. */
export const programmeReminders = pgTable(
  'programme_reminders',
  {
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => programmeEnrolments.id, { onDelete: 'cascade' }),
    stepId: uuid('step_id')
      .notNull()
      .references(() => programmeSteps.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.enrolmentId, table.stepId, table.kind] })],
);

/** A family's short questionnaire in one phase: fixed questions answered 1–5, and an optional comment. */
export const programmeEvaluations = pgTable(
  'programme_evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => programmeEnrolments.id, { onDelete: 'cascade' }),
    phase: text('phase', { enum: evaluationPhases }).notNull(),
    answers: jsonb('answers').$type<Record<EvaluationQuestion, number>>().notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('programme_evaluations_phase_key').on(table.enrolmentId, table.phase),
    index('programme_evaluations_programme_idx').on(table.programmeId, table.phase),
    check('programme_evaluations_phase_check', sql`${table.phase} in (${inList(evaluationPhases)})`),
  ],
);
