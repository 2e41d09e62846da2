import { z } from 'zod';
import { id, isoDate, listOf, listQuery } from './common.ts';
import { matchStatuses, requestStatuses } from './mentoring-values.ts';
import {
  completionsOfKind,
  enrolmentStatuses,
  evaluationPhases,
  evaluationQuestions,
  programmeCompletions,
  programmeLimits,
  programmeStatuses,
  programmeStepKinds,
  stepStates,
} from './programmes-values.ts';

export * from './programmes-values.ts';

/** A calendar day, YYYY-MM-DD. */
const day = z.iso.date();
const title = z.string().trim().min(1).max(programmeLimits.titleMax);
const summary = z.string().trim().max(programmeLimits.summaryMax);
const stepTitle = z.string().trim().min(1).max(programmeLimits.stepTitleMax);
const stepDescription = z.string().trim().max(programmeLimits.stepDescriptionMax);
const days = z.number().int().min(0).max(programmeLimits.daysMax);
const uniqueIds = (max: number) =>
  z
    .array(id)
    .max(max)
    .refine((list) => new Set(list).size === list.length, { message: 'duplicate' });

export const programmeParams = z.object({ id });
export const programmeStepParams = z.object({ id, stepId: id });
export const enrolmentParams = z.object({ id, enrolmentId: id });
export const enrolmentStepParams = z.object({ id, enrolmentId: id, stepId: id });

/** When a step opens. `days` for `days_after_enrolling`, `date` for `on_date`. */
export const stepOpening = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('at_once') }),
  z.strictObject({ rule: z.literal('after_previous') }),
  z.strictObject({ rule: z.literal('days_after_enrolling'), days }),
  z.strictObject({ rule: z.literal('on_date'), date: day }),
]);
export type StepOpening = z.infer<typeof stepOpening>;

/** A meeting in person, for the whole family; it may be one of the webinars and events (then attendance counts). */
const meetingInput = z.strictObject({
  place: z.string().trim().min(1).max(programmeLimits.placeMax),
  startsAt: isoDate,
  webinarId: id.optional(),
});

/** The fields every kind of step has. */
const stepCommon = {
  title: stepTitle,
  description: stepDescription.optional(),
  completion: z.enum(programmeCompletions).optional(),
  opens: stepOpening.optional(),
  dueAfterDays: z.number().int().min(1).max(programmeLimits.daysMax).optional(),
};

/** `POST /api/programmes/:id/steps`: one step, of a known kind, with what that kind needs. */
export const createStepBody = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('read'),
      ...stepCommon,
      resourceIds: uniqueIds(programmeLimits.resourcesPerStepMax).default([]),
    }),
    z.strictObject({ kind: z.literal('join_group'), ...stepCommon, groupId: id }),
    z.strictObject({
      kind: z.literal('attend_webinar'),
      ...stepCommon,
      webinarIds: uniqueIds(programmeLimits.webinarsPerStepMax).min(1),
    }),
    z.strictObject({ kind: z.literal('meeting'), ...stepCommon, meeting: meetingInput }),
    z.strictObject({ kind: z.literal('meet_mentor'), ...stepCommon }),
  ])
  .refine((step) => !step.completion || completionsOfKind[step.kind].includes(step.completion), {
    message: 'completion_not_for_kind',
    path: ['completion'],
  })
  .refine((step) => step.kind !== 'meeting' || step.completion !== 'attended' || !!step.meeting.webinarId, {
    message: 'attendance_needs_webinar',
    path: ['completion'],
  });
export type CreateStepBody = z.infer<typeof createStepBody>;

/** `PATCH …/steps/:stepId`: any of the common fields, the kind's own fields, and a new place in the order. */
export const updateStepBody = z
  .strictObject({
    title: stepTitle.optional(),
    description: stepDescription.optional(),
    completion: z.enum(programmeCompletions).optional(),
    opens: stepOpening.optional(),
    dueAfterDays: z.number().int().min(1).max(programmeLimits.daysMax).optional(),
    resourceIds: uniqueIds(programmeLimits.resourcesPerStepMax).optional(),
    groupId: id.optional(),
    webinarIds: uniqueIds(programmeLimits.webinarsPerStepMax).min(1).optional(),
    meeting: meetingInput.optional(),
    /** 0-based place among the steps. */
    position: z.number().int().min(0).max(programmeLimits.stepsMax).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'empty' });
