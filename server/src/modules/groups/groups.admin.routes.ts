import {
  adminGroup,
  adminGroupListQuery,
  archiveGroupBody,
  groupIdParams,
  groupResponse,
  listOf,
  updateGroupBody,
} from '@spejl/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { powerRefusals } from '../../http/openapi-errors.ts';
import { readPage } from '../../http/pagination.ts';
import type { GroupsAdminService } from './groups.admin.ts';

const tags = ['groups'];

/** A group's settings (owners and admins), and the administration of groups: list, move, archive (admins). */
export function groupAdminRoutes(deps: { groupsAdmin: GroupsAdminService }): FastifyPluginAsyncZod {
  const { groupsAdmin } = deps;
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.patch(
      '/groups/:id',
      {
        config: { errors: [...powerRefusals, 'group.move_cycle'] },
        schema: { tags, params: groupIdParams, body: updateGroupBody, response: { 200: groupResponse } },
      },
      async (request) => ({
        group: await groupsAdmin.update(actorOf(request), request.params.id, request.body),
      }),
    );

    app.get(
      '/admin/groups',
      {
        config: { errors: [...powerRefusals] },
        schema: { tags, querystring: adminGroupListQuery, response: { 200: listOf(adminGroup) } },
      },
      async (request) =>
        groupsAdmin.list(
          actorOf(request),
          { q: request.query.q, archived: request.query.archived },
          readPage(request.query),
        ),
    );

    app.get(
      '/admin/groups/:id',
      {
        config: { errors: [...powerRefusals] },
        schema: { tags, params: groupIdParams, response: { 200: z.object({ group: adminGroup }) } },
      },
      async (request) => ({ group: await groupsAdmin.find(actorOf(request), request.params.id) }),
    );

    for (const [path, archive] of [
      ['archive', true],
      ['unarchive', false],
    ] as const) {
      app.post(
        `/admin/groups/:id/${path}`,
        {
          config: { errors: [...powerRefusals] },
          schema: {
            tags,
            params: groupIdParams,
            body: archiveGroupBody,
            response: { 200: z.object({ group: adminGroup }) },
          },
        },
        async (request) => ({
          group: await (archive ? groupsAdmin.archive : groupsAdmin.unarchive)(
            actorOf(request),
            request.params.id,
            request.body.reason,
          ),
        }),
      );
    }
  };
}
