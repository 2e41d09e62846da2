import {
  actionBody,
  appeal,
  appealBody,
  appealDecisionBody,
  appealQuery,
  bulkActionBody,
  bulkActionResult,
  flagBody,
  flagResponse,
  itemIdParams,
  listOf,
  listQuery,
  messageIdParams,
  moderationItem,
  moderationItemDetail,
  moderationSummary,
  myModerationAction,
  myReport,
  queueQuery,
} from '@spejl/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { powerRefusals } from '../../http/openapi-errors.ts';
import { readPage } from '../../http/pagination.ts';
import type { ModerationServices } from './moderation.module.ts';

const tags = ['moderation'];
const itemResponse = z.object({ item: moderationItemDetail });
const appealResponse = z.object({ appeal });

/** Flags, the review queue, actions, the member's own reports and decisions, and appeals. */
export function moderationRoutes(deps: ModerationServices): FastifyPluginAsyncZod {
  const { moderation, actions, appeals } = deps;
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.post(
      '/messages/:id/flags',
      {
        config: { errors: ['moderation.already_flagged', 'moderation.flag_limit'] },
        schema: { tags, params: messageIdParams, body: flagBody, response: { 201: flagResponse } },
      },
      async (request, reply) =>
        reply.code(201).send(await moderation.flag(actorOf(request), request.params.id, request.body)),
    );

    app.get(
      '/me/reports',
      { schema: { tags, querystring: listQuery, response: { 200: listOf(myReport) } } },
      async (request) => moderation.myReports(actorOf(request), readPage(request.query)),
    );

    app.get(
      '/me/moderation-actions',
      { schema: { tags, querystring: listQuery, response: { 200: listOf(myModerationAction) } } },
      async (request) => appeals.mine(actorOf(request), readPage(request.query)),
    );

    app.get(
      '/me/moderation-actions/:id',
      { schema: { tags, params: itemIdParams, response: { 200: z.object({ action: myModerationAction }) } } },
      async (request) => ({ action: await appeals.mineOne(actorOf(request), request.params.id) }),
    );

    app.get(
      '/moderation/summary',
      { schema: { tags, response: { 200: moderationSummary } } },
      async (request) => moderation.summary(actorOf(request)),
    );

    app.get(
      '/moderation/queue',
      {
        config: { errors: ['not_found', ...powerRefusals] },
        schema: { tags, querystring: queueQuery, response: { 200: listOf(moderationItem) } },
      },
      async (request) =>
        moderation.queue(
          actorOf(request),
          { groupId: request.query.groupId, scope: request.query.scope, status: request.query.status },
          readPage(request.query),
        ),
    );

    app.get(
      '/moderation/items/:id',
      {
        config: { errors: ['auth.mfa_enrolment_required', 'auth.mfa_step_up_required'] },
        schema: { tags, params: itemIdParams, response: { 200: itemResponse } },
      },
      async (request) => ({ item: await moderation.item(actorOf(request), request.params.id) }),
    );

    app.post(
      '/moderation/items/:id/claim',
      {
        config: { errors: ['moderation.item_resolved', 'moderation.claimed'] },
        schema: { tags, params: itemIdParams, response: { 200: itemResponse } },
      },
      async (request) => ({ item: await moderation.claim(actorOf(request), request.params.id, true) }),
    );

    app.delete(
      '/moderation/items/:id/claim',
      { schema: { tags, params: itemIdParams, response: { 200: itemResponse } } },
      async (request) => ({ item: await moderation.claim(actorOf(request), request.params.id, false) }),
    );

    app.post(
      '/moderation/items/:id/actions',
      {
        config: {
          errors: ['moderation.item_resolved', 'moderation.claimed', 'group.last_owner', 'rate_limited'],
        },
        schema: { tags, params: itemIdParams, body: actionBody, response: { 200: itemResponse } },
      },
      async (request) => ({ item: await actions.act(actorOf(request), request.params.id, request.body) }),
    );

    app.post(
      '/moderation/items/bulk-actions',
      { schema: { tags, body: bulkActionBody, response: { 200: bulkActionResult } } },
      async (request) => {
        const { itemIds, ...body } = request.body;
        return actions.bulk(actorOf(request), itemIds, body);
      },
    );

    app.post(
      '/moderation/actions/:id/appeals',
      {
        config: {
          errors: ['moderation.not_appealable', 'moderation.appeal_exists', 'moderation.appeal_expired'],
        },
        schema: { tags, params: itemIdParams, body: appealBody, response: { 201: appealResponse } },
      },
      async (request, reply) =>
        reply.code(201).send({
          appeal: await appeals.appeal(actorOf(request), request.params.id, request.body.statement),
        }),
    );

    app.get(
      '/moderation/appeals',
      {
        config: { errors: ['not_found', ...powerRefusals] },
        schema: { tags, querystring: appealQuery, response: { 200: listOf(appeal) } },
      },
      async (request) =>
        appeals.list(
          actorOf(request),
          { groupId: request.query.groupId, scope: request.query.scope, status: request.query.status },
          readPage(request.query),
        ),
    );

    app.post(
      '/moderation/appeals/:id/decision',
      {
        config: { errors: ['moderation.appeal_decided'] },
        schema: { tags, params: itemIdParams, body: appealDecisionBody, response: { 200: appealResponse } },
      },
      async (request) => ({
        appeal: await appeals.decide(actorOf(request), request.params.id, request.body),
      }),
    );
  };
}
