import {
  addMemberBody,
  changeRoleBody,
  createdInvite,
  createGroupBody,
  createInviteBody,
  decideJoinRequestBody,
  groupIdParams,
  groupList,
  groupListQuery,
  groupMemberParams,
  groupProfileBody,
  groupResponse,
  invite,
  inviteCodeParams,
  inviteParams,
  invitePreview,
  joinRequest,
  joinRequestBody,
  joinRequestListQuery,
  joinRequestParams,
  listOf,
  listQuery,
  member,
  memberListQuery,
  membershipEvent,
  myMembership,
  removeMemberBody,
} from '@spejl/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { limitRule } from '../../http/limits.ts';
import { powerRefusals } from '../../http/openapi-errors.ts';
import { readPage } from '../../http/pagination.ts';
import type { RouteLimit } from '../../http/route-limits.ts';
import type { JoiningService } from './groups.joining.ts';
import type { GroupsService } from './groups.service.ts';

const noContent = { 204: z.null().describe('No content') };
type GroupListBody = z.infer<typeof groupList>;
const tags = ['groups'];

// Per person and hour (docs/SECURITY.md, Rate limits). Every attempt counts, refused ones too, so probing slugs
// for hidden groups spends the same budget as asking to join a real one.
const hour = 60 * 60;
const perPerson = (request: FastifyRequest) => [actorOf(request).user.id];
const joinRequests: RouteLimit = { rule: limitRule('group-join-requests:person', 20, hour), key: perPerson };
const inviteUses: RouteLimit = { rule: limitRule('group-invite-uses:person', 30, hour), key: perPerson };
/**
 * What a signed-out visitor reads (the directory, a listed group's page), per address. Members are not counted
 * here: their reads are as before.
 */
export const visitorReads: RouteLimit = {
  rule: limitRule('visitor-reads:address', 300, 15 * 60),
  key: (request) => (request.actor ? null : [request.ip]),
};
/** Creating invites and removing members, together. */
const groupActions: RouteLimit = { rule: limitRule('group-actions:person', 120, hour), key: perPerson };

