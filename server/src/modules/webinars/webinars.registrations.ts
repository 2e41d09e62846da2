import type { WebinarQuestionDefinition } from '@spejl/db';
import { type MyRegistration, webinarLimits } from '@spejl/shared';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { loadWebinar, registrationOpen, toMyRegistration } from './webinars.context.ts';
import type { OfferExpiryJob, WebinarScheduler } from './webinars.jobs.ts';
import { type NotifyDeps, writeNews } from './webinars.notify.ts';
import type { Executor, RegistrationRow, WebinarRow, WebinarsRepository } from './webinars.repository.ts';

export interface RegistrationsDeps extends NotifyDeps {
  repository: WebinarsRepository;
  scheduler: WebinarScheduler;
  clock: Clock;
  bus: Bus;
}

type Answers = Record<string, string | number>;

/** Checks answers against the event's questions: required ones present, numbers are numbers, choices exist. */
export function validateAnswers(questions: WebinarQuestionDefinition[], answers: Answers): Answers {
  const known = new Map(questions.map((question) => [question.id, question]));
  const clean: Answers = {};
  const problems: Array<{ path: string[]; message: string }> = [];
  for (const [id, value] of Object.entries(answers)) {
    const question = known.get(id);
    if (!question) {
      problems.push({ path: ['answers', id], message: 'unknown question' });
      continue;
    }
    if (typeof value === 'string' && value.trim() === '') continue;
    if (question.kind === 'number') {
      const number = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(number)) problems.push({ path: ['answers', id], message: 'a number' });
      else clean[id] = number;
    } else if (question.kind === 'choice') {
      if (!question.options?.includes(String(value)))
        problems.push({ path: ['answers', id], message: 'one of the options' });
      else clean[id] = String(value);
    } else {
      clean[id] = String(value);
    }
  }
  for (const question of questions)
    if (
      question.required &&
      clean[question.id] === undefined &&
      !problems.some((p) => p.path[1] === question.id)
    )
      problems.push({ path: ['answers', question.id], message: 'required' });
  if (problems.length > 0) throw new AppError('webinar.answers_invalid', { details: problems });
  return clean;
}

/**
 * Registration, the waitlist and offers. Every change to an event's seats happens with the event's row locked
 * (`SELECT … FOR UPDATE`), so concurrent registrations are counted one at a time and never overbook.
 */
