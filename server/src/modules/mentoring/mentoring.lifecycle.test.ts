import { groups, mailOutbox, mentoringJobRuns, users } from '@spejl/db';
import { translate } from '@spejl/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, signUp, signUpAdmin, type TestApp, testOrigin } from '../../testing/app.ts';
import { checkInQueue, firstContactQueue } from './mentoring.lifecycle.ts';
import { approvedMentor, createRequest, type Person, signUpCoordinator } from './mentoring.testing.ts';

let t: TestApp;
let wsUrl: string;
let admin: Person;
let coordinator: Person;
let stranger: Person;
let cf: string;

const missingUuid = '00000000-0000-4000-8000-000000000000';
const hour = 60 * 60 * 1000;
let clientCounter = 0;
const newClientId = () => `client-${Date.now()}-${++clientCounter}`;

async function notificationsOf(person: Person) {
  const response = await person.client.get('/api/notifications');
  return response.json().items as Array<{ type: string; data: Record<string, unknown> }>;
}

async function subjectsTo(person: Person): Promise<string[]> {
  const mails = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, person.user.email));
  return mails.map((mail) => mail.subject);
}

/** The state of the job sent with this singleton key (pg-boss keeps finished jobs for a while). */
async function jobState(key: string): Promise<string | undefined> {
  const { rows } = await t.database.raw.query('select state from pgboss.job where singleton_key = $1', [key]);
  return rows[0]?.state as string | undefined;
}

