import { mailOutbox, organisations } from '@spejl/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  createGroupWith,
  createTestApp,
  enableTotp,
  signUp,
  signUpAdmin,
  type TestApp,
} from '../../testing/app.ts';
import { dateAhead } from '../../testing/time.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let moderator: Person;
let lazyModerator: Person;
let member: Person;
let outsider: Person;
let groupId: string;
let hiddenId: string;

const missingUuid = '00000000-0000-4000-8000-000000000000';
const hour = 60 * 60 * 1000;
const inDays = (days: number) => new Date(t.clock.now().getTime() + days * 24 * hour).toISOString();

async function createEvent(person: Person, body: Record<string, unknown> = {}) {
  const response = await person.client.post('/api/webinars', {
    groupId,
    title: 'Nyt om behandling af cystisk fibrose',
    description: 'En læge fortæller om de nye lægemidler.',
    startsAt: inDays(7),
    durationMinutes: 60,
    mode: 'online',
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().webinar as { id: string; sequence: number } & Record<string, unknown>;
}

async function mailsTo(email: string) {
  return t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, email));
}

async function notificationsOf(person: Person) {
  const response = await person.client.get('/api/notifications');
  return response.json().items as Array<{ type: string; data: Record<string, unknown> }>;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  moderator = await signUp(t.app, { displayName: 'Mads Mortensen' });
  await enableTotp(moderator.client, t.clock);
  lazyModerator = await signUp(t.app, { displayName: 'Uden TOTP' });
  member = await signUp(t.app, { displayName: 'Sofie' });
  outsider = await signUp(t.app, { displayName: 'Jonas', locale: 'en' });
  groupId = await createGroupWith(admin, { name: 'Cystisk fibrose' }, [
    { person: moderator, role: 'moderator' },
    { person: lazyModerator, role: 'moderator' },
    { person: member },
  ]);
  hiddenId = await createGroupWith(admin, { name: 'Skjult', visibility: 'hidden' }, [
    { person: moderator, role: 'moderator' },
  ]);
});
afterAll(async () => {
  await t?.close();
});

