import { notifications } from '@spejl/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../testing/app.ts';
import { programmeReminderQueue, type StepReminderJob } from './programmes.reminders.ts';
import {
  createProgramme,
  dayMs,
  enrol,
  type EnrolmentShape,
  type Person,
  type ProgrammeShape,
  signUpCoordinator,
} from './programmes.testing.ts';

let t: TestApp;
let coordinator: Person;
let active: Person;
let paused: Person;
let finished: Person;
let programme: ProgrammeShape;
const enrolments = new Map<string, EnrolmentShape>();

async function remindersOf(person: Person) {
  return t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, person.user.id), eq(notifications.type, 'programme.step_reminder')));
}

/** Runs every waiting reminder job of these enrolments now, as the queue would once they are due. */
async function runReminders(enrolmentIds: string[]) {
  const pending = await t.jobs.pending(programmeReminderQueue);
  for (const job of pending) {
    const data = job.data as StepReminderJob;
    if (enrolmentIds.includes(data.enrolmentId)) await t.app.services.programmes.remind(data);
  }
  return pending.map((job) => job.data as StepReminderJob);
}

async function advanceDays(days: number) {
  for (let left = days; left > 0; left -= 1) {
    t.clock.advance(dayMs);
    for (const person of [coordinator, active, paused, finished])
      expect((await person.client.get('/api/me')).statusCode).toBe(200);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signUpCoordinator(t);
  active = await signUp(t.app, { displayName: 'Aktiv' });
  paused = await signUp(t.app, { displayName: 'Pause' });
  finished = await signUp(t.app, { displayName: 'Færdig' });
  programme = await createProgramme(coordinator, [
    { kind: 'meet_mentor', title: 'Mød din mentor', completion: 'marked_done', dueAfterDays: 3 },
    { kind: 'meet_mentor', title: 'Ring til mentoren igen', completion: 'marked_done', dueAfterDays: 3 },
  ]);
  for (const person of [active, paused, finished])
    enrolments.set(person.user.id, await enrol(person, programme.id));
});
afterAll(async () => {
  await t?.close();
});

const idOf = (person: Person) => enrolments.get(person.user.id)?.id ?? '';

describe('reminders for steps not done', () => {
  it('queues a reminder for when the open step falls due', async () => {
    const pending = (await t.jobs.pending(programmeReminderQueue)).filter(
      (job) => (job.data as StepReminderJob).enrolmentId === idOf(active),
    );
    expect(pending.map((job) => (job.data as StepReminderJob).stepId)).toEqual([programme.steps[0]?.id]);
    const enrolledAt = new Date(
      (enrolments.get(active.user.id) as unknown as { enrolledAt: string }).enrolledAt,
    );
    expect(pending[0]?.startAfter.getTime()).toBe(enrolledAt.getTime() + 3 * dayMs);
  });

  it('reminds once a running family, never a paused one nor one that did the step', async () => {
    const pause = await paused.client.post(
      `/api/programmes/${programme.id}/enrolments/${idOf(paused)}/pause`,
    );
    expect(pause.statusCode, pause.body).toBe(200);
    expect(pause.json().status).toBe('paused');
    const done = await finished.client.post(
      `/api/programmes/${programme.id}/steps/${programme.steps[0]?.id}/done`,
    );
    expect(done.statusCode, done.body).toBe(200);

    // Before the step is due, a job that runs early sends nothing.
    await runReminders([idOf(active)]);
    expect(await remindersOf(active)).toHaveLength(0);

    await advanceDays(4);
    await runReminders([idOf(active), idOf(paused), idOf(finished)]);
    const sent = await remindersOf(active);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.data).toEqual({
      programmeId: programme.id,
      programmeTitle: 'De første måneder',
      stepId: programme.steps[0]?.id,
      stepTitle: 'Mød din mentor',
    });
    expect(await remindersOf(paused)).toHaveLength(0);
    // The family that did the first step hears about the second, which opened when it did and is due now too.
    expect((await remindersOf(finished)).map((row) => (row.data as { stepId: string }).stepId)).toEqual([
      programme.steps[1]?.id,
    ]);

    // A job that runs again (a retry, a restart) sends nothing more.
    await t.app.services.programmes.remind({
      enrolmentId: idOf(active),
      stepId: programme.steps[0]?.id ?? '',
    });
    expect(await remindersOf(active)).toHaveLength(1);
  });

  it('reminds a family a day after it resumes, not at once', async () => {
    const resume = await paused.client.post(
      `/api/programmes/${programme.id}/enrolments/${idOf(paused)}/resume`,
    );
    expect(resume.statusCode, resume.body).toBe(200);
    expect(resume.json().status).toBe('active');
    const waiting = (await t.jobs.pending(programmeReminderQueue)).filter(
      (job) => (job.data as StepReminderJob).enrolmentId === idOf(paused),
    );
    expect(waiting.some((job) => job.startAfter.getTime() >= t.clock.now().getTime() + dayMs)).toBe(true);
    await advanceDays(1);
    await runReminders([idOf(paused)]);
    expect(await remindersOf(paused)).toHaveLength(1);
  });

  it('shows the reminder in the notification list', async () => {
    const list = await active.client.get('/api/notifications');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: { type: string }) => item.type)).toContain('programme.step_reminder');
  });
});
