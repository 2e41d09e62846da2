import type {
  EvaluationPhase,
  ProgrammeCompletion,
  ProgrammeOpenRule,
  StepProgress,
  StepState,
} from '@spejl/shared';
import { programmeLimits } from '@spejl/shared';

const dayMs = 24 * 60 * 60 * 1000;

/** What the progress rules need of a step. */
export interface StepTiming {
  id: string;
  opensRule: ProgrammeOpenRule;
  opensAfterDays: number | null;
  opensOn: string | null;
  dueAfterDays: number;
}

/** A step done: when and how. */
export interface DoneStep {
  stepId: string;
  doneAt: Date;
  how: ProgrammeCompletion;
}

export interface StepStatus {
  stepId: string;
  state: StepState;
  opensAt: Date | null;
  dueAt: Date | null;
  doneAt: Date | null;
  doneHow: ProgrammeCompletion | null;
}

/** When a step opens for a family that started at `startsAt`; null while it waits for the step before. */
function opensAtOf(step: StepTiming, startsAt: Date, previousDoneAt: Date | null | undefined): Date | null {
  switch (step.opensRule) {
    case 'at_once':
      return startsAt;
    case 'after_previous':
      // The first step has nothing before it: it opens at the start.
      if (previousDoneAt === undefined) return startsAt;
      return previousDoneAt;
    case 'days_after_enrolling':
      return new Date(startsAt.getTime() + (step.opensAfterDays ?? 0) * dayMs);
    case 'on_date':
      return step.opensOn ? new Date(`${step.opensOn}T00:00:00Z`) : startsAt;
  }
}

/**
 * Each step's state for one family at `now`, in the steps' order: done; open (and overdue once open longer than its
 * `dueAfterDays`); or locked (its day has not come, or the step before is not done).
 */
export function stepStatuses(
  steps: StepTiming[],
  startsAt: Date,
  done: Map<string, DoneStep>,
  now: Date,
): StepStatus[] {
  let previousDoneAt: Date | null | undefined;
  return steps.map((step, index) => {
    const opensAt = opensAtOf(step, startsAt, index === 0 ? undefined : previousDoneAt);
    const finished = done.get(step.id);
    previousDoneAt = finished?.doneAt ?? null;
    const dueAt = opensAt ? new Date(opensAt.getTime() + step.dueAfterDays * dayMs) : null;
    let state: StepState;
    if (finished) state = 'done';
    else if (!opensAt || opensAt.getTime() > now.getTime()) state = 'locked';
    else if (dueAt && dueAt.getTime() < now.getTime()) state = 'overdue';
    else state = 'open';
    return {
      stepId: step.id,
      state,
      opensAt,
      dueAt,
      doneAt: finished?.doneAt ?? null,
      doneHow: finished?.how ?? null,
    };
  });
}

/** The step to do next: the first open one not done, else the first that will open; null when all are done. */
export function nextStepOf(statuses: StepStatus[]): string | null {
  const open = statuses.find((status) => status.state === 'open' || status.state === 'overdue');
  if (open) return open.stepId;
  return statuses.find((status) => status.state === 'locked')?.stepId ?? null;
}

/** The wire shape of a step's state. */
export function toStepProgress(status: StepStatus): StepProgress {
  return {
    stepId: status.stepId,
    state: status.state,
    opensAt: status.opensAt?.toISOString() ?? null,
    dueAt: status.dueAt?.toISOString() ?? null,
    doneAt: status.doneAt?.toISOString() ?? null,
    doneHow: status.doneHow,
  };
}

/**
 * Which questionnaires a family may answer now: `before` until the programme is done, `after` once it is, and the
 * follow-up some months after that. Each once.
 */
export function evaluationsDue(
  enrolment: { status: string; completedAt: Date | null },
  answered: Set<EvaluationPhase>,
  now: Date,
): EvaluationPhase[] {
  if (enrolment.status === 'left') return [];
  const due: EvaluationPhase[] = [];
  if (!enrolment.completedAt) {
    if (!answered.has('before')) due.push('before');
    return due;
  }
  if (!answered.has('after')) due.push('after');
  const followUpAt = enrolment.completedAt.getTime() + programmeLimits.followUpAfterDays * dayMs;
  if (!answered.has('follow_up') && now.getTime() >= followUpAt) due.push('follow_up');
  return due;
}