describe('POST /api/webinars', () => {
  it('needs a session (401)', async () => {
    const response = await new Client(t.app).post('/api/webinars', {});
    expect(response.statusCode).toBe(401);
  });

  it('refuses members (403), moderators without TOTP (403 with enrolment code), and outsiders of a hidden group (404)', async () => {
    const body = {
      groupId,
      title: 'Møde',
      description: '',
      startsAt: inDays(3),
      durationMinutes: 60,
      mode: 'online',
    };
    expect((await member.client.post('/api/webinars', body)).statusCode).toBe(403);
    const lazy = await lazyModerator.client.post('/api/webinars', body);
    expect(lazy.statusCode).toBe(403);
    expect(lazy.json().error.code).toBe('auth.mfa_enrolment_required');
    const hidden = await member.client.post('/api/webinars', { ...body, groupId: hiddenId });
    expect(hidden.statusCode).toBe(404);
    const missing = await moderator.client.post('/api/webinars', { ...body, groupId: missingUuid });
    expect(missing.statusCode).toBe(404);
    // Everyone-events are for admins only.
    const platform = await moderator.client.post('/api/webinars', { ...body, groupId: undefined });
    expect(platform.statusCode).toBe(403);
  });

  it('rejects unknown fields, a past start and nonsense durations (400)', async () => {
    const body = {
      groupId,
      title: 'Møde',
      description: '',
      startsAt: inDays(3),
      durationMinutes: 60,
      mode: 'online',
    };
    expect((await moderator.client.post('/api/webinars', { ...body, colour: 'red' })).statusCode).toBe(400);
    expect((await moderator.client.post('/api/webinars', { ...body, startsAt: inDays(-1) })).statusCode).toBe(
      400,
    );
    expect((await moderator.client.post('/api/webinars', { ...body, durationMinutes: 0 })).statusCode).toBe(
      400,
    );
    expect((await moderator.client.post('/api/webinars', { ...body, mode: 'zoom' })).statusCode).toBe(400);
  });

  it('lets a moderator with TOTP schedule a group event; the time is stored and answered in UTC', async () => {
    const day = dateAhead(t.clock, 30);
    const webinar = await createEvent(moderator, {
      startsAt: `${day}T19:00:00+01:00`,
      capacity: 40,
      questions: [{ id: 'diet', label: 'Kosthensyn', kind: 'text', required: false }],
    });
    expect(webinar).toMatchObject({
      startsAt: `${day}T18:00:00.000Z`,
      endsAt: `${day}T19:00:00.000Z`,
      audience: 'group',
      group: { id: groupId, name: 'Cystisk fibrose' },
      capacity: 40,
      registeredCount: 0,
      waitlistCount: 0,
      seatsLeft: 40,
      myRegistration: null,
      myRoomRole: 'host',
      staff: [{ displayName: 'Mads Mortensen', role: 'host' }],
      permissions: { canManage: true, canEnterRoom: true },
    });
  });

  it('lets an admin schedule an event for everyone, and an association owner one for the association', async () => {
    const everyone = await createEvent(admin, { groupId: undefined, title: 'Åbent webinar for alle' });
    expect(everyone.audience).toBe('platform');
    const [organisation] = await t.database.db
      .insert(organisations)
      .values({ name: 'Foreningen for Cystisk Fibrose', slug: `cf-${Date.now()}` })
      .returning();
    const owner = await signUp(t.app, { displayName: 'Ejer' });
    await enableTotp(owner.client, t.clock);
    const ownedGroup = await admin.client.post('/api/groups', {
      name: 'CF forældre',
      slug: `cf-foraeldre-${Date.now()}`,
      kind: 'diagnosis',
      visibility: 'listed',
      joinPolicy: 'request',
      organisationId: organisation!.id,
    });
    const ownedId = ownedGroup.json().group.id as string;
    await admin.client.post(`/api/groups/${ownedId}/members`, { email: owner.user.email, role: 'owner' });
    const body = { organisationId: organisation!.id, groupId: undefined, title: 'Generalforsamling' };
    // A moderator of another group is not an organiser of this association.
    expect(
      (
        await moderator.client.post('/api/webinars', {
          ...body,
          title: 'Andet møde',
          description: '',
          startsAt: inDays(9),
          durationMinutes: 60,
          mode: 'in_person',
        })
      ).statusCode,
    ).toBe(403);
    const association = await createEvent(owner, {
      ...body,
      mode: 'in_person',
      location: 'Hotel Nyborg Strand',
    });
    expect(association).toMatchObject({
      audience: 'organisation',
      organisation: { name: 'Foreningen for Cystisk Fibrose' },
    });
    // Members of the association's groups see it; others are told it is for members.
    expect((await outsider.client.get(`/api/webinars/${association.id}`)).json().error.code).toBe(
      'webinar.members_only',
    );
    expect((await owner.client.get(`/api/webinars/${association.id}`)).statusCode).toBe(200);
  });
});

describe('GET /api/webinars/organisable', () => {
  it('needs a session (401) and lists where the actor may schedule events', async () => {
    expect((await new Client(t.app).get('/api/webinars/organisable')).statusCode).toBe(401);
    expect((await member.client.get('/api/webinars/organisable')).json()).toEqual({
      targets: [],
      needsMfa: false,
    });
    expect((await lazyModerator.client.get('/api/webinars/organisable')).json()).toEqual({
      targets: [],
      needsMfa: true,
    });
    const forModerator = (await moderator.client.get('/api/webinars/organisable')).json();
    expect(forModerator.targets.map((target: { name: string }) => target.name).sort()).toEqual([
      'Cystisk fibrose',
      'Skjult',
    ]);
    const forAdmin = (await admin.client.get('/api/webinars/organisable')).json();
    expect(forAdmin.targets[0]).toEqual({ audience: 'platform', id: null, name: '' });
  });
});

