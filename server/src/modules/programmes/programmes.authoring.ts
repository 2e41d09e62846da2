import {
  completionsOfKind,
  type CreateProgrammeBody,
  type CreateStepBody,
  type Programme,
  programmeLimits,
  type UpdateProgrammeBody,
  type UpdateStepBody,
} from '@spejl/shared';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { createProgrammeRefusal } from './programmes.policy.ts';
import { presentCohort } from './programmes.present.ts';
import type { StepInsert } from './programmes.repository.ts';
import type { ProgrammeContext, ProgrammesDeps } from './programmes.context.ts';

/** Coordinators write programmes: the programme itself, its steps in order, and cohorts; each change audited. */
export function createProgrammeAuthoring(deps: ProgrammesDeps, context: ProgrammeContext) {
  const { repository, clock } = deps;
  const { load, audit, programmeView } = context;

  async function checkReferences(refs: {
    groupIds?: Array<string | null | undefined>;
    webinarIds?: string[];
    resourceIds?: string[];
  }) {
    for (const groupId of refs.groupIds ?? [])
      if (groupId && (await repository.groupName(groupId)) === null)
        throw new AppError('programme.reference_invalid');
    if (refs.webinarIds && !(await repository.webinarsExist(refs.webinarIds)))
      throw new AppError('programme.reference_invalid');
    if (refs.resourceIds && !(await repository.resourcesExist(refs.resourceIds)))
      throw new AppError('programme.reference_invalid');
  }

  function stepFields(
    kind: CreateStepBody['kind'],
    body: CreateStepBody | UpdateStepBody,
  ): Partial<StepInsert> {
    const values: Partial<StepInsert> = {};
    if (body.title !== undefined) values.title = body.title;
    if (body.description !== undefined) values.description = body.description;
    if (body.completion !== undefined) {
      if (!completionsOfKind[kind].includes(body.completion))
        throw new AppError('validation.failed', {
          details: [{ path: ['completion'], message: 'completion_not_for_kind' }],
        });
      values.completion = body.completion;
    }
    if (body.opens !== undefined) {
      values.opensRule = body.opens.rule;
      values.opensAfterDays = body.opens.rule === 'days_after_enrolling' ? body.opens.days : null;
      values.opensOn = body.opens.rule === 'on_date' ? body.opens.date : null;
    }
    if (body.dueAfterDays !== undefined) values.dueAfterDays = body.dueAfterDays;
    const wrongKind = (field: string) =>
      new AppError('validation.failed', { details: [{ path: [field], message: 'not_for_kind' }] });
    if ('groupId' in body && body.groupId !== undefined) {
      if (kind !== 'join_group') throw wrongKind('groupId');
      values.groupId = body.groupId;
    }
    if ('meeting' in body && body.meeting !== undefined) {
      if (kind !== 'meeting') throw wrongKind('meeting');
      values.place = body.meeting.place;
      values.startsAt = new Date(body.meeting.startsAt);
      values.webinarId = body.meeting.webinarId ?? null;
    }
    if ('resourceIds' in body && body.resourceIds !== undefined && kind !== 'read')
      throw wrongKind('resourceIds');
    if ('webinarIds' in body && body.webinarIds !== undefined && kind !== 'attend_webinar')
      throw wrongKind('webinarIds');
    return values;
  }

  return {
    async create(actor: Actor, body: CreateProgrammeBody): Promise<Programme> {
      const refusal = createProgrammeRefusal(actor);
      if (refusal) throw new AppError(refusal);
      if (body.associationId && !(await repository.associationExists(body.associationId)))
        throw new AppError('association.not_found');
      await checkReferences({ groupIds: [body.finalGroupId] });
      const now = clock.now();
      const programme = await repository.transaction(async (tx) => {
        const row = await repository.insert(
          {
            title: body.title,
            summary: body.summary,
            ownerId: actor.user.id,
            associationId: body.associationId ?? null,
            finalGroupId: body.finalGroupId ?? null,
            status: 'draft',
            createdAt: now,
            updatedAt: now,
          },
          tx,
        );
        await audit(actor, 'programme.created', { programmeId: row.id, title: row.title }, tx);
        return row;
      });
      return programmeView(actor, programme);
    },

    async update(actor: Actor, id: string, body: UpdateProgrammeBody): Promise<Programme> {
      const programme = await load(actor, id, 'manage');
      if (body.associationId && !(await repository.associationExists(body.associationId)))
        throw new AppError('association.not_found');
      await checkReferences({ groupIds: [body.finalGroupId] });
      const updated = await repository.transaction(async (tx) => {
        const row = await repository.update(programme.id, { ...body, updatedAt: clock.now() }, tx);
        await audit(
          actor,
          'programme.updated',
          {
            programmeId: row.id,
            ...body,
            ...(body.summary === undefined ? {} : { summary: body.summary.length }),
          },
          tx,
        );
        return row;
      });
      return programmeView(actor, updated);
    },

    async addStep(actor: Actor, id: string, body: CreateStepBody): Promise<Programme> {
      const programme = await load(actor, id, 'manage');
      const steps = await repository.steps(programme.id);
      if (steps.length >= programmeLimits.stepsMax)
        throw new AppError('validation.failed', { details: [{ path: [], message: 'too_many_steps' }] });
      await checkReferences({
        groupIds: [body.kind === 'join_group' ? body.groupId : null],
        webinarIds: [
          ...(body.kind === 'attend_webinar' ? body.webinarIds : []),
          ...(body.kind === 'meeting' && body.meeting.webinarId ? [body.meeting.webinarId] : []),
        ],
        resourceIds: body.kind === 'read' ? body.resourceIds : [],
      });
      const now = clock.now();
      await repository.transaction(async (tx) => {
        const step = await repository.insertStep(
          {
            programmeId: programme.id,
            position: steps.length,
            kind: body.kind,
            title: body.title,
            completion: completionsOfKind[body.kind][0] ?? 'marked_done',
            opensRule: 'after_previous',
            dueAfterDays: programmeLimits.defaultDueAfterDays,
            ...stepFields(body.kind, body),
            createdAt: now,
            updatedAt: now,
          } as StepInsert,
          tx,
        );
        if (body.kind === 'read') await repository.setStepResources(step.id, body.resourceIds, tx);
        if (body.kind === 'attend_webinar') await repository.setStepWebinars(step.id, body.webinarIds, tx);
        await repository.update(programme.id, { updatedAt: now }, tx);
        await audit(
          actor,
          'programme.step_created',
          { programmeId: programme.id, stepId: step.id, kind: step.kind },
          tx,
        );
      });
      return programmeView(actor, programme);
    },

    async updateStep(actor: Actor, id: string, stepId: string, body: UpdateStepBody): Promise<Programme> {
      const programme = await load(actor, id, 'manage');
      const steps = await repository.steps(programme.id);
      const record = steps.find((candidate) => candidate.step.id === stepId);
      if (!record) throw new AppError('not_found');
      const values = stepFields(record.step.kind, body);
      await checkReferences({
        groupIds: [body.groupId],
        webinarIds: [
          ...(body.webinarIds ?? []),
          ...(body.meeting?.webinarId ? [body.meeting.webinarId] : []),
        ],
        ...(body.resourceIds ? { resourceIds: body.resourceIds } : {}),
      });
      const now = clock.now();
      await repository.transaction(async (tx) => {
        await repository.updateStep(stepId, { ...values, updatedAt: now }, tx);
        if (body.resourceIds) await repository.setStepResources(stepId, body.resourceIds, tx);
        if (body.webinarIds) await repository.setStepWebinars(stepId, body.webinarIds, tx);
        if (body.position !== undefined) {
          const order = steps
            .map((candidate) => candidate.step.id)
            .filter((candidate) => candidate !== stepId);
          order.splice(Math.min(body.position, order.length), 0, stepId);
          await repository.reorder(order, tx);
        }
        await repository.update(programme.id, { updatedAt: now }, tx);
        await audit(
          actor,
          'programme.step_updated',
          { programmeId: programme.id, stepId, fields: Object.keys(body) },
          tx,
        );
      });
      return programmeView(actor, programme);
    },

    async removeStep(actor: Actor, id: string, stepId: string): Promise<void> {
      const programme = await load(actor, id, 'manage');
      const steps = await repository.steps(programme.id);
      if (!steps.some((candidate) => candidate.step.id === stepId)) throw new AppError('not_found');
      await repository.transaction(async (tx) => {
        await repository.deleteStep(stepId, tx);
        await repository.reorder(
          steps.map((candidate) => candidate.step.id).filter((candidate) => candidate !== stepId),
          tx,
        );
        await repository.update(programme.id, { updatedAt: clock.now() }, tx);
        await audit(actor, 'programme.step_deleted', { programmeId: programme.id, stepId }, tx);
      });
    },

    async addCohort(actor: Actor, id: string, body: { name: string; startsOn: string }) {
      const programme = await load(actor, id, 'manage');
      const cohort = await repository.transaction(async (tx) => {
        const row = await repository.insertCohort(
          {
            programmeId: programme.id,
            name: body.name,
            startsOn: body.startsOn,
            coordinatorId: actor.user.id,
            createdAt: clock.now(),
          },
          tx,
        );
        await audit(
          actor,
          'programme.cohort_created',
          { programmeId: programme.id, cohortId: row.id, startsOn: row.startsOn },
          tx,
        );
        return row;
      });
      return presentCohort(cohort);
    },
  };
}