export type UpdateStepBody = z.infer<typeof updateStepBody>;

/** `POST /api/programmes` (coordinators). */
export const createProgrammeBody = z.strictObject({
  title,
  summary: summary.default(''),
  associationId: id.nullable().optional(),
  /** The group the families keep when the programme ends. */
  finalGroupId: id.nullable().optional(),
});
export type CreateProgrammeBody = z.infer<typeof createProgrammeBody>;

/** `PATCH /api/programmes/:id`. */
export const updateProgrammeBody = z
  .strictObject({
    title: title.optional(),
    summary: summary.optional(),
    associationId: id.nullable().optional(),
    finalGroupId: id.nullable().optional(),
    status: z.enum(programmeStatuses).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'empty' });
export type UpdateProgrammeBody = z.infer<typeof updateProgrammeBody>;

/** `POST /api/programmes/:id/cohorts`: a coordinator runs the programme for a cohort starting on a day. */
export const createCohortBody = z.strictObject({
  name: z.string().trim().min(1).max(programmeLimits.cohortNameMax),
  startsOn: day,
});

/** `POST /api/programmes/:id/enrolments`: alone (no cohort) or in a cohort; with or without an association. */
export const enrolBody = z.strictObject({
  cohortId: id.optional(),
  associationId: id.optional(),
  /** How the family names itself to the coordinator ("Familien i Vejle"); never anything about health. */
  familyLabel: z.string().trim().min(1).max(programmeLimits.familyLabelMax).optional(),
});

/** `POST /api/programmes/:id/evaluations`: one questionnaire per phase, every fixed question answered 1–5. */
export const evaluationBody = z.strictObject({
  phase: z.enum(evaluationPhases),
  answers: z.strictObject(
    Object.fromEntries(
      evaluationQuestions.map((question) => [question, z.number().int().min(1).max(5)]),
    ) as Record<(typeof evaluationQuestions)[number], z.ZodNumber>,
  ),
  comment: z.string().trim().max(programmeLimits.commentMax).optional(),
});
export type EvaluationBody = z.infer<typeof evaluationBody>;

export const programmeListQuery = listQuery.extend({ status: z.enum(programmeStatuses).optional() });

const groupRef = z.object({ id: z.string(), name: z.string() });

/** One step as anyone who may see the programme sees it. */
export const programmeStep = z
  .object({
    id: z.string(),
    position: z.number().int(),
    kind: z.enum(programmeStepKinds),
    title: z.string(),
    description: z.string(),
    completion: z.enum(programmeCompletions),
    opens: stepOpening,
    dueAfterDays: z.number().int(),
    resourceIds: z.array(z.string()),
    group: groupRef.nullable(),
    webinarIds: z.array(z.string()),
    meeting: z.object({ place: z.string(), startsAt: isoDate, webinarId: z.string().nullable() }).nullable(),
    /** For the mentor step: the mentoring rules it carries. */
    mentoring: z.object({ firstContactHours: z.number().int() }).nullable(),
  })
  .meta({ id: 'ProgrammeStep' });
export type ProgrammeStep = z.infer<typeof programmeStep>;

/** One step's state for one family. */
export const stepProgress = z.object({
  stepId: z.string(),
  state: z.enum(stepStates),
  opensAt: isoDate.nullable(),
  dueAt: isoDate.nullable(),
  doneAt: isoDate.nullable(),
  doneHow: z.enum(programmeCompletions).nullable(),
});
export type StepProgress = z.infer<typeof stepProgress>;

/**
 * For a programme with a mentor step, the family's own mentoring request and match (the mentoring module's): the mentor
 * makes first contact within 48 hours of accepting, and the step shows when that is due. Only the family sees it.
 */
export const programmeMentorship = z.object({
  requestId: z.string(),
  requestStatus: z.enum(requestStatuses),
  matchId: z.string().nullable(),
  matchStatus: z.enum(matchStatuses).nullable(),
  firstContactDueAt: isoDate.nullable(),
  firstContactAt: isoDate.nullable(),
});
export type ProgrammeMentorship = z.infer<typeof programmeMentorship>;

