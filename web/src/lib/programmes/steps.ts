import type {
  EnrolmentStatus,
  ProgrammeCompletion,
  ProgrammeStatus,
  ProgrammeStep,
  StepProgress,
  StepState,
} from '@spejl/shared';
import { familyCompletions } from '@spejl/shared/programmes-values';
import type { TextKey } from '@spejl/shared/i18n/index';

export const stateKeys: Record<StepState, TextKey> = {
  done: 'programmes.state.done',
  open: 'programmes.state.open',
  overdue: 'programmes.state.overdue',
  locked: 'programmes.state.locked',
};

export const howKeys: Record<ProgrammeCompletion, TextKey> = {
  read: 'programmes.how.read',
  marked_done: 'programmes.how.marked_done',
  attended: 'programmes.how.attended',
  confirmed: 'programmes.how.confirmed',
};

/** True when the family ticks this step off itself (read or marked done), as the server's markDoneRefusal says. */
export function familyMarks(step: Pick<ProgrammeStep, 'completion'>): boolean {
  return familyCompletions.includes(step.completion);
}

/** The button's text for a step the family ticks off itself, or null for steps that count another way. */
export function actionKey(step: Pick<ProgrammeStep, 'completion'>): TextKey | null {
  if (step.completion === 'read') return 'programmes.action.read';
  if (step.completion === 'marked_done') return 'programmes.action.marked_done';
  return null;
}

/** True when the family may tick this step off now: it counts that way and it is open. */
export function canMarkNow(
  step: Pick<ProgrammeStep, 'completion'>,
  progress: StepProgress | undefined,
): boolean {
  return !!progress && (progress.state === 'open' || progress.state === 'overdue') && familyMarks(step);
}

/**
 * The line under a step's title that says when: done on a day, open (ideally by a day), still waiting (gently), or
 * when it opens. A step waiting for the one before has no date yet.
 */
export function whenText(
  progress: StepProgress,
  t: (key: TextKey, params?: Record<string, string | number>) => string,
  formatDate: (iso: string) => string,
): string {
  switch (progress.state) {
    case 'done':
      return progress.doneAt ? t('programmes.when.doneOn', { date: formatDate(progress.doneAt) }) : '';
    case 'open':
      return progress.dueAt
        ? t('programmes.when.openUntil', { date: formatDate(progress.dueAt) })
        : t('programmes.state.open');
    case 'overdue':
      return t('programmes.when.overdue');
    case 'locked':
      return progress.opensAt
        ? t('programmes.when.opensOn', { date: formatDate(progress.opensAt) })
        : t('programmes.when.afterPrevious');
  }
}

export const statusKeys: Record<ProgrammeStatus, TextKey> = {
  draft: 'programmes.status.draft',
  open: 'programmes.status.open',
  closed: 'programmes.status.closed',
};

export const enrolmentStatusKeys: Record<EnrolmentStatus, TextKey> = {
  active: 'programmes.enrolmentStatus.active',
  paused: 'programmes.enrolmentStatus.paused',
  left: 'programmes.enrolmentStatus.left',
  completed: 'programmes.enrolmentStatus.completed',
};
