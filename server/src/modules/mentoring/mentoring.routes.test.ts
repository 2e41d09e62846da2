import { mailOutbox, users } from '@spejl/db';
import { defaultMatchingWeights, translate } from '@spejl/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';
import { dateAhead } from '../../testing/time.ts';
import {
  approvedMentor,
  createRequest,
  type Person,
  profileBody,
  requestBody,
  signUpCoordinator,
} from './mentoring.testing.ts';

let t: TestApp;
let admin: Person;
let coordinator: Person;
let lazyCoordinator: Person;
let stranger: Person;
let cf: string;
let cfParents: string;
let pku: string;
let hidden: string;

const missingUuid = '00000000-0000-4000-8000-000000000000';
const day = 24 * 60 * 60 * 1000;

async function group(body: Record<string, unknown>): Promise<string> {
  const response = await admin.client.post('/api/groups', {
    joinPolicy: 'request',
    visibility: 'listed',
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().group.id as string;
}

async function notificationsOf(person: Person) {
  const response = await person.client.get('/api/notifications');
  return response.json().items as Array<{ type: string; data: Record<string, unknown> }>;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  coordinator = await signUpCoordinator(t);
  lazyCoordinator = await signUp(t.app, { displayName: 'Uden TOTP' });
  await t.database.db
    .update(users)
    .set({ platformRole: 'coordinator' })
    .where(eq(users.id, lazyCoordinator.user.id));
  stranger = await signUp(t.app, { displayName: 'Fremmed' });
  cf = await group({ name: 'Cystisk fibrose', slug: 'cystisk-fibrose', kind: 'diagnosis' });
  cfParents = await group({
    name: 'Forældre til børn med CF',
    slug: 'cf-foraeldre',
    kind: 'subgroup',
    parentId: cf,
  });
  pku = await group({ name: 'PKU', slug: 'pku', kind: 'diagnosis' });
  hidden = await group({ name: 'Skjult', slug: 'skjult', kind: 'diagnosis', visibility: 'hidden' });
});
afterAll(async () => {
  await t?.close();
});

describe('authentication and validation', () => {
  it('answers 401 on every mentoring route without a session', async () => {
    const anonymous = new Client(t.app);
    const calls: Array<[string, string]> = [
      ['GET', '/api/mentoring/me'],
      ['PUT', '/api/mentoring/mentor-profile'],
      ['DELETE', '/api/mentoring/mentor-profile'],
      ['GET', '/api/mentoring/mentors'],
      ['GET', `/api/mentoring/mentors/${missingUuid}`],
      ['POST', `/api/mentoring/mentors/${missingUuid}/approve`],
      ['POST', `/api/mentoring/mentors/${missingUuid}/pause`],
      ['POST', '/api/mentoring/requests'],
      ['GET', '/api/mentoring/requests'],
      ['GET', `/api/mentoring/requests/${missingUuid}`],
      ['PATCH', `/api/mentoring/requests/${missingUuid}`],
      ['POST', `/api/mentoring/requests/${missingUuid}/notes`],
      ['POST', `/api/mentoring/requests/${missingUuid}/withdraw`],
      ['GET', `/api/mentoring/requests/${missingUuid}/candidates`],
      ['POST', '/api/mentoring/matches'],
      ['GET', `/api/mentoring/matches/${missingUuid}`],
      ['POST', `/api/mentoring/matches/${missingUuid}/accept`],
      ['POST', `/api/mentoring/matches/${missingUuid}/decline`],
      ['POST', `/api/mentoring/matches/${missingUuid}/cancel`],
      ['POST', `/api/mentoring/matches/${missingUuid}/close`],
      ['POST', `/api/mentoring/matches/${missingUuid}/feedback`],
      ['POST', `/api/mentoring/matches/${missingUuid}/first-contact`],
      ['POST', `/api/mentoring/matches/${missingUuid}/check-ins`],
      ['GET', '/api/mentoring/dashboard'],
      ['POST', '/api/mentoring/batch'],
      ['GET', '/api/mentoring/settings/weights'],
      ['PUT', '/api/mentoring/settings/weights'],
    ];
    for (const [method, url] of calls) {
      const response = await anonymous.request(method as 'GET', url, method === 'GET' ? undefined : {});
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json().error.code).toBe('auth.required');
    }
  });

  it('rejects unknown fields, a missing consent and values outside the lists', async () => {
    const person = await signUp(t.app);
    const cases: unknown[] = [
      { ...requestBody(), extra: true },
      { ...requestBody(), consent: false },
      { ...requestBody(), consent: undefined },
      { ...requestBody(), region: 'skaane' },
      { ...requestBody(), topics: ['astrology'] },
      { ...requestBody(), languages: [] },
      { ...requestBody(), languages: ['dansk'] },
      { ...requestBody(), childAgeYears: -1 },
      { ...requestBody(), needs: 'x'.repeat(2001) },
      { ...requestBody(), preferences: { inPerson: true, colour: 'blue' } },
    ];
    for (const body of cases) {
      const response = await person.client.post('/api/mentoring/requests', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('validation.failed');
    }
    const badProfiles: unknown[] = [
      { ...profileBody(), capacity: 0 },
      { ...profileBody(), capacity: 11 },
      { ...profileBody(), topics: [] },
      { ...profileBody(), relation: 'cousin' },
      { ...profileBody(), approvedAt: '2026-01-01T00:00:00Z' },
    ];
    for (const body of badProfiles) {
      const response = await person.client.put('/api/mentoring/mentor-profile', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('refuses a group the person cannot see, and "same diagnosis" without a diagnosis', async () => {
    const person = await signUp(t.app);
    const hiddenGroup = await person.client.post('/api/mentoring/requests', requestBody({ groupId: hidden }));
    expect(hiddenGroup.statusCode).toBe(400);
    expect(hiddenGroup.json().error.details[0].path).toEqual(['groupId', 0]);
    const unknown = await person.client.put(
      '/api/mentoring/mentor-profile',
      profileBody({ groupIds: [missingUuid] }),
    );
    expect(unknown.statusCode).toBe(400);
    const noDiagnosis = await person.client.post(
      '/api/mentoring/requests',
      requestBody({ preferences: { sameDiagnosisRequired: true } }),
    );
    expect(noDiagnosis.statusCode).toBe(400);
    expect(noDiagnosis.json().error.details[0].path).toEqual(['preferences', 'sameDiagnosisRequired']);
  });
});

describe('the OpenAPI document', () => {
  it('describes the mentoring routes from the shared schemas', async () => {
    const response = await admin.client.get('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    for (const path of [
      '/api/mentoring/mentor-profile',
      '/api/mentoring/requests',
      '/api/mentoring/requests/{id}/candidates',
      '/api/mentoring/mentors/{userId}/approve',
      '/api/mentoring/mentors/{userId}/pause',
      '/api/mentoring/matches',
      '/api/mentoring/matches/{id}/accept',
      '/api/mentoring/matches/{id}/decline',
      '/api/mentoring/matches/{id}/close',
    ])
      expect(paths, path).toContain(path);
  });
});

describe('mentor profiles', () => {
  it('a volunteer opts in, waits for approval, and coordinators are told', async () => {
    const lene = await signUp(t.app, { displayName: 'Lene' });
    const created = await lene.client.put('/api/mentoring/mentor-profile', profileBody({ groupIds: [cf] }));
    expect(created.statusCode, created.body).toBe(201);
    const profile = created.json().profile;
    expect(profile).toMatchObject({
      userId: lene.user.id,
      displayName: 'Lene',
      groups: [{ id: cf, name: 'Cystisk fibrose' }],
      status: 'awaiting_approval',
      lifeStage: 'school',
      load: 0,
      approvedAt: null,
    });
    expect(profile).not.toHaveProperty('email');
    const told = await notificationsOf(coordinator);
    expect(
      told.some((item) => item.type === 'mentoring.mentor_applied' && item.data.userId === lene.user.id),
    ).toBe(true);

    const updated = await lene.client.put(
      '/api/mentoring/mentor-profile',
      profileBody({ groupIds: [cf], capacity: 3 }),
    );
    expect(updated.statusCode).toBe(200);
    expect(updated.json().profile).toMatchObject({ capacity: 3, status: 'awaiting_approval' });

    const me = await lene.client.get('/api/mentoring/me');
    expect(me.json().profile.capacity).toBe(3);
  });

  it('approval and pause: 403 for members, 403 with a code for a coordinator without TOTP, 404 without a profile', async () => {
    const mentor = await signUp(t.app, { displayName: 'Mette' });
    await mentor.client.put('/api/mentoring/mentor-profile', profileBody());
    const trainedOn = dateAhead(t.clock, -60);
    const body = { trainingCompletedOn: trainedOn, trainingNote: 'Kursus i oktober' };
    for (const path of ['approve', 'pause']) {
      const url = `/api/mentoring/mentors/${mentor.user.id}/${path}`;
      const asMember = await mentor.client.post(url, path === 'approve' ? body : {});
      expect(asMember.statusCode).toBe(403);
      expect(asMember.json().error.code).toBe('auth.forbidden');
      const asLazy = await lazyCoordinator.client.post(url, path === 'approve' ? body : {});
      expect(asLazy.statusCode).toBe(403);
      expect(asLazy.json().error.code).toBe('auth.mfa_enrolment_required');
      const missing = await coordinator.client.post(
        `/api/mentoring/mentors/${stranger.user.id}/${path}`,
        path === 'approve' ? body : {},
      );
      expect(missing.statusCode).toBe(404);
    }
    const invalidDate = await coordinator.client.post(`/api/mentoring/mentors/${mentor.user.id}/approve`, {
      trainingCompletedOn: 'last tuesday',
    });
    expect(invalidDate.statusCode).toBe(400);

    const approved = await coordinator.client.post(`/api/mentoring/mentors/${mentor.user.id}/approve`, body);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().profile).toMatchObject({
      status: 'approved',
      trainingNote: 'Kursus i oktober',
      trainingCompletedAt: `${trainedOn}T12:00:00.000Z`,
    });
    expect((await notificationsOf(mentor)).map((item) => item.type)).toContain('mentoring.approved');
    const mails = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, mentor.user.email));
    expect(mails.map((mail) => mail.subject)).toContain(translate('da', 'mentoring.mail.approved.subject'));

    const paused = await coordinator.client.post(`/api/mentoring/mentors/${mentor.user.id}/pause`, {
      reason: 'Har bedt om en pause',
    });
    expect(paused.json().profile).toMatchObject({ status: 'paused', pausedByCoordinator: true });
    // The mentor cannot lift a coordinator's pause by saving the profile.
    await mentor.client.put('/api/mentoring/mentor-profile', profileBody({ paused: false }));
    expect((await mentor.client.get('/api/mentoring/me')).json().profile.status).toBe('paused');
    const again = await coordinator.client.post(`/api/mentoring/mentors/${mentor.user.id}/approve`, body);
    expect(again.json().profile).toMatchObject({ status: 'approved', pausedByCoordinator: false });

    const one = `/api/mentoring/mentors/${mentor.user.id}`;
    expect((await stranger.client.get(one)).statusCode).toBe(403);
    expect((await lazyCoordinator.client.get(one)).json().error.code).toBe('auth.mfa_enrolment_required');
    expect((await coordinator.client.get(`/api/mentoring/mentors/${stranger.user.id}`)).statusCode).toBe(404);
    expect((await coordinator.client.get(one)).json().profile.status).toBe('approved');

    const list = await coordinator.client.get('/api/mentoring/mentors?status=approved');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: { userId: string }) => item.userId)).toContain(mentor.user.id);
    expect((await stranger.client.get('/api/mentoring/mentors')).statusCode).toBe(403);
  });

  it('a mentor stops; not while a family is proposed to them', async () => {
    const person = await signUp(t.app);
    expect((await person.client.delete('/api/mentoring/mentor-profile')).statusCode).toBe(404);
    await person.client.put('/api/mentoring/mentor-profile', profileBody());
    expect((await person.client.delete('/api/mentoring/mentor-profile')).statusCode).toBe(204);
    expect((await person.client.get('/api/mentoring/me')).json().profile).toBeNull();
  });
});

