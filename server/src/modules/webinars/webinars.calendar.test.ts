import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  createGroupWith,
  createTestApp,
  signUp,
  signUpAdmin,
  type TestApp,
} from '../../testing/app.ts';
import { compactDate, lastSunday, yearAhead } from '../../testing/time.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let member: Person;
let outsider: Person;
let groupId: string;
let hiddenId: string;

const missingUuid = '00000000-0000-4000-8000-000000000000';
/** A day in January of the clock's next year: in the future, and in Danish winter time (UTC+1). */
const january = (day: number) => `${yearAhead(t.clock)}-01-${String(day).padStart(2, '0')}`;

/** Parses with ical.js, an independent implementation of RFC 5545, and resolves TZID through the file's VTIMEZONE. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      location: event.location,
      sequence: event.sequence,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      status: component.getFirstPropertyValue('status'),
      url: component.getFirstPropertyValue('url'),
      dtstamp: component.getFirstProperty('dtstamp')?.getFirstValue()?.toString(),
      startZone: component.getFirstProperty('dtstart')?.getParameter('tzid') ?? 'UTC',
    };
  });
  return { method: calendar.getFirstPropertyValue('method'), calendar, events };
}

/** Every line at most 75 octets, CRLF line ends (RFC 5545 3.1). */
function expectWellFolded(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  for (const line of text.split('\r\n'))
    expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
}

