import {
  adminUserList,
  adminUserParams,
  adminUserResponse,
  adminUserSearchQuery,
  changePlatformRoleBody,
  endSessionsBody,
  endSessionsResponse,
  lockUserBody,
  reasonBody,
} from '@spejl/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { limitRule } from '../../http/limits.ts';
import { powerRefusals } from '../../http/openapi-errors.ts';
import type { RouteLimit } from '../../http/route-limits.ts';
import type { AdminUsersService } from './admin-users.service.ts';

const tags = ['admin'];
const perAdmin = (request: FastifyRequest) => [actorOf(request).user.id];
/** Searches: generous, an admin types as they look. */
const searches: RouteLimit = { rule: limitRule('admin-user-searches:person', 300, 60 * 60), key: perAdmin };
/** Changes to accounts: far more than any real day's work, few enough to slow a stolen admin session. */
const changes: RouteLimit = { rule: limitRule('admin-user-changes:person', 60, 60 * 60), key: perAdmin };

const changeErrors = ['not_found', 'admin_user.self', ...powerRefusals, 'rate_limited'] as const;

/** People in the administration: admins with TOTP proven in the session; every change is audited. */
export function adminUsersRoutes(deps: { adminUsers: AdminUsersService }): FastifyPluginAsyncZod {
  const { adminUsers } = deps;
  return async (app) => {
    app.get(
      '/admin/users',
      {
        onRequest: requireAuth,
        config: { errors: [...powerRefusals, 'rate_limited'], limits: [searches] },
        schema: { tags, querystring: adminUserSearchQuery, response: { 200: adminUserList } },
      },
      async (request) => adminUsers.search(actorOf(request), request.query),
    );

    app.get(
      '/admin/users/:id',
      {
        onRequest: requireAuth,
        config: { errors: ['not_found', ...powerRefusals, 'rate_limited'], limits: [searches] },
        schema: { tags, params: adminUserParams, response: { 200: adminUserResponse } },
      },
      async (request) => adminUsers.get(actorOf(request), request.params.id),
    );

    app.patch(
      '/admin/users/:id',
      {
        onRequest: requireAuth,
        config: { errors: [...changeErrors, 'admin_user.last_admin'], limits: [changes] },
        schema: {
          tags,
          params: adminUserParams,
          body: changePlatformRoleBody,
          response: { 200: adminUserResponse },
        },
      },
      async (request) => {
        const { user } = await adminUsers.changeRole(
          { actor: actorOf(request) },
          request.params.id,
          request.body,
        );
        return { user };
      },
    );

    app.post(
      '/admin/users/:id/lock',
      {
        onRequest: requireAuth,
        config: { errors: [...changeErrors, 'validation.failed'], limits: [changes] },
        schema: { tags, params: adminUserParams, body: lockUserBody, response: { 200: adminUserResponse } },
      },
      async (request) => {
        const { user } = await adminUsers.lock({ actor: actorOf(request) }, request.params.id, request.body);
        return { user };
      },
    );

    app.post(
      '/admin/users/:id/unlock',
      {
        onRequest: requireAuth,
        config: { errors: [...changeErrors], limits: [changes] },
        schema: { tags, params: adminUserParams, body: reasonBody, response: { 200: adminUserResponse } },
      },
      async (request) => adminUsers.unlock({ actor: actorOf(request) }, request.params.id, request.body),
    );

    app.post(
      '/admin/users/:id/mfa-reset',
      {
        onRequest: requireAuth,
        config: { errors: [...changeErrors], limits: [changes] },
        schema: { tags, params: adminUserParams, body: reasonBody, response: { 200: adminUserResponse } },
      },
      async (request) => {
        const { user } = await adminUsers.resetMfa(
          { actor: actorOf(request) },
          request.params.id,
          request.body,
        );
        return { user };
      },
    );

    app.post(
      '/admin/users/:id/sessions/end',
      {
        onRequest: requireAuth,
        config: { errors: [...changeErrors], limits: [changes] },
        schema: {
          tags,
          params: adminUserParams,
          body: endSessionsBody,
          response: { 200: endSessionsResponse },
        },
      },
      async (request) =>
        adminUsers.endSessions({ actor: actorOf(request) }, request.params.id, request.body ?? {}),
    );
  };
}
