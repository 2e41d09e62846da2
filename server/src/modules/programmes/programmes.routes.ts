import {
  cohort,
  createCohortBody,
  createProgrammeBody,
  createStepBody,
  enrolBody,
  enrolment,
  enrolmentList,
  enrolmentParams,
  enrolmentStepParams,
  evaluationBody,
  evaluationSummary,
  listQuery,
  matrixQuery,
  programme,
  programmeLimits,
  programmeList,
  programmeListQuery,
  programmeMatrix,
  programmeParams,
  programmeStepParams,
  updateProgrammeBody,
  updateStepBody,
} from '@spejl/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { limitRule } from '../../http/limits.ts';
import { powerRefusals } from '../../http/openapi-errors.ts';
import type { RouteLimit } from '../../http/route-limits.ts';
import type { ProgrammesService } from './programmes.service.ts';

const tags = ['programmes'];
const hour = 60 * 60;
const perPerson = (request: FastifyRequest) => [actorOf(request).user.id];
/** Every change a coordinator makes to programmes, steps and cohorts counts against one budget per person. */
const programmeChanges: RouteLimit = {
  rule: limitRule('programme-changes:person', 240, hour),
  key: perPerson,
};
/** A family's own actions: enrolling, ticking steps off, pausing, answering questionnaires. */
const familyActions: RouteLimit = { rule: limitRule('programme-family:person', 240, hour), key: perPerson };

const seeErrors = ['programme.not_found'] as const;
const manageErrors = ['programme.not_found', ...powerRefusals] as const;

