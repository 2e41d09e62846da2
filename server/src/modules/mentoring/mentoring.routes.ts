import {
  approveMentorBody,
  batchBody,
  batchResponse,
  candidatesResponse,
  checkInBody,
  closeMatchBody,
  createRequestBody,
  declineMatchBody,
  feedbackBody,
  listOf,
  matchDetailResponse,
  matchingWeightsBody,
  matchingWeightsResponse,
  mentoringDashboard,
  mentoringIdParams,
  mentoringMe,
  mentoringRequest,
  mentoringRequestResponse,
  mentorListQuery,
  mentorParams,
  mentorProfile,
  mentorProfileBody,
  mentorProfileResponse,
  noteBody,
  pauseMentorBody,
  proposeMatchBody,
  requestListQuery,
  updateRequestBody,
} from '@spejl/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { limitRule } from '../../http/limits.ts';
import { powerRefusals } from '../../http/openapi-errors.ts';
import { readPage } from '../../http/pagination.ts';
import type { RouteLimit } from '../../http/route-limits.ts';
import type { CoordinationService } from './mentoring.coordination.ts';
import type { MatchesService } from './mentoring.matches.ts';
import type { MentoringService } from './mentoring.service.ts';

const noContent = { 204: z.null().describe('No content') };
const tags = ['mentoring'];

// Rate limits (docs/SECURITY.md's table), every attempt counted, refused ones too. The keys run after the plugin's
// `requireAuth` (an onRequest hook, before the limits' preHandler), so there is always an actor.
const hour = 60 * 60;
const perPerson = (request: FastifyRequest) => [actorOf(request).user.id];
const profileSaves: RouteLimit = { rule: limitRule('mentor-profiles:person', 30, hour), key: perPerson };
const requestsMade: RouteLimit = { rule: limitRule('mentoring-requests:person', 5, hour), key: perPerson };
const coordinatorNotes: RouteLimit = { rule: limitRule('mentoring-notes:person', 120, hour), key: perPerson };
/** Accepting a proposal and answering a check-in, one counter. */
const matchActions: RouteLimit = { rule: limitRule('mentoring-actions:person', 60, hour), key: perPerson };