async function propose(requestId: string, mentor: Person) {
  const response = await coordinator.client.post('/api/mentoring/matches', {
    requestId,
    mentorUserId: mentor.user.id,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().match.id as string;
}

/** A family with a request, an approved mentor, proposed and accepted: an active mentorship. */
async function activeMatch(familyName: string, mentorName: string) {
  const family = await signUp(t.app, { displayName: familyName });
  const mentor = await approvedMentor(t, coordinator, mentorName, { groupIds: [cf] });
  const requestId = await createRequest(family, { groupId: cf });
  const matchId = await propose(requestId, mentor);
  const accepted = await mentor.client.post(`/api/mentoring/matches/${matchId}/accept`);
  expect(accepted.statusCode, accepted.body).toBe(200);
  return { family, mentor, requestId, matchId, groupId: accepted.json().match.conversationId as string };
}

/** Opens a real WebSocket as the person and subscribes to a group; resolves with the first answer. */
function subscribeOver(person: Person, groupId: string): Promise<{ type: string; code?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { headers: { origin: testOrigin, cookie: person.client.cookie ?? '' } });
    ws.once('open', () => ws.send(JSON.stringify({ type: 'subscribe', groupId })));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; code?: string };
      if (frame.type === 'subscribed' || frame.type === 'error') {
        ws.close();
        resolve(frame);
      }
    });
    ws.once('error', reject);
  });
}

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  wsUrl = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/ws`;
  admin = await signUpAdmin(t);
  coordinator = await signUpCoordinator(t);
  stranger = await signUp(t.app, { displayName: 'Fremmed' });
  const created = await admin.client.post('/api/groups', {
    name: 'Cystisk fibrose',
    slug: 'cystisk-fibrose',
    kind: 'diagnosis',
    visibility: 'listed',
    joinPolicy: 'request',
  });
  cf = created.json().group.id;
});
afterAll(async () => {
  await t?.close();
});

describe('proposing a mentor', () => {
  it('401/403/404 before anything happens, and 409 with the reasons for a mentor the hard filters exclude', async () => {
    const family = await signUp(t.app, { displayName: 'Familie A' });
    const requestId = await createRequest(family, { groupId: cf });
    const mentor = await approvedMentor(t, coordinator, 'Mentor A', { groupIds: [cf] });
    const body = { requestId, mentorUserId: mentor.user.id };
    expect((await family.client.post('/api/mentoring/matches', body)).statusCode).toBe(403);
    expect((await stranger.client.post('/api/mentoring/matches', body)).statusCode).toBe(404);
    expect(
      (await coordinator.client.post('/api/mentoring/matches', { ...body, requestId: missingUuid }))
        .statusCode,
    ).toBe(404);
    expect(
      (await coordinator.client.post('/api/mentoring/matches', { ...body, mentorUserId: stranger.user.id }))
        .statusCode,
    ).toBe(404);
    const englishOnly = await approvedMentor(t, coordinator, 'English only', { languages: ['en'] });
    const refused = await coordinator.client.post('/api/mentoring/matches', {
      requestId,
      mentorUserId: englishOnly.user.id,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'mentoring.not_eligible',
      details: { reasons: ['no_shared_language'] },
    });
    // Nothing was shared with the excluded mentor.
    expect((await englishOnly.client.get(`/api/mentoring/requests/${requestId}`)).statusCode).toBe(404);
  });

  it('shares the request with the proposed mentor only, and tells them in their language', async () => {
    const family = await signUp(t.app, { displayName: 'Familie B' });
    const requestId = await createRequest(family, { groupId: cf, needs: 'Vi er trætte og bange.' });
    const mentor = await approvedMentor(t, coordinator, 'Mentor B', { groupIds: [cf] });
    await t.database.db.update(users).set({ locale: 'en' }).where(eq(users.id, mentor.user.id));
    const other = await approvedMentor(t, coordinator, 'Mentor C', { groupIds: [cf] });
    expect((await mentor.client.get(`/api/mentoring/requests/${requestId}`)).statusCode).toBe(404);

    const matchId = await propose(requestId, mentor);
    const seen = await mentor.client.get(`/api/mentoring/requests/${requestId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().request).toMatchObject({
      needs: 'Vi er trætte og bange.',
      status: 'proposed',
      notes: null,
    });
    expect((await other.client.get(`/api/mentoring/requests/${requestId}`)).statusCode).toBe(404);
    expect((await other.client.get(`/api/mentoring/matches/${matchId}`)).statusCode).toBe(404);
    // The family does not see who was asked until the mentor says yes.
    expect((await family.client.get(`/api/mentoring/matches/${matchId}`)).statusCode).toBe(404);
    expect((await family.client.get(`/api/mentoring/requests/${requestId}`)).json().request.status).toBe(
      'proposed',
    );

    const proposals = (await mentor.client.get('/api/mentoring/me')).json().proposals;
    expect(proposals).toMatchObject([
      { id: matchId, status: 'proposed', permissions: { canAccept: true, canDecline: true } },
    ]);
    expect((await notificationsOf(mentor)).map((item) => item.type)).toContain('mentoring.proposed');
    expect(await subjectsTo(mentor)).toContain(translate('en', 'mentoring.mail.proposed.subject'));

    const twice = await coordinator.client.post('/api/mentoring/matches', {
      requestId,
      mentorUserId: other.user.id,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('mentoring.request_not_open');
    const edit = await family.client.patch(`/api/mentoring/requests/${requestId}`, { childAgeYears: 3 });
    expect(edit.json().error.code).toBe('mentoring.request_locked');
    // The proposed mentor reads the request but may not change or withdraw it.
    const byMentor = await mentor.client.patch(`/api/mentoring/requests/${requestId}`, { childAgeYears: 3 });
    expect(byMentor.statusCode).toBe(403);
    expect((await mentor.client.post(`/api/mentoring/requests/${requestId}/withdraw`)).statusCode).toBe(403);
  });
});

