import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';
import {
  addToGroup,
  associationWithGroups,
  createResource,
  resourceBody,
  signUpWithTotp,
} from './resources.testing.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let editor: Person;
let owner: Person;
let member: Person;
let outsider: Person;
let anonymous: Client;
let associationId: string;
let listedGroupId: string;
let hiddenGroupId: string;

const unknownId = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  editor = await signUpWithTotp(t, 'Ellen Redaktør');
  owner = await signUpWithTotp(t, 'Ole Ejer');
  member = await signUp(t.app, { displayName: 'Mette Medlem' });
  outsider = await signUpWithTotp(t, 'Ulla Udenfor');
  anonymous = new Client(t.app);
  ({ associationId, listedGroupId, hiddenGroupId } = await associationWithGroups(
    admin,
    'Foreningen for Prøver',
  ));
  await addToGroup(admin, listedGroupId, owner, 'owner');
  await addToGroup(admin, hiddenGroupId, owner, 'owner');
  await addToGroup(admin, listedGroupId, member);
  await addToGroup(admin, hiddenGroupId, member);
  const added = await admin.client.post(`/api/associations/${associationId}/editors`, {
    email: editor.user.email,
  });
  expect(added.statusCode, added.body).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

const codeOf = (response: { json(): unknown }) => (response.json() as { error: { code: string } }).error.code;

