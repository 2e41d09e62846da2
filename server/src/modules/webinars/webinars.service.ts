import type { CreateWebinarBody, PublicWebinar, Registrant, UpdateWebinarBody, Webinar } from '@spejl/shared';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import { toPage } from '../../http/pagination.ts';
import { type Actor, hasPlatformPower } from '../auth/auth.policy.ts';
import { generateToken, hashToken } from '../auth/auth.tokens.ts';
import {
  endsAtOf,
  factsOf,
  loadWebinar,
  toStaffMember,
  toWebinar,
  type WebinarContext,
} from './webinars.context.ts';
import { type CalendarEvent, renderCalendar } from './webinars.ics.ts';
import type { WebinarScheduler } from './webinars.jobs.ts';
import { type NotifyDeps, webinarUrl, writeNews } from './webinars.notify.ts';
import { createWebinarRefusal, type WebinarTarget } from './webinars.policy.ts';
import type { RegistrationsService } from './webinars.registrations.ts';
import type { WebinarRecord, WebinarRow, WebinarsRepository } from './webinars.repository.ts';

export interface WebinarsServiceDeps extends NotifyDeps {
  repository: WebinarsRepository;
  registrations: RegistrationsService;
  scheduler: WebinarScheduler;
  clock: Clock;
  bus: Bus;
}

interface Page {
  offset: number;
  limit: number;
}

/** Fields a calendar shows: changing one bumps SEQUENCE and tells the registrants. */
const calendarFields = ['title', 'startsAt', 'durationMinutes', 'mode', 'location'] as const;