async function createEvent(body: Record<string, unknown>) {
  const response = await admin.client.post('/api/webinars', {
    groupId,
    description: '',
    durationMinutes: 60,
    mode: 'online',
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().webinar as { id: string; sequence: number };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  member = await signUp(t.app, { displayName: 'Sofie' });
  outsider = await signUp(t.app);
  groupId = await createGroupWith(admin, { name: 'Cystisk fibrose' }, [{ person: member }]);
  hiddenId = await createGroupWith(admin, { name: 'Skjult', visibility: 'hidden' });
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/webinars/:id/event.ics', () => {
  it('needs a session (401), and hides what the reader may not see (403, 404)', async () => {
    const event = await createEvent({ title: 'Møde', startsAt: `${january(10)}T18:00:00Z` });
    const hidden = await createEvent({
      title: 'Skjult møde',
      groupId: hiddenId,
      startsAt: `${january(10)}T18:00:00Z`,
    });
    expect((await new Client(t.app).get(`/api/webinars/${event.id}/event.ics`)).statusCode).toBe(401);
    expect((await outsider.client.get(`/api/webinars/${event.id}/event.ics`)).statusCode).toBe(403);
    expect((await member.client.get(`/api/webinars/${hidden.id}/event.ics`)).statusCode).toBe(404);
    expect((await member.client.get(`/api/webinars/${missingUuid}/event.ics`)).statusCode).toBe(404);
  });

  it('is a valid calendar, field by field, with text escaped and long lines folded', async () => {
    const title = 'Søskende; forældre, og bedsteforældre \\ en aften om "skyggebørn" i Nyborg';
    const description = `Første linje.\nAnden linje med æ, ø og å.\n${'Lang tekst om hverdagen. '.repeat(12)}`;
    const event = await createEvent({
      title,
      description,
      speakers: 'Psykolog Hanne Holm',
      startsAt: `${january(10)}T18:00:00Z`,
      durationMinutes: 90,
      mode: 'in_person',
      location: 'Hotel Nyborg Strand, Østerøvej 2, 5800 Nyborg',
    });
    const response = await member.client.get(`/api/webinars/${event.id}/event.ics`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+\.ics"$/);
    const text = response.body;
    expectWellFolded(text);
    expect(text).toContain('\r\n '); // at least one folded line
    const parsed = parse(text);
    expect(parsed.method).toBe('PUBLISH');
    expect(parsed.calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(parsed.calendar.getFirstPropertyValue('prodid')).toBe('-//Spejl//Arrangementer//DA');
    expect(parsed.events).toHaveLength(1);
    const [parsedEvent] = parsed.events;
    expect(parsedEvent).toMatchObject({
      uid: `${event.id}@localhost`,
      summary: title,
      description: `${description.trim()}\n\nPsykolog Hanne Holm`,
      location: 'Hotel Nyborg Strand, Østerøvej 2, 5800 Nyborg',
      sequence: 0,
      start: `${january(10)}T18:00:00.000Z`,
      end: `${january(10)}T19:30:00.000Z`,
      status: 'CONFIRMED',
      url: `http://localhost:3000/events/${event.id}`,
      startZone: 'Europe/Copenhagen',
    });
    // DTSTAMP is UTC; the wall-clock start is Danish winter time (UTC+1).
    expect(parsedEvent?.dtstamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(text).toContain(`DTSTART;TZID=Europe/Copenhagen:${compactDate(january(10))}T190000`);
  });

  it('keeps the right instants across daylight-saving changes, in spring and in the repeated autumn hour', async () => {
    // Summer time starts on the last Sunday of March, and ends on the last Sunday of October, of the clock's next year.
    const springDay = lastSunday(yearAhead(t.clock), 3);
    const autumnDay = lastSunday(yearAhead(t.clock), 10);
    // 01:00 CET to 04:00 CEST on the spring Sunday: three hours on the clock, two in reality.
    const spring = await createEvent({
      title: 'Natlig forårsvandring',
      startsAt: `${springDay}T00:00:00Z`,
      durationMinutes: 120,
    });
    // 02:30 CEST (the first 02:30) to 02:30 CET (the second) on the autumn Sunday.
    const autumn = await createEvent({
      title: 'Den lange nat',
      startsAt: `${autumnDay}T00:30:00Z`,
      durationMinutes: 60,
    });
    const springEvent = parse((await member.client.get(`/api/webinars/${spring.id}/event.ics`)).body)
      .events[0];
    expect(springEvent).toMatchObject({
      start: `${springDay}T00:00:00.000Z`,
      end: `${springDay}T02:00:00.000Z`,
    });
    const springText = (await member.client.get(`/api/webinars/${spring.id}/event.ics`)).body;
    expect(springText).toContain(`DTSTART;TZID=Europe/Copenhagen:${compactDate(springDay)}T010000`);
    expect(springText).toContain(`DTEND;TZID=Europe/Copenhagen:${compactDate(springDay)}T040000`);
    const autumnText = (await member.client.get(`/api/webinars/${autumn.id}/event.ics`)).body;
    const autumnEvent = parse(autumnText).events[0];
    expect(autumnEvent).toMatchObject({
      start: `${autumnDay}T00:30:00.000Z`,
      end: `${autumnDay}T01:30:00.000Z`,
    });
    // Both ends fall in the hour that happens twice, so they are written in UTC, which no reader can misread.
    expect(autumnText).toContain(`DTSTART:${compactDate(autumnDay)}T003000Z`);
    expect(autumnText).toContain(`DTEND:${compactDate(autumnDay)}T013000Z`);
  });

  it('bumps SEQUENCE on a change of time, and becomes METHOD:CANCEL with STATUS:CANCELLED when cancelled', async () => {
    const event = await createEvent({ title: 'Flyttes', startsAt: `${yearAhead(t.clock)}-02-01T18:00:00Z` });
    await admin.client.patch(`/api/webinars/${event.id}`, {
      startsAt: `${yearAhead(t.clock)}-02-02T18:00:00Z`,
    });
    const moved = parse((await member.client.get(`/api/webinars/${event.id}/event.ics`)).body).events[0];
    expect(moved).toMatchObject({
      sequence: 1,
      start: `${yearAhead(t.clock)}-02-02T18:00:00.000Z`,
      uid: `${event.id}@localhost`,
    });
    await admin.client.post(`/api/webinars/${event.id}/cancel`, { reason: 'Sygdom' });
    const cancelled = parse((await member.client.get(`/api/webinars/${event.id}/event.ics`)).body);
    expect(cancelled.method).toBe('CANCEL');
    expect(cancelled.events[0]).toMatchObject({
      sequence: 2,
      status: 'CANCELLED',
      uid: `${event.id}@localhost`,
    });
  });
});

describe('the private calendar feed', () => {
  it('needs a session to manage (401)', async () => {
    const anonymous = new Client(t.app);
    expect((await anonymous.get('/api/me/calendar')).statusCode).toBe(401);
    expect((await anonymous.post('/api/me/calendar')).statusCode).toBe(401);
    expect((await anonymous.delete('/api/me/calendar')).statusCode).toBe(401);
  });

  it('serves the person’s events without a session, and stops working when replaced or revoked', async () => {
    const mine = await createEvent({ title: 'Mit arrangement', startsAt: `${january(20)}T18:00:00Z` });
    const notMine = await createEvent({ title: 'Ikke mit', startsAt: `${january(21)}T18:00:00Z` });
    const cancelledLater = await createEvent({
      title: 'Bliver aflyst',
      startsAt: `${january(22)}T18:00:00Z`,
    });
    await member.client.post(`/api/webinars/${mine.id}/registrations`, {});
    await member.client.post(`/api/webinars/${cancelledLater.id}/registrations`, {});
    await admin.client.post(`/api/webinars/${cancelledLater.id}/cancel`, {});

    expect((await member.client.get('/api/me/calendar')).json()).toEqual({ url: null, createdAt: null });
    const created = await member.client.post('/api/me/calendar');
    expect(created.statusCode).toBe(201);
    const url = new URL(created.json().url as string);
    expect(url.pathname).toMatch(/^\/api\/calendar\/[a-z2-7]{32}\/events\.ics$/);
    expect((await member.client.get('/api/me/calendar')).json().createdAt).toBe(created.json().createdAt);

    const feed = await new Client(t.app).get(url.pathname);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expectWellFolded(feed.body);
    const parsed = parse(feed.body);
    expect(parsed.method).toBe('PUBLISH');
    expect(parsed.calendar.getFirstPropertyValue('x-wr-calname')).toBe('Spejl: mine arrangementer');
    const byUid = new Map(parsed.events.map((event) => [event.uid, event]));
    expect(byUid.get(`${mine.id}@localhost`)).toMatchObject({
      summary: 'Mit arrangement',
      status: 'CONFIRMED',
    });
    expect(byUid.get(`${cancelledLater.id}@localhost`)).toMatchObject({ status: 'CANCELLED', sequence: 1 });
    expect(byUid.has(`${notMine.id}@localhost`)).toBe(false);

    const replaced = await member.client.post('/api/me/calendar');
    expect((await new Client(t.app).get(url.pathname)).statusCode).toBe(404);
    const newPath = new URL(replaced.json().url as string).pathname;
    expect((await new Client(t.app).get(newPath)).statusCode).toBe(200);
    expect((await member.client.delete('/api/me/calendar')).statusCode).toBe(204);
    expect((await new Client(t.app).get(newPath)).statusCode).toBe(404);
    expect((await new Client(t.app).get('/api/calendar/short/events.ics')).statusCode).toBe(400);
  });
});