describe('requests and who sees them', () => {
  let family: Person;
  let requestId: string;

  beforeAll(async () => {
    family = await signUp(t.app, { displayName: 'Anne (mor til Emil)' });
    requestId = await createRequest(family, { groupId: cfParents, diagnosisText: 'Cystisk fibrose' });
  });

  it('the family asks; coordinators are told without details; a second open request is refused', async () => {
    const mine = await family.client.get(`/api/mentoring/requests/${requestId}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().request).toMatchObject({
      status: 'requested',
      requester: { id: family.user.id, displayName: 'Anne (mor til Emil)' },
      group: { id: cfParents, name: 'Forældre til børn med CF' },
      area: { id: cf, name: 'Cystisk fibrose' },
      notes: null,
      permissions: { canEdit: true, canWithdraw: true, canCoordinate: false, canPropose: false },
    });
    const told = (await notificationsOf(coordinator)).find(
      (item) => item.type === 'mentoring.request_created' && item.data.requestId === requestId,
    );
    expect(told?.data).toEqual({ requestId });
    const mail = await t.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, coordinator.user.email));
    const requestMail = mail.find((item) => item.text.includes(requestId));
    expect(requestMail?.text).not.toContain('Emil');
    expect(requestMail?.text).not.toContain('fibrose');

    const second = await family.client.post('/api/mentoring/requests', requestBody());
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('mentoring.request_open');
    expect((await family.client.get('/api/mentoring/me')).json().permissions.canRequest).toBe(false);
  });

  it('allows 5 requests an hour per person, refused ones counted, then 429 with Retry-After', async () => {
    const person = await signUp(t.app);
    expect((await person.client.post('/api/mentoring/requests', requestBody())).statusCode).toBe(201);
    for (let index = 0; index < 4; index++)
      expect((await person.client.post('/api/mentoring/requests', requestBody())).statusCode).toBe(409);
    const refused = await person.client.post('/api/mentoring/requests', requestBody());
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60 * 60);
  });

  it('is 404 for everyone but the requester and coordinators (a mentor who is not proposed, a coordinator without TOTP)', async () => {
    const otherMentor = await approvedMentor(t, coordinator, 'Ikke foreslået', { groupIds: [cf] });
    for (const person of [stranger, otherMentor, lazyCoordinator]) {
      const response = await person.client.get(`/api/mentoring/requests/${requestId}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    expect((await stranger.client.get(`/api/mentoring/requests/${missingUuid}`)).statusCode).toBe(404);
    expect((await stranger.client.get('/api/mentoring/requests/not-a-uuid')).statusCode).toBe(404);
    for (const person of [coordinator, admin]) {
      const response = await person.client.get(`/api/mentoring/requests/${requestId}`);
      expect(response.statusCode).toBe(200);
      expect(response.json().request.notes).toEqual([]);
    }
  });

  it('coordinators record the clarifying conversation; the family never sees the notes', async () => {
    const url = `/api/mentoring/requests/${requestId}/notes`;
    expect((await stranger.client.post(url, { body: 'x' })).statusCode).toBe(404);
    const asFamily = await family.client.post(url, { body: 'Mine egne noter' });
    expect(asFamily.statusCode).toBe(403);
    expect(
      (await coordinator.client.post(`/api/mentoring/requests/${missingUuid}/notes`, { body: 'x' }))
        .statusCode,
    ).toBe(404);
    const noted = await coordinator.client.post(url, {
      body: 'Talte med Anne i telefon. Vil gerne mødes fysisk.',
    });
    expect(noted.statusCode).toBe(201);
    expect(noted.json().request.status).toBe('clarifying');
    expect(noted.json().request.notes).toMatchObject([
      { body: 'Talte med Anne i telefon. Vil gerne mødes fysisk.', author: { id: coordinator.user.id } },
    ]);
    expect((await family.client.get(`/api/mentoring/requests/${requestId}`)).json().request.notes).toBeNull();

    const adjusted = await coordinator.client.patch(`/api/mentoring/requests/${requestId}`, {
      preferences: { inPerson: true },
      topics: ['daily_life', 'school', 'siblings'],
    });
    expect(adjusted.statusCode, adjusted.body).toBe(200);
    expect(adjusted.json().request).toMatchObject({
      preferences: { inPerson: true },
      topics: ['daily_life', 'school', 'siblings'],
    });
    const byFamily = await family.client.patch(`/api/mentoring/requests/${requestId}`, { childAgeYears: 6 });
    expect(byFamily.json().request.childAgeYears).toBe(6);
    expect(
      (await stranger.client.patch(`/api/mentoring/requests/${requestId}`, { childAgeYears: 6 })).statusCode,
    ).toBe(404);
  });

  it('lists open requests for coordinators only', async () => {
    expect((await family.client.get('/api/mentoring/requests')).statusCode).toBe(403);
    const lazy = await lazyCoordinator.client.get('/api/mentoring/requests');
    expect(lazy.statusCode).toBe(403);
    expect(lazy.json().error.code).toBe('auth.mfa_enrolment_required');
    const list = await coordinator.client.get('/api/mentoring/requests');
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(requestId);
  });
});

describe('candidates', () => {
  let family: Person;
  let requestId: string;
  const mentors: Record<string, Person> = {};

  beforeAll(async () => {
    family = await signUp(t.app, { displayName: 'Peter' });
    mentors.sameDiagnosis = await approvedMentor(t, coordinator, 'Samme diagnose', {
      groupIds: [cf],
      region: 'midtjylland',
    });
    mentors.sameArea = await approvedMentor(t, coordinator, 'Samme forening', {
      groupIds: [cfParents],
      region: 'midtjylland',
    });
    mentors.otherDiagnosis = await approvedMentor(t, coordinator, 'PKU-mor', {
      groupIds: [pku],
      region: 'midtjylland',
    });
    mentors.english = await approvedMentor(t, coordinator, 'Only English', {
      groupIds: [cf],
      languages: ['en'],
    });
    mentors.far = await approvedMentor(t, coordinator, 'Langt væk', {
      groupIds: [cf],
      region: 'hovedstaden',
    });
    const pending = await signUp(t.app, { displayName: 'Ikke godkendt' });
    await pending.client.put('/api/mentoring/mentor-profile', profileBody({ groupIds: [cf] }));
    mentors.pending = pending;
    requestId = await createRequest(family, { groupId: cf, preferences: { inPerson: true } });
  });

  it('are for coordinators: 403 for the family, 404 for strangers and unknown requests', async () => {
    const url = `/api/mentoring/requests/${requestId}/candidates`;
    expect((await family.client.get(url)).statusCode).toBe(403);
    expect((await stranger.client.get(url)).statusCode).toBe(404);
    expect((await lazyCoordinator.client.get(url)).statusCode).toBe(404);
    expect(
      (await coordinator.client.get(`/api/mentoring/requests/${missingUuid}/candidates`)).statusCode,
    ).toBe(404);
  });

  it('lists every mentor with a profile exactly once: ranked and explained, or excluded with reasons', async () => {
    const response = await coordinator.client.get(`/api/mentoring/requests/${requestId}/candidates`);
    expect(response.statusCode, response.body).toBe(200);
    const { candidates, excluded } = response.json() as {
      candidates: Array<{
        mentorUserId: string;
        score: number;
        breakdown: Array<{ criterion: string; points: number; note: string }>;
        mentor: { displayName: string };
      }>;
      excluded: Array<{ mentorUserId: string; reasons: string[] }>;
    };
    const profiles = await coordinator.client.get('/api/mentoring/mentors?limit=100');
    const everyone = profiles
      .json()
      .items.map((item: { userId: string }) => item.userId)
      .sort();
    const listed = [
      ...candidates.map((item) => item.mentorUserId),
      ...excluded.map((item) => item.mentorUserId),
    ];
    expect(listed.sort()).toEqual(everyone);

    const order = candidates.map((item) => item.mentor.displayName);
    expect(order.indexOf('Samme diagnose')).toBeLessThan(order.indexOf('Samme forening'));
    expect(order.indexOf('Samme forening')).toBeLessThan(order.indexOf('PKU-mor'));
    const top = candidates.find((item) => item.mentorUserId === mentors.sameDiagnosis!.user.id)!;
    expect(top.breakdown.find((item) => item.criterion === 'diagnosis')).toEqual({
      criterion: 'diagnosis',
      points: defaultMatchingWeights.diagnosis,
      note: 'Samme diagnosegruppe',
    });
    expect(top.score).toBeCloseTo(
      top.breakdown.reduce((sum, item) => sum + item.points, 0),
      6,
    );
    const reasonsOf = (person: Person) =>
      excluded.find((item) => item.mentorUserId === person.user.id)?.reasons ?? [];
    expect(reasonsOf(mentors.english!)).toEqual(['no_shared_language']);
    expect(reasonsOf(mentors.far!)).toEqual(['too_far']);
    expect(reasonsOf(mentors.pending!)).toEqual(['not_approved']);
  });

  it('explains in the reader’s language', async () => {
    await t.database.db.update(users).set({ locale: 'en' }).where(eq(users.id, coordinator.user.id));
    try {
      const response = await coordinator.client.get(`/api/mentoring/requests/${requestId}/candidates`);
      const notes = response.json().candidates[0].breakdown.map((item: { note: string }) => item.note);
      expect(notes).toContain('Same diagnosis group');
    } finally {
      await t.database.db.update(users).set({ locale: 'da' }).where(eq(users.id, coordinator.user.id));
    }
  });

  it('follow the weights an administrator sets', async () => {
    const url = '/api/mentoring/settings/weights';
    expect((await family.client.get(url)).statusCode).toBe(403);
    const current = await coordinator.client.get(url);
    expect(current.json()).toEqual({ weights: defaultMatchingWeights, updatedAt: null });
    const weights = { ...defaultMatchingWeights, diagnosis: 0, area: 0, topics: 0, region: 0, childAge: 0 };
    expect((await coordinator.client.put(url, weights)).statusCode).toBe(403);
    expect((await admin.client.put(url, { ...weights, diagnosis: 101 })).statusCode).toBe(400);
    expect((await admin.client.put(url, { ...weights, luck: 3 })).statusCode).toBe(400);
    const saved = await admin.client.put(url, weights);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().weights).toEqual(weights);
    try {
      const response = await coordinator.client.get(`/api/mentoring/requests/${requestId}/candidates`);
      const diagnosisPoints = response
        .json()
        .candidates.flatMap((item: { breakdown: Array<{ criterion: string; points: number }> }) =>
          item.breakdown.filter((entry) => entry.criterion === 'diagnosis').map((entry) => entry.points),
        );
      expect(new Set(diagnosisPoints)).toEqual(new Set([0]));
    } finally {
      await admin.client.put(url, defaultMatchingWeights);
    }
  });
});

