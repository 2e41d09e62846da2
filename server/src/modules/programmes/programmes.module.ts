import type { Database } from '@spejl/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import type { AuditInsert, Executor } from '../moderation/moderation.repository.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import type { MentorshipLookup } from './programmes.mentoring.ts';
import {
  createReminderHandler,
  createReminderScheduler,
  programmeReminderQueue,
  type StepReminderJob,
} from './programmes.reminders.ts';
import { createProgrammesRepository } from './programmes.repository.ts';
import { programmesRoutes } from './programmes.routes.ts';
import { createProgrammesService } from './programmes.service.ts';

/** The new-family programme: its service, its routes, and the durable reminder job (registered here). */
export async function createProgrammesModule(deps: {
  db: Database;
  clock: Clock;
  jobs: Jobs;
  notifications: NotificationService;
  audit: (entries: AuditInsert[], executor: Executor) => Promise<void>;
  logger: FastifyBaseLogger;
  mentorshipOf?: MentorshipLookup;
}) {
  const repository = createProgrammesRepository(deps.db);
  const reminders = createReminderScheduler({
    jobs: deps.jobs,
    clock: deps.clock,
    onError: (error) => deps.logger.error({ err: error }, 'could not queue a programme reminder'),
  });
  const service = createProgrammesService({
    repository,
    clock: deps.clock,
    reminders,
    audit: deps.audit,
    ...(deps.mentorshipOf ? { mentorshipOf: deps.mentorshipOf } : {}),
  });
  const remind = createReminderHandler({
    repository,
    notifications: deps.notifications,
    clock: deps.clock,
    statusesOf: (enrolmentId) => service.reminderStatuses(enrolmentId),
  });
  await deps.jobs.work<StepReminderJob>(programmeReminderQueue, async (job) => {
    await remind(job);
  });
  return { service, remind, routes: programmesRoutes({ programmes: service }) };
}

export type ProgrammesModule = Awaited<ReturnType<typeof createProgrammesModule>>;
