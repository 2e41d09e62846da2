import {
  accessRecords,
  groupJoinRequests,
  mailOutbox,
  messages,
  moderationAuditLog,
  notifications,
  sessions,
  users,
} from '@spejl/db';
import { consentVersions } from '@spejl/shared/privacy-terms';
import { and, eq, sql } from 'drizzle-orm';
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

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let moderator: Person;
let counter = 0;
const clientId = () => `privacy-client-${++counter}`;
const missing = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  moderator = await signUp(t.app, { displayName: 'Mikkel Munk' });
  await enableTotp(moderator.client, t.clock);
});
afterAll(async () => {
  await t?.close();
});

async function post(person: Person, groupId: string, body: string, threadId?: string) {
  const response = await person.client.post(`/api/groups/${groupId}/messages`, {
    clientId: clientId(),
    body,
    ...(threadId ? { threadId } : {}),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().message as { id: string; seq: number };
}

/** Every row of every table (ours and the job queue's) as text, to look for traces of a person. */
async function tracesOf(needles: string[]): Promise<string[]> {
  const tables = await t.database.raw.query(
    `select table_schema, table_name from information_schema.tables
     where table_schema in ('public', 'pgboss') and table_type = 'BASE TABLE'`,
  );
  const found: string[] = [];
  for (const row of tables.rows) {
    const name = `"${row.table_schema}"."${row.table_name}"`;
    const rows = await t.database.raw.query(`select t::text as line from ${name} t`);
    for (const { line } of rows.rows)
      for (const needle of needles)
        if (String(line).toLowerCase().includes(needle.toLowerCase()))
          found.push(`${name}: ${needle}: ${line}`);
  }
  return found;
}

describe('access', () => {
  it('answers 401 without a session on every privacy route', async () => {
    const anonymous = new Client(t.app);
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/me/export'],
      ['POST', '/api/me/exports', {}],
      ['GET', '/api/me/exports'],
      ['GET', '/api/me/exports/abcdefghijklmnopqrstuvwx'],
      ['GET', '/api/me/consents'],
      ['PUT', '/api/me/consents', { kind: 'health_data_groups', given: true }],
      ['DELETE', '/api/me', { password: 'x', messages: 'delete' }],
      ['GET', '/api/me/access-records'],
      ['GET', '/api/admin/retention'],
      ['PATCH', '/api/admin/retention', { outbox_days: 10 }],
      ['GET', `/api/groups/${missing}/retention`],
      ['PUT', `/api/groups/${missing}/retention`, { messageMonths: 12 }],
    ];
    for (const [method, url, body] of routes) {
      const response = await anonymous.request(method as 'GET', url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json().error.code).toBe('auth.required');
    }
  });

  it('refuses changes from another origin (403) and unknown fields (400)', async () => {
    const { client } = await signUp(t.app);
    const foreign = await client.request(
      'DELETE',
      '/api/me',
      { password: 'korrekt hest batteri', messages: 'delete' },
      {
        origin: 'https://evil.example',
      },
    );
    expect(foreign.statusCode).toBe(403);
    expect((await client.get('/api/me')).statusCode).toBe(200);
    const extra = await client.put('/api/me/consents', {
      kind: 'health_data_groups',
      given: true,
      forever: true,
    });
    expect(extra.statusCode).toBe(400);
    expect((await client.put('/api/me/consents', { kind: 'terms', given: false })).statusCode).toBe(400);
    expect((await client.delete('/api/me', { password: 'x', messages: 'keep' })).statusCode).toBe(400);
  });

  it('keeps retention rules for admins (403 for others) and group rules for owners (404 when hidden)', async () => {
    const member = await signUp(t.app);
    const hidden = await createGroupWith(admin, { visibility: 'hidden' }, [
      { person: moderator, role: 'owner' },
    ]);
    const listed = await createGroupWith(admin, {}, [{ person: member }]);
    expect((await member.client.get('/api/admin/retention')).statusCode).toBe(403);
    expect((await member.client.patch('/api/admin/retention', { outbox_days: 5 })).statusCode).toBe(403);
    expect((await member.client.get(`/api/groups/${hidden}/retention`)).statusCode).toBe(404);
    expect((await member.client.get(`/api/groups/${missing}/retention`)).statusCode).toBe(404);
    expect(
      (await member.client.put(`/api/groups/${listed}/retention`, { messageMonths: 1 })).statusCode,
    ).toBe(403);
    const own = await moderator.client.put(`/api/groups/${hidden}/retention`, { messageMonths: 24 });
    expect(own.json()).toMatchObject({ groupId: hidden, messageMonths: 24 });
    const settings = await admin.client.patch('/api/admin/retention', { outbox_days: 45 });
    expect(settings.json()).toMatchObject({ outbox_days: 45, declined_request_days: 90 });
  });
});

describe('consent', () => {
  it('asks for consent to health data before joining, and withdrawing it leaves every group at once', async () => {
    const person = await signUp(t.app, { displayName: 'Uden Samtykke', consents: [] });
    const group = await createGroupWith(admin, { name: 'Gaucher' });
    const refused = await person.client.post(`/api/groups/${group}/join-requests`, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({
      code: 'privacy.consent_required',
      details: { consent: 'health_data_groups' },
    });

    const given = await person.client.put('/api/me/consents', { kind: 'health_data_groups', given: true });
    expect(given.json().current).toContainEqual(
      expect.objectContaining({
        kind: 'health_data_groups',
        given: true,
        version: consentVersions.health_data_groups,
        outdated: false,
      }),
    );
    expect((await person.client.post(`/api/groups/${group}/join-requests`, {})).statusCode).toBe(201);
    const other = await createGroupWith(admin, { name: 'Alfa1' }, [{ person }]);
    expect((await person.client.get(`/api/groups/${other}`)).json().group.myMembership).not.toBeNull();

    const withdrawn = await person.client.put('/api/me/consents', {
      kind: 'health_data_groups',
      given: false,
    });
    expect(withdrawn.statusCode).toBe(200);
    expect((await person.client.get(`/api/groups/${other}`)).json().group.myMembership).toBeNull();
    expect((await person.client.get(`/api/groups/${group}`)).json().group.myJoinRequest).toBeNull();
    const history = withdrawn
      .json()
      .history.filter((row: { kind: string }) => row.kind === 'health_data_groups');
    expect(history).toHaveLength(1);
    expect(history[0].withdrawnAt).not.toBeNull();
  });

  it('withdrawing the mentoring consent withdraws open requests and removes the mentor profile', async () => {
    const person = await signUp(t.app, { consents: ['health_data_groups', 'health_data_mentoring'] });
    const request = await person.client.post('/api/mentoring/requests', {
      region: 'hovedstaden',
      languages: ['da'],
      topics: ['siblings'],
      consent: true,
    });
    expect(request.statusCode, request.body).toBe(201);
    const withdrawn = await person.client.put('/api/me/consents', {
      kind: 'health_data_mentoring',
      given: false,
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const again = await person.client.get(`/api/mentoring/requests/${request.json().request.id}`);
    expect(again.json().request.status).toBe('withdrawn');
  });

  it('keeps the consent of a sole owner, who must hand the group over first', async () => {
    const owner = await signUp(t.app);
    const group = await createGroupWith(admin, {}, [{ person: owner, role: 'owner' }]);
    // The admin created the group and is its first owner; leaving them out makes this person the only one.
    await admin.client.delete(`/api/groups/${group}/members/${admin.user.id}`, {});
    const refused = await owner.client.put('/api/me/consents', { kind: 'health_data_groups', given: false });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('privacy.sole_owner');
    const state = (await owner.client.get('/api/me/consents')).json();
    expect(state.current).toContainEqual(
      expect.objectContaining({ kind: 'health_data_groups', given: true }),
    );
  });
});

describe('export', () => {
  it('contains the person’s own data and nothing of anyone else’s', async () => {
    const me = await signUp(t.app, { displayName: 'Eksport Emma' });
    const other = await signUp(t.app, { displayName: 'Anden Arne' });
    const group = await createGroupWith(admin, { name: 'Wilson' }, [{ person: me }, { person: other }]);
    const mine = await post(me, group, 'Min egen besked om leveren');
    await post(other, group, 'Arnes private tanker');
    await other.client.post(`/api/messages/${mine.id}/reactions`, { emoji: '👍' });
    await me.client.post(`/api/messages/${mine.id}/reactions`, { emoji: '❤️' });

    const response = await me.client.get('/api/me/export');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('attachment');
    const archive = response.json();
    expect(archive.account.profile).toMatchObject({ email: me.user.email, displayName: 'Eksport Emma' });
    expect(archive.account.consents.map((row: { kind: string }) => row.kind)).toEqual(
      expect.arrayContaining(['terms', 'health_data_groups']),
    );
    expect(archive.account.sessions.length).toBeGreaterThan(0);
    expect(archive.groups.memberships).toContainEqual(
      expect.objectContaining({ group: 'Wilson', role: 'member' }),
    );
    expect(archive.messages.written.map((row: { body: string }) => row.body)).toEqual([
      'Min egen besked om leveren',
    ]);
    expect(archive.messages.reactions).toEqual([expect.objectContaining({ emoji: '❤️' })]);
    const text = JSON.stringify(archive);
    expect(text).not.toContain('Arnes private tanker');
    expect(text).not.toContain(other.user.email);
    expect(text).not.toContain('passwordHash');
    expect(text).not.toMatch(/\$argon2/);
  });

  it('prepares a large export as a job and offers it once, only to its owner', async () => {
    const me = await signUp(t.app, { displayName: 'Arkiv Asta' });
    const stranger = await signUp(t.app);
    const requested = await me.client.post('/api/me/exports', {});
    expect(requested.statusCode).toBe(202);
    expect(requested.json().export.status).toBe('preparing');
    let url = '';
    await expect
      .poll(
        async () => {
          const [row] = await t.database.db
            .select()
            .from(notifications)
            .where(eq(notifications.userId, me.user.id))
            .orderBy(sql`seq desc`)
            .limit(1);
          url = String(row?.data.url ?? '');
          return row?.type;
        },
        { timeout: 15_000 },
      )
      .toBe('privacy.export_ready');
    const path = new URL(url).pathname;
    expect((await stranger.client.get(path)).statusCode).toBe(404);
    const first = await me.client.get(path);
    expect(first.statusCode).toBe(200);
    expect(first.json().account.profile.email).toBe(me.user.email);
    expect((await me.client.get(path)).statusCode).toBe(404);
    expect((await me.client.get('/api/me/exports')).json().items[0].status).toBe('downloaded');
  });

  it('allows 5 exports an hour and 3 archives a day per person, then 429 with Retry-After', async () => {
    const me = await signUp(t.app);
    for (let index = 0; index < 5; index++)
      expect((await me.client.get('/api/me/export')).statusCode).toBe(200);
    for (let index = 0; index < 3; index++)
      expect((await me.client.post('/api/me/exports', {})).statusCode).toBe(202);
    const exported = await me.client.get('/api/me/export');
    const archived = await me.client.post('/api/me/exports', {});
    for (const [refused, windowSeconds] of [
      [exported, 60 * 60],
      [archived, 24 * 60 * 60],
    ] as const) {
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(windowSeconds - 60);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(windowSeconds);
    }
    // Per person: someone else exports.
    expect((await (await signUp(t.app)).client.get('/api/me/export')).statusCode).toBe(200);
  });
});

describe('deletion', () => {
  it('needs the password again', async () => {
    const me = await signUp(t.app);
    const wrong = await me.client.delete('/api/me', { password: 'forkert kodeord', messages: 'delete' });
    expect(wrong.statusCode).toBe(401);
    expect((await me.client.get('/api/me')).statusCode).toBe(200);
  });

  it('ends every session and leaves no trace of the person in any table (messages anonymised)', async () => {
    const name = 'Slettes Sigurd';
    const me = await signUp(t.app, { displayName: name });
    const second = new Client(t.app);
    await second.post('/api/auth/login', { email: me.user.email, password: me.password });
    const friend = await signUp(t.app, { displayName: 'Ven Vera' });
    const group = await createGroupWith(admin, { name: 'Noonan' }, [
      { person: me },
      { person: friend },
      { person: moderator, role: 'moderator' },
    ]);
    await me.client.patch(`/api/groups/${group}/profile`, {
      profileName: 'Sigurds far',
      bio: 'Far til Sigurd',
    });
    const root = await post(me, group, 'Vi har lige fået diagnosen');
    await post(friend, group, `Velkommen <@${me.user.id}>!`, root.id);
    await me.client.patch(`/api/messages/${root.id}`, { body: 'Vi har lige fået diagnosen Noonan' });
    await friend.client.post(`/api/messages/${root.id}/reactions`, { emoji: '❤️' });
    await me.client.post(`/api/messages/${root.id}/reactions`, { emoji: '🙏' });
    await moderator.client.get(`/api/messages/${root.id}/edits`);
    await me.client.patch('/api/me/preferences', { readReceipts: false });
    await me.client.post('/api/me/exports', {});
    const request = await me.client.post('/api/mentoring/requests', {
      region: 'midtjylland',
      languages: ['da'],
      topics: ['school'],
      needs: 'Hjælp til skolestart',
      consent: true,
    });
    expect(request.statusCode, request.body).toBe(201);
    const profile = await me.client.put('/api/mentoring/mentor-profile', {
      groupIds: [group],
      relation: 'child',
      region: 'midtjylland',
      languages: ['da'],
      topics: ['daily_life'],
      capacity: 1,
      bio: 'Far til en dreng med Noonan',
    });
    expect(profile.statusCode, profile.body).toBeLessThan(300);
    const event = await admin.client.post('/api/webinars', {
      groupId: group,
      title: 'Skolestart med Noonan',
      startsAt: new Date(t.clock.now().getTime() + 7 * 24 * 60 * 60 * 1000).toISOString(),
      durationMinutes: 60,
      mode: 'online',
    });
    expect(event.statusCode, event.body).toBe(201);
    const registered = await me.client.post(`/api/webinars/${event.json().webinar.id}/registrations`, {});
    expect(registered.statusCode, registered.body).toBeLessThan(300);
    // Moderation: Vera reports Sigurd's message, a moderator warns him naming his group name; he reports hers.
    expect((await friend.client.post(`/api/messages/${root.id}/flags`, { reason: 'spam' })).statusCode).toBe(
      201,
    );
    const queue = (await moderator.client.get(`/api/moderation/queue?groupId=${group}&status=open`)).json();
    const item = queue.items.find((entry: { message?: { id: string } }) => entry.message?.id === root.id);
    const warned = await moderator.client.post(`/api/moderation/items/${item.id}/actions`, {
      action: 'warn',
      reason: 'Sigurds far skrev reklame',
    });
    expect(warned.statusCode, warned.body).toBeLessThan(300);
    const replyId = (await friend.client.get(`/api/groups/${group}/messages?threadId=${root.id}`)).json()
      .items[0].id;
    expect(
      (await me.client.post(`/api/messages/${replyId}/flags`, { reason: 'other', note: 'Bare en test' }))
        .statusCode,
    ).toBe(201);
    const exported = (await me.client.get('/api/me/export')).json();
    expect(exported.moderation.reportsMade).toEqual([expect.objectContaining({ reason: 'other' })]);
    expect(exported.moderation.decisionsAboutMe).toEqual([expect.objectContaining({ action: 'warn' })]);
    expect(exported.events.registrations).toEqual([
      expect.objectContaining({ event: 'Skolestart med Noonan' }),
    ]);
    expect(exported.mentoring.requests).toEqual([expect.objectContaining({ needs: 'Hjælp til skolestart' })]);
    expect(exported.mentoring.mentorProfile).toMatchObject({ bio: 'Far til en dreng med Noonan' });

    const response = await me.client.delete('/api/me', { password: me.password, messages: 'anonymise' });
    expect(response.statusCode).toBe(204);
    expect((await me.client.get('/api/me')).statusCode).toBe(401);
    expect((await second.get('/api/me')).statusCode).toBe(401);
    const login = await new Client(t.app).post('/api/auth/login', {
      email: me.user.email,
      password: me.password,
    });
    expect(login.statusCode).toBe(401);

    // The conversation still makes sense: the message stays, without a name; the mention no longer points at them.
    const history = (await friend.client.get(`/api/groups/${group}/messages`)).json().items;
    expect(history[0]).toMatchObject({
      body: 'Vi har lige fået diagnosen Noonan',
      author: null,
      replyCount: 1,
    });
    const replies = (await friend.client.get(`/api/groups/${group}/messages?threadId=${root.id}`)).json()
      .items;
    expect(replies[0].body).toBe('Velkommen @Tidligere medlem!');

    await expect
      .poll(() => tracesOf([me.user.email, name, 'Sigurds far', me.user.id]), { timeout: 15_000 })
      .toEqual([]);
  });

  it('empties the text of the person’s messages when they choose delete', async () => {
    const me = await signUp(t.app, { displayName: 'Tavs Tove' });
    const friend = await signUp(t.app);
    const group = await createGroupWith(admin, {}, [{ person: me }, { person: friend }]);
    const message = await post(me, group, 'Noget jeg ikke vil efterlade');
    expect(
      (await me.client.delete('/api/me', { password: me.password, messages: 'delete' })).statusCode,
    ).toBe(204);
    const [row] = await t.database.db.select().from(messages).where(eq(messages.id, message.id));
    expect(row).toMatchObject({ body: '', authorId: null });
    expect(row?.deletedAt).not.toBeNull();
    const seen = (await friend.client.get(`/api/groups/${group}/messages`)).json().items;
    expect(seen.at(-1)).toMatchObject({ deleted: true, body: null });
    expect(await tracesOf(['Noget jeg ikke vil efterlade', me.user.id])).toEqual([]);
  });
});

describe('access records', () => {
  it('tells a person when a moderator opened their join request or the earlier versions of their message', async () => {
    const person = await signUp(t.app, { displayName: 'Indsigt Ida' });
    const group = await createGroupWith(admin, { name: 'Rett' }, [{ person: moderator, role: 'moderator' }]);
    await person.client.post(`/api/groups/${group}/join-requests`, {
      message: 'Vores datter har Rett syndrom',
    });
    expect((await moderator.client.get(`/api/groups/${group}/join-requests`)).statusCode).toBe(200);
    const records = (await person.client.get('/api/me/access-records')).json().items;
    expect(records).toEqual([
      expect.objectContaining({
        actorName: 'Mikkel Munk',
        actorRole: 'moderator',
        kind: 'group.join_request',
        reason: 'review_join_requests',
        group: { id: group, name: 'Rett' },
      }),
    ]);
    // A coordinator opening a family's mentor request, and a moderator opening a report about a message, count too.
    const coordinator = await signUp(t.app, { displayName: 'Kim Kristensen' });
    await t.database.db
      .update(users)
      .set({ platformRole: 'coordinator' })
      .where(eq(users.id, coordinator.user.id));
    await enableTotp(coordinator.client, t.clock);
    const asked = await person.client.post('/api/mentoring/requests', {
      region: 'sjaelland',
      languages: ['da'],
      topics: ['diagnosis'],
      consent: true,
    });
    expect(
      (await coordinator.client.get(`/api/mentoring/requests/${asked.json().request.id}`)).statusCode,
    ).toBe(200);
    const chatGroup = await createGroupWith(admin, { name: 'PKU' }, [
      { person },
      { person: moderator, role: 'moderator' },
    ]);
    const reporter = await signUp(t.app);
    await admin.client.post(`/api/groups/${chatGroup}/members`, { email: reporter.user.email });
    const posted = await post(person, chatGroup, 'Sælger billig medicin');
    await reporter.client.post(`/api/messages/${posted.id}/flags`, { reason: 'spam' });
    const queue = (
      await moderator.client.get(`/api/moderation/queue?groupId=${chatGroup}&status=open`)
    ).json();
    expect((await moderator.client.get(`/api/moderation/items/${queue.items[0].id}`)).statusCode).toBe(200);
    const kinds = (await person.client.get('/api/me/access-records'))
      .json()
      .items.map((record: { kind: string; actorName: string }) => `${record.kind}:${record.actorName}`);
    expect(kinds).toEqual(
      expect.arrayContaining(['mentoring.request:Kim Kristensen', 'moderation.case:Mikkel Munk']),
    );

    // Looking at one's own data is not recorded, and nobody else sees these records.
    expect((await moderator.client.get('/api/me/access-records')).json().items).toEqual([]);
    const rows = await t.database.db
      .select()
      .from(accessRecords)
      .where(eq(accessRecords.subjectId, moderator.user.id));
    expect(rows).toEqual([]);
  });
});

describe('retention', () => {
  it('deletes old messages by the group’s rule, old declined requests, old mail, and warns then deletes inactive accounts', async () => {
    const day = 24 * 60 * 60 * 1000;
    const writer = await signUp(t.app, { displayName: 'Gammel Gerda' });
    const sleeper = await signUp(t.app, { displayName: 'Sovende Svend' });
    const group = await createGroupWith(admin, {}, [{ person: writer }]);
    await admin.client.put(`/api/groups/${group}/retention`, { messageMonths: 6 });
    const old = await post(writer, group, 'Gammel besked');
    await post(writer, group, 'Svar på den gamle', old.id);
    const requester = await signUp(t.app);
    const closed = await createGroupWith(admin, {}, [{ person: moderator, role: 'moderator' }]);
    const request = (await requester.client.post(`/api/groups/${closed}/join-requests`, {})).json()
      .joinRequest;
    await moderator.client.post(`/api/groups/${closed}/join-requests/${request.id}/decline`, {});

    t.clock.advance(200 * day);
    await writer.client.post('/api/auth/login', { email: writer.user.email, password: writer.password });
    const fresh = await post(writer, group, 'Ny besked');
    // Read before the run, so the page is kept in the chat's memory: the run must make it forget.
    expect((await writer.client.get(`/api/groups/${group}/messages`)).json().items).toHaveLength(2);
    let report = await t.app.services.retention.run();
    expect(report.messages).toBe(2);
    expect(report.declinedRequests).toBeGreaterThanOrEqual(1);
    expect(report.outboxMails).toBeGreaterThan(0);
    const left = (await writer.client.get(`/api/groups/${group}/messages`)).json().items;
    expect(left.map((message: { id: string }) => message.id)).toEqual([fresh.id]);
    const requests = await t.database.db
      .select()
      .from(groupJoinRequests)
      .where(eq(groupJoinRequests.userId, requester.user.id));
    expect(requests).toEqual([]);

    // Three years without signing in: a warning mail first, deletion 30 days later unless they come back.
    t.clock.advance(3 * 365 * day);
    await writer.client.post('/api/auth/login', { email: writer.user.email, password: writer.password });
    report = await t.app.services.retention.run();
    expect(report.warnedAccounts).toBeGreaterThanOrEqual(1);
    const warnings = await t.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, sleeper.user.email));
    expect(warnings.map((mail) => mail.subject)).toContain('Vil du beholde din konto på Spejl?');
    expect(warnings.find((mail) => mail.subject === 'Vil du beholde din konto på Spejl?')?.text).toContain(
      'Du har ikke brugt Spejl i 3 år.',
    );
    expect((await t.app.services.retention.run()).warnedAccounts).toBe(0);
    t.clock.advance(31 * day);
    await writer.client.post('/api/auth/login', { email: writer.user.email, password: writer.password });
    report = await t.app.services.retention.run();
    expect(report.deletedAccounts).toBeGreaterThanOrEqual(1);
    const sleeperLogin = await new Client(t.app).post('/api/auth/login', {
      email: sleeper.user.email,
      password: sleeper.password,
    });
    expect(sleeperLogin.statusCode).toBe(401);
    expect((await writer.client.get('/api/me')).statusCode).toBe(200);
  });
});

describe('retention rules in the administration', () => {
  // The retention run above moved the clock years ahead: the first admin's session has ended.
  let admin: Person;
  beforeAll(async () => {
    admin = await signUpAdmin(t);
  });
  /** This admin's entries with the action (the access tests above changed a rule too). */
  const auditOf = (action: string) =>
    t.database.db
      .select()
      .from(moderationAuditLog)
      .where(and(eq(moderationAuditLog.action, action), eq(moderationAuditLog.actorId, admin.user.id)));

  it('asks an admin to enrol or confirm the second factor before the rules are read or changed', async () => {
    const unenrolled = await signUp(t.app, { displayName: 'Ulla Uden Kode' });
    await t.database.db.update(users).set({ platformRole: 'admin' }).where(eq(users.id, unenrolled.user.id));
    const enrol = await unenrolled.client.patch('/api/admin/retention', { outbox_days: 7 });
    expect(enrol.statusCode).toBe(403);
    expect(enrol.json().error.code).toBe('auth.mfa_enrolment_required');

    const passwordOnly = await signUp(t.app, { displayName: 'Peter Password' });
    await enableTotp(passwordOnly.client, t.clock);
    await t.database.db
      .update(users)
      .set({ platformRole: 'admin' })
      .where(eq(users.id, passwordOnly.user.id));
    await t.database.db
      .update(sessions)
      .set({ mfaVerified: false })
      .where(eq(sessions.userId, passwordOnly.user.id));
    const before = (await admin.client.get('/api/admin/retention')).json();
    for (const response of [
      await passwordOnly.client.get('/api/admin/retention'),
      await passwordOnly.client.patch('/api/admin/retention', { outbox_days: 7, reason: 'Uden kode' }),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('auth.mfa_step_up_required');
    }
    expect((await admin.client.get('/api/admin/retention')).json()).toEqual(before);
  });

  it('writes each change to the audit log with the admin, the reason and only the rules that changed', async () => {
    const before = (await admin.client.get('/api/admin/retention')).json();
    const response = await admin.client.patch('/api/admin/retention', {
      outbox_days: before.outbox_days === 14 ? 15 : 14,
      declined_request_days: before.declined_request_days,
      message_months: 24,
      reason: '  Mindre gemt post efter aftale med bestyrelsen  ',
    });
    expect(response.statusCode, response.body).toBe(200);
    const after = response.json();
    expect(after).toMatchObject({ message_months: 24, declined_request_days: before.declined_request_days });
    expect((await admin.client.get('/api/admin/retention')).json()).toEqual(after);

    const [entry, ...others] = await auditOf('retention.updated');
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      groupId: null,
      actorId: admin.user.id,
      reason: 'Mindre gemt post efter aftale med bestyrelsen',
      before: { outbox_days: before.outbox_days, message_months: before.message_months },
      after: { outbox_days: after.outbox_days, message_months: 24 },
    });
    expect(Object.keys(entry?.after ?? {}).sort()).toEqual(['message_months', 'outbox_days']);

    // The platform's audit log shows it, with who and why; keeping forever (null) is a change like any other.
    const log = (await admin.client.get('/api/moderation/audit-log')).json().items as Array<{
      action: string;
      reason: string | null;
      actor: { displayName: string } | null;
    }>;
    expect(log.find((item) => item.action === 'retention.updated')).toMatchObject({
      reason: 'Mindre gemt post efter aftale med bestyrelsen',
      actor: { displayName: 'Astrid Andersen' },
    });
    const forever = await admin.client.patch('/api/admin/retention', { message_months: null });
    expect(forever.json().message_months).toBeNull();
    const entries = await auditOf('retention.updated');
    expect(entries).toHaveLength(2);
    expect(entries.find((row) => row.reason === null)).toMatchObject({
      before: { message_months: 24 },
      after: { message_months: null },
    });

    // Saving the same values again changes nothing and writes nothing.
    await admin.client.patch('/api/admin/retention', { message_months: null, reason: 'Ingen ændring' });
    expect(await auditOf('retention.updated')).toHaveLength(2);
    await admin.client.patch('/api/admin/retention', { outbox_days: before.outbox_days });
  });

  it.each([
    ['an unknown rule', { keep_days: 10 }],
    ['zero', { outbox_days: 0 }],
    ['more than 1200', { inactive_account_years: 1201 }],
    ['a fraction', { declined_request_days: 2.5 }],
    ['a number as text', { outbox_days: '30' }],
    ['only a reason', { reason: 'Ingen regel' }],
    ['a reason that is too short', { outbox_days: 20, reason: 'x' }],
    ['a reason that is too long', { outbox_days: 20, reason: 'x'.repeat(501) }],
  ])('refuses %s with validation.failed and changes nothing', async (_label, body) => {
    const before = (await admin.client.get('/api/admin/retention')).json();
    const entries = (await auditOf('retention.updated')).length;
    const response = await admin.client.patch('/api/admin/retention', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation.failed');
    expect((await admin.client.get('/api/admin/retention')).json()).toEqual(before);
    expect(await auditOf('retention.updated')).toHaveLength(entries);
  });

  it("writes a group's own rule to that group's audit log", async () => {
    const owner = await signUp(t.app, { displayName: 'Olga Ejer' });
    await enableTotp(owner.client, t.clock);
    const group = await createGroupWith(admin, {}, [{ person: owner, role: 'owner' }]);
    const set = await owner.client.put(`/api/groups/${group}/retention`, {
      messageMonths: 12,
      reason: 'Vi gemmer et år',
    });
    expect(set.statusCode, set.body).toBe(200);
    await owner.client.put(`/api/groups/${group}/retention`, { messageMonths: null });
    const rows = await t.database.db
      .select()
      .from(moderationAuditLog)
      .where(
        and(eq(moderationAuditLog.action, 'retention.group_updated'), eq(moderationAuditLog.groupId, group)),
      );
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.reason === 'Vi gemmer et år')).toMatchObject({
      actorId: owner.user.id,
      before: { messageMonths: null },
      after: { messageMonths: 12 },
    });
    expect(rows.find((row) => row.reason === null)).toMatchObject({
      actorId: owner.user.id,
      before: { messageMonths: 12 },
      after: { messageMonths: null },
    });
    const log = (await owner.client.get(`/api/moderation/audit-log?groupId=${group}`)).json().items as Array<{
      action: string;
    }>;
    expect(log.map((item) => item.action)).toContain('retention.group_updated');
  });
});
