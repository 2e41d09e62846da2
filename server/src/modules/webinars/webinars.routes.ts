import {
  addStaffBody,
  attendanceReport,
  calendarFeed,
  calendarFeedParams,
  cancelWebinarBody,
  createWebinarBody,
  listOf,
  organisableTargets,
  publicWebinar,
  registerBody,
  registrant,
  registrationResponse,
  translate,
  updateWebinarBody,
  webinarIdParams,
  webinarListQuery,
  webinarResponse,
  webinarStaffParams,
} from '@spejl/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { limitRule } from '../../http/limits.ts';
import { readPage } from '../../http/pagination.ts';
import type { RouteLimit } from '../../http/route-limits.ts';
import { hashToken } from '../auth/auth.tokens.ts';
import type { RegistrationsService } from './webinars.registrations.ts';
import type { RoomService } from './webinars.room.ts';
import type { WebinarsService } from './webinars.service.ts';

const tags = ['webinars'];
const noContent = { 204: z.null().describe('No content') };

// Rate limits (docs/SECURITY.md's table), every attempt counted, refused ones too. The per-person keys run after
// the plugin's `requireAuth` (an onRequest hook, before the limits' preHandler), so there is always an actor.
const hour = 60 * 60;
const perPerson = (request: FastifyRequest) => [actorOf(request).user.id];
const webinarCreations: RouteLimit = {
  rule: limitRule('webinar-creations:person', 30, hour),
  key: perPerson,
};
const webinarRegistrations: RouteLimit = {
  rule: limitRule('webinar-registrations:person', 60, hour),
  key: perPerson,
};
/** A signed-out visitor's reads of the event list, per address (members are not counted here). */
const visitorEventReads: RouteLimit = {
  rule: limitRule('visitor-event-reads:address', 300, 15 * 60),
  key: (request) => (request.actor ? null : [request.ip]),
};
/** Downloads of one private feed, counted per feed (its token's hash; unknown tokens too), whoever asks. */
const feedDownloads: RouteLimit = {
  rule: limitRule('calendar-feed-downloads:feed', 120, hour),
  key: (request) => [hashToken((request.params as { token: string }).token)],
};

/** A file name safe for Content-Disposition: letters, digits and dashes. */
function fileName(title: string, extension: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return `${base || 'spejl'}.${extension}`;
}

