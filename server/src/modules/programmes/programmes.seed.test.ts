import { demoPassword, seedDemoData } from '@spejl/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, enableTotp, type TestApp } from '../../testing/app.ts';
import { hashPassword } from '../auth/auth.password.ts';

let t: TestApp;

async function signIn(email: string): Promise<Client> {
  const client = new Client(t.app);
  const response = await client.post('/api/auth/login', { email, password: demoPassword });
  expect(response.statusCode, response.body).toBe(200);
  return client;
}

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.database.db, hashPassword);
});
afterAll(async () => {
  await t?.close();
});

describe('the demo programme', () => {
  it('is "De første måneder", open, built from the demo groups, kit and events, ending in a group', async () => {
    const jonas = await signIn('ny@spejl.test');
    const list = (await jonas.get('/api/programmes')).json();
    const listed = list.items.find((item: { title: string }) => item.title === 'De første måneder');
    expect(listed).toMatchObject({ status: 'open', stepCount: 6, enrolled: false });
    const programme = (await jonas.get(`/api/programmes/${listed.id}`)).json();
    expect(programme.steps.map((step: { kind: string }) => step.kind)).toEqual([
      'read',
      'join_group',
      'attend_webinar',
      'meet_mentor',
      'meeting',
      'join_group',
    ]);
    const [read, join, webinar, mentor, meeting, last] = programme.steps;
    expect(read.resourceIds.length).toBeGreaterThan(0);
    expect(join.group.name).toBe('Sjældne-netværket');
    expect(webinar.webinarIds.length).toBeGreaterThan(0);
    expect(mentor.mentoring).toEqual({ firstContactHours: 48 });
    expect(meeting.meeting.place).toBeTruthy();
    expect(last.group).toEqual(programme.finalGroup);
    expect(programme.cohorts).toHaveLength(1);

    const enrolled = await jonas.post(`/api/programmes/${listed.id}/enrolments`, {});
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    expect(enrolled.json().nextStepId).toBe(read.id);
    expect(enrolled.json().steps[0].state).toBe('open');

    // The mentor step links to the family's own mentoring match, with the 48-hour rule for first contact.
    const maria = await signIn('maria@spejl.test');
    const mariaEnrolment = await maria.post(`/api/programmes/${listed.id}/enrolments`, {});
    expect(mariaEnrolment.statusCode, mariaEnrolment.body).toBe(201);
    const link = mariaEnrolment.json().mentorship;
    expect(link).toMatchObject({ requestStatus: 'active', matchStatus: 'active' });
    expect(Date.parse(link.firstContactDueAt)).toBeGreaterThan(0);

    const karen = await signIn('koordinator@spejl.test');
    await enableTotp(karen, t.clock);
    const matrix = (await karen.get(`/api/programmes/${listed.id}/matrix`)).json();
    expect(matrix.families.map((row: { displayName: string }) => row.displayName).sort()).toEqual([
      'Jonas',
      'Maria (mor til Noah)',
    ]);
    // The matrix holds step states only: nothing from the mentorship.
    expect(JSON.stringify(matrix)).not.toContain(link.matchId);
  });
});