describe('declining and withdrawing', () => {
  it('a decline needs a reason, returns the request to the queue and hides it from that mentor', async () => {
    const family = await signUp(t.app, { displayName: 'Familie D' });
    const requestId = await createRequest(family, { groupId: cf });
    const mentor = await approvedMentor(t, coordinator, 'Mentor D', { groupIds: [cf] });
    const matchId = await propose(requestId, mentor);
    const url = `/api/mentoring/matches/${matchId}/decline`;
    expect((await stranger.client.post(url, { reason: 'x' })).statusCode).toBe(404);
    expect((await coordinator.client.post(url, { reason: 'x' })).statusCode).toBe(403);
    expect((await mentor.client.post(url, {})).statusCode).toBe(400);
    const declined = await mentor.client.post(url, { reason: 'Jeg har for travlt lige nu.' });
    expect(declined.statusCode, declined.body).toBe(204);

    expect((await mentor.client.get(`/api/mentoring/requests/${requestId}`)).statusCode).toBe(404);
    expect((await mentor.client.get(`/api/mentoring/matches/${matchId}`)).statusCode).toBe(404);
    const request = await coordinator.client.get(`/api/mentoring/requests/${requestId}`);
    expect(request.json().request.status).toBe('requested');
    const match = await coordinator.client.get(`/api/mentoring/matches/${matchId}`);
    expect(match.json().match).toMatchObject({
      status: 'declined',
      declineReason: 'Jeg har for travlt lige nu.',
    });
    const told = (await notificationsOf(coordinator)).find(
      (item) => item.type === 'mentoring.declined' && item.data.requestId === requestId,
    );
    expect(told?.data.mentorName).toBe('Mentor D');
    const candidates = await coordinator.client.get(`/api/mentoring/requests/${requestId}/candidates`);
    expect(
      candidates
        .json()
        .excluded.find((item: { mentorUserId: string }) => item.mentorUserId === mentor.user.id)?.reasons,
    ).toEqual(['declined_before']);
  });

  it('a coordinator withdraws an unanswered proposal; the family withdraws their request', async () => {
    const family = await signUp(t.app, { displayName: 'Familie E' });
    const requestId = await createRequest(family, { groupId: cf });
    const mentor = await approvedMentor(t, coordinator, 'Mentor E', { groupIds: [cf] });
    const first = await propose(requestId, mentor);
    expect((await mentor.client.post(`/api/mentoring/matches/${first}/cancel`)).statusCode).toBe(403);
    expect((await stranger.client.post(`/api/mentoring/matches/${first}/cancel`)).statusCode).toBe(404);
    const cancelled = await coordinator.client.post(`/api/mentoring/matches/${first}/cancel`);
    expect(cancelled.json().match.status).toBe('cancelled');
    expect((await notificationsOf(mentor)).map((item) => item.type)).toContain(
      'mentoring.proposal_withdrawn',
    );

    const second = await propose(requestId, mentor);
    expect((await stranger.client.post(`/api/mentoring/requests/${requestId}/withdraw`)).statusCode).toBe(
      404,
    );
    const withdrawn = await family.client.post(`/api/mentoring/requests/${requestId}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().request.status).toBe('withdrawn');
    const match = await coordinator.client.get(`/api/mentoring/matches/${second}`);
    expect(match.json().match.status).toBe('cancelled');
    expect((await mentor.client.post(`/api/mentoring/matches/${second}/accept`)).statusCode).toBe(404);
    expect((await family.client.get('/api/mentoring/me')).json().permissions.canRequest).toBe(true);
  });
});

describe('an accepted match and its private conversation', () => {
  let pair: Awaited<ReturnType<typeof activeMatch>>;

  beforeAll(async () => {
    pair = await activeMatch('Familie F', 'Mentor F');
  });

  it('accept is for the proposed mentor only', async () => {
    const family = await signUp(t.app, { displayName: 'Familie G' });
    const requestId = await createRequest(family, { groupId: cf });
    const mentor = await approvedMentor(t, coordinator, 'Mentor G', { groupIds: [cf] });
    const matchId = await propose(requestId, mentor);
    const url = `/api/mentoring/matches/${matchId}/accept`;
    expect((await stranger.client.post(url)).statusCode).toBe(404);
    expect((await family.client.post(url)).statusCode).toBe(404);
    expect((await coordinator.client.post(url)).statusCode).toBe(403);
    expect((await mentor.client.post(url)).statusCode).toBe(200);
    const again = await mentor.client.post(url);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('mentoring.match_not_proposed');
  });

  it('activates the match, opens a conversation for the pair and tells the family', async () => {
    const detail = await pair.family.client.get(`/api/mentoring/matches/${pair.matchId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().match).toMatchObject({
      status: 'active',
      mentor: { displayName: 'Mentor F' },
      family: { displayName: 'Familie F' },
      conversationId: pair.groupId,
      firstContactAt: null,
      permissions: { canOpenConversation: true, canClose: true, canAccept: false },
    });
    expect(detail.json().request.status).toBe('active');
    expect((await notificationsOf(pair.family)).map((item) => item.type)).toContain('mentoring.accepted');
    expect(await subjectsTo(pair.family)).toContain(translate('da', 'mentoring.mail.accepted.subject'));

    const [group] = await t.database.db.select().from(groups).where(eq(groups.id, pair.groupId));
    expect(group).toMatchObject({ kind: 'mentorship', visibility: 'hidden', joinPolicy: 'invite' });
    const members = await pair.mentor.client.get(`/api/groups/${pair.groupId}/members`);
    expect(
      members
        .json()
        .items.map((item: { userId: string }) => item.userId)
        .sort(),
    ).toEqual([pair.family.user.id, pair.mentor.user.id].sort());
    // The coordinator sees the match but never gets the conversation.
    const asCoordinator = await coordinator.client.get(`/api/mentoring/matches/${pair.matchId}`);
    expect(asCoordinator.json().match).toMatchObject({
      conversationId: null,
      permissions: { canOpenConversation: false },
    });
  });

  it('schedules the first-contact check at 48 hours and check-ins at 2 and 8 weeks', async () => {
    const acceptedAt = Date.parse(
      (await pair.mentor.client.get(`/api/mentoring/matches/${pair.matchId}`)).json().match.acceptedAt,
    );
    const firstContact = (await t.jobs.pending(firstContactQueue)).filter(
      (job) => (job.data as { matchId: string }).matchId === pair.matchId,
    );
    expect(firstContact.map((job) => job.startAfter.getTime())).toEqual([acceptedAt + 48 * hour]);
    const checkIns = (await t.jobs.pending(checkInQueue))
      .filter((job) => (job.data as { matchId: string }).matchId === pair.matchId)
      .map((job) => [(job.data as { week: number }).week, job.startAfter.getTime()]);
    expect(checkIns.sort()).toEqual([
      [2, acceptedAt + 14 * 24 * hour],
      [8, acceptedAt + 56 * 24 * hour],
    ]);
  });

  it('the mentor writes first; the family reads it, over REST and the WebSocket', async () => {
    const posted = await pair.mentor.client.post(`/api/groups/${pair.groupId}/messages`, {
      clientId: newClientId(),
      body: 'Hej! Jeg hedder Lene og har en søn med CF. Hvornår passer det at ringe?',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const read = await pair.family.client.get(`/api/groups/${pair.groupId}/messages`);
    expect(read.json().items.map((item: { body: string }) => item.body)).toEqual([
      'Hej! Jeg hedder Lene og har en søn med CF. Hvornår passer det at ringe?',
    ]);
    expect((await subscribeOver(pair.family, pair.groupId)).type).toBe('subscribed');
    const detail = await pair.family.client.get(`/api/mentoring/matches/${pair.matchId}`);
    expect(detail.json().match.firstContactAt).toBe(posted.json().message.createdAt);
  });

  it('nobody else reads it: not the coordinator, not an administrator, not a stranger; it is in no directory', async () => {
    for (const person of [coordinator, admin, stranger]) {
      for (const url of [
        `/api/groups/${pair.groupId}`,
        `/api/groups/${pair.groupId}/messages`,
        `/api/groups/${pair.groupId}/members`,
      ]) {
        const response = await person.client.get(url);
        expect(response.statusCode, `${url}`).toBe(404);
      }
      const post = await person.client.post(`/api/groups/${pair.groupId}/messages`, {
        clientId: newClientId(),
        body: 'Må jeg læse med?',
      });
      expect(post.statusCode).toBe(404);
      const frame = await subscribeOver(person, pair.groupId);
      expect(frame).toMatchObject({ type: 'error', code: 'not_found' });
      const directory = await person.client.get('/api/groups?limit=100');
      expect(directory.json().items.map((item: { id: string }) => item.id)).not.toContain(pair.groupId);
    }
    const mine = await pair.family.client.get('/api/groups?mine=true');
    expect(mine.json().items.map((item: { id: string }) => item.id)).not.toContain(pair.groupId);
  });

  it('its membership cannot change: no invites, no added members, no join requests, no leaving', async () => {
    const base = `/api/groups/${pair.groupId}`;
    const invite = await pair.mentor.client.post(`${base}/invites`, {});
    expect(invite.statusCode).toBe(403);
    const add = await pair.mentor.client.post(`${base}/members`, { email: stranger.user.email });
    expect(add.statusCode).toBe(403);
    const adminAdd = await admin.client.post(`${base}/members`, { email: stranger.user.email });
    expect(adminAdd.statusCode).toBe(404);
    expect((await stranger.client.post(`${base}/join-requests`, {})).statusCode).toBe(404);
    expect((await pair.family.client.delete(`${base}/members/${pair.family.user.id}`, {})).statusCode).toBe(
      403,
    );
    const edit = await pair.mentor.client.patch(base, { name: 'Vores gruppe' });
    expect(edit.statusCode).toBe(403);
    // Only the mentoring module makes mentorship groups.
    const made = await admin.client.post('/api/groups', {
      name: 'Falsk mentorforløb',
      slug: 'falsk-mentorforloeb',
      kind: 'mentorship',
      visibility: 'hidden',
      joinPolicy: 'invite',
    });
    expect(made.statusCode).toBe(400);
  });
});

describe('first contact and check-ins (durable jobs)', () => {
  it('after 48 hours without contact the dashboard shows it overdue, and the job reminds once', async () => {
    const pair = await activeMatch('Familie H', 'Mentor H');
    const before = await coordinator.client.get('/api/mentoring/dashboard');
    expect(before.json().overdueFirstContacts.map((item: { id: string }) => item.id)).not.toContain(
      pair.matchId,
    );
    t.clock.advance(49 * hour);
    const after = await coordinator.client.get('/api/mentoring/dashboard');
    expect(after.json().overdueFirstContacts.map((item: { id: string }) => item.id)).toContain(pair.matchId);

    // The job as the queue would run it at 48 hours (scheduled a moment from now), twice.
    const soon = new Date(Date.now() + 1000);
    await t.jobs.send(
      firstContactQueue,
      { matchId: pair.matchId },
      { startAfter: soon, singletonKey: 'test-1' },
    );
    await t.jobs.send(
      firstContactQueue,
      { matchId: pair.matchId },
      { startAfter: soon, singletonKey: 'test-2' },
    );
    const reminded = async () =>
      (await notificationsOf(coordinator)).filter(
        (item) => item.type === 'mentoring.first_contact_overdue' && item.data.matchId === pair.matchId,
      ).length;
    await expect.poll(reminded, { timeout: 15_000, interval: 250 }).toBe(1);
    // Both jobs have run, and the reminder went out once.
    await expect.poll(() => jobState('test-1'), { timeout: 15_000, interval: 250 }).toBe('completed');
    await expect.poll(() => jobState('test-2'), { timeout: 15_000, interval: 250 }).toBe('completed');
    expect(await reminded()).toBe(1);
    expect((await notificationsOf(pair.mentor)).map((item) => item.type)).toContain(
      'mentoring.first_contact_reminder',
    );
    expect(await subjectsTo(coordinator)).toContain(
      translate('da', 'mentoring.mail.firstContactOverdue.subject'),
    );
    const runs = await t.database.db
      .select()
      .from(mentoringJobRuns)
      .where(eq(mentoringJobRuns.matchId, pair.matchId));
    expect(runs.map((run) => run.kind)).toEqual(['first_contact_reminder']);

    // A mentor who records a phone call is no longer overdue.
    const contactUrl = `/api/mentoring/matches/${pair.matchId}/first-contact`;
    expect((await stranger.client.post(contactUrl)).statusCode).toBe(404);
    expect((await pair.family.client.post(contactUrl)).statusCode).toBe(403);
    const recorded = await pair.mentor.client.post(contactUrl);
    expect(recorded.json().match.firstContactAt).not.toBeNull();
    const cleared = await coordinator.client.get('/api/mentoring/dashboard');
    expect(cleared.json().overdueFirstContacts.map((item: { id: string }) => item.id)).not.toContain(
      pair.matchId,
    );
  });

  it('does not remind when the mentor has written', async () => {
    const pair = await activeMatch('Familie I', 'Mentor I');
    await pair.mentor.client.post(`/api/groups/${pair.groupId}/messages`, {
      clientId: newClientId(),
      body: 'Hej!',
    });
    await t.jobs.send(
      firstContactQueue,
      { matchId: pair.matchId },
      { startAfter: new Date(Date.now() + 500), singletonKey: 'test-written' },
    );
    await expect.poll(() => jobState('test-written'), { timeout: 15_000, interval: 250 }).toBe('completed');
    const runs = await t.database.db
      .select()
      .from(mentoringJobRuns)
      .where(eq(mentoringJobRuns.matchId, pair.matchId));
    expect(runs).toEqual([]);
    expect(
      (await notificationsOf(coordinator)).some(
        (item) => item.type === 'mentoring.first_contact_overdue' && item.data.matchId === pair.matchId,
      ),
    ).toBe(false);
  });

  it('asks both of the pair how it goes, once per check-in; a hard answer reaches the coordinators', async () => {
    const pair = await activeMatch('Familie J', 'Mentor J');
    for (const key of ['a', 'b'])
      await t.jobs.send(
        checkInQueue,
        { matchId: pair.matchId, week: 2 },
        { startAfter: new Date(Date.now() + 500), singletonKey: `test-check-in-${key}` },
      );
    const asked = async (person: Person) =>
      (await notificationsOf(person)).filter(
        (item) => item.type === 'mentoring.check_in' && item.data.matchId === pair.matchId,
      ).length;
    await expect.poll(() => asked(pair.family), { timeout: 15_000, interval: 250 }).toBe(1);
    await expect.poll(() => asked(pair.mentor), { timeout: 15_000, interval: 250 }).toBe(1);
    await expect
      .poll(() => jobState('test-check-in-a'), { timeout: 15_000, interval: 250 })
      .toBe('completed');
    await expect
      .poll(() => jobState('test-check-in-b'), { timeout: 15_000, interval: 250 })
      .toBe('completed');
    expect(await asked(pair.family)).toBe(1);
    expect(await subjectsTo(pair.family)).toContain(translate('da', 'mentoring.mail.checkIn.subject'));

    const url = `/api/mentoring/matches/${pair.matchId}/check-ins`;
    expect((await stranger.client.post(url, { mood: 'good' })).statusCode).toBe(404);
    expect((await coordinator.client.post(url, { mood: 'good' })).statusCode).toBe(403);
    expect((await pair.family.client.post(url, { mood: 'awful' })).statusCode).toBe(400);
    const answered = await pair.family.client.post(url, { mood: 'hard', note: 'Vi har ikke hørt noget.' });
    expect(answered.statusCode).toBe(201);
    expect(answered.json().match.checkIns).toMatchObject([{ mood: 'hard', note: 'Vi har ikke hørt noget.' }]);
    // Each of the pair sees only their own answers; coordinators see all.
    expect(
      (await pair.mentor.client.get(`/api/mentoring/matches/${pair.matchId}`)).json().match.checkIns,
    ).toEqual([]);
    expect((await notificationsOf(coordinator)).map((item) => item.type)).toContain(
      'mentoring.check_in_hard',
    );
    const dashboard = await coordinator.client.get('/api/mentoring/dashboard');
    expect(dashboard.json().hardCheckIns.map((item: { matchId: string }) => item.matchId)).toContain(
      pair.matchId,
    );
  });
});

describe('closing a mentorship', () => {
  it('closes with a reason, archives the conversation read-only, takes feedback once and honours "don\'t match us again"', async () => {
    const pair = await activeMatch('Familie K', 'Mentor K');
    await pair.mentor.client.post(`/api/groups/${pair.groupId}/messages`, {
      clientId: newClientId(),
      body: 'Hej',
    });
    const url = `/api/mentoring/matches/${pair.matchId}/close`;
    expect((await stranger.client.post(url, { reason: 'goal_reached' })).statusCode).toBe(404);
    expect((await pair.family.client.post(url, { reason: 'bored' })).statusCode).toBe(400);
    const early = await pair.family.client.post(`/api/mentoring/matches/${pair.matchId}/feedback`, {});
    expect(early.json().error.code).toBe('mentoring.match_not_closed');

    const closed = await pair.family.client.post(url, {
      reason: 'not_a_fit',
      feedback: 'Vi passede ikke sammen.',
      doNotMatchAgain: true,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().match).toMatchObject({
      status: 'closed',
      closeReason: 'not_a_fit',
      myFeedbackGiven: true,
      permissions: { canGiveFeedback: false, canClose: false, canOpenConversation: true },
    });
    expect(closed.json().request.status).toBe('closed');
    expect((await notificationsOf(pair.mentor)).map((item) => item.type)).toContain('mentoring.closed');

    // Read-only for the pair: the history is there, nothing new can be written.
    const read = await pair.mentor.client.get(`/api/groups/${pair.groupId}/messages`);
    expect(read.json().items.map((item: { body: string }) => item.body)).toEqual(['Hej']);
    expect((await pair.mentor.client.get(`/api/groups/${pair.groupId}`)).json().group.readOnly).toBe(true);
    const write = await pair.mentor.client.post(`/api/groups/${pair.groupId}/messages`, {
      clientId: newClientId(),
      body: 'Er du der?',
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('group.read_only');
    expect((await coordinator.client.get(`/api/groups/${pair.groupId}/messages`)).statusCode).toBe(404);

    // Follow-ups are cancelled.
    const waiting = (await t.jobs.pending(checkInQueue)).filter(
      (job) => (job.data as { matchId: string }).matchId === pair.matchId,
    );
    expect(waiting).toEqual([]);

    const feedbackUrl = `/api/mentoring/matches/${pair.matchId}/feedback`;
    const given = await pair.mentor.client.post(feedbackUrl, { feedback: 'Godt at prøve.' });
    expect(given.statusCode).toBe(200);
    expect((await pair.mentor.client.post(feedbackUrl, {})).json().error.code).toBe(
      'mentoring.feedback_given',
    );
    expect((await coordinator.client.post(feedbackUrl, {})).statusCode).toBe(403);
    expect((await stranger.client.post(feedbackUrl, {})).statusCode).toBe(404);
    expect((await pair.family.client.post(url, { reason: 'goal_reached' })).json().error.code).toBe(
      'mentoring.match_not_active',
    );

    // The family asks again: the mentor they blocked is never a candidate.
    const again = await createRequest(pair.family, { groupId: cf });
    const candidates = await coordinator.client.get(`/api/mentoring/requests/${again}/candidates`);
    expect(
      candidates
        .json()
        .excluded.find((item: { mentorUserId: string }) => item.mentorUserId === pair.mentor.user.id)
        ?.reasons,
    ).toEqual(['blocked']);
  });

  it('a coordinator can close too; a mentor with a family cannot stop being a mentor', async () => {
    const pair = await activeMatch('Familie L', 'Mentor L');
    const refused = await pair.mentor.client.delete('/api/mentoring/mentor-profile');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('mentoring.has_matches');
    const closed = await coordinator.client.post(`/api/mentoring/matches/${pair.matchId}/close`, {
      reason: 'no_contact',
      feedback: 'Familien svarede ikke.',
    });
    expect(closed.statusCode).toBe(200);
    const request = await coordinator.client.get(`/api/mentoring/requests/${pair.requestId}`);
    expect(request.json().request.notes.map((note: { body: string }) => note.body)).toContain(
      'Familien svarede ikke.',
    );
    expect((await pair.mentor.client.delete('/api/mentoring/mentor-profile')).statusCode).toBe(204);
  });
});

describe('batch assignment', () => {
  it('plans a cohort under capacities, and proposes it when asked', async () => {
    expect((await stranger.client.post('/api/mentoring/batch', { mode: 'max_matches' })).statusCode).toBe(
      403,
    );
    // Close every open request from earlier tests, so the cohort is exactly these three.
    const open = await coordinator.client.get('/api/mentoring/requests?limit=100');
    for (const item of open.json().items as Array<{ id: string }>)
      await coordinator.client.post(`/api/mentoring/requests/${item.id}/withdraw`);
    const everyone = await coordinator.client.get('/api/mentoring/mentors?limit=100');
    for (const item of everyone.json().items as Array<{ userId: string }>)
      await coordinator.client.post(`/api/mentoring/mentors/${item.userId}/pause`, {});

    const mentor = await approvedMentor(t, coordinator, 'Batch-mentor', { groupIds: [cf], capacity: 2 });
    const ids: string[] = [];
    for (const name of ['Kursus 1', 'Kursus 2', 'Kursus 3'])
      ids.push(await createRequest(await signUp(t.app, { displayName: name }), { groupId: cf }));

    const unknown = await coordinator.client.post('/api/mentoring/batch', {
      mode: 'max_matches',
      requestIds: [...ids, missingUuid],
    });
    expect(unknown.statusCode).toBe(404);
    const withdrawn = (open.json().items as Array<{ id: string }>)[0]!.id;
    const notOpen = await coordinator.client.post('/api/mentoring/batch', {
      mode: 'max_matches',
      requestIds: [...ids, withdrawn],
    });
    expect(notOpen.statusCode).toBe(409);
    expect(notOpen.json().error.code).toBe('mentoring.request_not_open');
    const plan = await coordinator.client.post('/api/mentoring/batch', {
      mode: 'max_matches',
      requestIds: ids,
    });
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json().assignments).toHaveLength(2);
    expect(plan.json().unassigned).toHaveLength(1);
    expect(plan.json().assignments.every((item: { matchId: null }) => item.matchId === null)).toBe(true);

    const proposed = await coordinator.client.post('/api/mentoring/batch', {
      mode: 'max_matches',
      propose: true,
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    const matchIds = proposed.json().assignments.map((item: { matchId: string }) => item.matchId);
    expect(matchIds).toHaveLength(2);
    expect((await mentor.client.get('/api/mentoring/me')).json().proposals).toHaveLength(2);
    const profile = await coordinator.client.get(`/api/mentoring/mentors/${mentor.user.id}`);
    expect(profile.json().profile.load).toBe(2);
  });
});