/** Events under /api/webinars, the calendar feed settings under /api/me/calendar. */
export function webinarRoutes(deps: {
  webinars: WebinarsService;
  registrations: RegistrationsService;
  rooms: RoomService;
}): FastifyPluginAsyncZod {
  const { webinars, registrations, rooms } = deps;
  return async (app) => {
    // Signed out, the list answers too: events for everyone only, without registrants, hosts or seats
    // (docs/SECURITY.md, "What a visitor sees"). Everything else needs a session.
    app.get(
      '/webinars',
      {
        config: { errors: ['rate_limited'], limits: [visitorEventReads] },
        schema: {
          tags,
          querystring: webinarListQuery,
          response: { 200: listOf(z.union([webinarResponse.shape.webinar, publicWebinar])) },
        },
      },
      async (request) =>
        request.actor
          ? webinars.list(request.actor, request.query, readPage(request.query))
          : webinars.listPublic(request.query, readPage(request.query)),
    );

    const signedIn: FastifyPluginAsyncZod = async (app) => {
      app.addHook('onRequest', requireAuth);

      app.get(
        '/webinars/organisable',
        { schema: { tags, response: { 200: organisableTargets } } },
        async (request) => webinars.organisable(actorOf(request)),
      );

      app.post(
        '/webinars',
        {
          config: { errors: ['not_found', 'rate_limited'], limits: [webinarCreations] },
          schema: { tags, body: createWebinarBody, response: { 201: webinarResponse } },
        },
        async (request, reply) =>
          reply.code(201).send({ webinar: await webinars.create(actorOf(request), request.body) }),
      );

      app.get(
        '/webinars/:id',
        {
          config: { errors: ['webinar.members_only'] },
          schema: { tags, params: webinarIdParams, response: { 200: webinarResponse } },
        },
        async (request) => ({ webinar: await webinars.get(actorOf(request), request.params.id) }),
      );

      app.patch(
        '/webinars/:id',
        {
          config: { errors: ['webinar.cancelled'] },
          schema: {
            tags,
            params: webinarIdParams,
            body: updateWebinarBody,
            response: { 200: webinarResponse },
          },
        },
        async (request) => ({
          webinar: await webinars.update(actorOf(request), request.params.id, request.body),
        }),
      );

      app.post(
        '/webinars/:id/cancel',
        {
          config: { errors: ['webinar.cancelled'] },
          schema: {
            tags,
            params: webinarIdParams,
            body: cancelWebinarBody.default({}),
            response: { 200: webinarResponse },
          },
        },
        async (request) => ({
          webinar: await webinars.cancel(actorOf(request), request.params.id, request.body.reason),
        }),
      );

      app.post(
        '/webinars/:id/registrations',
        {
          config: {
            errors: ['webinar.cancelled', 'webinar.registration_closed', 'rate_limited'],
            limits: [webinarRegistrations],
          },
          schema: {
            tags,
            params: webinarIdParams,
            body: registerBody.default({}),
            response: { 200: registrationResponse, 201: registrationResponse },
          },
        },
        async (request, reply) => {
          const result = await registrations.register(actorOf(request), request.params.id, request.body);
          return reply.code(result.created ? 201 : 200).send({ registration: result.registration });
        },
      );

      app.delete(
        '/webinars/:id/registrations/me',
        {
          config: { errors: ['webinar.not_registered'] },
          schema: { tags, params: webinarIdParams, response: noContent },
        },
        async (request, reply) => {
          await registrations.cancel(actorOf(request), request.params.id);
          return reply.code(204).send(null);
        },
      );

      app.get(
        '/webinars/:id/registrations',
        {
          config: { errors: ['webinar.members_only', 'auth.forbidden', 'auth.mfa_enrolment_required'] },
          schema: {
            tags,
            params: webinarIdParams,
            response: { 200: z.object({ items: z.array(registrant) }) },
          },
        },
        async (request) => ({
          items: (await webinars.registrants(actorOf(request), request.params.id)).items,
        }),
      );

      app.get(
        '/webinars/:id/registrations.csv',
        {
          config: { errors: ['webinar.members_only', 'auth.forbidden', 'auth.mfa_enrolment_required'] },
          schema: { tags, params: webinarIdParams, produces: ['text/csv'] },
        },
        async (request, reply) => {
          const locale = request.locale;
          const { title, csv } = await webinars.registrantsCsv(actorOf(request), request.params.id, {
            header: [
              translate(locale, 'webinars.csv.name'),
              translate(locale, 'webinars.csv.status'),
              translate(locale, 'webinars.csv.registeredAt'),
            ],
          });
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${fileName(title, 'csv')}"`)
            .send(csv);
        },
      );

      app.get(
        '/webinars/:id/attendance',
        {
          config: { errors: ['webinar.members_only', 'auth.forbidden', 'auth.mfa_enrolment_required'] },
          schema: { tags, params: webinarIdParams, response: { 200: attendanceReport } },
        },
        async (request) => rooms.attendance(actorOf(request), request.params.id),
      );

      app.get(
        '/webinars/:id/event.ics',
        {
          config: { errors: ['webinar.members_only'] },
          schema: { tags, params: webinarIdParams, produces: ['text/calendar'] },
        },
        async (request, reply) => {
          const { title, ics } = await webinars.eventCalendar(actorOf(request), request.params.id);
          return reply
            .type('text/calendar; charset=utf-8')
            .header('content-disposition', `attachment; filename="${fileName(title, 'ics')}"`)
            .send(ics);
        },
      );

      app.post(
        '/webinars/:id/staff',
        { schema: { tags, params: webinarIdParams, body: addStaffBody, response: { 200: webinarResponse } } },
        async (request) => ({
          webinar: await webinars.addStaff(actorOf(request), request.params.id, request.body),
        }),
      );

      app.delete(
        '/webinars/:id/staff/:userId',
        { schema: { tags, params: webinarStaffParams, response: { 200: webinarResponse } } },
        async (request) => ({
          webinar: await webinars.removeStaff(actorOf(request), request.params.id, request.params.userId),
        }),
      );

      app.get('/me/calendar', { schema: { tags, response: { 200: calendarFeed } } }, async (request) =>
        webinars.feed(actorOf(request)),
      );

      app.post(
        '/me/calendar',
        { schema: { tags, response: { 201: calendarFeed } } },
        async (request, reply) => reply.code(201).send(await webinars.createFeed(actorOf(request))),
      );

      app.delete('/me/calendar', { schema: { tags, response: noContent } }, async (request, reply) => {
        await webinars.revokeFeed(actorOf(request));
        return reply.code(204).send(null);
      });
    };
    await app.register(signedIn);
  };
}

/** The private calendar feed: no session (calendar apps have none); the token in the address is the key. */
export function calendarFeedRoutes(deps: { webinars: WebinarsService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/calendar/:token/events.ics',
      {
        config: { errors: ['rate_limited'], limits: [feedDownloads] },
        schema: { tags, params: calendarFeedParams, produces: ['text/calendar'] },
      },
      async (request, reply) => {
        const ics = await deps.webinars.feedCalendar(
          request.params.token,
          translate(request.locale, 'webinars.feed.name'),
        );
        return reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'private, max-age=300')
          .send(ics);
      },
    );
  };
}
