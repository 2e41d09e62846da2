import type { Clock } from '../../clock.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import { endsAtOf } from './webinars.context.ts';
import { type NotifyDeps, writeNews } from './webinars.notify.ts';
import type { RegistrationRow, WebinarRow } from './webinars.repository.ts';

export const webinarQueues = {
  reminder: 'webinars.reminder',
  followup: 'webinars.followup',
  offerExpiry: 'webinars.offer-expiry',
} as const;

const hour = 60 * 60 * 1000;
/** When each reminder goes out, before the start. */
const reminderLeads = { day: 24 * hour, hour: hour } as const;
/** The follow-up goes an hour after the end, when organisers have had a moment to add materials. */
const followupDelay = hour;

export interface ReminderJob {
  webinarId: string;
  kind: 'day' | 'hour';
  /** The start time this reminder is about; a job for an older time does nothing. */
  startsAt: string;
}
export interface FollowupJob {
  webinarId: string;
  startsAt: string;
}
export interface OfferExpiryJob {
  registrationId: string;
  offerExpiresAt: string;
}

/**
 * Durable scheduling for events: reminders 24 hours and 1 hour before, the follow-up after, and the end of a
 * waitlist offer. Jobs are keyed per event (and per offer), so rescheduling replaces them and cancelling removes
 * them; handlers check the event again and record every delivery, so a job that runs twice never sends twice.
 */
export function createWebinarScheduler(deps: { jobs: Jobs; clock: Clock }) {
  const { jobs, clock } = deps;
  const key = (webinarId: string, kind: string) => `${webinarId}:${kind}`;

  return {
    /** (Re)schedules an event's reminders and follow-up for its current time. Times already past are skipped. */
    async scheduleEvent(webinar: WebinarRow): Promise<void> {
      await this.cancelEvent(webinar.id);
      await this.ensureEvent(webinar);
    },

    /**
     * Makes sure the event's jobs are queued, without touching ones already waiting (the queue keeps one per key).
     * Run at start-up for events made without the service (demo data) or jobs lost with a restored database; a
     * reminder that was already sent is not sent again, because deliveries are recorded.
     */
    async ensureEvent(webinar: WebinarRow): Promise<void> {
      if (webinar.status !== 'scheduled') return;
      const now = clock.now().getTime();
      for (const kind of ['day', 'hour'] as const) {
        const due = webinar.startsAt.getTime() - reminderLeads[kind];
        if (due <= now) continue;
        const data: ReminderJob = { webinarId: webinar.id, kind, startsAt: webinar.startsAt.toISOString() };
        await jobs.send(webinarQueues.reminder, data, {
          startAfter: new Date(due),
          singletonKey: key(webinar.id, kind),
        });
      }
      const followupAt = endsAtOf(webinar).getTime() + followupDelay;
      if (followupAt > now) {
        const data: FollowupJob = { webinarId: webinar.id, startsAt: webinar.startsAt.toISOString() };
        await jobs.send(webinarQueues.followup, data, {
          startAfter: new Date(followupAt),
          singletonKey: key(webinar.id, 'followup'),
        });
      }
    },

    async cancelEvent(webinarId: string): Promise<void> {
      await jobs.cancelByKey(webinarQueues.reminder, key(webinarId, 'day'));
      await jobs.cancelByKey(webinarQueues.reminder, key(webinarId, 'hour'));
      await jobs.cancelByKey(webinarQueues.followup, key(webinarId, 'followup'));
    },

    /** Ends an offer when its 24 hours are up (unless the person confirmed first). */
    async scheduleOfferExpiry(registration: RegistrationRow, retryAt?: Date): Promise<void> {
      if (!registration.offerExpiresAt) return;
      const data: OfferExpiryJob = {
        registrationId: registration.id,
        offerExpiresAt: registration.offerExpiresAt.toISOString(),
      };
      await jobs.send(webinarQueues.offerExpiry, data, {
        startAfter: retryAt ?? registration.offerExpiresAt,
        singletonKey: `${registration.id}:${data.offerExpiresAt}${retryAt ? `:${retryAt.getTime()}` : ''}`,
      });
    },
  };
}

export type WebinarScheduler = ReturnType<typeof createWebinarScheduler>;

/** The handlers for reminders and follow-ups. The offer handler lives with registrations. */
export function createDeliveryHandlers(deps: NotifyDeps & { clock: Clock }) {
  const { repository, clock } = deps;

  /** Sends one kind of news to the people who have not had it yet for this start time. */
  async function deliver(
    webinar: WebinarRow,
    kind: 'reminder_day' | 'reminder_hour' | 'followup',
    userIds: string[],
  ): Promise<void> {
    const now = clock.now();
    const send = await repository.transaction(async (tx) => {
      const claimed = await repository.claimDeliveries(
        [...new Set(userIds)].map((userId) => ({
          webinarId: webinar.id,
          userId,
          kind,
          startsAt: webinar.startsAt,
          sentAt: now,
        })),
        tx,
      );
      const news =
        kind === 'reminder_day' ? 'reminderDay' : kind === 'reminder_hour' ? 'reminderHour' : 'followup';
      return writeNews(
        deps,
        news,
        webinar,
        claimed.map((userId) => ({ userId })),
        tx,
      );
    });
    await send();
  }

  /** Is this job still about the event as it is now? */
  async function current(webinarId: string, startsAt: string): Promise<WebinarRow | null> {
    const record = await repository.findRecord(webinarId);
    if (record?.webinar.status !== 'scheduled') return null;
    if (record.webinar.startsAt.toISOString() !== startsAt) return null;
    return record.webinar;
  }

  return {
    async reminder(job: ReminderJob): Promise<void> {
      const webinar = await current(job.webinarId, job.startsAt);
      if (!webinar || clock.now() >= webinar.startsAt) return;
      const registered = (await repository.activeRegistrations(webinar.id))
        .filter((row) => row.status === 'registered')
        .map((row) => row.userId);
      const staff = (await repository.staffOf([webinar.id])).map((row) => row.userId);
      await deliver(webinar, job.kind === 'day' ? 'reminder_day' : 'reminder_hour', [
        ...registered,
        ...staff,
      ]);
    },

    async followup(job: FollowupJob): Promise<void> {
      const webinar = await current(job.webinarId, job.startsAt);
      if (!webinar) return;
      const registered = (await repository.activeRegistrations(webinar.id))
        .filter((row) => row.status === 'registered')
        .map((row) => row.userId);
      await deliver(webinar, 'followup', registered);
    },
  };
}
