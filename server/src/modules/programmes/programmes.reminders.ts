import type { Clock } from '../../clock.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import { notificationFor } from '../notifications/notifications.service.ts';
import type { ProgrammesRepository } from './programmes.repository.ts';
import type { StepStatus } from './programmes.progress.ts';

/** The durable queue of step reminders (pg-boss). */
export const programmeReminderQueue = 'programmes.step-reminder';

export interface StepReminderJob {
  enrolmentId: string;
  stepId: string;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Queues one reminder per open step, due when the step becomes overdue. The key holds the due time, so queueing again
 * for the same time does nothing; the handler checks the step again and claims a row in programme_reminders, so a
 * family hears about a step at most once however often the job runs.
 */
export function createReminderScheduler(deps: {
  jobs: Jobs;
  clock: Clock;
  onError: (error: unknown) => void;
}) {
  return {
    /** Queues reminders for the steps not done whose due time is known; `notBefore` delays them (after a pause). */
    async schedule(enrolmentId: string, statuses: StepStatus[], notBefore?: Date): Promise<void> {
      const now = deps.clock.now().getTime();
      try {
        for (const status of statuses) {
          if (status.state === 'done' || !status.dueAt) continue;
          const at = new Date(Math.max(status.dueAt.getTime(), notBefore?.getTime() ?? now));
          await deps.jobs.send(
            programmeReminderQueue,
            { enrolmentId, stepId: status.stepId } satisfies StepReminderJob,
            {
              startAfter: at,
              singletonKey: `${enrolmentId}:${status.stepId}:${at.toISOString()}`,
            },
          );
        }
      } catch (error) {
        // The family's progress is saved either way; the matrix still shows what is overdue.
        deps.onError(error);
      }
    },
    /** After a pause: overdue steps are reminded a day after resuming, not at once. */
    resumeDelay: () => new Date(deps.clock.now().getTime() + dayMs),
  };
}

export type ReminderScheduler = ReturnType<typeof createReminderScheduler>;

/**
 * The reminder itself: only for an enrolment that runs (a paused or finished one gets none), a step still not done
 * and overdue now, once per step.
 */
export function createReminderHandler(deps: {
  repository: ProgrammesRepository;
  notifications: Pick<NotificationService, 'create' | 'deliver'>;
  clock: Clock;
  /** The family's current step states, attendance taken into account. */
  statusesOf: (
    enrolmentId: string,
  ) => Promise<{ statuses: StepStatus[]; programmeTitle: string; stepTitles: Map<string, string> } | null>;
}) {
  return async function remind(job: StepReminderJob): Promise<boolean> {
    const enrolment = await deps.repository.findEnrolment(job.enrolmentId);
    if (enrolment?.status !== 'active') return false;
    const current = await deps.statusesOf(enrolment.id);
    if (!current) return false;
    const status = current.statuses.find((candidate) => candidate.stepId === job.stepId);
    if (status?.state !== 'overdue') return false;
    const now = deps.clock.now();
    const written = await deps.repository.transaction(async (tx) => {
      const claimed = await deps.repository.claimReminder(
        { enrolmentId: enrolment.id, stepId: job.stepId, kind: 'overdue', sentAt: now },
        tx,
      );
      if (!claimed) return null;
      return deps.notifications.create(
        [
          notificationFor(enrolment.userId, 'programme.step_reminder', {
            programmeId: enrolment.programmeId,
            programmeTitle: current.programmeTitle,
            stepId: job.stepId,
            stepTitle: current.stepTitles.get(job.stepId) ?? '',
          }),
        ],
        tx,
      );
    });
    if (!written) return false;
    await deps.notifications.deliver(written);
    return true;
  };
}
