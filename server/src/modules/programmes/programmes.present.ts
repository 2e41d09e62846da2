import {
  type Enrolment,
  type EvaluationPhase,
  type ProgrammeMentorship,
  type ProgrammeStep,
  programmeLimits,
  type StepOpening,
} from '@spejl/shared';
import type { CohortRow, EnrolmentRow, ProgrammeRow, StepRecord, StepRow } from './programmes.repository.ts';
import { evaluationsDue, nextStepOf, type StepStatus, toStepProgress } from './programmes.progress.ts';

/** A step's opening rule on the wire. */
export function openingOf(step: StepRow): StepOpening {
  switch (step.opensRule) {
    case 'at_once':
      return { rule: 'at_once' };
    case 'after_previous':
      return { rule: 'after_previous' };
    case 'days_after_enrolling':
      return { rule: 'days_after_enrolling', days: step.opensAfterDays ?? 0 };
    case 'on_date':
      return { rule: 'on_date', date: step.opensOn ?? '' };
  }
}

/** A step as anyone who may see the programme sees it: an allowlist of its fields. */
export function presentStep(record: StepRecord): ProgrammeStep {
  const { step } = record;
  return {
    id: step.id,
    position: step.position,
    kind: step.kind,
    title: step.title,
    description: step.description,
    completion: step.completion,
    opens: openingOf(step),
    dueAfterDays: step.dueAfterDays,
    resourceIds: step.kind === 'read' ? record.resourceIds : [],
    group: step.groupId && record.groupName ? { id: step.groupId, name: record.groupName } : null,
    webinarIds: step.kind === 'attend_webinar' ? record.webinarIds : [],
    meeting:
      step.kind === 'meeting' && step.place && step.startsAt
        ? { place: step.place, startsAt: step.startsAt.toISOString(), webinarId: step.webinarId }
        : null,
    mentoring: step.kind === 'meet_mentor' ? { firstContactHours: programmeLimits.firstContactHours } : null,
  };
}

export const presentCohort = (cohort: CohortRow) => ({
  id: cohort.id,
  name: cohort.name,
  startsOn: cohort.startsOn,
});

/** One family's enrolment with each step's state, the next step, and the questionnaires due. */
export function presentEnrolment(input: {
  enrolment: EnrolmentRow;
  programme: ProgrammeRow;
  cohort: CohortRow | null;
  statuses: StepStatus[];
  finalGroupName: string | null;
  answered: Set<EvaluationPhase>;
  mentorship: ProgrammeMentorship | null;
  now: Date;
}): Enrolment {
  const { enrolment, programme, statuses } = input;
  return {
    id: enrolment.id,
    programmeId: programme.id,
    programmeTitle: programme.title,
    cohort: input.cohort ? presentCohort(input.cohort) : null,
    associationId: enrolment.associationId,
    familyLabel: enrolment.familyLabel,
    status: enrolment.status,
    enrolledAt: enrolment.enrolledAt.toISOString(),
    startsAt: enrolment.startsAt.toISOString(),
    pausedAt: enrolment.pausedAt?.toISOString() ?? null,
    completedAt: enrolment.completedAt?.toISOString() ?? null,
    steps: statuses.map(toStepProgress),
    doneCount: statuses.filter((status) => status.state === 'done').length,
    stepCount: statuses.length,
    nextStepId: nextStepOf(statuses),
    finalGroup:
      programme.finalGroupId && input.finalGroupName
        ? { id: programme.finalGroupId, name: input.finalGroupName }
        : null,
    mentorship: input.mentorship,
    evaluations: {
      due: evaluationsDue(enrolment, input.answered, input.now),
      answered: [...input.answered],
    },
  };
}
