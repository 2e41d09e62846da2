import { mentoringLimits } from '@spejl/shared';
import { notificationFor } from '../notifications/notifications.service.ts';
import { firstContactDue, type MentoringDeps, mailPerson } from './mentoring.context.ts';

/** Durable jobs of a mentorship (pg-boss queues). */
export const firstContactQueue = 'mentoring-first-contact';
export const checkInQueue = 'mentoring-check-in';

const week = 7 * 24 * 60 * 60 * 1000;

export interface FirstContactJob {
  matchId: string;
}
export interface CheckInJob {
  matchId: string;
  week: number;
}

const firstContactKey = (matchId: string) => `first-contact:${matchId}`;
const checkInKey = (matchId: string, weeks: number) => `check-in:${matchId}:${weeks}`;

/**
 * Schedules the first-contact check (48 hours after accepting) and the check-ins (2 and 8 weeks). Sending twice is
 * harmless: each job has a singleton key, and each handler records what it did.
 */
export async function scheduleLifecycle(
  deps: MentoringDeps,
  matchId: string,
  acceptedAt: Date,
): Promise<void> {
  try {
    await deps.jobs.send(firstContactQueue, { matchId } satisfies FirstContactJob, {
      startAfter: firstContactDue(acceptedAt),
      singletonKey: firstContactKey(matchId),
    });
    for (const weeks of mentoringLimits.checkInWeeks)
      await deps.jobs.send(checkInQueue, { matchId, week: weeks } satisfies CheckInJob, {
        startAfter: new Date(acceptedAt.getTime() + weeks * week),
        singletonKey: checkInKey(matchId, weeks),
      });
  } catch (error) {
    // The match is active either way; the dashboard still shows overdue first contacts from the data itself.
    deps.logger.error({ err: error, matchId }, 'could not schedule the mentorship follow-ups');
  }
}

/** Cancels the follow-ups of a closed match (the handlers would skip it anyway). */
export async function cancelLifecycle(deps: MentoringDeps, matchId: string): Promise<void> {
  try {
    await deps.jobs.cancelByKey(firstContactQueue, firstContactKey(matchId));
    for (const weeks of mentoringLimits.checkInWeeks)
      await deps.jobs.cancelByKey(checkInQueue, checkInKey(matchId, weeks));
  } catch (error) {
    deps.logger.warn({ err: error, matchId }, 'could not cancel the mentorship follow-ups');
  }
}

/** Registers the lifecycle job handlers. Each acts at most once per match (a row in mentoring_job_runs). */
export async function registerLifecycleJobs(deps: MentoringDeps): Promise<void> {
  const { repository, notifications, clock } = deps;

  /** 48 hours after accepting: if the mentor has made no contact, remind the mentor and tell the coordinators. */
  async function checkFirstContact(data: FirstContactJob): Promise<void> {
    const record = await repository.findMatch(data.matchId);
    if (record?.match.status !== 'active' || !record.match.groupId) return;
    const contacted =
      record.match.firstContactAt !== null ||
      (await repository.firstMessageAt(record.match.groupId, record.match.mentorId)) !== null;
    if (contacted) return;
    const [coordinators, mentor] = await Promise.all([
      repository.coordinators(),
      repository.findPerson(record.match.mentorId),
    ]);
    const now = clock.now();
    const written = await repository.transaction(async (tx) => {
      if (!(await repository.claimJobRun(record.match.id, 'first_contact_reminder', now, tx))) return null;
      return notifications.create(
        [
          ...coordinators.map((person) =>
            notificationFor(person.id, 'mentoring.first_contact_overdue', {
              matchId: record.match.id,
              requestId: record.match.requestId,
              mentorName: record.mentorName,
            }),
          ),
          notificationFor(record.match.mentorId, 'mentoring.first_contact_reminder', {
            matchId: record.match.id,
          }),
        ],
        tx,
      );
    });
    if (!written) return;
    await notifications.deliver(written);
    for (const person of coordinators)
      await mailPerson(deps, person, 'firstContactOverdue', '/mentoring/coordinator', {
        mentor: record.mentorName,
      });
    if (mentor)
      await mailPerson(deps, mentor, 'firstContactReminder', `/mentoring/matches/${record.match.id}`);
  }

  /** 2 and 8 weeks in: ask both of the pair how it is going. */
  async function sendCheckIn(data: CheckInJob): Promise<void> {
    const record = await repository.findMatch(data.matchId);
    if (record?.match.status !== 'active') return;
    const pair = await repository.findPeople([record.match.mentorId, record.familyId]);
    const now = clock.now();
    const written = await repository.transaction(async (tx) => {
      if (!(await repository.claimJobRun(record.match.id, `check_in_${data.week}`, now, tx))) return null;
      return notifications.create(
        pair.map((person) => ({
          userId: person.id,
          type: 'mentoring.check_in',
          data: { matchId: record.match.id, weeks: data.week },
        })),
        tx,
      );
    });
    if (!written) return;
    await notifications.deliver(written);
    for (const person of pair)
      await mailPerson(deps, person, 'checkIn', `/mentoring/matches/${record.match.id}`, {
        weeks: data.week,
      });
  }

  await deps.jobs.work<FirstContactJob>(firstContactQueue, checkFirstContact);
  await deps.jobs.work<CheckInJob>(checkInQueue, sendCheckIn);
}
