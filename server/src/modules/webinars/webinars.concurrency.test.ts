import { webinarRegistrations } from '@spejl/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let people: Person[];

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  people = [];
  for (let index = 0; index < 70; index++)
    people.push(await signUp(t.app, { displayName: `Deltager ${index}` }));
}, 180_000);
afterAll(async () => {
  await t?.close();
});

async function statuses(webinarId: string) {
  const rows = await t.database.db
    .select({ status: webinarRegistrations.status })
    .from(webinarRegistrations)
    .where(eq(webinarRegistrations.webinarId, webinarId));
  const count = (status: string) => rows.filter((row) => row.status === status).length;
  return {
    registered: count('registered'),
    offered: count('offered'),
    waitlisted: count('waitlisted'),
    cancelled: count('cancelled'),
  };
}

describe('registration under concurrency', () => {
  it('50 parallel registrations for 10 seats give exactly 10 registered and 40 on the waitlist', async () => {
    const created = await admin.client.post('/api/webinars', {
      title: 'Ti pladser',
      description: '',
      startsAt: new Date(t.clock.now().getTime() + 7 * 24 * 3600_000).toISOString(),
      durationMinutes: 60,
      capacity: 10,
      mode: 'in_person',
      location: 'Odense',
    });
    const webinarId = created.json().webinar.id as string;
    const first = people.slice(0, 50);
    const responses = await Promise.all(
      first.map((person) => person.client.post(`/api/webinars/${webinarId}/registrations`, {})),
    );
    expect(responses.every((response) => response.statusCode === 201)).toBe(true);
    const answered = responses.map((response) => response.json().registration.status as string);
    expect(answered.filter((status) => status === 'registered')).toHaveLength(10);
    expect(answered.filter((status) => status === 'waitlisted')).toHaveLength(40);
    expect(await statuses(webinarId)).toEqual({ registered: 10, offered: 0, waitlisted: 40, cancelled: 0 });
    const positions = responses
      .map((response) => response.json().registration.waitlistPosition as number | null)
      .filter((position) => position !== null);
    expect(new Set(positions).size).toBeGreaterThan(1);

    // Five seated people cancel while twenty more register, all at once: the freed seats become offers to the
    // waitlist (never to a newcomer), and seats taken never pass the capacity.
    const seated = first.filter((_, index) => answered[index] === 'registered').slice(0, 5);
    const newcomers = people.slice(50, 70);
    const mixed = await Promise.all([
      ...seated.map((person) => person.client.delete(`/api/webinars/${webinarId}/registrations/me`)),
      ...newcomers.map((person) => person.client.post(`/api/webinars/${webinarId}/registrations`, {})),
    ]);
    expect(mixed.slice(0, 5).every((response) => response.statusCode === 204)).toBe(true);
    expect(mixed.slice(5).every((response) => response.json().registration.status === 'waitlisted')).toBe(
      true,
    );
    expect(await statuses(webinarId)).toEqual({ registered: 5, offered: 5, waitlisted: 55, cancelled: 5 });
    const shown = (await admin.client.get(`/api/webinars/${webinarId}`)).json().webinar;
    expect(shown).toMatchObject({ registeredCount: 5, waitlistCount: 55, seatsLeft: 0 });
  });
});
