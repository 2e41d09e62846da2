import type { Database } from '@spejl/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import type { Mailer } from '../mail/mail.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import { createRoomsGateway } from './webinars.gateway.ts';
import {
  createDeliveryHandlers,
  createWebinarScheduler,
  type FollowupJob,
  type OfferExpiryJob,
  type ReminderJob,
  webinarQueues,
} from './webinars.jobs.ts';
import { createRegistrationsService } from './webinars.registrations.ts';
import { createWebinarsRepository } from './webinars.repository.ts';
import { createRoomRepository } from './webinars.room.repository.ts';
import { createRoomService } from './webinars.room.ts';
import { createWebinarsService } from './webinars.service.ts';

/** Builds the events domain (services, the room gateway) and registers its durable job handlers. */
export async function createWebinarsModule(deps: {
  db: Database;
  bus: Bus;
  jobs: Jobs;
  clock: Clock;
  limiter: RateLimiter;
  mailer: Mailer;
  notifications: NotificationService;
  publicOrigin: string;
  logger: FastifyBaseLogger;
}) {
  const repository = createWebinarsRepository(deps.db);
  const notify = {
    repository,
    notifications: deps.notifications,
    mailer: deps.mailer,
    publicOrigin: deps.publicOrigin,
    onMailError: (error: unknown) => deps.logger.error({ err: error }, 'event mail failed'),
  };
  const scheduler = createWebinarScheduler({ jobs: deps.jobs, clock: deps.clock });
  const common = { ...notify, scheduler, clock: deps.clock, bus: deps.bus };
  const registrations = createRegistrationsService(common);
  const webinars = createWebinarsService({ ...common, registrations });
  const rooms = createRoomService({
    webinars: repository,
    room: createRoomRepository(deps.db),
    clock: deps.clock,
    limiter: deps.limiter,
    bus: deps.bus,
  });
  const gateway = createRoomsGateway({ rooms, bus: deps.bus, logger: deps.logger });
  const deliveries = createDeliveryHandlers({ ...notify, clock: deps.clock });
  await deps.jobs.work<ReminderJob>(webinarQueues.reminder, deliveries.reminder);
  await deps.jobs.work<FollowupJob>(webinarQueues.followup, deliveries.followup);
  await deps.jobs.work<OfferExpiryJob>(webinarQueues.offerExpiry, registrations.expireOffer);
  for (const webinar of await repository.needingJobs(deps.clock.now())) await scheduler.ensureEvent(webinar);
  return { webinars, registrations, rooms, gateway };
}

export type WebinarsModule = Awaited<ReturnType<typeof createWebinarsModule>>;