/** A family's enrolment: where it is, each step's state, and what comes next. */
export const enrolment = z
  .object({
    id: z.string(),
    programmeId: z.string(),
    programmeTitle: z.string(),
    cohort: z.object({ id: z.string(), name: z.string(), startsOn: day }).nullable(),
    associationId: z.string().nullable(),
    familyLabel: z.string().nullable(),
    status: z.enum(enrolmentStatuses),
    enrolledAt: isoDate,
    startsAt: isoDate,
    pausedAt: isoDate.nullable(),
    completedAt: isoDate.nullable(),
    steps: z.array(stepProgress),
    doneCount: z.number().int(),
    stepCount: z.number().int(),
    /** The first step not done that is open, else the first that will open; null when all are done. */
    nextStepId: z.string().nullable(),
    /** The group the family keeps once done, when the programme has one. */
    finalGroup: groupRef.nullable(),
    /** The family's mentoring request and match, when the programme has a mentor step and the family asked for one. */
    mentorship: programmeMentorship.nullable(),
    /** Questionnaires this family may answer now, and those it has answered. */
    evaluations: z.object({
      due: z.array(z.enum(evaluationPhases)),
      answered: z.array(z.enum(evaluationPhases)),
    }),
  })
  .meta({ id: 'ProgrammeEnrolment' });
export type Enrolment = z.infer<typeof enrolment>;

/** What the actor may do with a programme; derived from the same policy that refuses. */
export const programmePermissions = z.object({
  canEnrol: z.boolean(),
  canManage: z.boolean(),
});

/** A programme in a list. */
export const programmeSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    status: z.enum(programmeStatuses),
    associationId: z.string().nullable(),
    stepCount: z.number().int(),
    enrolled: z.boolean(),
    permissions: programmePermissions,
  })
  .meta({ id: 'ProgrammeSummary' });
export const programmeList = listOf(programmeSummary);

/** `GET /api/programmes/:id`: the steps in order, and the reader's own enrolment when there is one. */
export const programme = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    status: z.enum(programmeStatuses),
    associationId: z.string().nullable(),
    ownerId: z.string().nullable(),
    finalGroup: groupRef.nullable(),
    steps: z.array(programmeStep),
    cohorts: z.array(z.object({ id: z.string(), name: z.string(), startsOn: day })),
    myEnrolment: enrolment.nullable(),
    permissions: programmePermissions,
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: 'Programme' });
export type Programme = z.infer<typeof programme>;

export const enrolmentList = listOf(enrolment);
export const cohort = z.object({ id: z.string(), name: z.string(), startsOn: day });

/** `GET /api/programmes/:id/matrix`: families by steps, for coordinators; no private content, only step states. */
export const programmeMatrix = z
  .object({
    programmeId: z.string(),
    steps: z.array(z.object({ id: z.string(), title: z.string(), kind: z.enum(programmeStepKinds) })),
    families: z.array(
      z.object({
        enrolmentId: z.string(),
        userId: z.string(),
        displayName: z.string(),
        familyLabel: z.string().nullable(),
        cohortId: z.string().nullable(),
        status: z.enum(enrolmentStatuses),
        enrolledAt: isoDate,
        states: z.array(z.enum(stepStates)),
        overdueCount: z.number().int(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'ProgrammeMatrix' });
export type ProgrammeMatrix = z.infer<typeof programmeMatrix>;
export const matrixQuery = listQuery.extend({ cohortId: id.optional() });

/** Aggregated answers per phase and question: how many answered, the mean, and how many gave each value 1–5. */
export const evaluationSummary = z
  .object({
    programmeId: z.string(),
    phases: z.array(
      z.object({
        phase: z.enum(evaluationPhases),
        responses: z.number().int(),
        questions: z.array(
          z.object({
            question: z.enum(evaluationQuestions),
            mean: z.number().nullable(),
            counts: z.array(z.number().int()).length(5),
          }),
        ),
        /** The free-text comments, without who wrote them, newest first. */
        comments: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'ProgrammeEvaluationSummary' });
export type EvaluationSummary = z.infer<typeof evaluationSummary>;
