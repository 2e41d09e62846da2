import {
  accessRecord,
  consentState,
  deleteAccountBody,
  exportArchive,
  exportTokenParams,
  groupIdParams,
  groupRetention,
  groupRetentionBody,
  isoDate,
  retentionSettings,
  updateConsentBody,
  updateRetentionBody,
} from '@spejl/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { limitRule } from '../../http/limits.ts';
import { powerRefusals } from '../../http/openapi-errors.ts';
import type { RouteLimit } from '../../http/route-limits.ts';
import { clearSessionCookie } from '../auth/auth.cookies.ts';
import { passwordChecks } from '../auth/auth.routes.ts';
import type { Retention } from './privacy.retention.ts';
import type { PrivacyService } from './privacy.service.ts';

const tags = ['privacy'];

// Rate limits (docs/SECURITY.md's table), every attempt counted, refused ones too. The keys run after the plugin's
// `requireAuth` (an onRequest hook, before the limits' preHandler), so there is always an actor.
const hour = 60 * 60;
const perPerson = (request: FastifyRequest) => [actorOf(request).user.id];
const consentChanges: RouteLimit = { rule: limitRule('consent-changes:person', 120, hour), key: perPerson };
const exportDownloads: RouteLimit = { rule: limitRule('exports:person', 5, hour), key: perPerson };
const exportArchives: RouteLimit = {
  rule: limitRule('export-archives:person', 3, 24 * hour),
  key: perPerson,
};
const exportDocument = z.record(z.string(), z.unknown());
const toArchive = (row: Awaited<ReturnType<PrivacyService['archives']>>[number]) => ({
  id: row.id,
  status: row.status,
  createdAt: row.createdAt.toISOString(),
  readyAt: row.readyAt?.toISOString() ?? null,
  expiresAt: row.expiresAt?.toISOString() ?? null,
  sizeBytes: row.sizeBytes,
});

/** The person's rights over their data: consents, export, deletion, access records; and the retention rules. */
export function privacyRoutes(deps: {
  privacy: PrivacyService;
  retention: Retention;
  production: boolean;
}): FastifyPluginAsyncZod {
  const { privacy, retention } = deps;
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/me/export',
      {
        config: { errors: ['rate_limited'], limits: [exportDownloads] },
        schema: { tags, response: { 200: exportDocument } },
      },
      async (request, reply) => {
        reply.header('content-disposition', 'attachment; filename="spejl-export.json"');
        return privacy.export(actorOf(request));
      },
    );

    app.post(
      '/me/exports',
      {
        config: { errors: ['rate_limited'], limits: [exportArchives] },
        schema: {
          tags,
          body: z.strictObject({}).optional(),
          response: { 202: z.object({ export: exportArchive }) },
        },
      },
      async (request, reply) =>
        reply.code(202).send({ export: toArchive(await privacy.requestArchive(actorOf(request))) }),
    );

    app.get(
      '/me/exports',
      {
        schema: {
          tags,
          response: { 200: z.object({ items: z.array(exportArchive), nextCursor: z.null() }) },
        },
      },
      async (request) => ({
        items: (await privacy.archives(actorOf(request))).map(toArchive),
        nextCursor: null,
      }),
    );

    app.get(
      '/me/exports/:token',
      { schema: { tags, params: exportTokenParams, response: { 200: exportDocument } } },
      async (request, reply) => {
        const archive = await privacy.downloadArchive(actorOf(request), request.params.token);
        reply.header('content-disposition', 'attachment; filename="spejl-export.json"');
        return archive as Record<string, unknown>;
      },
    );

    app.get('/me/consents', { schema: { tags, response: { 200: consentState } } }, async (request) =>
      privacy.consents(actorOf(request)),
    );

    app.put(
      '/me/consents',
      {
        config: {
          errors: ['privacy.sole_owner', 'mentoring.has_matches', 'rate_limited'],
          limits: [consentChanges],
        },
        schema: { tags, body: updateConsentBody, response: { 200: consentState } },
      },
      async (request) => privacy.setConsent(actorOf(request), request.body.kind, request.body.given),
    );

    app.delete(
      '/me',
      {
        config: { errors: ['rate_limited'], limits: [passwordChecks] },
        schema: { tags, body: deleteAccountBody, response: { 204: z.null() } },
      },
      async (request, reply) => {
        await privacy.deleteAccount(actorOf(request), request.body.password, request.body.messages);
        clearSessionCookie(reply, deps.production);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/me/access-records',
      {
        schema: {
          tags,
          querystring: z.strictObject({
            cursor: isoDate.optional(),
            limit: z.coerce.number().int().min(1).max(100).default(30),
          }),
          response: { 200: z.object({ items: z.array(accessRecord), nextCursor: z.string().nullable() }) },
        },
      },
      async (request) =>
        privacy.accessRecords(actorOf(request), {
          before: request.query.cursor ? new Date(request.query.cursor) : undefined,
          limit: request.query.limit,
        }),
    );

    app.get(
      '/admin/retention',
      { config: { errors: [...powerRefusals] }, schema: { tags, response: { 200: retentionSettings } } },
      async (request) => retention.settingsFor(actorOf(request)),
    );

    app.patch(
      '/admin/retention',
      {
        config: { errors: [...powerRefusals] },
        schema: { tags, body: updateRetentionBody, response: { 200: retentionSettings } },
      },
      async (request) => retention.updateSettings(actorOf(request), request.body),
    );

    app.get(
      '/groups/:id/retention',
      {
        config: { errors: [...powerRefusals] },
        schema: { tags, params: groupIdParams, response: { 200: groupRetention } },
      },
      async (request) => retention.groupRuleFor(actorOf(request), request.params.id),
    );

    app.put(
      '/groups/:id/retention',
      {
        schema: { tags, params: groupIdParams, body: groupRetentionBody, response: { 200: groupRetention } },
      },
      async (request) =>
        retention.setGroupRule(
          actorOf(request),
          request.params.id,
          request.body.messageMonths,
          request.body.reason,
        ),
    );
  };
}
