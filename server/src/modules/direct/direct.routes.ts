import {
  blockedPersonList,
  blockResponse,
  directConversationList,
  directConversationResponse,
  directIdParams,
  directLimits,
  directListQuery,
  directRequestBody,
  directSettings,
  directSettingsBody,
  messageList,
  messageListQuery,
  messageResponse,
  personParams,
  postMessageBody,
  userIdParams,
} from '@spejl/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { limitRule } from '../../http/limits.ts';
import { readPage } from '../../http/pagination.ts';
import type { RouteLimit } from '../../http/route-limits.ts';
import type { DirectService } from './direct.service.ts';

const tags = ['direct'];
const noContent = { 204: z.null().describe('No content') };
const perPerson = (request: FastifyRequest) => [actorOf(request).user.id];
/**
 * Requests per person per day, every attempt counted (refused ones too), so nobody can try many people to learn
 * who has direct messages on, and nobody can flood others with requests.
 */
const requests: RouteLimit = {
  rule: limitRule('direct-requests:person', directLimits.requestsPerDay, 24 * 60 * 60),
  key: perPerson,
};
/** Blocking and unblocking: plenty for a person, few enough that nobody scripts through ids with it. */
const blockChanges: RouteLimit = { rule: limitRule('person-blocks:person', 120, 60 * 60), key: perPerson };

const requestErrors = ['dm.not_allowed', 'rate_limited', 'direct.pending', 'direct.unavailable'] as const;
const respondErrors = ['not_found', 'auth.forbidden', 'direct.not_pending'] as const;

/**
 * Direct messages under /api: the setting (`/me/direct-settings`), conversations (`/direct`, and the contract's
 * `/conversations` for the same thing), and blocks (`/people/:userId/block`, and the contract's `/users/:id/block`).
 * A conversation's messages are the chat's own (`/groups/:id/messages` and the WebSocket).
 */
export function directRoutes(deps: { direct: DirectService }): FastifyPluginAsyncZod {
  const { direct } = deps;
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get('/me/direct-settings', { schema: { tags, response: { 200: directSettings } } }, async (request) =>
      direct.settings(actorOf(request)),
    );
    app.patch(
      '/me/direct-settings',
      { schema: { tags, body: directSettingsBody, response: { 200: directSettings } } },
      async (request) => direct.saveSettings(actorOf(request), request.body.enabled),
    );

    for (const base of ['/direct', '/conversations']) {
      app.get(
        base,
        { schema: { tags, querystring: directListQuery, response: { 200: directConversationList } } },
        async (request) => direct.list(actorOf(request), readPage(request.query)),
      );

      app.post(
        base,
        {
          config: { errors: [...requestErrors], limits: [requests] },
          schema: {
            tags,
            body: directRequestBody,
            response: { 200: directConversationResponse, 201: directConversationResponse },
          },
        },
        async (request, reply) => {
          const { conversation, created } = await direct.request(actorOf(request), request.body);
          return reply.code(created ? 201 : 200).send({ conversation });
        },
      );

      app.get(
        `${base}/:id`,
        {
          config: { errors: ['not_found'] },
          schema: { tags, params: directIdParams, response: { 200: directConversationResponse } },
        },
        async (request) => ({ conversation: await direct.get(actorOf(request), request.params.id) }),
      );

      app.post(
        `${base}/:id/accept`,
        {
          config: { errors: [...respondErrors] },
          schema: { tags, params: directIdParams, response: { 200: directConversationResponse } },
        },
        async (request) => ({ conversation: await direct.accept(actorOf(request), request.params.id) }),
      );

      app.post(
        `${base}/:id/decline`,
        {
          config: { errors: [...respondErrors] },
          schema: { tags, params: directIdParams, response: { 200: directConversationResponse } },
        },
        async (request) => ({ conversation: await direct.decline(actorOf(request), request.params.id) }),
      );
    }

    // The contract's message routes for a conversation: the same messages as `/api/groups/:id/messages`.
    app.get(
      '/conversations/:id/messages',
      {
        config: { errors: ['not_found'] },
        schema: {
          tags,
          params: directIdParams,
          querystring: messageListQuery,
          response: { 200: messageList },
        },
      },
      async (request) => direct.messages(actorOf(request), request.params.id, request.query),
    );
    app.post(
      '/conversations/:id/messages',
      {
        config: { errors: ['not_found', 'direct.pending', 'direct.unavailable', 'rate_limited'] },
        schema: {
          tags,
          params: directIdParams,
          body: postMessageBody,
          response: { 200: messageResponse, 201: messageResponse },
        },
      },
      async (request, reply) => {
        const result = await direct.post(actorOf(request), request.params.id, request.body);
        return reply.code(result.created ? 201 : 200).send({ message: result.message });
      },
    );

    app.get(
      '/me/blocks',
      { schema: { tags, querystring: directListQuery, response: { 200: blockedPersonList } } },
      async (request) => direct.blocks(actorOf(request), readPage(request.query)),
    );

    const blockRoute = {
      config: { errors: ['not_found', 'rate_limited'] as const, limits: [blockChanges] },
    };
    app.post(
      '/people/:userId/block',
      { ...blockRoute, schema: { tags, params: personParams, response: { 200: blockResponse } } },
      async (request) => direct.block(actorOf(request), request.params.userId),
    );
    app.post(
      '/users/:id/block',
      { ...blockRoute, schema: { tags, params: userIdParams, response: { 200: blockResponse } } },
      async (request) => direct.block(actorOf(request), request.params.id),
    );
    app.delete(
      '/people/:userId/block',
      {
        config: { errors: ['rate_limited'], limits: [blockChanges] },
        schema: { tags, params: personParams, response: noContent },
      },
      async (request, reply) => {
        await direct.unblock(actorOf(request), request.params.userId);
        return reply.code(204).send(null);
      },
    );
  };
}
