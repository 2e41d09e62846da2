import {
  editMessageBody,
  groupIdParams,
  message,
  messageEdit,
  messageIdParams,
  messageList,
  messageListQuery,
  messageResponse,
  messageSearchQuery,
  postMessageBody,
  reactionBody,
  reactionParams,
  readPositionBody,
} from '@spejl/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import type { MessagesService } from './messages.service.ts';

const tags = ['messages'];

/** The REST side of group chat; live delivery is the gateway's (realtime/gateway.ts). */
export function messageRoutes(deps: { messages: MessagesService }): FastifyPluginAsyncZod {
  const { messages } = deps;
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/groups/:id/messages',
      {
        config: { errors: ['group.not_member'] },
        schema: {
          tags,
          params: groupIdParams,
          querystring: messageListQuery,
          response: { 200: messageList },
        },
      },
      // The body is `listJson`'s JSON, each message encoded by the schema above (most of them once per page) and
      // sent as bytes, which Fastify does not serialize again; the schema stays for the API's description.
      async (request, reply) => {
        const json = await messages.listJson(actorOf(request), request.params.id, request.query);
        return reply
          .type('application/json; charset=utf-8')
          .send(json as unknown as z.infer<typeof messageList>);
      },
    );

    app.post(
      '/groups/:id/messages',
      {
        config: { errors: ['rate_limited', 'moderation.slow_mode'] },
        schema: {
          tags,
          params: groupIdParams,
          body: postMessageBody,
          response: { 200: messageResponse, 201: messageResponse },
        },
      },
      async (request, reply) => {
        const result = await messages.post(actorOf(request), request.params.id, request.body);
        return reply.code(result.created ? 201 : 200).send({ message: result.message });
      },
    );

    app.get(
      '/groups/:id/search',
      {
        config: { errors: ['group.not_member'] },
        schema: {
          tags,
          params: groupIdParams,
          querystring: messageSearchQuery,
          response: { 200: z.object({ items: z.array(message), nextCursor: z.null() }) },
        },
      },
      async (request) => ({
        items: await messages.search(
          actorOf(request),
          request.params.id,
          request.query.q,
          request.query.limit,
        ),
        nextCursor: null,
      }),
    );

    app.put(
      '/groups/:id/read',
      {
        schema: {
          tags,
          params: groupIdParams,
          body: readPositionBody,
          response: { 200: z.object({ groupId: z.string(), seq: z.number() }) },
        },
      },
      async (request) => messages.markRead(actorOf(request), request.params.id, request.body.seq),
    );

    app.patch(
      '/messages/:id',
      {
        schema: { tags, params: messageIdParams, body: editMessageBody, response: { 200: messageResponse } },
      },
      async (request) => ({
        message: await messages.edit(actorOf(request), request.params.id, request.body.body),
      }),
    );

    app.delete(
      '/messages/:id',
      { schema: { tags, params: messageIdParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await messages.remove(actorOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/messages/:id/edits',
      {
        config: { errors: ['group.not_member', 'auth.forbidden'] },
        schema: {
          tags,
          params: messageIdParams,
          response: { 200: z.object({ items: z.array(messageEdit), nextCursor: z.null() }) },
        },
      },
      async (request) => ({
        items: await messages.history(actorOf(request), request.params.id),
        nextCursor: null,
      }),
    );

    app.post(
      '/messages/:id/reactions',
      {
        config: { errors: ['rate_limited'] },
        schema: { tags, params: messageIdParams, body: reactionBody, response: { 200: messageResponse } },
      },
      async (request) => ({
        message: await messages.react(actorOf(request), request.params.id, request.body.emoji, true),
      }),
    );

    app.delete(
      '/messages/:id/reactions/:emoji',
      {
        config: { errors: ['rate_limited'] },
        schema: { tags, params: reactionParams, response: { 200: messageResponse } },
      },
      async (request) => ({
        message: await messages.react(actorOf(request), request.params.id, request.params.emoji, false),
      }),
    );
  };
}
