import {
  deletePushSubscriptionBody,
  pushDeviceList,
  pushDeviceParams,
  pushDeviceResponse,
  pushPublicKey,
  pushSubscriptionBody,
} from '@spejl/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { limitRule } from '../../http/limits.ts';
import type { RouteLimit } from '../../http/route-limits.ts';
import type { PushService } from './push.service.ts';

const tags = ['account'];
const noContent = { 204: z.null().describe('No content') };
/**
 * Subscriptions per person per hour: a browser subscribes once and again when its subscription changes; more than
 * this is a script filling the table (or trying endpoints to probe which addresses we refuse).
 */
const subscriptions: RouteLimit = {
  rule: limitRule('push-subscriptions:person', 30, 60 * 60),
  key: (request) => [actorOf(request).user.id],
};

/** Web Push: the public key (`/push/key`), and a person's devices with push on (`/me/push-subscriptions`). */
export function pushRoutes(deps: { push: PushService }): FastifyPluginAsyncZod {
  const { push } = deps;
  return async (app) => {
    app.get('/push/key', { schema: { tags, response: { 200: pushPublicKey } } }, async () => ({
      publicKey: await push.publicKey(),
    }));

    app.post(
      '/me/push-subscriptions',
      {
        onRequest: requireAuth,
        config: { errors: ['push.endpoint_not_allowed', 'rate_limited'], limits: [subscriptions] },
        schema: {
          tags,
          body: pushSubscriptionBody,
          response: { 200: pushDeviceResponse, 201: pushDeviceResponse },
        },
      },
      async (request, reply) => {
        const { device, created } = await push.subscribe(actorOf(request), request.body, {
          userAgent: request.headers['user-agent'],
          locale: request.locale,
        });
        return reply.code(created ? 201 : 200).send({ device });
      },
    );

    app.get(
      '/me/push-subscriptions',
      { onRequest: requireAuth, schema: { tags, response: { 200: pushDeviceList } } },
      async (request) => ({ items: await push.list(actorOf(request)) }),
    );

    app.delete(
      '/me/push-subscriptions',
      {
        onRequest: requireAuth,
        config: { errors: ['not_found'] },
        schema: { tags, body: deletePushSubscriptionBody, response: noContent },
      },
      async (request, reply) => {
        await push.removeEndpoint(actorOf(request), request.body.endpoint);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/me/push-subscriptions/:id',
      { onRequest: requireAuth, schema: { tags, params: pushDeviceParams, response: noContent } },
      async (request, reply) => {
        await push.removeDevice(actorOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
