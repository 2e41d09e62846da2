import {
  type Enrolment,
  type EvaluationPhase,
  type EvaluationSummary,
  evaluationPhases,
  evaluationQuestions,
  type ProgrammeMatrix,
} from '@spejl/shared';
import { AppError } from '../../http/errors.ts';
import { readPage, toPage } from '../../http/pagination.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { ProgrammeContext, ProgrammesDeps } from './programmes.context.ts';

/** What coordinators see and do for families: confirm a step, the matrix, the questionnaires' answers. */
export function createProgrammeCoordination(deps: ProgrammesDeps, context: ProgrammeContext) {
  const { repository, clock } = deps;
  const { load, audit, currentStatuses, enrolmentView } = context;

  async function confirmable(actor: Actor, programmeId: string, enrolmentId: string, stepId: string) {
    const programme = await load(actor, programmeId, 'manage');
    const enrolment = await repository.findEnrolment(enrolmentId);
    if (!enrolment || enrolment.programmeId !== programme.id) throw new AppError('not_found');
    const steps = await repository.steps(programme.id);
    if (!steps.some((record) => record.step.id === stepId)) throw new AppError('not_found');
    return { programme, enrolment, steps };
  }

  return {
    async confirm(actor: Actor, id: string, enrolmentId: string, stepId: string): Promise<Enrolment> {
      const { programme, enrolment, steps } = await confirmable(actor, id, enrolmentId, stepId);
      await repository.transaction(async (tx) => {
        const recorded = await repository.markDone(
          {
            enrolmentId: enrolment.id,
            stepId,
            doneAt: clock.now(),
            how: 'confirmed',
            confirmedBy: actor.user.id,
          },
          tx,
        );
        if (recorded)
          await audit(
            actor,
            'programme.step_confirmed',
            { programmeId: programme.id, enrolmentId, stepId },
            tx,
            enrolment.userId,
          );
      });
      return enrolmentView(enrolment, programme, steps, { schedule: true });
    },
    async matrix(
      actor: Actor,
      id: string,
      query: { cursor?: string | undefined; limit: number; cohortId?: string | undefined },
    ): Promise<ProgrammeMatrix> {
      const programme = await load(actor, id, 'manage');
      const page = readPage(query);
      const steps = await repository.steps(programme.id);
      const rows = await repository.enrolmentsOfProgramme(programme.id, { cohortId: query.cohortId }, page);
      const families: ProgrammeMatrix['families'] = [];
      for (const row of rows) {
        const { enrolment, statuses } = await currentStatuses(row.enrolment, steps);
        families.push({
          enrolmentId: enrolment.id,
          userId: enrolment.userId,
          displayName: row.displayName,
          familyLabel: enrolment.familyLabel,
          cohortId: enrolment.cohortId,
          status: enrolment.status,
          enrolledAt: enrolment.enrolledAt.toISOString(),
          states: statuses.map((status) => status.state),
          overdueCount: statuses.filter((status) => status.state === 'overdue').length,
        });
      }
      const { items, nextCursor } = toPage(families, page);
      return {
        programmeId: programme.id,
        steps: steps.map((record) => ({
          id: record.step.id,
          title: record.step.title,
          kind: record.step.kind,
        })),
        families: items,
        nextCursor,
      };
    },

    /** The questionnaires' answers, aggregated per phase and question; comments without who wrote them. */
    async evaluations(actor: Actor, id: string): Promise<EvaluationSummary> {
      const programme = await load(actor, id, 'manage');
      const rows = await repository.evaluationsOfProgramme(programme.id);
      return {
        programmeId: programme.id,
        phases: evaluationPhases.map((phase: EvaluationPhase) => {
          const answered = rows.filter((row) => row.phase === phase);
          return {
            phase,
            responses: answered.length,
            questions: evaluationQuestions.map((question) => {
              const values = answered
                .map((row) => row.answers[question])
                .filter((value) => typeof value === 'number');
              const counts = [1, 2, 3, 4, 5].map(
                (value) => values.filter((answer) => answer === value).length,
              );
              const mean =
                values.length > 0
                  ? Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 100) / 100
                  : null;
              return { question, mean, counts };
            }),
            comments: answered.flatMap((row) => (row.comment ? [row.comment] : [])),
          };
        }),
      };
    },
  };
}