describe('the coordinator dashboard', () => {
  it('is for coordinators with TOTP', async () => {
    expect((await stranger.client.get('/api/mentoring/dashboard')).statusCode).toBe(403);
    const lazy = await lazyCoordinator.client.get('/api/mentoring/dashboard');
    expect(lazy.statusCode).toBe(403);
    expect(lazy.json().error.code).toBe('auth.mfa_enrolment_required');
  });

  it('shows open requests by waiting time and where no mentor can help (by area and region)', async () => {
    const early = await signUp(t.app, { displayName: 'Venter længe' });
    const earlyId = await createRequest(early, { groupId: pku, region: 'nordjylland' });
    t.clock.advance(3 * day);
    const late = await signUp(t.app, { displayName: 'Ingen mentor' });
    const lateId = await createRequest(late, {
      groupId: pku,
      region: 'nordjylland',
      languages: ['so'],
    });
    const response = await coordinator.client.get('/api/mentoring/dashboard');
    expect(response.statusCode, response.body).toBe(200);
    const dashboard = response.json();
    const ids = dashboard.openRequests.map((item: { id: string }) => item.id);
    expect(ids.indexOf(earlyId)).toBeLessThan(ids.indexOf(lateId));
    const earlyRow = dashboard.openRequests.find((item: { id: string }) => item.id === earlyId);
    expect(earlyRow.waitingDays).toBeGreaterThanOrEqual(3);
    expect(earlyRow.candidateCount).toBeGreaterThan(0);
    const lateRow = dashboard.openRequests.find((item: { id: string }) => item.id === lateId);
    expect(lateRow).toMatchObject({ candidateCount: 0, topCandidate: null });
    expect(dashboard.coverage).toContainEqual({
      area: { id: pku, name: 'PKU' },
      region: 'nordjylland',
      requests: 1,
    });
    expect(
      dashboard.mentorsAwaitingApproval.map((item: { displayName: string }) => item.displayName),
    ).toContain('Ikke godkendt');
  });
});