export function createRegistrationsService(deps: RegistrationsDeps) {
  const { repository, clock, scheduler } = deps;

  /** Offers free seats to the waitlist, in order. Call with the event locked; returns the offers made. */
  async function promoteWaiting(webinar: WebinarRow, tx: Executor): Promise<RegistrationRow[]> {
    if (webinar.status !== 'scheduled') return [];
    const now = clock.now();
    if (now >= webinar.startsAt) return [];
    const offers: RegistrationRow[] = [];
    for (;;) {
      const counts = await repository.seatCounts(webinar.id, tx);
      if (webinar.capacity !== null && counts.taken >= webinar.capacity) break;
      const next = await repository.nextWaiting(webinar.id, tx);
      if (!next) break;
      // The offer is held for 24 hours, or until the event starts if that comes sooner.
      const expires = new Date(
        Math.min(now.getTime() + webinarLimits.offerHours * 60 * 60_000, webinar.startsAt.getTime()),
      );
      const offered = await repository.updateRegistration(
        next.id,
        { status: 'offered', offeredAt: now, offerExpiresAt: expires, updatedAt: now },
        tx,
      );
      if (offered) offers.push(offered);
    }
    return offers;
  }

  /** Tells the people who got an offer and schedules the end of each offer. Runs after commit. */
  async function writeOffers(webinar: WebinarRow, offers: RegistrationRow[], tx: Executor) {
    return writeNews(
      deps,
      'offered',
      webinar,
      offers.map((offer) => ({
        userId: offer.userId,
        extra: { deadline: offer.offerExpiresAt?.toISOString() ?? '' },
      })),
      tx,
    );
  }

  async function afterOffers(offers: RegistrationRow[]) {
    for (const offer of offers) await scheduler.scheduleOfferExpiry(offer);
  }

  async function withPosition(row: RegistrationRow): Promise<MyRegistration> {
    const ahead =
      row.status === 'waitlisted' ? await repository.waitlistAhead(row.webinarId, row.queuedAt, row.id) : 0;
    return toMyRegistration(row, row.status === 'waitlisted' ? ahead + 1 : null);
  }

  return {
    promoteWaiting,
    writeOffers,
    afterOffers,

    /**
     * Registers the actor: a free seat makes them `registered`, a full event puts them on the waitlist, and an
     * offer is confirmed. Registering again returns the registration as it is (with updated answers).
     */
    async register(actor: Actor, id: string, body: { answers?: Answers | undefined }) {
      const context = await loadWebinar(repository, actor, id, 'register');
      const webinar = context.record.webinar;
      const now = clock.now();
      if (webinar.status === 'cancelled') throw new AppError('webinar.cancelled');
      const existing = context.registration;
      const active = existing && existing.status !== 'cancelled';
      if (!active && !registrationOpen(webinar, now)) throw new AppError('webinar.registration_closed');
      const answers =
        body.answers === undefined && active
          ? existing.answers
          : validateAnswers(webinar.questions, body.answers ?? {});

      const result = await repository.transaction(async (tx) => {
        const locked = await repository.lock(webinar.id, tx);
        if (!locked || locked.status === 'cancelled') throw new AppError('webinar.cancelled');
        const current = await repository.findRegistration(webinar.id, actor.user.id, tx);
        if (current && current.status !== 'cancelled') {
          const confirm = current.status === 'offered';
          const row = await repository.updateRegistration(
            current.id,
            confirm
              ? { status: 'registered', registeredAt: now, offerExpiresAt: null, answers, updatedAt: now }
              : { answers, updatedAt: now },
            tx,
          );
          return { row: row ?? current, created: confirm };
        }
        const counts = await repository.seatCounts(webinar.id, tx);
        // Someone already waiting keeps their place: a seat freed by a cancellation is offered to them first.
        const seatFree =
          locked.capacity === null || (counts.taken < locked.capacity && counts.waitlisted === 0);
        const row = await repository.upsertRegistration(
          {
            webinarId: webinar.id,
            userId: actor.user.id,
            status: seatFree ? 'registered' : 'waitlisted',
            answers,
            queuedAt: now,
            registeredAt: seatFree ? now : null,
            offeredAt: null,
            offerExpiresAt: null,
            cancelledAt: null,
            cancelReason: null,
            createdAt: now,
            updatedAt: now,
          },
          tx,
        );
        return { row, created: true };
      });
      return { registration: await withPosition(result.row), created: result.created };
    },

    /** Cancels the actor's registration (or declines an offer); a freed seat goes to the waitlist. */
    async cancel(actor: Actor, id: string): Promise<void> {
      const context = await loadWebinar(repository, actor, id);
      const webinar = context.record.webinar;
      const now = clock.now();
      const send = await repository.transaction(async (tx) => {
        const locked = await repository.lock(webinar.id, tx);
        const current = await repository.findRegistration(webinar.id, actor.user.id, tx);
        if (!locked || !current || current.status === 'cancelled')
          throw new AppError('webinar.not_registered');
        await repository.updateRegistration(
          current.id,
          {
            status: 'cancelled',
            cancelledAt: now,
            cancelReason: 'self',
            offerExpiresAt: null,
            updatedAt: now,
          },
          tx,
        );
        const offers = current.status === 'waitlisted' ? [] : await promoteWaiting(locked, tx);
        const tell = await writeOffers(locked, offers, tx);
        return async () => {
          await tell();
          await afterOffers(offers);
        };
      });
      await send();
      // An attendee who cancels is no longer let into the room.
      await deps.bus.publish(`room:${webinar.id}`, {
        type: 'room.roles',
        roomId: webinar.id,
        userId: actor.user.id,
      });
    },

    /** The offer-expiry job: an unconfirmed offer passes to the next person on the waitlist. */
    async expireOffer(job: OfferExpiryJob): Promise<void> {
      const registration = await repository.findRegistrationById(job.registrationId);
      if (registration?.status !== 'offered') return;
      if (registration.offerExpiresAt?.toISOString() !== job.offerExpiresAt) return;
      const now = clock.now();
      if (registration.offerExpiresAt > now) {
        // The queue ran it early (the database's clock is ahead of ours): try again later, never in a tight loop.
        const wait = Math.max(60_000, registration.offerExpiresAt.getTime() - now.getTime());
        await scheduler.scheduleOfferExpiry(registration, new Date(Date.now() + wait));
        return;
      }
      const send = await repository.transaction(async (tx) => {
        const locked = await repository.lock(registration.webinarId, tx);
        const current = await repository.findRegistrationById(registration.id, tx);
        if (!locked || !current || current.status !== 'offered') return async () => {};
        await repository.updateRegistration(
          current.id,
          {
            status: 'cancelled',
            cancelledAt: now,
            cancelReason: 'offer_expired',
            offerExpiresAt: null,
            updatedAt: now,
          },
          tx,
        );
        const tellExpired = await writeNews(deps, 'offerExpired', locked, [{ userId: current.userId }], tx);
        const offers = await promoteWaiting(locked, tx);
        const tellOffers = await writeOffers(locked, offers, tx);
        return async () => {
          await tellExpired();
          await tellOffers();
          await afterOffers(offers);
        };
      });
      await send();
    },
  };
}

export type RegistrationsService = ReturnType<typeof createRegistrationsService>;
