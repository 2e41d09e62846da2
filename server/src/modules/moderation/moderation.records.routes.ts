import {
  appealBody,
  appealTokenParams,
  auditEntry,
  auditExportQuery,
  auditQuery,
  createFilterBody,
  filterList,
  filterQuery,
  groupIdParams,
  itemIdParams,
  listOf,
  moderationFilter,
  moderationSettings,
  platformSupport,
  supportQuery,
  supportResources,
  suspensionAppealPreview,
  transparencyQuery,
  transparencyReport,
  updateModerationSettingsBody,
  updatePlatformSupportBody,
} from '@spejl/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { limitRule } from '../../http/limits.ts';
import { powerRefusals } from '../../http/openapi-errors.ts';
import { readPage } from '../../http/pagination.ts';
import type { RouteLimit } from '../../http/route-limits.ts';
import type { ModerationServices } from './moderation.module.ts';

const tags = ['moderation'];

/**
 * Suspension appeal links read or used, per address, the two routes on one counter (docs/SECURITY.md, Rate
 * limits). They answer without a session, the token in the link being the only credential; every attempt counts.
 */
const appealLinks: RouteLimit = {
  rule: limitRule('appeal-links:address', 30, 60 * 60),
  key: (request) => [request.ip],
};

/** Changes to the platform's helplines, per admin. */
const platformSupportChanges: RouteLimit = {
  rule: limitRule('platform-support-changes:person', 120, 60 * 60),
  key: (request: FastifyRequest) => [actorOf(request).user.id],
};

/** Settings, watched words, support resources, the audit log and the transparency report. */
export function moderationRecordRoutes(deps: ModerationServices): FastifyPluginAsyncZod {
  const { settings, records } = deps;
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/moderation/groups/:id/settings',
      {
        config: { errors: [...powerRefusals] },
        schema: {
          tags,
          params: groupIdParams,
          response: { 200: z.object({ settings: moderationSettings }) },
        },
      },
      async (request) => ({ settings: await settings.settings(actorOf(request), request.params.id) }),
    );

    app.patch(
      '/moderation/groups/:id/settings',
      {
        schema: {
          tags,
          params: groupIdParams,
          body: updateModerationSettingsBody,
          response: { 200: z.object({ settings: moderationSettings }) },
        },
      },
      async (request) => ({
        settings: await settings.updateSettings(actorOf(request), request.params.id, request.body),
      }),
    );

    app.get(
      '/moderation/filters',
      {
        config: { errors: ['not_found', ...powerRefusals] },
        schema: { tags, querystring: filterQuery, response: { 200: filterList } },
      },
      async (request) => ({
        items: await settings.filters(actorOf(request), request.query.groupId),
        nextCursor: null,
      }),
    );

    app.post(
      '/moderation/filters',
      {
        config: { errors: ['moderation.filter_exists', 'not_found'] },
        schema: { tags, body: createFilterBody, response: { 201: z.object({ filter: moderationFilter }) } },
      },
      async (request, reply) =>
        reply.code(201).send({ filter: await settings.addFilter(actorOf(request), request.body) }),
    );

    app.delete(
      '/moderation/filters/:id',
      { schema: { tags, params: itemIdParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await settings.removeFilter(actorOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/moderation/support',
      {
        config: { errors: ['not_found', 'group.not_member'] },
        schema: { tags, querystring: supportQuery, response: { 200: supportResources } },
      },
      async (request) => settings.support(actorOf(request), request.query.groupId),
    );

    // The platform's helplines, for groups without a list of their own: admins with TOTP in the session.
    app.get(
      '/admin/support',
      {
        config: { errors: [...powerRefusals] },
        schema: { tags, response: { 200: platformSupport } },
      },
      async (request) => deps.platformSupport.get(actorOf(request)),
    );

    app.put(
      '/admin/support',
      {
        config: { errors: [...powerRefusals, 'rate_limited'], limits: [platformSupportChanges] },
        schema: { tags, body: updatePlatformSupportBody, response: { 200: platformSupport } },
      },
      async (request) => deps.platformSupport.update(actorOf(request), request.body),
    );

    app.get(
      '/moderation/audit-log',
      {
        config: { errors: ['not_found', ...powerRefusals] },
        schema: { tags, querystring: auditQuery, response: { 200: listOf(auditEntry) } },
      },
      async (request) =>
        records.auditLog(
          actorOf(request),
          { groupId: request.query.groupId, scope: request.query.scope },
          readPage(request.query),
        ),
    );

    app.get(
      '/moderation/audit-log.csv',
      {
        config: { errors: ['not_found', ...powerRefusals] },
        schema: { tags, querystring: auditExportQuery, produces: ['text/csv'] },
      },
      async (request, reply) => {
        const csv = await records.auditCsv(actorOf(request), request.query);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${csv.filename}"`)
          .send(csv.body);
      },
    );

    app.get(
      '/moderation/transparency',
      {
        config: { errors: ['not_found', ...powerRefusals] },
        schema: { tags, querystring: transparencyQuery, response: { 200: transparencyReport } },
      },
      async (request) => records.transparency(actorOf(request), request.query),
    );
  };
}

/** A suspended member cannot sign in; the link in their mail lets them read the decision and appeal it once. */
export function suspensionAppealRoutes(deps: ModerationServices): FastifyPluginAsyncZod {
  const { appeals } = deps;
  return async (app) => {
    app.get(
      '/moderation/appeal-tokens/:token',
      {
        config: { errors: ['rate_limited'], limits: [appealLinks] },
        schema: { tags, params: appealTokenParams, response: { 200: suspensionAppealPreview } },
      },
      async (request) => appeals.previewByToken(request.params.token),
    );

    app.post(
      '/moderation/appeal-tokens/:token/appeal',
      {
        config: {
          errors: [
            'moderation.not_appealable',
            'moderation.appeal_exists',
            'moderation.appeal_expired',
            'rate_limited',
          ],
          limits: [appealLinks],
        },
        schema: { tags, params: appealTokenParams, body: appealBody, response: { 204: z.null() } },
      },
      async (request, reply) => {
        await appeals.appealByToken(request.params.token, request.body.statement);
        return reply.code(204).send(null);
      },
    );
  };
}
