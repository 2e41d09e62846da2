import { users } from '@spejl/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  createGroupWith,
  enableTotp,
  signUp,
  signUpAdmin,
  type TestApp,
  createTestApp,
} from '../../testing/app.ts';
import { activeMentorship, signUpCoordinator } from '../mentoring/mentoring.testing.ts';
import {
  act,
  connect,
  flag,
  mailsTo,
  notificationsOf,
  type Person,
  post,
  socketUrl,
} from './moderation.test-support.ts';

let t: TestApp;
let admin: Person;
let coordinator: Person;
let secondCoordinator: Person;
let groupModerator: Person;
let member: Person;
let groupId: string;
let pairCount = 0;

const missingUuid = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  coordinator = await signUpCoordinator(t, 'Karen Kristensen');
  secondCoordinator = await signUpCoordinator(t, 'Kim Holm');
  groupModerator = await signUp(t.app, { displayName: 'Gitte Gram' });
  await enableTotp(groupModerator.client, t.clock);
  member = await signUp(t.app, { displayName: 'Maja Medlem' });
  groupId = await createGroupWith(admin, { name: 'Cystisk fibrose' }, [
    { person: groupModerator, role: 'moderator' },
    { person: member },
  ]);
});
afterAll(async () => {
  await t?.close();
});

/** A fresh active mentorship for each test, so a suspension or a closing in one does not leak into another. */
async function pair() {
  pairCount += 1;
  return activeMentorship(t, coordinator, {
    family: `Familie ${pairCount}`,
    mentor: `Mentor ${pairCount}`,
    groupId,
  });
}

/** The same person in a second session that signed in with the password alone after TOTP was turned on. */
async function passwordOnlySession(person: Person): Promise<Person> {
  const client = new Client(t.app);
  const login = await client.post('/api/auth/login', { email: person.user.email, password: person.password });
  // A person with TOTP cannot sign in without the code, so the session is made before TOTP goes on.
  expect(login.statusCode, login.body).toBe(200);
  return { ...person, client };
}

async function mentoringQueue(person: Person, query = '') {
  return person.client.get(`/api/moderation/queue?scope=mentoring${query}`);
}

async function mentoringItem(messageId: string) {
  const response = await mentoringQueue(coordinator);
  expect(response.statusCode, response.body).toBe(200);
  const found = response
    .json()
    .items.find((item: { message: { id: string } | null }) => item.message?.id === messageId);
  expect(found, `no mentoring item for ${messageId}`).toBeDefined();
  return found as {
    id: string;
    urgent: boolean;
    space: string;
    queue: string;
    context: { before: unknown[]; after: unknown[] };
    message: { body: string };
    mentorship: { matchId: string; mentor: { id: string }; family: { id: string } };
    permissions: { actions: string[]; canSuspend: boolean; canEscalate: boolean };
  };
}