/** The new-family programme: every route needs a session; drafts are 404 to all but those who run them. */
export function programmesRoutes(deps: { programmes: ProgrammesService }): FastifyPluginAsyncZod {
  const { programmes } = deps;
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/programmes',
      { schema: { tags, querystring: programmeListQuery, response: { 200: programmeList } } },
      async (request) => programmes.list(actorOf(request), request.query),
    );

    app.post(
      '/programmes',
      {
        bodyLimit: programmeLimits.requestBytes,
        config: {
          errors: ['association.not_found', 'programme.reference_invalid', ...powerRefusals, 'rate_limited'],
          limits: [programmeChanges],
        },
        schema: { tags, body: createProgrammeBody, response: { 201: programme } },
      },
      async (request, reply) => {
        reply.code(201);
        return programmes.create(actorOf(request), request.body);
      },
    );

    app.get(
      '/programmes/:id',
      {
        config: { errors: [...seeErrors] },
        schema: { tags, params: programmeParams, response: { 200: programme } },
      },
      async (request) => programmes.get(actorOf(request), request.params.id),
    );

    app.patch(
      '/programmes/:id',
      {
        bodyLimit: programmeLimits.requestBytes,
        config: {
          errors: [...manageErrors, 'association.not_found', 'programme.reference_invalid', 'rate_limited'],
          limits: [programmeChanges],
        },
        schema: { tags, params: programmeParams, body: updateProgrammeBody, response: { 200: programme } },
      },
      async (request) => programmes.update(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/programmes/:id/steps',
      {
        bodyLimit: programmeLimits.requestBytes,
        config: {
          errors: [...manageErrors, 'programme.reference_invalid', 'rate_limited'],
          limits: [programmeChanges],
        },
        schema: { tags, params: programmeParams, body: createStepBody, response: { 201: programme } },
      },
      async (request, reply) => {
        reply.code(201);
        return programmes.addStep(actorOf(request), request.params.id, request.body);
      },
    );

    app.patch(
      '/programmes/:id/steps/:stepId',
      {
        bodyLimit: programmeLimits.requestBytes,
        config: {
          errors: [...manageErrors, 'programme.reference_invalid', 'rate_limited'],
          limits: [programmeChanges],
        },
        schema: { tags, params: programmeStepParams, body: updateStepBody, response: { 200: programme } },
      },
      async (request) =>
        programmes.updateStep(actorOf(request), request.params.id, request.params.stepId, request.body),
    );

    app.delete(
      '/programmes/:id/steps/:stepId',
      {
        config: { errors: [...manageErrors, 'rate_limited'], limits: [programmeChanges] },
        schema: { tags, params: programmeStepParams },
      },
      async (request, reply) => {
        await programmes.removeStep(actorOf(request), request.params.id, request.params.stepId);
        return reply.code(204).send();
      },
    );

    app.post(
      '/programmes/:id/cohorts',
      {
        config: { errors: [...manageErrors, 'rate_limited'], limits: [programmeChanges] },
        schema: { tags, params: programmeParams, body: createCohortBody, response: { 201: cohort } },
      },
      async (request, reply) => {
        reply.code(201);
        return programmes.addCohort(actorOf(request), request.params.id, request.body);
      },
    );

    app.post(
      '/programmes/:id/enrolments',
      {
        config: {
          errors: [
            ...seeErrors,
            'programme.closed',
            'programme.cohort_not_found',
            'association.not_found',
            'rate_limited',
          ],
          limits: [familyActions],
        },
        schema: {
          tags,
          params: programmeParams,
          // Optional: enrolling alone, with no association, is a bare POST.
          body: enrolBody.nullish(),
          response: { 200: enrolment, 201: enrolment },
        },
      },
      async (request, reply) => {
        const result = await programmes.enrol(actorOf(request), request.params.id, request.body ?? {});
        reply.code(result.created ? 201 : 200);
        return result.enrolment;
      },
    );

    app.get(
      '/me/programmes',
      { schema: { tags, querystring: listQuery, response: { 200: enrolmentList } } },
      async (request) => programmes.mine(actorOf(request), request.query),
    );

    app.post(
      '/programmes/:id/steps/:stepId/done',
      {
        config: {
          errors: [
            ...seeErrors,
            'programme.not_enrolled',
            'programme.enrolment_not_active',
            'programme.step_locked',
            'programme.needs_attendance',
            'programme.coordinator_confirms',
            'rate_limited',
          ],
          limits: [familyActions],
        },
        schema: { tags, params: programmeStepParams, response: { 200: enrolment } },
      },
      async (request) => programmes.markDone(actorOf(request), request.params.id, request.params.stepId),
    );

    app.post(
      '/programmes/:id/enrolments/:enrolmentId/steps/:stepId/confirm',
      {
        config: { errors: [...manageErrors, 'rate_limited'], limits: [programmeChanges] },
        schema: { tags, params: enrolmentStepParams, response: { 200: enrolment } },
      },
      async (request) =>
        programmes.confirm(
          actorOf(request),
          request.params.id,
          request.params.enrolmentId,
          request.params.stepId,
        ),
    );

    for (const action of ['pause', 'resume'] as const)
      app.post(
        `/programmes/:id/enrolments/:enrolmentId/${action}`,
        {
          config: {
            errors: [...seeErrors, 'programme.enrolment_not_active', 'rate_limited'],
            limits: [familyActions],
          },
          schema: { tags, params: enrolmentParams, response: { 200: enrolment } },
        },
        async (request) =>
          programmes[action](actorOf(request), request.params.id, request.params.enrolmentId),
      );

    app.post(
      '/programmes/:id/enrolments/:enrolmentId/leave',
      {
        config: {
          errors: [...seeErrors, 'programme.enrolment_not_active', 'rate_limited'],
          limits: [familyActions],
        },
        schema: { tags, params: enrolmentParams },
      },
      async (request, reply) => {
        await programmes.leave(actorOf(request), request.params.id, request.params.enrolmentId);
        return reply.code(204).send();
      },
    );

    app.post(
      '/programmes/:id/evaluations',
      {
        config: {
          errors: [
            ...seeErrors,
            'programme.not_enrolled',
            'programme.enrolment_not_active',
            'programme.evaluation_given',
            'programme.evaluation_not_due',
            'rate_limited',
          ],
          limits: [familyActions],
        },
        schema: { tags, params: programmeParams, body: evaluationBody, response: { 201: enrolment } },
      },
      async (request, reply) => {
        reply.code(201);
        return programmes.evaluate(actorOf(request), request.params.id, request.body);
      },
    );

    app.get(
      '/programmes/:id/evaluations',
      {
        config: { errors: [...manageErrors] },
        schema: { tags, params: programmeParams, response: { 200: evaluationSummary } },
      },
      async (request) => programmes.evaluations(actorOf(request), request.params.id),
    );

    app.get(
      '/programmes/:id/matrix',
      {
        config: { errors: [...manageErrors] },
        schema: {
          tags,
          params: programmeParams,
          querystring: matrixQuery,
          response: { 200: programmeMatrix },
        },
      },
      async (request) => programmes.matrix(actorOf(request), request.params.id, request.query),
    );
  };
}
