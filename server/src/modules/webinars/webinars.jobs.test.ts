import { mailOutbox, notifications, webinarDeliveries } from '@spejl/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { createGroupWith, createTestApp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let anna: Person;
let bo: Person;
let groupId: string;

beforeAll(async () => {
  // The clock stands at the real time, so jobs due "in two seconds" are due for the queue too.
  t = await createTestApp({ clock: new ManualClock(new Date()) });
  admin = await signUpAdmin(t);
  anna = await signUp(t.app, { displayName: 'Anna' });
  bo = await signUp(t.app, { displayName: 'Bo', locale: 'en' });
  groupId = await createGroupWith(admin, { name: 'Gruppe' }, [{ person: anna }, { person: bo }]);
});
afterAll(async () => {
  await t?.close();
});

async function remindersOf(userId: string, webinarId: string) {
  const rows = await t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.type, 'webinar.reminder')));
  return rows.filter((row) => row.data.webinarId === webinarId);
}

describe('reminders and follow-up', () => {
  it('sends the 1-hour reminder once per registrant (mail and in-app), even when the job runs twice', async () => {
    const startsAt = new Date(Date.now() + 60 * 60_000 + 2500);
    const created = await admin.client.post('/api/webinars', {
      groupId,
      title: 'Snart',
      description: '',
      startsAt: startsAt.toISOString(),
      durationMinutes: 30,
      mode: 'online',
    });
    const webinarId = created.json().webinar.id as string;
    // Only the 1-hour reminder is still ahead; the 24-hour one is already past and never sent.
    const pending = (await t.jobs.pending('webinars.reminder')).filter(
      (job) => (job.data as { webinarId: string }).webinarId === webinarId,
    );
    expect(pending.map((job) => (job.data as { kind: string }).kind)).toEqual(['hour']);
    await anna.client.post(`/api/webinars/${webinarId}/registrations`, {});
    await bo.client.post(`/api/webinars/${webinarId}/registrations`, {});

    await expect
      .poll(async () => (await remindersOf(anna.user.id, webinarId)).length, { timeout: 15_000 })
      .toBe(1);
    await expect
      .poll(async () => (await remindersOf(bo.user.id, webinarId)).length, { timeout: 15_000 })
      .toBe(1);
    const [reminder] = await remindersOf(anna.user.id, webinarId);
    expect(reminder?.data).toMatchObject({ webinarId, title: 'Snart', kind: 'hour' });
    // The same job again (a retry, a restart): nothing more is sent.
    await t.jobs.send('webinars.reminder', { webinarId, kind: 'hour', startsAt: startsAt.toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await remindersOf(anna.user.id, webinarId)).toHaveLength(1);
    const deliveries = await t.database.db
      .select()
      .from(webinarDeliveries)
      .where(eq(webinarDeliveries.webinarId, webinarId));
    // The two registrants and the host who created the event.
    expect(deliveries.map((row) => row.userId).sort()).toEqual(
      [admin.user.id, anna.user.id, bo.user.id].sort(),
    );
    const mails = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, bo.user.email));
    expect(mails.filter((mail) => mail.subject === 'In one hour: Snart')).toHaveLength(1);
    expect(mails.find((mail) => mail.subject === 'In one hour: Snart')?.text).toContain(
      `/events/${webinarId}`,
    );
  });

  it('does nothing for a job about an old start time or a cancelled event', async () => {
    const startsAt = new Date(Date.now() + 3 * 24 * 3600_000);
    const created = await admin.client.post('/api/webinars', {
      groupId,
      title: 'Flyttet',
      description: '',
      startsAt: startsAt.toISOString(),
      durationMinutes: 30,
      mode: 'online',
    });
    const webinarId = created.json().webinar.id as string;
    await anna.client.post(`/api/webinars/${webinarId}/registrations`, {});
    const stale = new Date(startsAt.getTime() - 3600_000).toISOString();
    await t.jobs.send('webinars.reminder', { webinarId, kind: 'day', startsAt: stale });
    await admin.client.post(`/api/webinars/${webinarId}/cancel`, {});
    await t.jobs.send('webinars.reminder', { webinarId, kind: 'day', startsAt: startsAt.toISOString() });
    await t.jobs.send('webinars.followup', { webinarId, startsAt: startsAt.toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await remindersOf(anna.user.id, webinarId)).toHaveLength(0);
  });

  it('sends the follow-up with the recording link and materials to those registered', async () => {
    const startsAt = new Date(Date.now() + 3 * 24 * 3600_000);
    const created = await admin.client.post('/api/webinars', {
      groupId,
      title: 'Med optagelse',
      description: '',
      startsAt: startsAt.toISOString(),
      durationMinutes: 30,
      mode: 'online',
    });
    const webinarId = created.json().webinar.id as string;
    await anna.client.post(`/api/webinars/${webinarId}/registrations`, {});
    await admin.client.patch(`/api/webinars/${webinarId}`, {
      recordingUrl: 'https://video.example/optagelse',
      materials: 'Slides ligger i gruppen.',
    });
    const followups = (await t.jobs.pending('webinars.followup')).filter(
      (job) => (job.data as { webinarId: string }).webinarId === webinarId,
    );
    expect(followups).toHaveLength(1);
    expect(followups[0]!.startAfter.getTime()).toBe(startsAt.getTime() + 30 * 60_000 + 3600_000);
    // Run it now, as the queue will after the event.
    t.clock.set(new Date(startsAt.getTime() + 2 * 3600_000));
    try {
      await t.jobs.send('webinars.followup', { webinarId, startsAt: startsAt.toISOString() });
      await expect
        .poll(
          async () =>
            (await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, anna.user.email))).find(
              (mail) => mail.subject === 'Tak for i dag: Med optagelse',
            )?.text,
          { timeout: 15_000 },
        )
        .toContain('Optagelse: https://video.example/optagelse');
    } finally {
      t.clock.set(new Date());
    }
  });
});