/** Quotes a CSV field (RFC 4180) and defuses spreadsheet formulas. */
export function csvField(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Events: scheduling, the directory, organiser pages, hosts and presenters, calendars. */
export function createWebinarsService(deps: WebinarsServiceDeps) {
  const { repository, clock, scheduler, registrations } = deps;

  async function present(actor: Actor, context: WebinarContext): Promise<Webinar> {
    const registration = context.registration;
    const position =
      registration?.status === 'waitlisted'
        ? (await repository.waitlistAhead(registration.webinarId, registration.queuedAt, registration.id)) + 1
        : null;
    return toWebinar(actor, context, clock.now(), position);
  }

  async function reload(actor: Actor, id: string) {
    return present(actor, await loadWebinar(repository, actor, id));
  }

  async function resolveTarget(actor: Actor, body: CreateWebinarBody): Promise<WebinarTarget> {
    if (body.groupId !== undefined) {
      const group = await repository.findGroup(body.groupId);
      const groups = await repository.actorGroups(actor.user.id);
      // A hidden group is not found by those who may not see it, exactly as a group that does not exist.
      if (
        !group ||
        (group.visibility === 'hidden' && !groups.roles.has(group.id) && !hasPlatformPower(actor, 'admin'))
      )
        throw new AppError('not_found');
      return { audience: 'group', groupId: group.id, visibility: group.visibility };
    }
    if (body.organisationId !== undefined) {
      const organisation = await repository.findOrganisation(body.organisationId);
      if (!organisation) throw new AppError('not_found');
      return { audience: 'organisation', organisationId: organisation.id };
    }
    return { audience: 'platform' };
  }

  function toCalendarEvent(webinar: WebinarRow): CalendarEvent {
    const place = webinar.mode === 'online' ? null : webinar.location;
    return {
      id: webinar.id,
      title: webinar.title,
      description: [webinar.description, webinar.speakers].filter(Boolean).join('\n\n'),
      location: place,
      url: webinarUrl(deps.publicOrigin, webinar.id),
      startsAt: webinar.startsAt,
      endsAt: endsAtOf(webinar),
      sequence: webinar.sequence,
      cancelled: webinar.status === 'cancelled',
      createdAt: webinar.createdAt,
      updatedAt: webinar.updatedAt,
    };
  }

  const calendarHost = new URL(deps.publicOrigin).hostname;

  return {
    get: reload,

    /** Lists the events the actor may see: upcoming (default), theirs, past, or a time range. */
    async list(
      actor: Actor,
      query: {
        from?: string | undefined;
        to?: string | undefined;
        view?: 'upcoming' | 'mine' | 'past' | undefined;
        groupId?: string | undefined;
      },
      page: Page,
    ) {
      const now = clock.now();
      const ranged = query.from !== undefined || query.to !== undefined;
      const view = query.view ?? (ranged ? undefined : 'upcoming');
      let groupId: string | undefined;
      if (query.groupId !== undefined) {
        const group = await repository.findGroup(query.groupId);
        if (!group) return { items: [], nextCursor: null };
        groupId = group.id;
      }
      const rows = await repository.listVisible({
        userId: actor.user.id,
        admin: hasPlatformPower(actor, 'admin'),
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        endedBefore: view === 'past' ? now : undefined,
        endingAfter: view === 'upcoming' || view === 'mine' ? now : undefined,
        mineOnly: view === 'mine',
        groupId,
        newestFirst: view === 'past',
        offset: page.offset,
        limit: page.limit,
      });
      const { items, nextCursor } = toPage(rows, page);
      const ids = items.map((row) => row.webinar.id);
      const mine = new Map(
        (await repository.registrationsOf(actor.user.id, ids)).map((row) => [row.webinarId, row]),
      );
      const staffRows = await repository.staffOf(ids);
      const groups = await repository.actorGroups(actor.user.id);
      const presented: Webinar[] = [];
      for (const record of items) {
        const staff = staffRows.filter((row) => row.webinarId === record.webinar.id).map(toStaffMember);
        const registration = mine.get(record.webinar.id);
        const context = {
          record,
          registration,
          staff,
          groups,
          facts: factsOf(actor, record, registration, staff),
        };
        presented.push(await present(actor, context));
      }
      return { items: presented, nextCursor };
    },

    /**
     * Events for a signed-out visitor: only those for everyone and still scheduled, with nothing about who comes or
     * runs them. A group's events never (`groupId` finds nothing), nor "mine".
     */
    async listPublic(
      query: {
        from?: string | undefined;
        to?: string | undefined;
        view?: 'upcoming' | 'mine' | 'past' | undefined;
        groupId?: string | undefined;
      },
      page: Page,
    ): Promise<{ items: PublicWebinar[]; nextCursor: string | null }> {
      const now = clock.now();
      const ranged = query.from !== undefined || query.to !== undefined;
      const view = query.view ?? (ranged ? undefined : 'upcoming');
      if (view === 'mine' || query.groupId !== undefined) return { items: [], nextCursor: null };
      const rows = await repository.listPublic({
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        endedBefore: view === 'past' ? now : undefined,
        endingAfter: view === 'upcoming' ? now : undefined,
        newestFirst: view === 'past',
        offset: page.offset,
        limit: page.limit,
      });
      const { items, nextCursor } = toPage(rows, page);
      return {
        items: items.map((row) => ({
          id: row.id,
          title: row.title,
          description: row.description,
          speakers: row.speakers,
          startsAt: row.startsAt.toISOString(),
          endsAt: new Date(row.startsAt.getTime() + row.durationMinutes * 60_000).toISOString(),
          durationMinutes: row.durationMinutes,
          mode: row.mode,
          location: row.location,
          audience: 'platform' as const,
          status: row.status,
        })),
        nextCursor,
      };
    },

    /** Where the actor may schedule events, for the form's audience choice. */
    async organisable(actor: Actor) {
      const groups = await repository.actorGroups(actor.user.id);
      const admin = hasPlatformPower(actor, 'admin');
      const moderated = [...groups.roles].filter(([, role]) => role !== 'member').map(([id]) => id);
      const names = await repository.names({
        all: admin,
        groupIds: moderated,
        organisationIds: [...groups.ownedOrganisations],
      });
      const mfa = actor.user.totpEnabledAt !== null;
      const collator = new Intl.Collator('da');
      const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);
      if (!admin && !mfa)
        return { targets: [], needsMfa: moderated.length > 0 || groups.ownedOrganisations.size > 0 };
      return {
        targets: [
          ...(admin ? [{ audience: 'platform' as const, id: null, name: '' }] : []),
          ...names.organisations
            .sort(byName)
            .map((row) => ({ audience: 'organisation' as const, id: row.id, name: row.name })),
          ...names.groups
            .sort(byName)
            .map((row) => ({ audience: 'group' as const, id: row.id, name: row.name })),
        ],
        needsMfa: false,
      };
    },

    /** Schedules an event (organisers of its group or association, admins for everyone); the creator hosts it. */
    async create(actor: Actor, body: CreateWebinarBody) {
      const target = await resolveTarget(actor, body);
      const refusal = createWebinarRefusal(actor, target, await repository.actorGroups(actor.user.id));
      if (refusal) throw new AppError(refusal);
      const now = clock.now();
      const startsAt = new Date(body.startsAt);
      if (startsAt <= now)
        throw new AppError('validation.failed', {
          details: [{ path: ['startsAt'], message: 'must be in the future' }],
        });
      const created = await repository.transaction(async (tx) => {
        const webinar = await repository.insert(
          {
            groupId: target.audience === 'group' ? target.groupId : null,
            organisationId: target.audience === 'organisation' ? target.organisationId : null,
            title: body.title,
            description: body.description ?? '',
            speakers: body.speakers ?? '',
            startsAt,
            durationMinutes: body.durationMinutes,
            capacity: body.capacity ?? null,
            registrationDeadline: body.registrationDeadline ? new Date(body.registrationDeadline) : null,
            mode: body.mode,
            location: body.location ?? null,
            questions: (body.questions ?? []).map((question) => ({
              id: question.id,
              label: question.label,
              kind: question.kind,
              required: question.required ?? false,
              ...(question.options ? { options: question.options } : {}),
            })),
            createdBy: actor.user.id,
            createdAt: now,
            updatedAt: now,
          },
          tx,
        );
        return webinar;
      });
      await repository.upsertStaff({
        webinarId: created.id,
        userId: actor.user.id,
        role: 'host',
        addedAt: now,
      });
      await scheduler.scheduleEvent(created);
      return reload(actor, created.id);
    },

    /**
     * Edits an event. A change to what a calendar shows bumps SEQUENCE and tells everyone registered; a new time
     * moves the reminders; more seats go to the waitlist.
     */
    async update(actor: Actor, id: string, body: UpdateWebinarBody) {
      const context = await loadWebinar(repository, actor, id, 'manage');
      const before = context.record.webinar;
      if (before.status === 'cancelled') throw new AppError('webinar.cancelled');
      const now = clock.now();
      const changes: Partial<WebinarRow> = {};
      if (body.title !== undefined) changes.title = body.title;
      if (body.description !== undefined) changes.description = body.description;
      if (body.speakers !== undefined) changes.speakers = body.speakers;
      if (body.startsAt !== undefined) {
        const startsAt = new Date(body.startsAt);
        if (startsAt.getTime() !== before.startsAt.getTime()) {
          if (startsAt <= now)
            throw new AppError('validation.failed', {
              details: [{ path: ['startsAt'], message: 'must be in the future' }],
            });
          changes.startsAt = startsAt;
        }
      }
      if (body.durationMinutes !== undefined) changes.durationMinutes = body.durationMinutes;
      if (body.capacity !== undefined) changes.capacity = body.capacity;
      if (body.registrationDeadline !== undefined)
        changes.registrationDeadline = body.registrationDeadline ? new Date(body.registrationDeadline) : null;
      if (body.mode !== undefined) changes.mode = body.mode;
      if (body.location !== undefined) changes.location = body.location;
      if (body.questions !== undefined)
        changes.questions = body.questions.map((question) => ({
          id: question.id,
          label: question.label,
          kind: question.kind,
          required: question.required ?? false,
          ...(question.options ? { options: question.options } : {}),
        }));
      if (body.recordingUrl !== undefined) changes.recordingUrl = body.recordingUrl;
      if (body.materials !== undefined) changes.materials = body.materials;

      const calendarChanged = calendarFields.some((field) => {
        const next = changes[field];
        if (next === undefined) return false;
        const previous = before[field];
        return next instanceof Date && previous instanceof Date
          ? next.getTime() !== previous.getTime()
          : next !== previous;
      });
      const timeChanged =
        (changes.startsAt !== undefined && changes.startsAt.getTime() !== before.startsAt.getTime()) ||
        (changes.durationMinutes !== undefined && changes.durationMinutes !== before.durationMinutes);

      const { updated, after } = await repository.transaction(async (tx) => {
        const locked = await repository.lock(before.id, tx);
        if (!locked || locked.status === 'cancelled') throw new AppError('webinar.cancelled');
        const updated = await repository.update(
          before.id,
          { ...changes, updatedAt: now, ...(calendarChanged ? { sequence: locked.sequence + 1 } : {}) },
          tx,
        );
        if (!updated) throw new AppError('not_found');
        const people = calendarChanged
          ? (await repository.activeRegistrations(before.id, tx))
              .filter((row) => row.status !== 'waitlisted')
              .map((row) => ({ userId: row.userId }))
          : [];
        const tellChanged = await writeNews(deps, 'changed', updated, people, tx);
        const offers = await registrations.promoteWaiting(updated, tx);
        const tellOffers = await registrations.writeOffers(updated, offers, tx);
        return {
          updated,
          after: async () => {
            await tellChanged();
            await tellOffers();
            await registrations.afterOffers(offers);
          },
        };
      });
      if (timeChanged) await scheduler.scheduleEvent(updated);
      await after();
      return reload(actor, before.id);
    },

    /** Cancels an event: registrations end, everyone is told, reminders are cancelled, calendars get CANCELLED. */
    async cancel(actor: Actor, id: string, reason: string | undefined) {
      const context = await loadWebinar(repository, actor, id, 'manage');
      const webinar = context.record.webinar;
      if (webinar.status === 'cancelled') throw new AppError('webinar.cancelled');
      const now = clock.now();
      const staff = context.staff.map((member) => member.userId);
      const send = await repository.transaction(async (tx) => {
        const locked = await repository.lock(webinar.id, tx);
        if (!locked || locked.status === 'cancelled') throw new AppError('webinar.cancelled');
        const updated = await repository.update(
          webinar.id,
          {
            status: 'cancelled',
            cancelReason: reason || null,
            cancelledAt: now,
            updatedAt: now,
            sequence: locked.sequence + 1,
          },
          tx,
        );
        const cancelled = await repository.cancelAll(webinar.id, now, tx);
        const people = [...new Set([...cancelled.map((row) => row.userId), ...staff])].filter(
          (userId) => userId !== actor.user.id,
        );
        return writeNews(
          deps,
          'cancelled',
          updated ?? locked,
          people.map((userId) => ({
            userId,
            extra: reason ? { reason } : {},
          })),
          tx,
        );
      });
      await scheduler.cancelEvent(webinar.id);
      await send();
      await deps.bus.publish(`room:${webinar.id}`, { type: 'room.cancelled', roomId: webinar.id });
      return reload(actor, webinar.id);
    },

    /** Makes someone (by email) a host or presenter; they are told. */
    async addStaff(actor: Actor, id: string, body: { email: string; role: 'host' | 'presenter' }) {
      const context = await loadWebinar(repository, actor, id, 'manage');
      const webinar = context.record.webinar;
      const user = await repository.findUserByEmail(body.email);
      if (!user) throw new AppError('not_found');
      const now = clock.now();
      await repository.upsertStaff({ webinarId: webinar.id, userId: user.id, role: body.role, addedAt: now });
      if (user.id !== actor.user.id) {
        const send = await repository.transaction((tx) =>
          writeNews(deps, 'staff', webinar, [{ userId: user.id, extra: { role: body.role } }], tx),
        );
        await send();
      }
      await deps.bus.publish(`room:${webinar.id}`, {
        type: 'room.roles',
        roomId: webinar.id,
        userId: user.id,
      });
      return reload(actor, webinar.id);
    },

    async removeStaff(actor: Actor, id: string, userId: string) {
      const context = await loadWebinar(repository, actor, id, 'manage');
      if (!(await repository.removeStaff(context.record.webinar.id, userId))) throw new AppError('not_found');
      await deps.bus.publish(`room:${context.record.webinar.id}`, {
        type: 'room.roles',
        roomId: context.record.webinar.id,
        userId,
      });
      return reload(actor, context.record.webinar.id);
    },

    /** The organiser's registrant list with answers. */
    async registrants(actor: Actor, id: string): Promise<{ webinar: WebinarRecord; items: Registrant[] }> {
      const context = await loadWebinar(repository, actor, id, 'manage');
      const rows = await repository.registrants(context.record.webinar.id);
      return {
        webinar: context.record,
        items: rows.map(({ registration, displayName }) => ({
          id: registration.id,
          user: { id: registration.userId, displayName },
          status: registration.status,
          answers: registration.answers,
          queuedAt: registration.queuedAt.toISOString(),
          registeredAt: registration.registeredAt?.toISOString() ?? null,
          offerExpiresAt: registration.offerExpiresAt?.toISOString() ?? null,
          cancelledAt: registration.cancelledAt?.toISOString() ?? null,
        })),
      };
    },

    /** The registrant list as CSV (UTF-8 with BOM and semicolons, as Danish spreadsheets expect). */
    async registrantsCsv(actor: Actor, id: string, labels: { header: string[] }) {
      const { webinar, items } = await this.registrants(actor, id);
      const questions = webinar.webinar.questions;
      const lines = [
        [...labels.header, ...questions.map((question) => question.label)].map(csvField).join(';'),
        ...items.map((item) =>
          [
            item.user.displayName,
            item.status,
            item.registeredAt ?? item.queuedAt,
            ...questions.map((question) => item.answers[question.id]),
          ]
            .map(csvField)
            .join(';'),
        ),
      ];
      return { title: webinar.webinar.title, csv: `\ufeff${lines.join('\r\n')}\r\n` };
    },

    /** The event's .ics: METHOD:CANCEL once it is cancelled. */
    async eventCalendar(actor: Actor, id: string): Promise<{ title: string; ics: string }> {
      const context = await loadWebinar(repository, actor, id);
      const webinar = context.record.webinar;
      const ics = renderCalendar({
        events: [toCalendarEvent(webinar)],
        method: webinar.status === 'cancelled' ? 'CANCEL' : 'PUBLISH',
        host: calendarHost,
        now: clock.now(),
      });
      return { title: webinar.title, ics };
    },

    /** The actor's private feed address, if they made one. */
    async feed(actor: Actor) {
      const row = await repository.feedOf(actor.user.id);
      // Only the token's hash is kept, so the address itself is shown once, when it is made.
      return { url: null, createdAt: row?.createdAt.toISOString() ?? null };
    },

    /** Makes a new feed token (the old one stops working); the address is shown once. */
    async createFeed(actor: Actor) {
      const token = generateToken();
      const now = clock.now();
      await repository.setFeed(actor.user.id, hashToken(token), now);
      return { url: `${deps.publicOrigin}/api/calendar/${token}/events.ics`, createdAt: now.toISOString() };
    },

    async revokeFeed(actor: Actor): Promise<void> {
      await repository.deleteFeed(actor.user.id);
    },

    /** The feed itself, for calendar apps: no session, the token is the credential. Unknown tokens are 404. */
    async feedCalendar(token: string, name: string): Promise<string> {
      const userId = await repository.feedOwner(hashToken(token));
      if (!userId) throw new AppError('not_found');
      const now = clock.now();
      const since = new Date(now.getTime() - 90 * 24 * 60 * 60_000);
      const records = await repository.feedEvents(userId, since);
      return renderCalendar({
        events: records.map((record) => toCalendarEvent(record.webinar)),
        method: 'PUBLISH',
        host: calendarHost,
        now,
        name,
      });
    },
  };
}

export type WebinarsService = ReturnType<typeof createWebinarsService>;
