import type { Enrolment, Programme } from '@spejl/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { AuditInsert, Executor } from '../moderation/moderation.repository.ts';
import { type ProgrammeAction, programmePermissions, programmeRefusal } from './programmes.policy.ts';
import { presentCohort, presentEnrolment, presentStep } from './programmes.present.ts';
import { type DoneStep, type StepStatus, stepStatuses } from './programmes.progress.ts';
import type { MentorshipLookup } from './programmes.mentoring.ts';
import type { ReminderScheduler } from './programmes.reminders.ts';
import type {
  EnrolmentRow,
  ProgrammeRow,
  ProgrammesRepository,
  StepRecord,
} from './programmes.repository.ts';

export interface ProgrammesDeps {
  repository: ProgrammesRepository;
  clock: Clock;
  reminders: ReminderScheduler;
  /** The moderation module's audit log (insert only), in the same transaction as the coordinator's change. */
  audit: (entries: AuditInsert[], executor: Executor) => Promise<void>;
  /** The family's mentoring request and match, for a programme with a mentor step (mentoring module). */
  mentorshipOf?: MentorshipLookup;
}

export const refuse = (code: ReturnType<typeof programmeRefusal>) => {
  if (code) throw new AppError(code);
};

/**
 * What every part of the programme service shares: loading a programme through the policy, the audit log, and the
 * family's step states (attendance counted) and views.
 */
export function createProgrammeContext(deps: ProgrammesDeps) {
  const { repository, clock } = deps;

  async function load(actor: Actor, id: string, action: ProgrammeAction): Promise<ProgrammeRow> {
    const programme = await repository.find(id);
    if (!programme) throw new AppError('programme.not_found');
    refuse(programmeRefusal(actor, action, programme));
    return programme;
  }

  async function audit(
    actor: Actor,
    action: string,
    after: Record<string, unknown>,
    tx: Executor,
    targetUserId?: string,
  ) {
    await deps.audit(
      [
        {
          groupId: null,
          actorId: actor.user.id,
          targetUserId: targetUserId ?? null,
          action,
          after,
          createdAt: clock.now(),
        },
      ],
      tx,
    );
  }

  /**
   * The family's step states now. Steps that count from the attendance record are recorded as done first (as many
   * rounds as a newly done step opens another), and a family with every step done is marked as completed.
   */
  async function currentStatuses(
    enrolment: EnrolmentRow,
    steps: StepRecord[],
  ): Promise<{ enrolment: EnrolmentRow; statuses: StepStatus[]; changed: boolean }> {
    const now = clock.now();
    const done = new Map<string, DoneStep>(
      (await repository.progress([enrolment.id])).map((row) => [
        row.stepId,
        { stepId: row.stepId, doneAt: row.doneAt, how: row.how },
      ]),
    );
    const timings = steps.map((record) => record.step);
    let statuses = stepStatuses(timings, enrolment.startsAt, done, now);
    let changed = false;
    for (let round = 0; round < steps.length; round += 1) {
      let found = false;
      for (const [index, record] of steps.entries()) {
        const status = statuses[index];
        if (!status || status.state === 'done' || status.state === 'locked') continue;
        if (record.step.completion !== 'attended') continue;
        const webinarIds =
          record.step.kind === 'attend_webinar'
            ? record.webinarIds
            : record.step.webinarId
              ? [record.step.webinarId]
              : [];
        const attended = [...(await repository.attendance(enrolment.userId, webinarIds)).values()];
        if (attended.length === 0) continue;
        const first = Math.min(...attended.map((at) => at.getTime()));
        const doneAt = new Date(Math.min(now.getTime(), Math.max(first, status.opensAt?.getTime() ?? first)));
        await repository.markDone({
          enrolmentId: enrolment.id,
          stepId: record.step.id,
          doneAt,
          how: 'attended',
        });
        done.set(record.step.id, { stepId: record.step.id, doneAt, how: 'attended' });
        found = true;
      }
      if (!found) break;
      changed = true;
      statuses = stepStatuses(timings, enrolment.startsAt, done, now);
    }
    let current = enrolment;
    if (statuses.length > 0 && statuses.every((status) => status.state === 'done') && !current.completedAt) {
      current = await repository.updateEnrolment(current.id, {
        status: current.status === 'left' ? 'left' : 'completed',
        completedAt: now,
      });
      changed = true;
    }
    return { enrolment: current, statuses, changed };
  }

  /** The enrolment as its family sees it; queues reminders when a step was done (`schedule`) or attendance counted. */
  async function enrolmentView(
    enrolment: EnrolmentRow,
    programme: ProgrammeRow,
    steps?: StepRecord[],
    options: { schedule?: boolean; notBefore?: Date } = {},
  ): Promise<Enrolment> {
    const records = steps ?? (await repository.steps(programme.id));
    const current = await currentStatuses(enrolment, records);
    if (current.changed || options.schedule)
      await deps.reminders.schedule(current.enrolment.id, current.statuses, options.notBefore);
    const hasMentorStep = records.some((record) => record.step.kind === 'meet_mentor');
    const [cohort, finalGroupName, evaluations, mentorship] = await Promise.all([
      current.enrolment.cohortId ? repository.findCohort(programme.id, current.enrolment.cohortId) : null,
      programme.finalGroupId ? repository.groupName(programme.finalGroupId) : null,
      repository.evaluationsOf([current.enrolment.id]),
      hasMentorStep && deps.mentorshipOf ? deps.mentorshipOf(current.enrolment.userId) : null,
    ]);
    return presentEnrolment({
      enrolment: current.enrolment,
      programme,
      cohort,
      statuses: current.statuses,
      finalGroupName,
      answered: new Set(evaluations.map((row) => row.phase)),
      mentorship,
      now: clock.now(),
    });
  }

  async function programmeView(actor: Actor, programme: ProgrammeRow): Promise<Programme> {
    const [steps, cohorts, enrolment, finalGroupName] = await Promise.all([
      repository.steps(programme.id),
      repository.cohorts(programme.id),
      repository.enrolmentOf(programme.id, actor.user.id),
      programme.finalGroupId ? repository.groupName(programme.finalGroupId) : null,
    ]);
    return {
      id: programme.id,
      title: programme.title,
      summary: programme.summary,
      status: programme.status,
      associationId: programme.associationId,
      ownerId: programme.ownerId,
      finalGroup:
        programme.finalGroupId && finalGroupName
          ? { id: programme.finalGroupId, name: finalGroupName }
          : null,
      steps: steps.map(presentStep),
      cohorts: cohorts.map(presentCohort),
      myEnrolment:
        enrolment && enrolment.status !== 'left' ? await enrolmentView(enrolment, programme, steps) : null,
      permissions: programmePermissions(actor, programme),
      createdAt: programme.createdAt.toISOString(),
      updatedAt: programme.updatedAt.toISOString(),
    };
  }

  return { load, audit, currentStatuses, enrolmentView, programmeView };
}

export type ProgrammeContext = ReturnType<typeof createProgrammeContext>;