describe('the mentoring queue and its items', () => {
  it('answer 401 to the signed out, 403 to everyone but the coordinators, and 404 for items they may not see', async () => {
    const { family, mentor, groupId: conversation } = await pair();
    const message = await post(mentor, conversation, 'Det her er ikke i orden.');
    expect((await flag(family, message.id, 'harassment')).statusCode).toBe(201);
    const item = await mentoringItem(message.id);

    const anonymous = new Client(t.app);
    for (const path of [
      '/api/moderation/queue?scope=mentoring',
      '/api/moderation/appeals?scope=mentoring',
      '/api/moderation/audit-log?scope=mentoring',
      `/api/moderation/items/${item.id}`,
    ])
      expect((await anonymous.get(path)).statusCode, path).toBe(401);

    for (const person of [member, groupModerator, family, mentor, admin])
      for (const path of [
        '/api/moderation/queue?scope=mentoring',
        '/api/moderation/appeals?scope=mentoring',
        '/api/moderation/audit-log?scope=mentoring',
        '/api/moderation/audit-log.csv?scope=mentoring',
      ]) {
        const response = await person.client.get(path);
        expect(response.statusCode, path).toBe(403);
        expect(response.json().error.code).toBe('auth.forbidden');
      }

    const withoutTotp = await signUp(t.app, { displayName: 'Karl Uden' });
    await t.database.db
      .update(users)
      .set({ platformRole: 'coordinator' })
      .where(eq(users.id, withoutTotp.user.id));
    expect((await mentoringQueue(withoutTotp)).json().error.code).toBe('auth.mfa_enrolment_required');

    const both = await mentoringQueue(coordinator, `&groupId=${groupId}`);
    expect(both.statusCode).toBe(400);

    // Nobody but the coordinators learns that the item exists: not the admins, a group's moderator or the pair.
    for (const person of [admin, groupModerator, member, family, mentor]) {
      for (const response of [
        await person.client.get(`/api/moderation/items/${item.id}`),
        await person.client.post(`/api/moderation/items/${item.id}/claim`),
        await act(person, item.id, { action: 'dismiss', reason: 'Ingen sag her' }),
      ])
        expect(response.statusCode, response.body).toBe(404);
    }
    expect((await coordinator.client.get(`/api/moderation/items/${missingUuid}`)).statusCode).toBe(404);
    expect((await coordinator.client.get(`/api/moderation/items/${item.id}`)).statusCode).toBe(200);
  });

  it('refuse a coordinator’s password-only session with auth.mfa_step_up_required', async () => {
    const late = await signUp(t.app, { displayName: 'Lene Lund' });
    await t.database.db.update(users).set({ platformRole: 'coordinator' }).where(eq(users.id, late.user.id));
    const older = await passwordOnlySession(late);
    await enableTotp(late.client, t.clock);
    const refused = await mentoringQueue(older);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('auth.mfa_step_up_required');
    const summary = (await older.client.get('/api/moderation/summary')).json();
    expect(summary).toMatchObject({ needsMfa: true, needsStepUp: true, mentoring: null, openCount: 0 });
    expect((await mentoringQueue(late)).statusCode).toBe(200);
  });
});

