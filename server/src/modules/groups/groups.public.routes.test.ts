import { organisations } from '@spejl/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';

// What a signed-out visitor sees (docs/SECURITY.md, "What a visitor sees"): listed groups without counts or
// rights, events for everyone without registrants; a hidden group and a group's events never, by any road.

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let member: Person;
type Created = { id: string; slug: string };
let listed: Created;
let hidden: Created;
let hiddenChild: Created;
let listedChildOfHidden: Created;
let listedChild: Created;
let associationId: string;

const missingUuid = '00000000-0000-4000-8000-000000000000';
const day = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(t.clock.now().getTime() + days * day).toISOString();

async function createGroup(body: Record<string, unknown>): Promise<Created> {
  const response = await admin.client.post('/api/groups', {
    kind: 'diagnosis',
    joinPolicy: 'request',
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().group as Created;
}

async function createEvent(body: Record<string, unknown>) {
  const response = await admin.client.post('/api/webinars', {
    description: 'Om hverdagen med en sjælden diagnose.',
    startsAt: inDays(7),
    durationMinutes: 60,
    mode: 'in_person',
    location: 'Odense',
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().webinar as { id: string; title: string };
}

/** Every group a visitor can reach by listing, search and sub-group listing, as names. */
async function everythingVisible(visitor: Client, queries: string[]) {
  const names = new Set<string>();
  const urls = [
    '/api/groups?limit=100',
    ...queries.map((q) => `/api/groups?limit=100&q=${encodeURIComponent(q)}`),
    ...[listed, hidden, hiddenChild, listedChildOfHidden].map(
      (group) => `/api/groups?limit=100&parentId=${group.id}`,
    ),
  ];
  for (const url of urls) {
    const response = await visitor.get(url);
    expect(response.statusCode, url).toBe(200);
    for (const item of response.json().items as Array<{ name: string }>) names.add(item.name);
  }
  return names;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  member = await signUp(t.app, { displayName: 'Sofie' });
  const [association] = await t.database.db
    .insert(organisations)
    .values({ name: 'Foreningen for Cystisk Fibrose', slug: 'ffcf' })
    .returning();
  if (!association) throw new Error('no association');
  associationId = association.id;
  listed = await createGroup({
    name: 'Cystisk fibrose',
    slug: 'cystisk-fibrose',
    description: 'Erfaringer med hverdag og behandling.',
    visibility: 'listed',
    organisationId: associationId,
    diagnosisTerms: ['cystic fibrosis', 'E84'],
  });
  hidden = await createGroup({
    name: 'Forældre til piger med Rett syndrom',
    slug: 'rett-foraeldre',
    description: 'Skjult gruppe.',
    visibility: 'hidden',
    diagnosisTerms: ['Rett', 'F84.2'],
  });
  hiddenChild = await createGroup({
    name: 'Bedsteforældre med CF',
    slug: 'cf-bedsteforaeldre',
    kind: 'subgroup',
    parentId: listed.id,
    visibility: 'hidden',
  });
  listedChild = await createGroup({
    name: 'Unge med CF',
    slug: 'cf-unge',
    kind: 'subgroup',
    parentId: listed.id,
    visibility: 'listed',
  });
  listedChildOfHidden = await createGroup({
    name: 'Søskende til piger med Rett',
    slug: 'rett-soeskende',
    kind: 'subgroup',
    parentId: hidden.id,
    visibility: 'listed',
  });
  const joined = await admin.client.post(`/api/groups/${listed.id}/members`, { email: member.user.email });
  expect(joined.statusCode).toBe(201);
});

afterAll(async () => {
  await t?.close();
});

describe('the directory signed out', () => {
  it('lists listed groups with name, association and description, and no counts, members or rights', async () => {
    const response = await new Client(t.app).get('/api/groups?limit=100');
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<Record<string, unknown>>;
    const cf = items.find((item) => item.slug === 'cystisk-fibrose');
    expect(cf).toMatchObject({
      name: 'Cystisk fibrose',
      description: 'Erfaringer med hverdag og behandling.',
      organisation: { id: associationId, name: 'Foreningen for Cystisk Fibrose' },
      memberCount: null,
      pendingRequestCount: null,
      unread: null,
      myMembership: null,
      myJoinRequest: null,
    });
    expect(Object.values(cf?.permissions as Record<string, boolean>).every((allowed) => !allowed)).toBe(true);
    expect(items.every((item) => item.memberCount === null)).toBe(true);
  });

  it('never shows a hidden group: not listed, not by search, not by parentId', async () => {
    const names = await everythingVisible(new Client(t.app), [
      'Rett',
      'F84.2',
      'forældre',
      'skjult',
      'bedsteforældre',
      'CF',
    ]);
    expect(names).toContain('Cystisk fibrose');
    expect(names).toContain('Unge med CF');
    expect(names).toContain('Søskende til piger med Rett');
    expect(names).not.toContain('Forældre til piger med Rett syndrom');
    expect(names).not.toContain('Bedsteforældre med CF');
  });

  it('lists a listed parent’s listed sub-groups, and nothing under a hidden parent', async () => {
    const visitor = new Client(t.app);
    const underListed = await visitor.get(`/api/groups?parentId=${listed.id}`);
    expect(underListed.json().items.map((item: { name: string }) => item.name)).toEqual(['Unge med CF']);
    // A hidden parent's id finds the same as an id that does not exist.
    const underHidden = await visitor.get(`/api/groups?parentId=${hidden.id}`);
    const underMissing = await visitor.get(`/api/groups?parentId=${missingUuid}`);
    expect(underHidden.json()).toEqual(underMissing.json());
    expect(underHidden.json().items).toEqual([]);
  });

  it('does not name a hidden parent of a listed sub-group', async () => {
    const response = await new Client(t.app).get(`/api/groups/${listedChildOfHidden.slug}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().group).toMatchObject({ parentId: null, parentName: null });
    expect(response.body).not.toContain(hidden.id);
    expect(response.body).not.toContain('Rett syndrom');
    const child = await new Client(t.app).get(`/api/groups/${listedChild.id}`);
    expect(child.json().group).toMatchObject({ parentId: listed.id, parentName: 'Cystisk fibrose' });
  });

  it('does not name a hidden parent to a signed-in person outside it either; an admin sees it', async () => {
    const outsider = await signUp(t.app, { displayName: 'Jonas Jensen' });
    const page = await outsider.client.get(`/api/groups/${listedChildOfHidden.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().group).toMatchObject({ parentId: null, parentName: null });
    const list = await outsider.client.get('/api/groups?limit=100');
    for (const body of [page.body, list.body]) {
      expect(body).not.toContain(hidden.id);
      expect(body).not.toContain('Rett syndrom');
    }
    const asAdmin = await admin.client.get(`/api/groups/${listedChildOfHidden.slug}`);
    expect(asAdmin.json().group).toMatchObject({ parentId: hidden.id });
  });

  it('finds listed groups by diagnosis term and code', async () => {
    const visitor = new Client(t.app);
    for (const q of ['cystic fibrosis', 'E84', 'cystisk']) {
      const response = await visitor.get(`/api/groups?q=${encodeURIComponent(q)}`);
      expect(response.json().items[0]?.name, q).toBe('Cystisk fibrose');
    }
  });

  it('pages as members’ lists do', async () => {
    const visitor = new Client(t.app);
    const first = await visitor.get('/api/groups?limit=1');
    expect(first.json().items).toHaveLength(1);
    expect(first.json().nextCursor).toEqual(expect.any(String));
    const second = await visitor.get(`/api/groups?limit=1&cursor=${first.json().nextCursor}`);
    expect(second.json().items[0].id).not.toBe(first.json().items[0].id);
  });

  it('shows a listed group’s page by slug or id; a hidden or missing one answers 401 alike', async () => {
    const visitor = new Client(t.app);
    for (const key of [listed.slug, listed.id]) {
      const response = await visitor.get(`/api/groups/${key}`);
      expect(response.statusCode).toBe(200);
      expect(response.json().group.memberCount).toBeNull();
    }
    const answers = [];
    for (const key of [hidden.slug, hidden.id, hiddenChild.slug, 'ingen-gruppe', missingUuid]) {
      const response = await visitor.get(`/api/groups/${key}`);
      answers.push({ status: response.statusCode, body: response.json() });
    }
    for (const answer of answers) expect(answer).toEqual(answers[4]);
    expect(answers[0]?.status).toBe(401);
    expect(answers[0]?.body.error.code).toBe('auth.required');
  });

  it('keeps members’ answers as they were: counts, rights, a hidden group 404', async () => {
    const page = await member.client.get(`/api/groups/${listed.slug}`);
    expect(page.json().group.memberCount).toBe(2);
    expect(page.json().group.permissions.canRead).toBe(true);
    expect((await member.client.get(`/api/groups/${hidden.slug}`)).statusCode).toBe(404);
  });

  it('lists the groups a member is waiting to join with pending=true; none signed out', async () => {
    const newcomer = await signUp(t.app, { displayName: 'Ny forælder' });
    expect((await newcomer.client.get('/api/groups?pending=true')).json().items).toEqual([]);
    const asked = await newcomer.client.post(`/api/groups/${listed.id}/join-requests`, {});
    expect(asked.statusCode, asked.body).toBe(201);
    const pending = await newcomer.client.get('/api/groups?pending=true');
    expect(pending.json().items.map((item: { slug: string }) => item.slug)).toEqual([listed.slug]);
    expect(pending.json().items[0].myJoinRequest.status).toBe('pending');
    // A member's own groups are not "waiting", and a visitor has nothing to wait for.
    expect((await member.client.get('/api/groups?pending=true')).json().items).toEqual([]);
    expect((await new Client(t.app).get('/api/groups?pending=true')).json().items).toEqual([]);
  });

  it('answers 401 for members, join requests and everything else of a listed group', async () => {
    const visitor = new Client(t.app);
    for (const [method, url] of [
      ['GET', `/api/groups/${listed.id}/members`],
      ['POST', `/api/groups/${listed.id}/join-requests`],
      ['GET', `/api/groups/${listed.id}/membership-events`],
      ['GET', '/api/groups?mine=true'],
    ] as const) {
      const response = await visitor.request(method, url, method === 'POST' ? {} : undefined);
      if (url.includes('mine=true')) {
        // "Mine" means nothing signed out: the visitor gets the directory, no membership is read.
        expect(response.statusCode).toBe(200);
        continue;
      }
      expect(response.statusCode, url).toBe(401);
    }
  });

  it('limits a visitor’s reads per address: 429 with Retry-After, other addresses and members unaffected', async () => {
    const visitor = new Client(t.app, '192.0.2.77');
    let limited: Awaited<ReturnType<Client['get']>> | undefined;
    for (let attempt = 0; attempt < 301 && !limited; attempt += 1) {
      const response = await visitor.get(attempt % 2 ? '/api/groups' : `/api/groups/${listed.slug}`);
      if (response.statusCode === 429) limited = response;
      else expect(response.statusCode).toBe(200);
    }
    expect(limited?.json().error.code).toBe('rate_limited');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect((await new Client(t.app, '192.0.2.78').get('/api/groups')).statusCode).toBe(200);
    const sameAddressMember = await member.client.get('/api/groups');
    expect(sameAddressMember.statusCode).toBe(200);
  });
});

describe('events signed out', () => {
  let forEveryone: { id: string; title: string };

  beforeAll(async () => {
    forEveryone = await createEvent({ title: 'Åbent møde om sjældne diagnoser', speakers: 'En læge' });
    await createEvent({ title: 'Kun for gruppen', groupId: listed.id });
    await createEvent({ title: 'Kun for den skjulte gruppe', groupId: hidden.id });
    await createEvent({ title: 'Kun for foreningen', organisationId: associationId });
    const cancelled = await createEvent({ title: 'Aflyst møde for alle' });
    expect(
      (await admin.client.post(`/api/webinars/${cancelled.id}/cancel`, { reason: 'Sygdom' })).statusCode,
    ).toBe(200);
    const registered = await member.client.post(`/api/webinars/${forEveryone.id}/registrations`, {});
    expect(registered.statusCode, registered.body).toBe(201);
  });

  it('lists only coming events for everyone, with no registrants, hosts or seats', async () => {
    const response = await new Client(t.app).get('/api/webinars');
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<Record<string, unknown>>;
    expect(items.map((item) => item.title)).toEqual(['Åbent møde om sjældne diagnoser']);
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(
      [
        'audience',
        'description',
        'durationMinutes',
        'endsAt',
        'id',
        'location',
        'mode',
        'speakers',
        'startsAt',
        'status',
        'title',
      ].sort(),
    );
    expect(items[0]).toMatchObject({ audience: 'platform', location: 'Odense', status: 'scheduled' });
  });

  it('never shows a group’s or an association’s event: not by groupId, not in the past, not as “mine”', async () => {
    const visitor = new Client(t.app);
    const seen = new Set<string>();
    for (const url of [
      '/api/webinars?limit=100',
      `/api/webinars?groupId=${listed.id}`,
      `/api/webinars?groupId=${hidden.id}`,
      '/api/webinars?view=mine',
      '/api/webinars?view=past',
      `/api/webinars?from=${encodeURIComponent(inDays(-1))}&to=${encodeURIComponent(inDays(30))}`,
    ]) {
      const response = await visitor.get(url);
      expect(response.statusCode, url).toBe(200);
      for (const item of response.json().items as Array<{ title: string }>) seen.add(item.title);
    }
    expect([...seen]).toEqual(['Åbent møde om sjældne diagnoser']);
  });

  it('keeps every other event route behind a session', async () => {
    const visitor = new Client(t.app);
    expect((await visitor.get(`/api/webinars/${forEveryone.id}`)).statusCode).toBe(401);
    expect((await visitor.get(`/api/webinars/${forEveryone.id}/registrations`)).statusCode).toBe(401);
    expect((await visitor.post(`/api/webinars/${forEveryone.id}/registrations`, {})).statusCode).toBe(401);
  });

  it('limits a visitor’s reads of the list per address: 429 with Retry-After', async () => {
    const visitor = new Client(t.app, '192.0.2.90');
    let limited: Awaited<ReturnType<Client['get']>> | undefined;
    for (let attempt = 0; attempt < 301 && !limited; attempt += 1) {
      const response = await visitor.get('/api/webinars');
      if (response.statusCode === 429) limited = response;
    }
    expect(limited?.json().error.code).toBe('rate_limited');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect((await member.client.get('/api/webinars')).statusCode).toBe(200);
  });

  it('still shows members their events in full', async () => {
    const response = await member.client.get('/api/webinars?limit=100');
    const titles = (response.json().items as Array<{ title: string }>).map((item) => item.title);
    expect(titles).toContain('Kun for gruppen');
    expect(titles).toContain('Kun for foreningen');
    expect(titles).not.toContain('Kun for den skjulte gruppe');
    const mine = (response.json().items as Array<Record<string, unknown>>).find(
      (item) => item.id === forEveryone.id,
    );
    expect(mine?.registeredCount).toBe(1);
  });
});
