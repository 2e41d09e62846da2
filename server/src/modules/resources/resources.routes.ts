import {
  addAssociationEditorBody,
  associationEditorList,
  associationEditorParams,
  associationParams,
  createResourceBody,
  listQuery,
  republishResourceBody,
  resource,
  resourceLimits,
  resourceKitQuery,
  resourceList,
  resourceListQuery,
  resourceParams,
  updateResourceBody,
  withdrawResourceBody,
} from '@spejl/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { limitRule } from '../../http/limits.ts';
import { powerRefusals } from '../../http/openapi-errors.ts';
import type { RouteLimit } from '../../http/route-limits.ts';
import { associationChanges } from '../associations/associations.routes.ts';
import { visitorReads } from '../groups/groups.routes.ts';
import type { AssociationEditorsService } from './resources.editors.ts';
import type { ResourceKitService } from './resources.kit.ts';
import type { ResourcesService } from './resources.service.ts';

const tags = ['resources'];
/** Every change an editor makes to the kit counts against one budget per person. */
const resourceChanges: RouteLimit = {
  rule: limitRule('resource-changes:person', 120, 60 * 60),
  key: (request: FastifyRequest) => [actorOf(request).user.id],
};
/** A kit is a PDF made on demand, which costs CPU: a budget per address, for visitors and members alike. */
const kitDownloads: RouteLimit = {
  rule: limitRule('resource-kits:address', 30, 15 * 60),
  key: (request: FastifyRequest) => [request.ip],
};
/** Refusals of a change: the resource's read refusals, then the editor's. */
const changeErrors = [
  'resource.not_found',
  'resource.members_only',
  'group.not_member',
  ...powerRefusals,
  'rate_limited',
] as const;

/**
 * The information kit: public resources answer signed out, and so does `GET /api/kit.pdf` (the printable kit of public
 * resources for an audience and a topic); editors create, edit, check, withdraw and delete.
 */
export function resourcesRoutes(deps: {
  resources: ResourcesService;
  editors: AssociationEditorsService;
  kit: ResourceKitService;
}): FastifyPluginAsyncZod {
  const { resources, editors, kit } = deps;
  return async (app) => {
    // The printable kit of public resources (readable signed out): at most `resourceLimits.kitMax` resources.
    app.get(
      '/kit.pdf',
      {
        config: { errors: ['rate_limited'], limits: [kitDownloads] },
        schema: { tags, querystring: resourceKitQuery, produces: ['application/pdf'] },
      },
      async (request, reply) => {
        const { fileName, pdf } = await kit.kit(request.query, request.query.lang ?? request.locale);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(pdf);
      },
    );

    app.get(
      '/resources',
      {
        config: { errors: ['rate_limited'], limits: [visitorReads] },
        schema: { tags, querystring: resourceListQuery, response: { 200: resourceList } },
      },
      async (request) => resources.list(request.actor, request.query),
    );

    app.get(
      '/resources/review',
      {
        onRequest: requireAuth,
        config: { errors: [...powerRefusals] },
        schema: { tags, querystring: listQuery, response: { 200: resourceList } },
      },
      async (request) => resources.reviewQueue(actorOf(request), request.query),
    );

    app.get(
      '/resources/:id',
      {
        config: {
          errors: [
            'auth.required',
            'resource.not_found',
            'resource.members_only',
            'group.not_member',
            'rate_limited',
          ],
          limits: [visitorReads],
        },
        schema: { tags, params: resourceParams, response: { 200: resource } },
      },
      async (request) => resources.get(request.actor, request.params.id),
    );

    app.post(
      '/resources',
      {
        onRequest: requireAuth,
        bodyLimit: resourceLimits.requestBytes,
        config: {
          errors: ['association.not_found', 'not_found', ...powerRefusals, 'rate_limited'],
          limits: [resourceChanges],
        },
        schema: { tags, body: createResourceBody, response: { 201: resource } },
      },
      async (request, reply) => {
        reply.code(201);
        return resources.create(actorOf(request), request.body);
      },
    );

    app.patch(
      '/resources/:id',
      {
        onRequest: requireAuth,
        bodyLimit: resourceLimits.requestBytes,
        config: { errors: [...changeErrors], limits: [resourceChanges] },
        schema: { tags, params: resourceParams, body: updateResourceBody, response: { 200: resource } },
      },
      async (request) => resources.update(actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/resources/:id',
      {
        onRequest: requireAuth,
        config: { errors: [...changeErrors], limits: [resourceChanges] },
        schema: { tags, params: resourceParams },
      },
      async (request, reply) => {
        await resources.remove(actorOf(request), request.params.id);
        return reply.code(204).send();
      },
    );

    app.post(
      '/resources/:id/still-correct',
      {
        onRequest: requireAuth,
        config: {
          errors: [...changeErrors, 'resource.withdrawn', 'resource.valid_year_passed'],
          limits: [resourceChanges],
        },
        schema: { tags, params: resourceParams, response: { 200: resource } },
      },
      async (request) => resources.stillCorrect(actorOf(request), request.params.id),
    );

    app.post(
      '/resources/:id/withdraw',
      {
        onRequest: requireAuth,
        config: { errors: [...changeErrors, 'resource.already_in_state'], limits: [resourceChanges] },
        schema: { tags, params: resourceParams, body: withdrawResourceBody, response: { 200: resource } },
      },
      async (request) => resources.withdraw(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/resources/:id/republish',
      {
        onRequest: requireAuth,
        config: {
          errors: [...changeErrors, 'resource.already_in_state', 'resource.valid_year_passed'],
          limits: [resourceChanges],
        },
        schema: { tags, params: resourceParams, body: republishResourceBody, response: { 200: resource } },
      },
      async (request) => resources.republish(actorOf(request), request.params.id, request.body),
    );

    // An association's editors: admins (with TOTP in the session) appoint them; every change is in the audit log.
    app.get(
      '/associations/:id/editors',
      {
        onRequest: requireAuth,
        config: { errors: ['association.not_found', ...powerRefusals] },
        schema: { tags, params: associationParams, response: { 200: associationEditorList } },
      },
      async (request) => editors.list(actorOf(request), request.params.id),
    );

    app.post(
      '/associations/:id/editors',
      {
        onRequest: requireAuth,
        config: {
          errors: ['association.not_found', 'resource.editor_exists', ...powerRefusals, 'rate_limited'],
          limits: [associationChanges],
        },
        schema: {
          tags,
          params: associationParams,
          body: addAssociationEditorBody,
          response: { 201: associationEditorList },
        },
      },
      async (request, reply) => {
        reply.code(201);
        return editors.add(actorOf(request), request.params.id, request.body);
      },
    );

    app.delete(
      '/associations/:id/editors/:userId',
      {
        onRequest: requireAuth,
        config: {
          errors: ['association.not_found', ...powerRefusals, 'rate_limited'],
          limits: [associationChanges],
        },
        schema: { tags, params: associationEditorParams },
      },
      async (request, reply) => {
        await editors.remove(actorOf(request), request.params.id, request.params.userId);
        return reply.code(204).send();
      },
    );
  };
}