describe('access to every route', () => {
  it('answers 401 without a session on every route that changes the kit, and on the queue', async () => {
    const existing = await createResource(admin, { public: false });
    for (const [method, url, body] of [
      ['POST', '/api/resources', resourceBody()],
      ['PATCH', `/api/resources/${existing.id}`, { title: 'Ny titel' }],
      ['DELETE', `/api/resources/${existing.id}`],
      ['POST', `/api/resources/${existing.id}/still-correct`],
      ['POST', `/api/resources/${existing.id}/withdraw`, { reason: 'Forældet' }],
      ['POST', `/api/resources/${existing.id}/republish`, {}],
      ['GET', '/api/resources/review'],
      ['GET', `/api/associations/${associationId}/editors`],
      ['POST', `/api/associations/${associationId}/editors`, { email: member.user.email }],
      ['DELETE', `/api/associations/${associationId}/editors/${editor.user.id}`],
    ] as const) {
      const response = await anonymous.request(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(codeOf(response)).toBe('auth.required');
    }
    // A resource that is not public answers signed out as one that does not exist.
    expect(codeOf(await anonymous.get(`/api/resources/${existing.id}`))).toBe('auth.required');
    expect(codeOf(await anonymous.get(`/api/resources/${unknownId}`))).toBe('auth.required');
  });

  it('refuses members and outsiders with 403, and editors without a second factor with its code', async () => {
    const platform = await createResource(admin);
    const inAssociation = await createResource(editor, {
      scope: { type: 'association', id: associationId },
      public: false,
    });
    const inGroup = await createResource(owner, {
      scope: { type: 'group', id: listedGroupId },
      public: false,
    });
    expect(codeOf(await member.client.post('/api/resources', resourceBody()))).toBe('auth.forbidden');
    expect(codeOf(await editor.client.post('/api/resources', resourceBody()))).toBe('auth.forbidden');
    expect(codeOf(await owner.client.patch(`/api/resources/${platform.id}`, { title: 'Overtaget' }))).toBe(
      'auth.forbidden',
    );
    expect(codeOf(await member.client.patch(`/api/resources/${inGroup.id}`, { title: 'Overtaget' }))).toBe(
      'auth.forbidden',
    );
    expect(codeOf(await member.client.delete(`/api/resources/${inAssociation.id}`))).toBe('auth.forbidden');
    expect(codeOf(await outsider.client.get(`/api/resources/${inAssociation.id}`))).toBe(
      'resource.members_only',
    );
    expect(codeOf(await outsider.client.get(`/api/resources/${inGroup.id}`))).toBe('group.not_member');
    expect(codeOf(await editor.client.post(`/api/resources/${inGroup.id}/still-correct`))).toBe(
      'group.not_member',
    );
    expect(codeOf(await member.client.get('/api/resources/review'))).toBe('auth.forbidden');
    expect(codeOf(await member.client.get(`/api/associations/${associationId}/editors`))).toBe(
      'auth.forbidden',
    );
    expect(
      codeOf(
        await editor.client.post(`/api/associations/${associationId}/editors`, { email: member.user.email }),
      ),
    ).toBe('auth.forbidden');
    // An editor whose account has no second factor is told to turn it on.
    const unprotected = await signUp(t.app, { displayName: 'Uffe Uden Kode' });
    await admin.client.post(`/api/associations/${associationId}/editors`, { userId: unprotected.user.id });
    const refused = await unprotected.client.post(
      '/api/resources',
      resourceBody({ scope: { type: 'association', id: associationId } }),
    );
    expect(refused.statusCode).toBe(403);
    expect(codeOf(refused)).toBe('auth.mfa_enrolment_required');
    expect(codeOf(await unprotected.client.get('/api/resources/review'))).toBe('auth.mfa_enrolment_required');
  });

  it('answers 404 for unknown ids, and for a hidden group’s resource exactly as for an unknown one', async () => {
    const hidden = await createResource(owner, {
      scope: { type: 'group', id: hiddenGroupId },
      public: false,
    });
    for (const id of [unknownId, 'not-a-uuid', hidden.id]) {
      for (const response of [
        await outsider.client.get(`/api/resources/${id}`),
        await outsider.client.patch(`/api/resources/${id}`, { title: 'Ny titel' }),
        await outsider.client.delete(`/api/resources/${id}`),
        await outsider.client.post(`/api/resources/${id}/still-correct`),
        await outsider.client.post(`/api/resources/${id}/withdraw`, { reason: 'Forældet' }),
      ]) {
        expect(response.statusCode, id).toBe(404);
        expect(response.json()).toEqual((await outsider.client.get(`/api/resources/${unknownId}`)).json());
      }
    }
    // Creating in a hidden group one is not in answers as for a group that does not exist.
    const inHidden = await outsider.client.post(
      '/api/resources',
      resourceBody({ scope: { type: 'group', id: hiddenGroupId }, public: false }),
    );
    const inUnknown = await outsider.client.post(
      '/api/resources',
      resourceBody({ scope: { type: 'group', id: unknownId }, public: false }),
    );
    expect([inHidden.statusCode, codeOf(inHidden)]).toEqual([404, 'not_found']);
    expect(inHidden.json()).toEqual(inUnknown.json());
    expect(
      codeOf(
        await admin.client.post(
          '/api/resources',
          resourceBody({ scope: { type: 'association', id: unknownId } }),
        ),
      ),
    ).toBe('association.not_found');
    expect(codeOf(await admin.client.get(`/api/associations/${unknownId}/editors`))).toBe(
      'association.not_found',
    );
    // The hidden group's resource is in no list of the outsider's, the member reads it.
    const listed = (await outsider.client.get(`/api/resources?groupId=${hiddenGroupId}`)).json();
    expect(listed.items).toEqual([]);
    expect((await member.client.get(`/api/resources/${hidden.id}`)).statusCode).toBe(200);
  });
});

describe('validation', () => {
  it.each([
    ['a title over 160 characters', { title: 'T'.repeat(161) }, 'title'],
    ['a summary over 400 characters', { summary: 'S'.repeat(401) }, 'summary'],
    ['a body over 40,000 characters', { body: 'B'.repeat(40_001) }, 'body'],
    [
      'more than 20 sources',
      { sources: Array.from({ length: 21 }, (_, i) => ({ title: `Kilde ${i}` })) },
      'sources',
    ],
    ['a source over http', { sources: [{ title: 'Kilde', url: 'http://borger.dk' }] }, 'sources'],
    ['an article without a body', { body: undefined }, 'body'],
    ['a link without an address', { kind: 'link', body: undefined }, 'url'],
    ['a link over http', { kind: 'link', body: undefined, url: 'http://example.dk' }, 'url'],
    ['a public group resource', { scope: { type: 'group', id: unknownId }, public: true }, 'public'],
    ['an unknown topic', { topic: 'taxes' }, 'topic'],
    ['no audience', { audiences: [] }, 'audiences'],
    ['an unknown municipality', { region: 'Atlantis' }, 'region'],
    ['a file without its upload', { kind: 'file', body: undefined }, 'fileId'],
    ['an unknown field', { colour: 'red' }, null],
  ])('refuses %s with validation.failed', async (_label, overrides, field) => {
    const response = await admin.client.post('/api/resources', resourceBody(overrides as never));
    expect(response.statusCode, response.body).toBe(400);
    expect(codeOf(response)).toBe('validation.failed');
    if (field) expect(JSON.stringify(response.json().error.details)).toContain(field);
  });

  it('refuses a review date in the past or more than two years ahead, and public on a group’s resource', async () => {
    // Dates from the app's clock: a month back, and three years ahead.
    const daysFromNow = (days: number) =>
      new Date(t.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
    const past = await admin.client.post('/api/resources', resourceBody({ reviewDueOn: daysFromNow(-30) }));
    expect(codeOf(past)).toBe('validation.failed');
    const far = await admin.client.post(
      '/api/resources',
      resourceBody({ reviewDueOn: daysFromNow(3 * 366) }),
    );
    expect(codeOf(far)).toBe('validation.failed');
    const inGroup = await createResource(owner, {
      scope: { type: 'group', id: listedGroupId },
      public: false,
    });
    expect(codeOf(await owner.client.patch(`/api/resources/${inGroup.id}`, { public: true }))).toBe(
      'validation.failed',
    );
    expect(
      codeOf(await owner.client.patch(`/api/resources/${inGroup.id}`, { url: 'https://www.borger.dk' })),
    ).toBe('validation.failed');
    expect(codeOf(await owner.client.patch(`/api/resources/${inGroup.id}`, {}))).toBe('validation.failed');
  });
});

describe('reading', () => {
  it('shows public resources signed out, members-only ones to members, and sends the read shape', async () => {
    const open = await createResource(admin, { title: 'Åben vejledning', region: 'Aarhus', validYear: 2030 });
    const closed = await createResource(admin, { title: 'Kun for medlemmer', public: false });
    const association = await createResource(editor, {
      title: 'Foreningens tjekliste',
      scope: { type: 'association', id: associationId },
      public: false,
    });
    const listing = await anonymous.get('/api/resources?limit=100');
    expect(listing.statusCode, listing.body).toBe(200);
    const signedOut = listing.json();
    const titles = signedOut.items.map((item: { title: string }) => item.title);
    expect(titles).toContain('Åben vejledning');
    expect(titles).not.toContain('Kun for medlemmer');
    expect(titles).not.toContain('Foreningens tjekliste');
    const read = await anonymous.get(`/api/resources/${open.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      kind: 'article',
      scope: { type: 'platform', id: null, name: null },
      region: 'Aarhus',
      validYear: 2030,
      reviewedOn: open.reviewedOn,
      reviewState: 'current',
      overdue: false,
      owner: null,
      body: '## Sådan gør I\nSpørg kommunen.',
      sources: [{ title: 'borger.dk', url: 'https://www.borger.dk' }],
      permissions: { canEdit: false, canWithdraw: false, canDelete: false },
    });
    expect((await outsider.client.get(`/api/resources/${closed.id}`)).statusCode).toBe(200);
    const asMember = (await member.client.get(`/api/resources/${association.id}`)).json();
    expect(asMember).toMatchObject({
      scope: { type: 'association', id: associationId, name: 'Foreningen for Prøver' },
    });
    expect(asMember.contact).toMatchObject({ association: { id: associationId }, fallback: false });
    const asEditor = (await editor.client.get(`/api/resources/${association.id}`)).json();
    expect(asEditor.owner).toMatchObject({ id: editor.user.id, displayName: 'Ellen Redaktør' });
    expect(asEditor.permissions).toEqual({ canEdit: true, canWithdraw: true, canDelete: true });
  });

  it('filters by topic, audience, association and group', async () => {
    const school = await createResource(admin, {
      topic: 'school_and_daycare',
      audiences: ['hospital_staff'],
    });
    const inGroup = await createResource(owner, {
      scope: { type: 'group', id: listedGroupId },
      public: false,
    });
    const ids = async (person: Person, query: string) =>
      (
        (await person.client.get(`/api/resources?limit=100&${query}`)).json().items as Array<{ id: string }>
      ).map((item) => item.id);
    expect(await ids(member, 'topic=school_and_daycare')).toContain(school.id);
    expect(await ids(member, 'topic=research')).not.toContain(school.id);
    expect(await ids(member, 'audience=hospital_staff')).toEqual([school.id]);
    // contract.md's single `audience` is the first of `audiences`.
    const read = (await member.client.get(`/api/resources/${school.id}`)).json();
    expect({ audience: read.audience, audiences: read.audiences }).toEqual({
      audience: 'hospital_staff',
      audiences: ['hospital_staff'],
    });
    expect(await ids(member, `groupId=${listedGroupId}`)).toContain(inGroup.id);
    expect(await ids(outsider, `groupId=${listedGroupId}`)).toEqual([]);
    expect((await ids(member, `associationId=${associationId}`)).length).toBeGreaterThan(0);
    expect(await ids(member, `associationId=${unknownId}`)).toEqual([]);
  });

  it('pages with nextCursor', async () => {
    for (let index = 0; index < 3; index += 1) await createResource(admin, { topic: 'work' });
    const first = (await member.client.get('/api/resources?topic=work&limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (
      await member.client.get(`/api/resources?topic=work&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.length).toBeGreaterThan(0);
    expect(second.items.map((item: { id: string }) => item.id)).not.toContain(first.items[0].id);
  });

  it('falls back to Sjældne-netværket as the contact where there is no association', async () => {
    const network = await associationWithGroups(admin, 'Sjældne Diagnoser i prøven');
    const networkGroupId = await network.group('listed', 'network');
    const platform = await createResource(admin);
    const contact = (await member.client.get(`/api/resources/${platform.id}`)).json().contact;
    expect(contact).toMatchObject({
      fallback: true,
      association: { id: network.associationId, name: 'Sjældne Diagnoser i prøven' },
      group: { id: networkGroupId },
    });
  });
});
