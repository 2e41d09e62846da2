import { page, pageLimits, pageSlugParams, pageVersionList, publishPageBody } from '@spejl/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { limitRule } from '../../http/limits.ts';
import { powerRefusals } from '../../http/openapi-errors.ts';
import type { RouteLimit } from '../../http/route-limits.ts';
import type { PagesService } from './pages.service.ts';

const tags = ['pages'];
const publishes: RouteLimit = {
  rule: limitRule('page-publishes:person', 60, 60 * 60),
  key: (request: FastifyRequest) => [actorOf(request).user.id],
};

/** The terms, the privacy policy and the help: readable signed out; admins publish new versions. */
export function pagesRoutes(deps: { pages: PagesService }): FastifyPluginAsyncZod {
  const { pages } = deps;
  return async (app) => {
    app.get(
      '/pages/:slug',
      {
        config: { errors: ['page.not_found'] },
        schema: { tags, params: pageSlugParams, response: { 200: page } },
      },
      async (request) => pages.read(request.actor, request.params.slug, request.locale),
    );

    app.put(
      '/pages/:slug',
      {
        onRequest: requireAuth,
        bodyLimit: pageLimits.requestBytes,
        config: { errors: ['page.not_found', ...powerRefusals, 'rate_limited'], limits: [publishes] },
        schema: { tags, params: pageSlugParams, body: publishPageBody, response: { 200: page } },
      },
      async (request) => pages.publish(actorOf(request), request.params.slug, request.body),
    );

    app.get(
      '/pages/:slug/versions',
      {
        onRequest: requireAuth,
        config: { errors: ['page.not_found', ...powerRefusals] },
        schema: { tags, params: pageSlugParams, response: { 200: pageVersionList } },
      },
      async (request) => pages.versions(actorOf(request), request.params.slug),
    );
  };
}
