import type { Enrolment, EvaluationBody, Programme, ProgrammeStatus } from '@spejl/shared';
import { AppError } from '../../http/errors.ts';
import { readPage, toPage } from '../../http/pagination.ts';
import type { Actor } from '../auth/auth.policy.ts';
import {
  canManageProgramme,
  type EnrolmentAction,
  enrolmentRefusal,
  markDoneRefusal,
  programmePermissions,
  programmeRefusal,
} from './programmes.policy.ts';
import type { ProgrammeRow } from './programmes.repository.ts';
import { createProgrammeAuthoring } from './programmes.authoring.ts';
import { createProgrammeContext, type ProgrammesDeps, refuse } from './programmes.context.ts';
import { createProgrammeCoordination } from './programmes.coordination.ts';

export type { ProgrammesDeps } from './programmes.context.ts';

/** The new-family programme: coordinators write and run it, families enrol, tick steps off and answer questionnaires. */
export function createProgrammesService(deps: ProgrammesDeps) {
  const { repository, clock } = deps;
  const context = createProgrammeContext(deps);
  const { load, currentStatuses, enrolmentView, programmeView } = context;

  async function ownEnrolment(
    actor: Actor,
    programme: ProgrammeRow,
    enrolmentId: string | null,
    action: EnrolmentAction,
  ) {
    const enrolment = enrolmentId
      ? await repository.findEnrolment(enrolmentId)
      : await repository.enrolmentOf(programme.id, actor.user.id);
    if (!enrolment || enrolment.programmeId !== programme.id) {
      if (enrolmentId) throw new AppError('not_found');
      throw new AppError('programme.not_enrolled');
    }
    const refusal = enrolmentRefusal(actor, action, enrolment);
    if (refusal) throw new AppError(refusal);
    return enrolment;
  }

  return {
    ...createProgrammeAuthoring(deps, context),
    ...createProgrammeCoordination(deps, context),
    async list(
      actor: Actor,
      query: { cursor?: string | undefined; limit: number; status?: ProgrammeStatus | undefined },
    ) {
      const page = readPage(query);
      const runner = canManageProgramme(actor, { status: 'draft', ownerId: null });
      const statuses: ProgrammeStatus[] = runner ? ['draft', 'open', 'closed'] : ['open'];
      const wanted = query.status ? statuses.filter((status) => status === query.status) : statuses;
      const rows = wanted.length > 0 ? await repository.list(wanted, page) : [];
      const mine = new Set(
        (await repository.enrolmentsOfUser(actor.user.id, { offset: 0, limit: 1000 })).map(
          (row) => row.programme.id,
        ),
      );
      const items = rows.map(({ programme, steps }) => ({
        id: programme.id,
        title: programme.title,
        summary: programme.summary,
        status: programme.status,
        associationId: programme.associationId,
        stepCount: steps,
        enrolled: mine.has(programme.id),
        permissions: programmePermissions(actor, programme),
      }));
      return toPage(items, page);
    },

    async get(actor: Actor, id: string): Promise<Programme> {
      return programmeView(actor, await load(actor, id, 'see'));
    },

    async enrol(
      actor: Actor,
      id: string,
      body: {
        cohortId?: string | undefined;
        associationId?: string | undefined;
        familyLabel?: string | undefined;
      },
    ): Promise<{ enrolment: Enrolment; created: boolean }> {
      const programme = await load(actor, id, 'see');
      const existing = await repository.enrolmentOf(programme.id, actor.user.id);
      if (existing && existing.status !== 'left')
        return { enrolment: await enrolmentView(existing, programme), created: false };
      refuse(programmeRefusal(actor, 'enrol', programme));
      const cohort = body.cohortId ? await repository.findCohort(programme.id, body.cohortId) : null;
      if (body.cohortId && !cohort) throw new AppError('programme.cohort_not_found');
      if (body.associationId && !(await repository.associationExists(body.associationId)))
        throw new AppError('association.not_found');
      const now = clock.now();
      const cohortStart = cohort ? new Date(`${cohort.startsOn}T00:00:00Z`) : now;
      const values = {
        cohortId: cohort?.id ?? null,
        associationId: body.associationId ?? null,
        familyLabel: body.familyLabel ?? null,
        status: 'active' as const,
        enrolledAt: now,
        startsAt: new Date(Math.max(now.getTime(), cohortStart.getTime())),
        pausedAt: null,
        leftAt: null,
        completedAt: null,
      };
      const { enrolment, created } = existing
        ? { enrolment: await repository.updateEnrolment(existing.id, values), created: true }
        : await repository.transaction((tx) =>
            repository.enrol({ programmeId: programme.id, userId: actor.user.id, ...values }, tx),
          );
      return { enrolment: await enrolmentView(enrolment, programme, undefined, { schedule: true }), created };
    },

    /** The person's enrolments with progress and next step. */
    async mine(actor: Actor, query: { cursor?: string | undefined; limit: number }) {
      const page = readPage(query);
      const rows = await repository.enrolmentsOfUser(actor.user.id, page);
      const items: Enrolment[] = [];
      for (const row of rows) items.push(await enrolmentView(row.enrolment, row.programme));
      return toPage(items, page);
    },

    /** The family ticks a step off (read, or marked done); steps counted otherwise answer with their own code. */
    async markDone(actor: Actor, id: string, stepId: string): Promise<Enrolment> {
      const programme = await load(actor, id, 'see');
      const enrolment = await ownEnrolment(actor, programme, null, 'mark_done');
      const steps = await repository.steps(programme.id);
      const index = steps.findIndex((record) => record.step.id === stepId);
      const record = steps[index];
      if (!record) throw new AppError('not_found');
      const current = await currentStatuses(enrolment, steps);
      const status = current.statuses[index];
      if (status?.state === 'done') return enrolmentView(current.enrolment, programme, steps);
      const refusal = markDoneRefusal(record.step.completion);
      if (refusal) throw new AppError(refusal);
      if (status?.state === 'locked') throw new AppError('programme.step_locked');
      await repository.markDone({
        enrolmentId: enrolment.id,
        stepId,
        doneAt: clock.now(),
        how: record.step.completion,
      });
      return enrolmentView(current.enrolment, programme, steps, { schedule: true });
    },
    async pause(actor: Actor, id: string, enrolmentId: string): Promise<Enrolment> {
      const programme = await load(actor, id, 'see');
      const enrolment = await ownEnrolment(actor, programme, enrolmentId, 'pause');
      const paused = await repository.updateEnrolment(enrolment.id, {
        status: 'paused',
        pausedAt: clock.now(),
      });
      return enrolmentView(paused, programme);
    },

    /** The family resumes; reminders for steps already overdue come a day later, not at once. */
    async resume(actor: Actor, id: string, enrolmentId: string): Promise<Enrolment> {
      const programme = await load(actor, id, 'see');
      const enrolment = await ownEnrolment(actor, programme, enrolmentId, 'resume');
      const resumed = await repository.updateEnrolment(enrolment.id, { status: 'active', pausedAt: null });
      return enrolmentView(resumed, programme, undefined, {
        schedule: true,
        notBefore: deps.reminders.resumeDelay(),
      });
    },

    /** The family leaves; its progress stays, so coming back continues where it was. */
    async leave(actor: Actor, id: string, enrolmentId: string): Promise<void> {
      const programme = await load(actor, id, 'see');
      const enrolment = await ownEnrolment(actor, programme, enrolmentId, 'leave');
      await repository.updateEnrolment(enrolment.id, { status: 'left', leftAt: clock.now() });
    },

    /** One questionnaire (before, after, follow-up), once per phase, when it is due. */
    async evaluate(actor: Actor, id: string, body: EvaluationBody): Promise<Enrolment> {
      const programme = await load(actor, id, 'see');
      const enrolment = await ownEnrolment(actor, programme, null, 'evaluate');
      const view = await enrolmentView(enrolment, programme);
      if (view.evaluations.answered.includes(body.phase)) throw new AppError('programme.evaluation_given');
      if (!view.evaluations.due.includes(body.phase)) throw new AppError('programme.evaluation_not_due');
      const inserted = await repository.insertEvaluation({
        programmeId: programme.id,
        enrolmentId: enrolment.id,
        phase: body.phase,
        answers: body.answers,
        comment: body.comment || null,
        createdAt: clock.now(),
      });
      if (!inserted) throw new AppError('programme.evaluation_given');
      const after = await repository.findEnrolment(enrolment.id);
      return enrolmentView(after ?? enrolment, programme);
    },
    async reminderStatuses(enrolmentId: string) {
      const enrolment = await repository.findEnrolment(enrolmentId);
      if (!enrolment) return null;
      const programme = await repository.find(enrolment.programmeId);
      if (!programme || programme.status === 'draft') return null;
      const steps = await repository.steps(programme.id);
      const { statuses, changed } = await currentStatuses(enrolment, steps);
      // Attendance counted here may open the next step: its reminder is queued now, not at the family's next visit.
      if (changed) await deps.reminders.schedule(enrolment.id, statuses);
      return {
        statuses,
        programmeTitle: programme.title,
        stepTitles: new Map(steps.map((record) => [record.step.id, record.step.title])),
      };
    },
  };
}

export type ProgrammesService = ReturnType<typeof createProgrammesService>;
