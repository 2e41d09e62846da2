import {
  archiveAssociationBody,
  association,
  associationList,
  associationListQuery,
  associationParams,
  createAssociationBody,
  updateAssociationBody,
} from '@spejl/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { limitRule } from '../../http/limits.ts';
import { powerRefusals } from '../../http/openapi-errors.ts';
import type { RouteLimit } from '../../http/route-limits.ts';
import type { AssociationsService } from './associations.service.ts';

const tags = ['associations'];
/** Every change to associations, their logos included, counts against one budget per admin. */
export const associationChanges: RouteLimit = {
  rule: limitRule('association-changes:person', 120, 60 * 60),
  key: (request: FastifyRequest) => [actorOf(request).user.id],
};

/** The administration's associations: admins with TOTP in the session; every change is in the audit log. */
export function associationsRoutes(deps: { associations: AssociationsService }): FastifyPluginAsyncZod {
  const { associations } = deps;
  return async (app) => {
    app.get(
      '/admin/associations',
      {
        onRequest: requireAuth,
        config: { errors: [...powerRefusals] },
        schema: { tags, querystring: associationListQuery, response: { 200: associationList } },
      },
      async (request) => associations.list(actorOf(request), request.query.status),
    );

    app.post(
      '/admin/associations',
      {
        onRequest: requireAuth,
        config: {
          errors: ['association.name_taken', ...powerRefusals, 'rate_limited'],
          limits: [associationChanges],
        },
        schema: { tags, body: createAssociationBody, response: { 201: association } },
      },
      async (request, reply) => {
        reply.code(201);
        return associations.create(actorOf(request), request.body);
      },
    );

    app.get(
      '/admin/associations/:id',
      {
        onRequest: requireAuth,
        config: { errors: ['association.not_found', ...powerRefusals] },
        schema: { tags, params: associationParams, response: { 200: association } },
      },
      async (request) => associations.get(actorOf(request), request.params.id),
    );

    app.patch(
      '/admin/associations/:id',
      {
        onRequest: requireAuth,
        config: {
          errors: ['association.not_found', 'association.name_taken', ...powerRefusals, 'rate_limited'],
          limits: [associationChanges],
        },
        schema: {
          tags,
          params: associationParams,
          body: updateAssociationBody,
          response: { 200: association },
        },
      },
      async (request) => associations.update(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/admin/associations/:id/archive',
      {
        onRequest: requireAuth,
        config: {
          errors: ['association.not_found', 'association.already_archived', ...powerRefusals, 'rate_limited'],
          limits: [associationChanges],
        },
        schema: {
          tags,
          params: associationParams,
          body: archiveAssociationBody,
          response: { 200: association },
        },
      },
      async (request) => associations.archive(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/admin/associations/:id/unarchive',
      {
        onRequest: requireAuth,
        config: {
          errors: ['association.not_found', 'association.not_archived', ...powerRefusals, 'rate_limited'],
          limits: [associationChanges],
        },
        schema: {
          tags,
          params: associationParams,
          body: archiveAssociationBody,
          response: { 200: association },
        },
      },
      async (request) => associations.unarchive(actorOf(request), request.params.id, request.body),
    );
  };
}