describe('a report in a mentorship', () => {
  it('about self-harm alerts the coordinators at once, shows the reporter support, and lists the message alone', async () => {
    const { family, mentor, groupId: conversation, matchId } = await pair();
    const url = await socketUrl(t);
    const coordinatorSocket = await connect(url, coordinator);
    coordinatorSocket.send({ type: 'moderation.subscribe' });
    expect((await coordinatorSocket.next('moderation.subscribed')).scopes).toContain('mentoring');
    const adminSocket = await connect(url, admin);
    adminSocket.send({ type: 'moderation.subscribe' });
    expect((await adminSocket.next('moderation.subscribed')).scopes).not.toContain('mentoring');

    await post(family, conversation, 'Tak for i går, det hjalp at tale sammen.');
    const worrying = await post(mentor, conversation, 'Jeg kan ikke mere, jeg vil ikke være her længere.');
    await post(family, conversation, 'Hvad mener du?');
    const flagged = await flag(family, worrying.id, 'self_harm', 'Jeg er bange for ham');
    expect(flagged.statusCode, flagged.body).toBe(201);
    expect(flagged.json().support).toBe(true);

    const frame = await coordinatorSocket.next(
      'moderation.queue',
      (candidate) => candidate.scope === 'mentoring',
    );
    expect(frame).toMatchObject({ change: 'opened', urgent: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(adminSocket.frames.filter((candidate) => candidate.type === 'moderation.queue')).toEqual([]);
    coordinatorSocket.close();
    adminSocket.close();

    const item = await mentoringItem(worrying.id);
    expect(item).toMatchObject({ urgent: true, space: 'mentorship', queue: 'mentoring' });
    expect(item.message.body).toBe('Jeg kan ikke mere, jeg vil ikke være her længere.');
    expect(item.context).toEqual({ before: [], after: [] });
    expect(item.mentorship).toMatchObject({
      matchId,
      mentor: { id: mentor.user.id },
      family: { id: family.user.id },
    });
    expect(item.permissions.actions).toEqual([
      'dismiss',
      'warn',
      'pause_mentor',
      'close_mentorship',
      'escalate',
      'suspend',
    ]);
    const detail = (await coordinator.client.get(`/api/moderation/items/${item.id}`)).json().item;
    expect(detail.context).toEqual({ before: [], after: [] });
    expect(JSON.stringify(detail)).not.toContain('Tak for i går');
    expect(JSON.stringify(detail)).not.toContain('Hvad mener du');

    for (const person of [coordinator, secondCoordinator]) {
      const alert = (await notificationsOf(person)).find(
        (notification) =>
          notification.type === 'moderation.self_harm' && notification.data.itemId === item.id,
      );
      expect(alert?.data).toEqual({ space: 'mentorship', itemId: item.id });
      const mail = (await mailsTo(t, person.user.email)).find(
        (entry) => entry.subject === 'Vigtigt: en bekymrende besked i et mentorforløb',
      );
      expect(mail?.text).toContain(`/moderation/items/${item.id}`);
      expect(mail?.text).not.toContain('vil ikke være her');
    }
    expect(
      (await notificationsOf(admin)).some((notification) => notification.type === 'moderation.self_harm'),
    ).toBe(false);
    expect((await notificationsOf(groupModerator)).some((n) => n.type === 'moderation.self_harm')).toBe(
      false,
    );
    expect((await notificationsOf(mentor)).map((notification) => notification.type)).toContain(
      'moderation.support',
    );

    const summary = (await coordinator.client.get('/api/moderation/summary')).json();
    expect(summary.moderates).toBe(true);
    expect(summary.mentoring.urgentCount).toBeGreaterThanOrEqual(1);
    const platform = (await admin.client.get('/api/moderation/queue')).json().items as Array<{ id: string }>;
    expect(platform.map((entry) => entry.id)).not.toContain(item.id);
    const [report] = (await family.client.get('/api/me/reports')).json().items;
    expect(report).toMatchObject({ status: 'open', reason: 'self_harm' });
  });

  it('is claimed and warned about by a coordinator; the reporter hears the outcome; the log keeps it', async () => {
    const { family, mentor, groupId: conversation } = await pair();
    const message = await post(mentor, conversation, 'Du er en dårlig mor.');
    await flag(family, message.id, 'harassment');
    const item = await mentoringItem(message.id);

    expect((await coordinator.client.post(`/api/moderation/items/${item.id}/claim`)).statusCode).toBe(200);
    const blocked = await act(secondCoordinator, item.id, { action: 'warn', reason: 'Tonen er for hård' });
    expect(blocked.json().error.code).toBe('moderation.claimed');
    const warned = await act(coordinator, item.id, {
      action: 'warn',
      reason: 'Tonen er for hård over for familien',
      messageToUser: 'Tal pænt til familien.',
    });
    expect(warned.statusCode, warned.body).toBe(200);
    expect(warned.json().item).toMatchObject({ status: 'resolved', resolution: { action: 'warn' } });

    const resolved = (await notificationsOf(family)).find(
      (notification) => notification.type === 'report.resolved',
    );
    expect(resolved?.data).toMatchObject({ outcome: 'upheld', action: 'warn', space: 'mentorship' });
    const [report] = (await family.client.get('/api/me/reports')).json().items;
    expect(report).toMatchObject({ status: 'resolved', outcome: 'upheld', action: 'warn' });
    expect((await notificationsOf(mentor)).map((notification) => notification.type)).toContain(
      'moderation.action',
    );
    const mail = (await mailsTo(t, mentor.user.email)).find(
      (entry) => entry.subject === 'Besked fra moderatorerne på Spejl',
    );
    expect(mail?.text).toContain('et mentorforløb');
    // The member reads what happened (moderation.outcome), never the moderators' button (moderation.action).
    expect(mail?.text).toContain('har set på din besked og besluttet: Advarsel.');
    expect(mail?.text).not.toContain('Giv en advarsel');

    const log = (await coordinator.client.get('/api/moderation/audit-log?scope=mentoring')).json()
      .items as Array<{
      action: string;
      itemId: string;
      actor: { id: string } | null;
    }>;
    expect(log.find((entry) => entry.itemId === item.id && entry.action === 'warn')?.actor?.id).toBe(
      coordinator.user.id,
    );
    const csv = await coordinator.client.get('/api/moderation/audit-log.csv?scope=mentoring');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(item.id);

    // The mentor appeals; another coordinator decides, never the one who acted.
    const [decision] = (await mentor.client.get('/api/me/moderation-actions')).json().items;
    const appealed = await mentor.client.post(`/api/moderation/actions/${decision.id}/appeals`, {
      statement: 'Jeg mente det ikke sådan, og jeg har sagt undskyld.',
    });
    expect(appealed.statusCode, appealed.body).toBe(201);
    const mine = (await coordinator.client.get('/api/moderation/appeals?scope=mentoring')).json().items;
    expect(
      mine.find((entry: { id: string }) => entry.id === appealed.json().appeal.id).permissions.canDecide,
    ).toBe(false);
    const theirs = (await secondCoordinator.client.get('/api/moderation/appeals?scope=mentoring')).json()
      .items;
    expect(
      theirs.find((entry: { id: string }) => entry.id === appealed.json().appeal.id).permissions.canDecide,
    ).toBe(true);
    expect(
      (await secondCoordinator.client.get('/api/notifications'))
        .json()
        .items.some(
          (notification: { type: string; data: Record<string, unknown> }) =>
            notification.type === 'moderation.appeal' && notification.data.scope === 'mentoring',
        ),
    ).toBe(true);
    const decided = await secondCoordinator.client.post(
      `/api/moderation/appeals/${appealed.json().appeal.id}/decision`,
      { outcome: 'upheld', reason: 'Advarslen står ved magt' },
    );
    expect(decided.statusCode, decided.body).toBe(200);
  });

  it('pauses the mentor and closes the mentorship through the mentoring module', async () => {
    const { family, mentor, groupId: conversation, matchId } = await pair();
    const first = await post(mentor, conversation, 'Send mig dit cpr-nummer.');
    await flag(family, first.id, 'privacy');
    const firstItem = await mentoringItem(first.id);
    const paused = await act(coordinator, firstItem.id, {
      action: 'pause_mentor',
      reason: 'Beder om cpr-nummer',
    });
    expect(paused.statusCode, paused.body).toBe(200);
    const profile = (await coordinator.client.get(`/api/mentoring/mentors/${mentor.user.id}`)).json();
    expect(profile.profile).toMatchObject({ status: 'paused', pausedByCoordinator: true });

    // The family's own message: pausing "the mentor" does not fit a report about the family.
    const fromFamily = await post(family, conversation, 'Det vil jeg ikke.');
    await flag(mentor, fromFamily.id, 'other', 'Uhøflig');
    const familyItem = await mentoringItem(fromFamily.id);
    expect(familyItem.permissions.actions).not.toContain('pause_mentor');
    expect(
      (await act(coordinator, familyItem.id, { action: 'pause_mentor', reason: 'Forkert' })).statusCode,
    ).toBe(400);
    for (const action of ['hide', 'delete', 'remove_member', 'ban_member'])
      expect(
        (await act(coordinator, familyItem.id, { action, reason: 'Passer ikke' })).statusCode,
        action,
      ).toBe(400);
    expect(
      (await act(coordinator, familyItem.id, { action: 'mute', reason: 'Passer ikke', durationHours: 1 }))
        .statusCode,
    ).toBe(400);

    const second = await post(mentor, conversation, 'Svar nu.');
    await flag(family, second.id, 'harassment');
    const secondItem = await mentoringItem(second.id);
    const closed = await act(coordinator, secondItem.id, {
      action: 'close_mentorship',
      reason: 'Forløbet afsluttes efter gentagne anmeldelser',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const match = (await coordinator.client.get(`/api/mentoring/matches/${matchId}`)).json().match;
    expect(match).toMatchObject({ status: 'closed', closeReason: 'other' });
    const refused = await family.client.post(`/api/groups/${conversation}/messages`, {
      clientId: `after-close-${Date.now()}`,
      body: 'Hallo?',
    });
    expect(refused.json().error.code).toBe('group.read_only');
    expect((await notificationsOf(family)).map((notification) => notification.type)).toContain(
      'mentoring.closed',
    );
    // Closing is this mentorship's only: the item of the family's message is still open and can be dismissed.
    const dismissed = await act(coordinator, familyItem.id, {
      action: 'dismiss',
      reason: 'Ingen overtrædelse',
    });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    const log = (await coordinator.client.get('/api/moderation/audit-log?scope=mentoring')).json()
      .items as Array<{
      action: string;
    }>;
    expect(log.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['pause_mentor', 'close_mentorship']),
    );
  });

  it('reaches the admins only when a coordinator escalates it, and then with the reported message alone', async () => {
    const { family, mentor, groupId: conversation } = await pair();
    await post(mentor, conversation, 'Min søn har det svært i skolen.');
    const illegal = await post(mentor, conversation, 'Jeg kan skaffe receptpligtig medicin uden recept.');
    await flag(family, illegal.id, 'illegal');
    const item = await mentoringItem(illegal.id);
    expect(item.queue).toBe('mentoring');
    const platformBefore = (await admin.client.get('/api/moderation/queue')).json().items as Array<{
      id: string;
    }>;
    expect(platformBefore.map((entry) => entry.id)).not.toContain(item.id);

    const escalated = await act(coordinator, item.id, { action: 'escalate', reason: 'Mulig ulovlig handel' });
    expect(escalated.statusCode, escalated.body).toBe(200);
    expect((await coordinator.client.get(`/api/moderation/items/${item.id}`)).statusCode).toBe(404);
    const alert = (await notificationsOf(admin)).find(
      (notification) => notification.type === 'moderation.escalated' && notification.data.itemId === item.id,
    );
    expect(alert?.data).toEqual({ space: 'mentorship', itemId: item.id });

    const platform = (await admin.client.get('/api/moderation/queue')).json().items as Array<{
      id: string;
      context: { before: unknown[]; after: unknown[] };
    }>;
    expect(platform.find((entry) => entry.id === item.id)?.context).toEqual({ before: [], after: [] });
    const detail = await admin.client.get(`/api/moderation/items/${item.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain('skolen');
    const suspended = await act(admin, item.id, { action: 'suspend', reason: 'Salg af medicin' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect((await mentor.client.get('/api/me')).statusCode).toBe(401);
  });

  it('may lead a coordinator to suspend a member platform-wide, never another coordinator or an admin', async () => {
    const { family, mentor, groupId: conversation } = await pair();
    const message = await post(family, conversation, 'Jeg finder dig, og så skal du se.');
    await flag(mentor, message.id, 'harassment');
    const item = await mentoringItem(message.id);
    const suspended = await act(coordinator, item.id, { action: 'suspend', reason: 'Trusler mod mentoren' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect((await family.client.get('/api/me')).statusCode).toBe(401);
    const log = (await admin.client.get('/api/moderation/audit-log')).json().items as Array<{
      action: string;
      itemId: string | null;
    }>;
    expect(log.some((entry) => entry.action === 'suspend' && entry.itemId === item.id)).toBe(true);

    const coordinatorMentor = await pair();
    await t.database.db
      .update(users)
      .set({ platformRole: 'coordinator' })
      .where(eq(users.id, coordinatorMentor.mentor.user.id));
    const fromCoordinator = await post(coordinatorMentor.mentor, coordinatorMentor.groupId, 'Skynd dig.');
    await flag(coordinatorMentor.family, fromCoordinator.id, 'harassment');
    const about = await mentoringItem(fromCoordinator.id);
    const refused = await act(coordinator, about.id, { action: 'suspend', reason: 'Forsøg' });
    expect(refused.statusCode).toBe(403);
  });

  it('is never made by a watched word: a mentorship’s messages reach a coordinator only when someone reports them', async () => {
    const { mentor, groupId: conversation } = await pair();
    const filter = await admin.client.post('/api/moderation/filters', {
      kind: 'word',
      pattern: 'lykkepiller',
      action: 'hold',
    });
    expect(filter.statusCode, filter.body).toBe(201);
    const inPair = await post(mentor, conversation, 'Har du prøvet lykkepiller?');
    expect(inPair.hidden).toBe(false);
    const inGroup = await post(member, groupId, 'Har nogen prøvet lykkepiller?');
    expect(inGroup.hidden).toBe(true);
    const queue = (await mentoringQueue(coordinator)).json().items as Array<{
      message: { id: string } | null;
    }>;
    expect(queue.some((entry) => entry.message?.id === inPair.id)).toBe(false);
  });
});