/** Mentoring under /api/mentoring: mentor profiles, requests, matches, the coordinators' tools. */
export function mentoringRoutes(deps: {
  mentoring: MentoringService;
  matches: MatchesService;
  coordination: CoordinationService;
}): FastifyPluginAsyncZod {
  const { mentoring, matches, coordination } = deps;
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get('/mentoring/me', { schema: { tags, response: { 200: mentoringMe } } }, async (request) =>
      mentoring.me(actorOf(request)),
    );

    // Mentor profiles

    app.put(
      '/mentoring/mentor-profile',
      {
        config: { errors: ['rate_limited'], limits: [profileSaves] },
        schema: {
          tags,
          body: mentorProfileBody,
          response: { 200: mentorProfileResponse, 201: mentorProfileResponse },
        },
      },
      async (request, reply) => {
        const { profile, created } = await mentoring.saveProfile(actorOf(request), request.body);
        return reply.code(created ? 201 : 200).send({ profile });
      },
    );

    app.delete(
      '/mentoring/mentor-profile',
      { config: { errors: ['mentoring.has_matches', 'not_found'] }, schema: { tags, response: noContent } },
      async (request, reply) => {
        await mentoring.deleteProfile(actorOf(request));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/mentoring/mentors',
      {
        config: { errors: [...powerRefusals] },
        schema: { tags, querystring: mentorListQuery, response: { 200: listOf(mentorProfile) } },
      },
      async (request) =>
        coordination.listMentors(actorOf(request), request.query.status, readPage(request.query)),
    );

    app.get(
      '/mentoring/mentors/:userId',
      {
        config: { errors: [...powerRefusals] },
        schema: { tags, params: mentorParams, response: { 200: mentorProfileResponse } },
      },
      async (request) => ({ profile: await coordination.mentor(actorOf(request), request.params.userId) }),
    );

    app.post(
      '/mentoring/mentors/:userId/approve',
      {
        schema: {
          tags,
          params: mentorParams,
          body: approveMentorBody,
          response: { 200: mentorProfileResponse },
        },
      },
      async (request) => ({
        profile: await coordination.approve(actorOf(request), request.params.userId, request.body),
      }),
    );

    app.post(
      '/mentoring/mentors/:userId/pause',
      {
        schema: {
          tags,
          params: mentorParams,
          body: pauseMentorBody,
          response: { 200: mentorProfileResponse },
        },
      },
      async (request) => ({
        profile: await coordination.pause(actorOf(request), request.params.userId, request.body.reason),
      }),
    );

    // Requests

    app.post(
      '/mentoring/requests',
      {
        config: { errors: ['mentoring.request_open', 'rate_limited'], limits: [requestsMade] },
        schema: { tags, body: createRequestBody, response: { 201: mentoringRequestResponse } },
      },
      async (request, reply) =>
        reply.code(201).send({ request: await mentoring.createRequest(actorOf(request), request.body) }),
    );

    app.get(
      '/mentoring/requests',
      {
        config: { errors: [...powerRefusals] },
        schema: { tags, querystring: requestListQuery, response: { 200: listOf(mentoringRequest) } },
      },
      async (request) =>
        mentoring.listRequests(actorOf(request), request.query.status, readPage(request.query)),
    );

    app.get(
      '/mentoring/requests/:id',
      { schema: { tags, params: mentoringIdParams, response: { 200: mentoringRequestResponse } } },
      async (request) => ({ request: await mentoring.getRequest(actorOf(request), request.params.id) }),
    );

    app.patch(
      '/mentoring/requests/:id',
      {
        config: { errors: ['mentoring.request_locked'] },
        schema: {
          tags,
          params: mentoringIdParams,
          body: updateRequestBody,
          response: { 200: mentoringRequestResponse },
        },
      },
      async (request) => ({
        request: await mentoring.updateRequest(actorOf(request), request.params.id, request.body),
      }),
    );

    app.post(
      '/mentoring/requests/:id/notes',
      {
        config: { errors: ['rate_limited'], limits: [coordinatorNotes] },
        schema: {
          tags,
          params: mentoringIdParams,
          body: noteBody,
          response: { 201: mentoringRequestResponse },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send({ request: await mentoring.addNote(actorOf(request), request.params.id, request.body.body) }),
    );

    app.post(
      '/mentoring/requests/:id/withdraw',
      {
        config: { errors: ['mentoring.request_not_open'] },
        schema: { tags, params: mentoringIdParams, response: { 200: mentoringRequestResponse } },
      },
      async (request) => ({ request: await mentoring.withdrawRequest(actorOf(request), request.params.id) }),
    );

    app.get(
      '/mentoring/requests/:id/candidates',
      {
        config: { errors: ['auth.forbidden'] },
        schema: { tags, params: mentoringIdParams, response: { 200: candidatesResponse } },
      },
      async (request) => coordination.candidates(actorOf(request), request.locale, request.params.id),
    );

    // Matches

    app.post(
      '/mentoring/matches',
      {
        config: { errors: ['mentoring.request_not_open', 'mentoring.not_eligible', 'not_found'] },
        schema: { tags, body: proposeMatchBody, response: { 201: matchDetailResponse } },
      },
      async (request, reply) => reply.code(201).send(await matches.propose(actorOf(request), request.body)),
    );

    app.get(
      '/mentoring/matches/:id',
      { schema: { tags, params: mentoringIdParams, response: { 200: matchDetailResponse } } },
      async (request) => matches.get(actorOf(request), request.params.id),
    );

    app.post(
      '/mentoring/matches/:id/accept',
      {
        config: { errors: ['mentoring.match_not_proposed', 'rate_limited'], limits: [matchActions] },
        schema: { tags, params: mentoringIdParams, response: { 200: matchDetailResponse } },
      },
      async (request) => matches.accept(actorOf(request), request.params.id),
    );

    app.post(
      '/mentoring/matches/:id/decline',
      {
        config: { errors: ['mentoring.match_not_proposed'] },
        schema: { tags, params: mentoringIdParams, body: declineMatchBody, response: noContent },
      },
      async (request, reply) => {
        await matches.decline(actorOf(request), request.params.id, request.body.reason);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/mentoring/matches/:id/cancel',
      {
        config: { errors: ['mentoring.match_not_proposed'] },
        schema: { tags, params: mentoringIdParams, response: { 200: matchDetailResponse } },
      },
      async (request) => matches.cancel(actorOf(request), request.params.id),
    );

    app.post(
      '/mentoring/matches/:id/close',
      {
        config: { errors: ['mentoring.match_not_active'] },
        schema: {
          tags,
          params: mentoringIdParams,
          body: closeMatchBody,
          response: { 200: matchDetailResponse },
        },
      },
      async (request) => matches.close(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/mentoring/matches/:id/feedback',
      {
        config: { errors: ['mentoring.match_not_closed', 'mentoring.feedback_given'] },
        schema: {
          tags,
          params: mentoringIdParams,
          body: feedbackBody,
          response: { 200: matchDetailResponse },
        },
      },
      async (request) => matches.feedback(actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/mentoring/matches/:id/first-contact',
      {
        config: { errors: ['mentoring.match_not_active'] },
        schema: { tags, params: mentoringIdParams, response: { 200: matchDetailResponse } },
      },
      async (request) => matches.recordContact(actorOf(request), request.params.id),
    );

    app.post(
      '/mentoring/matches/:id/check-ins',
      {
        config: { errors: ['mentoring.match_not_active', 'rate_limited'], limits: [matchActions] },
        schema: {
          tags,
          params: mentoringIdParams,
          body: checkInBody,
          response: { 201: matchDetailResponse },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await matches.checkIn(actorOf(request), request.params.id, request.body)),
    );

    // Coordinators

    app.get(
      '/mentoring/dashboard',
      {
        config: { errors: [...powerRefusals] },
        schema: { tags, response: { 200: mentoringDashboard } },
      },
      async (request) => coordination.dashboard(actorOf(request)),
    );

    app.post(
      '/mentoring/batch',
      {
        config: { errors: ['mentoring.request_not_open', 'mentoring.not_eligible', 'not_found'] },
        schema: { tags, body: batchBody, response: { 200: batchResponse } },
      },
      async (request) => coordination.batch(actorOf(request), request.body),
    );

    app.get(
      '/mentoring/settings/weights',
      {
        config: { errors: [...powerRefusals] },
        schema: { tags, response: { 200: matchingWeightsResponse } },
      },
      async (request) => coordination.weights(actorOf(request)),
    );

    app.put(
      '/mentoring/settings/weights',
      { schema: { tags, body: matchingWeightsBody, response: { 200: matchingWeightsResponse } } },
      async (request) => coordination.saveWeights(actorOf(request), request.body),
    );
  };
}
