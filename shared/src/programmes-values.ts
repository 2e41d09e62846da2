// No zod here: the database schema, the server and the web import these values directly.
import { mentoringLimits } from './mentoring-values.ts';

/** Where a programme is: being written (coordinators only), open for families, or closed to new families. */
export const programmeStatuses = ['draft', 'open', 'closed'] as const;
export type ProgrammeStatus = (typeof programmeStatuses)[number];

/**
 * What a step asks of the family: read some resources from the kit, join a group, attend webinars online, come to a
 * meeting in person (the whole family), or meet a mentor (the mentoring module's request and match).
 */
export const programmeStepKinds = ['read', 'join_group', 'attend_webinar', 'meeting', 'meet_mentor'] as const;
export type ProgrammeStepKind = (typeof programmeStepKinds)[number];

/**
 * How a step counts as done: the family read the resources, the family ticked it, the webinars' attendance record
 * shows them in the room, or a coordinator confirmed it.
 */
export const programmeCompletions = ['read', 'marked_done', 'attended', 'confirmed'] as const;
export type ProgrammeCompletion = (typeof programmeCompletions)[number];

/** Which ways of counting as done fit each kind of step (the first is the default). */
export const completionsOfKind: Record<ProgrammeStepKind, readonly ProgrammeCompletion[]> = {
  read: ['read', 'marked_done'],
  join_group: ['marked_done', 'confirmed'],
  attend_webinar: ['attended', 'confirmed', 'marked_done'],
  meeting: ['confirmed', 'attended', 'marked_done'],
  meet_mentor: ['confirmed', 'marked_done'],
};

/** The completions the family records itself (`POST …/steps/:stepId/done`). */
export const familyCompletions: readonly ProgrammeCompletion[] = ['read', 'marked_done'];

/** When a step opens: at once, once the step before is done, some days after the family's start, or on a date. */
export const programmeOpenRules = ['at_once', 'after_previous', 'days_after_enrolling', 'on_date'] as const;
export type ProgrammeOpenRule = (typeof programmeOpenRules)[number];

/** Where a family is in a programme. */
export const enrolmentStatuses = ['active', 'paused', 'left', 'completed'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

/** A step as one family sees it (and as the coordinator's matrix shows it). */
export const stepStates = ['done', 'open', 'overdue', 'locked'] as const;
export type StepState = (typeof stepStates)[number];

/** The three short questionnaires: at enrolment, at completion, and some months later. */
export const evaluationPhases = ['before', 'after', 'follow_up'] as const;
export type EvaluationPhase = (typeof evaluationPhases)[number];

/**
 * The fixed questions, each answered 1 (not at all) to 5 (fully), the same in every phase so the answers can be
 * compared: what the umbrella organisation's model of empowerment asks of a course.
 */
export const evaluationQuestions = ['knowledge', 'rights', 'network', 'everyday', 'support'] as const;
export type EvaluationQuestion = (typeof evaluationQuestions)[number];

export const programmeLimits = {
  titleMax: 120,
  summaryMax: 1000,
  stepTitleMax: 120,
  stepDescriptionMax: 2000,
  placeMax: 200,
  cohortNameMax: 80,
  familyLabelMax: 60,
  commentMax: 1000,
  stepsMax: 30,
  resourcesPerStepMax: 20,
  webinarsPerStepMax: 10,
  daysMax: 730,
  /** A step open this many days without being done is overdue, and the family gets one reminder. */
  defaultDueAfterDays: 7,
  /** The follow-up questionnaire opens this many days after completing. */
  followUpAfterDays: 90,
  /** The mentoring rule the mentor step carries: the mentor makes first contact within 48 hours of accepting. */
  firstContactHours: mentoringLimits.firstContactHours,
  requestBytes: 32 * 1024,
} as const;