/** Groups, membership, join requests and invites under /api/groups and /api/invites. */
export function groupRoutes(deps: { groups: GroupsService; joining: JoiningService }): FastifyPluginAsyncZod {
  const { groups, joining } = deps;
  return async (app) => {
    // The directory and a listed group's page answer signed out too (docs/SECURITY.md, "What a visitor sees"):
    // listed groups only, with no counts and no rights. Everything else needs a session.
    app.get(
      '/groups',
      {
        config: { errors: ['rate_limited'], limits: [visitorReads] },
        schema: { tags, querystring: groupListQuery, response: { 200: groupList } },
      },
      // A member's list is `listJson`'s JSON, encoded by the schema above and sent as bytes, which Fastify does not
      // serialize again (the schema stays for the API's description).
      async (request, reply) => {
        const query = request.query;
        if (!request.actor) {
          if (query.pending === 'true') return { items: [], nextCursor: null };
          return groups.listPublic({ q: query.q, parentId: query.parentId }, readPage(query));
        }
        const json = await groups.listJson(
          request.actor,
          {
            q: query.q,
            parentId: query.parentId,
            mine: query.mine === 'true',
            pending: query.pending === 'true',
          },
          readPage(query),
        );
        return reply.type('application/json; charset=utf-8').send(json as unknown as GroupListBody);
      },
    );

    app.get(
      '/groups/:id',
      {
        config: { errors: ['auth.required', 'rate_limited'], limits: [visitorReads] },
        schema: { tags, params: groupIdParams, response: { 200: groupResponse } },
      },
      async (request) => ({
        group: request.actor
          ? await groups.get(request.actor, request.params.id)
          : await groups.getPublic(request.params.id),
      }),
    );

    const signedIn: FastifyPluginAsyncZod = async (app) => {
      app.addHook('onRequest', requireAuth);

      app.post(
        '/groups',
        {
          config: { errors: ['group.slug_taken', 'not_found'] },
          schema: { tags, body: createGroupBody, response: { 201: groupResponse } },
        },
        async (request, reply) =>
          reply.code(201).send({ group: await groups.create(actorOf(request), request.body) }),
      );

      app.patch(
        '/groups/:id/profile',
        {
          schema: {
            tags,
            params: groupIdParams,
            body: groupProfileBody,
            response: { 200: z.object({ membership: myMembership }) },
          },
        },
        async (request) => ({
          membership: await groups.updateProfile(actorOf(request), request.params.id, request.body),
        }),
      );

      // Join requests

      app.post(
        '/groups/:id/join-requests',
        {
          config: {
            errors: ['group.already_member', 'group.request_pending', 'rate_limited'],
            limits: [joinRequests],
          },
          schema: {
            tags,
            params: groupIdParams,
            body: joinRequestBody,
            response: { 201: z.object({ joinRequest }) },
          },
        },
        async (request, reply) =>
          reply.code(201).send({
            joinRequest: await joining.requestToJoin(
              actorOf(request),
              request.params.id,
              request.body.message,
            ),
          }),
      );

      app.delete(
        '/groups/:id/join-requests/mine',
        {
          config: { errors: ['group.request_decided'] },
          schema: { tags, params: groupIdParams, response: noContent },
        },
        async (request, reply) => {
          await joining.withdraw(actorOf(request), request.params.id);
          return reply.code(204).send(null);
        },
      );

      app.get(
        '/groups/:id/join-requests',
        {
          config: { errors: [...powerRefusals] },
          schema: {
            tags,
            params: groupIdParams,
            querystring: joinRequestListQuery,
            response: { 200: listOf(joinRequest) },
          },
        },
        async (request) =>
          joining.listRequests(
            actorOf(request),
            request.params.id,
            request.query.status,
            readPage(request.query),
          ),
      );

      for (const outcome of ['approve', 'decline'] as const) {
        app.post(
          `/groups/:id/join-requests/:requestId/${outcome}`,
          {
            config: { errors: ['group.request_decided'] },
            schema: {
              tags,
              params: joinRequestParams,
              body: decideJoinRequestBody.default({}),
              response: { 200: z.object({ joinRequest }) },
            },
          },
          async (request) => ({
            joinRequest: await joining.decide(
              actorOf(request),
              request.params.id,
              request.params.requestId,
              outcome,
              request.body,
            ),
          }),
        );
      }

      // Invites

      app.post(
        '/groups/:id/invites',
        {
          config: { errors: ['rate_limited'], limits: [groupActions] },
          schema: {
            tags,
            params: groupIdParams,
            body: createInviteBody.default({}),
            response: { 201: createdInvite },
          },
        },
        async (request, reply) =>
          reply.code(201).send(await joining.createInvite(actorOf(request), request.params.id, request.body)),
      );

      app.get(
        '/groups/:id/invites',
        {
          config: { errors: [...powerRefusals] },
          schema: { tags, params: groupIdParams, querystring: listQuery, response: { 200: listOf(invite) } },
        },
        async (request) => joining.listInvites(actorOf(request), request.params.id, readPage(request.query)),
      );

      app.delete(
        '/groups/:id/invites/:inviteId',
        { schema: { tags, params: inviteParams, response: noContent } },
        async (request, reply) => {
          await joining.revokeInvite(actorOf(request), request.params.id, request.params.inviteId);
          return reply.code(204).send(null);
        },
      );

      app.get(
        '/invites/:code',
        {
          config: { errors: ['group.invite_invalid', 'rate_limited'], limits: [inviteUses] },
          schema: { tags, params: inviteCodeParams, response: { 200: invitePreview } },
        },
        async (request) => joining.previewInvite(actorOf(request), request.params.code),
      );

      app.post(
        '/invites/:code/accept',
        {
          config: { errors: ['group.invite_invalid', 'rate_limited'], limits: [inviteUses] },
          schema: { tags, params: inviteCodeParams, response: { 200: groupResponse } },
        },
        async (request) => ({ group: await joining.acceptInvite(actorOf(request), request.params.code) }),
      );

      // Members

      app.get(
        '/groups/:id/members',
        {
          config: { errors: ['group.not_member'] },
          schema: {
            tags,
            params: groupIdParams,
            querystring: memberListQuery,
            response: { 200: listOf(member) },
          },
        },
        async (request) =>
          groups.listMembers(
            actorOf(request),
            request.params.id,
            { q: request.query.q },
            readPage(request.query),
          ),
      );

      app.post(
        '/groups/:id/members',
        {
          config: { errors: ['group.already_member'] },
          schema: {
            tags,
            params: groupIdParams,
            body: addMemberBody,
            response: { 201: z.object({ member }) },
          },
        },
        async (request, reply) =>
          reply
            .code(201)
            .send({ member: await groups.addMember(actorOf(request), request.params.id, request.body) }),
      );

      app.patch(
        '/groups/:id/members/:userId',
        {
          config: { errors: ['group.last_owner'] },
          schema: {
            tags,
            params: groupMemberParams,
            body: changeRoleBody,
            response: { 200: z.object({ member }) },
          },
        },
        async (request) => ({
          member: await groups.changeRole(
            actorOf(request),
            request.params.id,
            request.params.userId,
            request.body.role,
          ),
        }),
      );

      app.delete(
        '/groups/:id/members/:userId',
        {
          config: { errors: ['group.last_owner', 'rate_limited'], limits: [groupActions] },
          schema: { tags, params: groupMemberParams, body: removeMemberBody.nullish(), response: noContent },
        },
        async (request, reply) => {
          await groups.removeMember(
            actorOf(request),
            request.params.id,
            request.params.userId,
            request.body ?? {},
          );
          return reply.code(204).send(null);
        },
      );

      app.get(
        '/groups/:id/membership-events',
        {
          config: { errors: [...powerRefusals] },
          schema: {
            tags,
            params: groupIdParams,
            querystring: listQuery,
            response: { 200: listOf(membershipEvent) },
          },
        },
        async (request) => groups.listEvents(actorOf(request), request.params.id, readPage(request.query)),
      );
    };
    await app.register(signedIn);
  };
}