describe('GET /api/webinars/:id and the list', () => {
  let listedEvent: { id: string };
  let hiddenEvent: { id: string };
  beforeAll(async () => {
    listedEvent = await createEvent(moderator, { title: 'Søskende til børn med CF' });
    hiddenEvent = await createEvent(moderator, { groupId: hiddenId, title: 'Hemmeligt møde' });
  });

  it('needs a session (401) and answers 404 for unknown ids', async () => {
    expect((await new Client(t.app).get(`/api/webinars/${listedEvent.id}`)).statusCode).toBe(401);
    expect((await member.client.get(`/api/webinars/${missingUuid}`)).statusCode).toBe(404);
    expect((await member.client.get('/api/webinars/not-a-uuid')).statusCode).toBe(404);
  });

  it('shows a group event to members only: 403 for a listed group, 404 for a hidden one', async () => {
    expect((await member.client.get(`/api/webinars/${listedEvent.id}`)).statusCode).toBe(200);
    const listed = await outsider.client.get(`/api/webinars/${listedEvent.id}`);
    expect(listed.statusCode).toBe(403);
    expect(listed.json().error).toMatchObject({
      code: 'webinar.members_only',
      message: 'This event is only for members of the group or association.',
    });
    expect((await member.client.get(`/api/webinars/${hiddenEvent.id}`)).statusCode).toBe(404);
    expect((await admin.client.get(`/api/webinars/${hiddenEvent.id}`)).statusCode).toBe(200);
  });

  it('lists only what the reader may see, in time order, and filters by from/to', async () => {
    const seen = async (person: Person, query = '') =>
      (
        (await person.client.get(`/api/webinars${query}`)).json().items as Array<{
          id: string;
          startsAt: string;
        }>
      ).map((item) => item.id);
    expect(await seen(member)).toContain(listedEvent.id);
    expect(await seen(member)).not.toContain(hiddenEvent.id);
    expect(await seen(outsider)).not.toContain(listedEvent.id);
    expect(await seen(moderator)).toContain(hiddenEvent.id);
    const response = await member.client.get('/api/webinars');
    const starts = (response.json().items as Array<{ startsAt: string }>).map((item) => item.startsAt);
    expect([...starts].sort()).toEqual(starts);
    const from = inDays(6);
    const to = inDays(8);
    const ranged = await seen(member, `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(ranged).toContain(listedEvent.id);
    expect(await seen(member, `?from=${encodeURIComponent(inDays(8))}`)).not.toContain(listedEvent.id);
    expect((await member.client.get('/api/webinars?from=yesterday')).statusCode).toBe(400);
  });
});

describe('registration', () => {
  it('needs a session (401), answers 404 for unknown and hidden events, 403 for outsiders', async () => {
    const event = await createEvent(moderator);
    const hidden = await createEvent(moderator, { groupId: hiddenId });
    expect((await new Client(t.app).post(`/api/webinars/${event.id}/registrations`, {})).statusCode).toBe(
      401,
    );
    expect((await member.client.post(`/api/webinars/${missingUuid}/registrations`, {})).statusCode).toBe(404);
    expect((await member.client.post(`/api/webinars/${hidden.id}/registrations`, {})).statusCode).toBe(404);
    expect((await outsider.client.post(`/api/webinars/${event.id}/registrations`, {})).statusCode).toBe(403);
    expect((await new Client(t.app).delete(`/api/webinars/${event.id}/registrations/me`)).statusCode).toBe(
      401,
    );
    expect((await member.client.delete(`/api/webinars/${missingUuid}/registrations/me`)).statusCode).toBe(
      404,
    );
    expect((await member.client.delete(`/api/webinars/${event.id}/registrations/me`)).json().error.code).toBe(
      'webinar.not_registered',
    );
  });

  it('registers with answers, checks required ones, and registering again changes nothing', async () => {
    const event = await createEvent(moderator, {
      questions: [
        { id: 'children', label: 'Antal børn', kind: 'number', required: true },
        { id: 'diet', label: 'Kost', kind: 'choice', options: ['Alt', 'Vegetar'] },
      ],
    });
    const missing = await member.client.post(`/api/webinars/${event.id}/registrations`, { answers: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('webinar.answers_invalid');
    const wrongChoice = await member.client.post(`/api/webinars/${event.id}/registrations`, {
      answers: { children: 2, diet: 'Fisk' },
    });
    expect(wrongChoice.statusCode).toBe(400);
    const first = await member.client.post(`/api/webinars/${event.id}/registrations`, {
      answers: { children: '2', diet: 'Vegetar' },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().registration).toMatchObject({
      status: 'registered',
      answers: { children: 2, diet: 'Vegetar' },
      waitlistPosition: null,
    });
    const again = await member.client.post(`/api/webinars/${event.id}/registrations`, {});
    expect(again.statusCode).toBe(200);
    expect(again.json().registration.id).toBe(first.json().registration.id);
    const shown = (await member.client.get(`/api/webinars/${event.id}`)).json().webinar;
    expect(shown).toMatchObject({
      registeredCount: 1,
      myRegistration: { status: 'registered' },
      myRoomRole: 'attendee',
      permissions: { canRegister: false, canCancelRegistration: true, canManage: false, canEnterRoom: true },
    });
    // The organiser sees the answers; others may not.
    expect((await member.client.get(`/api/webinars/${event.id}/registrations`)).statusCode).toBe(403);
    expect((await lazyModerator.client.get(`/api/webinars/${event.id}/registrations`)).statusCode).toBe(403);
    expect((await outsider.client.get(`/api/webinars/${event.id}/registrations`)).statusCode).toBe(403);
    const list = await moderator.client.get(`/api/webinars/${event.id}/registrations`);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        user: { id: member.user.id, displayName: 'Sofie' },
        answers: { children: 2, diet: 'Vegetar' },
      }),
    ]);
    const csv = await moderator.client.get(`/api/webinars/${event.id}/registrations.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain(
      'attachment; filename="nyt-om-behandling-af-cystisk-fibrose.csv"',
    );
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Navn;Status;Tilmeldt;Antal børn;Kost');
    expect(lines[1]).toMatch(/^Sofie;registered;\d{4}-.+Z;2;Vegetar$/);
    expect((await member.client.get(`/api/webinars/${event.id}/registrations.csv`)).statusCode).toBe(403);
  });

  it('fills the seats, then the waitlist; a cancellation offers the seat to the first in line, who is told and confirms', async () => {
    const event = await createEvent(moderator, { capacity: 2 });
    const people = [member, await signUp(t.app), await signUp(t.app), await signUp(t.app)];
    for (const person of people.slice(1))
      await admin.client.post(`/api/groups/${groupId}/members`, { email: person.user.email });
    const statuses = [];
    for (const person of people) {
      statuses.push(
        (await person.client.post(`/api/webinars/${event.id}/registrations`, {})).json().registration,
      );
      t.clock.advance(1000);
    }
    expect(statuses.map((registration) => registration.status)).toEqual([
      'registered',
      'registered',
      'waitlisted',
      'waitlisted',
    ]);
    expect(statuses.map((registration) => registration.waitlistPosition)).toEqual([null, null, 1, 2]);
    expect((await member.client.get(`/api/webinars/${event.id}`)).json().webinar).toMatchObject({
      registeredCount: 2,
      waitlistCount: 2,
      seatsLeft: 0,
    });

    const cancel = await member.client.delete(`/api/webinars/${event.id}/registrations/me`);
    expect(cancel.statusCode).toBe(204);
    const third = people[2]!;
    const offered = (await third.client.get(`/api/webinars/${event.id}`)).json().webinar.myRegistration;
    expect(offered.status).toBe('offered');
    const expires = new Date(offered.offerExpiresAt).getTime() - t.clock.now().getTime();
    expect(expires).toBe(24 * hour);
    expect((await notificationsOf(third)).map((item) => item.type)).toContain('webinar.offered');
    const mail = (await mailsTo(third.user.email)).find((item) =>
      item.subject.startsWith('Der er en plads til dig'),
    );
    expect(mail?.text).toContain('/events/');
    // The offer's end is a durable job, due when the 24 hours are up.
    const pending = await t.jobs.pending('webinars.offer-expiry');
    expect(
      pending.some((job) => (job.data as { registrationId: string }).registrationId === offered.id),
    ).toBe(true);
    // The fourth is still waiting, now first in line.
    expect(
      (await people[3]!.client.get(`/api/webinars/${event.id}`)).json().webinar.myRegistration
        .waitlistPosition,
    ).toBe(1);

    const confirmed = await third.client.post(`/api/webinars/${event.id}/registrations`, {});
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json().registration).toMatchObject({ status: 'registered', offerExpiresAt: null });
    // The member who cancelled can register again, and goes to the back of the waitlist.
    const back = await member.client.post(`/api/webinars/${event.id}/registrations`, {});
    expect(back.json().registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
  });

  it('passes an unconfirmed offer on when its 24 hours are up (the durable job, run for real)', async () => {
    const event = await createEvent(moderator, { capacity: 1 });
    const first = await signUp(t.app);
    const second = await signUp(t.app);
    const third = await signUp(t.app);
    for (const person of [first, second, third])
      await admin.client.post(`/api/groups/${groupId}/members`, { email: person.user.email });
    // One after the other, as people do: the waitlist keeps the order they came in.
    for (const person of [first, second, third]) {
      await person.client.post(`/api/webinars/${event.id}/registrations`, {});
      t.clock.advance(1000);
    }
    // Offer made "24 hours ago" minus eight seconds, so the job is due eight seconds from now (room to check the
    // offer first, even on a busy machine).
    const realNow = Date.now();
    t.clock.set(new Date(realNow - 24 * hour + 8000));
    const cancelled = await first.client.delete(`/api/webinars/${event.id}/registrations/me`);
    expect(cancelled.statusCode, cancelled.body).toBe(204);
    // The test's clock stands still; put it past the deadline the job will check against.
    t.clock.set(new Date(realNow + 9000));
    expect((await second.client.get(`/api/webinars/${event.id}`)).json().webinar.myRegistration.status).toBe(
      'offered',
    );
    await expect
      .poll(
        async () => (await second.client.get(`/api/webinars/${event.id}`)).json().webinar.myRegistration,
        {
          timeout: 30_000,
          interval: 300,
        },
      )
      .toMatchObject({ status: 'cancelled', cancelReason: 'offer_expired' });
    expect((await third.client.get(`/api/webinars/${event.id}`)).json().webinar.myRegistration.status).toBe(
      'offered',
    );
    expect((await notificationsOf(second)).map((item) => item.type)).toContain('webinar.offer_expired');
  });

  it('closes registration at the deadline and refuses cancelled events', async () => {
    const event = await createEvent(moderator, { registrationDeadline: inDays(1) });
    t.clock.advance(2 * 24 * hour);
    try {
      const late = await member.client.post(`/api/webinars/${event.id}/registrations`, {});
      expect(late.json().error.code).toBe('webinar.registration_closed');
    } finally {
      t.clock.advance(-2 * 24 * hour);
    }
  });
});

describe('editing and cancelling', () => {
  it('needs a session (401), the organiser (403) and an event that exists (404)', async () => {
    const event = await createEvent(moderator);
    expect((await new Client(t.app).patch(`/api/webinars/${event.id}`, { title: 'Nyt' })).statusCode).toBe(
      401,
    );
    expect((await member.client.patch(`/api/webinars/${event.id}`, { title: 'Nyt' })).statusCode).toBe(403);
    expect((await moderator.client.patch(`/api/webinars/${missingUuid}`, { title: 'Nyt' })).statusCode).toBe(
      404,
    );
    expect((await moderator.client.patch(`/api/webinars/${event.id}`, {})).statusCode).toBe(400);
    expect((await member.client.post(`/api/webinars/${event.id}/cancel`, {})).statusCode).toBe(403);
    expect((await new Client(t.app).post(`/api/webinars/${event.id}/cancel`, {})).statusCode).toBe(401);
    expect((await moderator.client.post(`/api/webinars/${missingUuid}/cancel`, {})).statusCode).toBe(404);
  });

  it('moves the reminders and bumps the sequence when the time changes; registrants are told', async () => {
    const event = await createEvent(moderator);
    await member.client.post(`/api/webinars/${event.id}/registrations`, {});
    const keyed = async () =>
      (await t.jobs.pending('webinars.reminder'))
        .map((job) => job.data as { webinarId: string; kind: string; startsAt: string })
        .filter((data) => data.webinarId === event.id);
    expect((await keyed()).map((data) => data.kind).sort()).toEqual(['day', 'hour']);
    const newStart = inDays(10);
    const response = await moderator.client.patch(`/api/webinars/${event.id}`, { startsAt: newStart });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().webinar.sequence).toBe(event.sequence + 1);
    const moved = await keyed();
    expect(moved).toHaveLength(2);
    expect(moved.every((data) => data.startsAt === new Date(newStart).toISOString())).toBe(true);
    expect(
      (await notificationsOf(member)).some(
        (item) => item.type === 'webinar.changed' && item.data.webinarId === event.id,
      ),
    ).toBe(true);
    // A description change is not something a calendar must be told about.
    const described = await moderator.client.patch(`/api/webinars/${event.id}`, {
      description: 'Mere tekst',
    });
    expect(described.json().webinar.sequence).toBe(event.sequence + 1);
  });

  it('cancels: registrations end, registrants are told by notification and mail, reminders are gone', async () => {
    const event = await createEvent(moderator);
    await member.client.post(`/api/webinars/${event.id}/registrations`, {});
    const response = await moderator.client.post(`/api/webinars/${event.id}/cancel`, {
      reason: 'Lægen er syg',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().webinar).toMatchObject({ status: 'cancelled', cancelReason: 'Lægen er syg' });
    expect(
      (await member.client.get(`/api/webinars/${event.id}`)).json().webinar.myRegistration,
    ).toMatchObject({
      status: 'cancelled',
      cancelReason: 'event_cancelled',
    });
    const mail = (await mailsTo(member.user.email)).find(
      (item) => item.subject === 'Aflyst: Nyt om behandling af cystisk fibrose',
    );
    expect(mail?.text).toContain('Begrundelse: Lægen er syg');
    const reminders = (await t.jobs.pending('webinars.reminder')).filter(
      (job) => (job.data as { webinarId: string }).webinarId === event.id,
    );
    expect(reminders).toEqual([]);
    expect((await member.client.post(`/api/webinars/${event.id}/registrations`, {})).json().error.code).toBe(
      'webinar.cancelled',
    );
    expect((await moderator.client.post(`/api/webinars/${event.id}/cancel`, {})).json().error.code).toBe(
      'webinar.cancelled',
    );
  });

  it('more seats go to the waitlist at once', async () => {
    const event = await createEvent(moderator, { capacity: 1 });
    const waiting = await signUp(t.app);
    await admin.client.post(`/api/groups/${groupId}/members`, { email: waiting.user.email });
    await member.client.post(`/api/webinars/${event.id}/registrations`, {});
    await waiting.client.post(`/api/webinars/${event.id}/registrations`, {});
    await moderator.client.patch(`/api/webinars/${event.id}`, { capacity: 2 });
    expect((await waiting.client.get(`/api/webinars/${event.id}`)).json().webinar.myRegistration.status).toBe(
      'offered',
    );
  });
});

describe('hosts and presenters', () => {
  it('are chosen by the organiser (by email) and are told; others may not (401/403/404)', async () => {
    const event = await createEvent(moderator);
    const doctor = await signUp(t.app, { displayName: 'Dr. Hansen' });
    expect(
      (
        await new Client(t.app).post(`/api/webinars/${event.id}/staff`, {
          email: doctor.user.email,
          role: 'presenter',
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await member.client.post(`/api/webinars/${event.id}/staff`, {
          email: doctor.user.email,
          role: 'presenter',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await moderator.client.post(`/api/webinars/${missingUuid}/staff`, {
          email: doctor.user.email,
          role: 'presenter',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await moderator.client.post(`/api/webinars/${event.id}/staff`, {
          email: 'nobody@example.test',
          role: 'presenter',
        })
      ).statusCode,
    ).toBe(404);
    const added = await moderator.client.post(`/api/webinars/${event.id}/staff`, {
      email: doctor.user.email,
      role: 'presenter',
    });
    expect(added.statusCode).toBe(200);
    expect(added.json().webinar.staff).toContainEqual({
      userId: doctor.user.id,
      displayName: 'Dr. Hansen',
      role: 'presenter',
    });
    // The presenter is not a member of the group, yet sees the event and enters the room as presenter.
    const seen = (await doctor.client.get(`/api/webinars/${event.id}`)).json().webinar;
    expect(seen).toMatchObject({
      myRoomRole: 'presenter',
      permissions: { canManage: false, canEnterRoom: true },
    });
    expect((await notificationsOf(doctor)).map((item) => item.type)).toContain('webinar.staff');
    expect((await member.client.delete(`/api/webinars/${event.id}/staff/${doctor.user.id}`)).statusCode).toBe(
      403,
    );
    const removed = await moderator.client.delete(`/api/webinars/${event.id}/staff/${doctor.user.id}`);
    expect(removed.json().webinar.staff.map((item: { userId: string }) => item.userId)).not.toContain(
      doctor.user.id,
    );
    expect((await doctor.client.get(`/api/webinars/${event.id}`)).statusCode).toBe(403);
  });
});

describe('attendance report', () => {
  it('needs a session (401), the organiser (403) and an event (404)', async () => {
    const event = await createEvent(moderator);
    expect((await new Client(t.app).get(`/api/webinars/${event.id}/attendance`)).statusCode).toBe(401);
    expect((await member.client.get(`/api/webinars/${event.id}/attendance`)).statusCode).toBe(403);
    expect((await moderator.client.get(`/api/webinars/${missingUuid}/attendance`)).statusCode).toBe(404);
    const report = await moderator.client.get(`/api/webinars/${event.id}/attendance`);
    expect(report.json()).toMatchObject({ registeredCount: 0, attendedCount: 0, items: [] });
  });
});
