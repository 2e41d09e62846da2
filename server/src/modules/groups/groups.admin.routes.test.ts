import { moderationAuditLog } from '@spejl/db';
import { and, desc, eq } from 'drizzle-orm';
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
let owner: Person;
/** The owner's second session, signed in with the password only before TOTP was turned on. */
let ownerPasswordOnly: Client;
let member: Person;
let outsider: Person;
let top: string;
let child: string;
let grandchild: string;
let hidden: string;

const missingUuid = '00000000-0000-4000-8000-000000000000';

async function createSubgroup(parentId: string, name: string) {
  const response = await admin.client.post('/api/groups', {
    name,
    slug: `${name.toLowerCase().replace(/[^a-z]+/g, '-')}-${Date.now()}`,
    kind: 'subgroup',
    visibility: 'listed',
    joinPolicy: 'request',
    parentId,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().group.id as string;
}

async function latestAudit(groupId: string, action: string) {
  const [entry] = await t.database.db
    .select()
    .from(moderationAuditLog)
    .where(and(eq(moderationAuditLog.groupId, groupId), eq(moderationAuditLog.action, action)))
    .orderBy(desc(moderationAuditLog.seq))
    .limit(1);
  return entry;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  owner = await signUp(t.app, { displayName: 'Olga Ejer' });
  ownerPasswordOnly = new Client(t.app);
  const login = await ownerPasswordOnly.post('/api/auth/login', {
    email: owner.user.email,
    password: owner.password,
  });
  expect(login.statusCode, login.body).toBe(200);
  await enableTotp(owner.client, t.clock);
  member = await signUp(t.app, { displayName: 'Mette Medlem' });
  outsider = await signUp(t.app, { displayName: 'Ole Udenfor' });
  top = await createGroupWith(admin, { name: 'Ehlers-Danlos' }, [
    { person: owner, role: 'owner' },
    { person: member },
  ]);
  child = await createSubgroup(top, 'Unge med EDS');
  grandchild = await createSubgroup(child, 'Unge i Jylland');
  hidden = await createGroupWith(admin, { name: 'Skjult gruppe', visibility: 'hidden' }, [
    { person: owner, role: 'owner' },
  ]);
});
afterAll(async () => {
  await t?.close();
});

describe('refusals', () => {
  it('answers 401 without a session', async () => {
    const anonymous = new Client(t.app);
    for (const [method, url] of [
      ['PATCH', `/api/groups/${top}`],
      ['GET', '/api/admin/groups'],
      ['POST', `/api/admin/groups/${top}/archive`],
      ['POST', `/api/admin/groups/${top}/unarchive`],
    ] as const) {
      const response = await anonymous.request(method, url, method === 'GET' ? undefined : { reason: 'x' });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('answers 403 to a member who is not an owner or admin', async () => {
    const edit = await member.client.patch(`/api/groups/${top}`, { name: 'Nyt navn' });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().error.code).toBe('auth.forbidden');
    expect((await member.client.post(`/api/admin/groups/${top}/archive`, { reason: 'x' })).statusCode).toBe(
      403,
    );
    expect((await member.client.get('/api/admin/groups')).statusCode).toBe(403);
  });

  it('asks for the code when the owner has not proven TOTP in this session', async () => {
    const response = await ownerPasswordOnly.patch(`/api/groups/${top}`, { description: 'Ny' });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.mfa_step_up_required');
  });

  it('answers 404 for an unknown group and a hidden one alike to outsiders', async () => {
    for (const id of [missingUuid, hidden, 'no-such-group']) {
      for (const call of [
        () => outsider.client.patch(`/api/groups/${id}`, { name: 'Ny' }),
        () => outsider.client.post(`/api/admin/groups/${id}/archive`, { reason: 'x' }),
        () => outsider.client.post(`/api/admin/groups/${id}/unarchive`, { reason: 'x' }),
        () => outsider.client.get(`/api/admin/groups/${id}`),
      ]) {
        const response = await call();
        expect(response.statusCode, id).toBe(404);
        expect(response.json().error.code).toBe('not_found');
      }
    }
    expect(
      (await admin.client.post(`/api/admin/groups/${missingUuid}/archive`, { reason: 'x' })).statusCode,
    ).toBe(404);
  });

  it('refuses invalid bodies with 400', async () => {
    const bodies = [
      {},
      { reason: 'only a reason' },
      { name: 'x' },
      { visibility: 'secret' },
      { diagnosisTerms: Array.from({ length: 31 }, (_, index) => `term ${index}`) },
      { diagnosisTerms: ['a'.repeat(81)] },
      { diagnosisTerms: ['EDS', 'eds'] },
      { unknown: true },
    ];
    for (const body of bodies) {
      const response = await admin.client.patch(`/api/groups/${top}`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await admin.client.post(`/api/admin/groups/${top}/archive`, {})).statusCode).toBe(400);
    expect((await admin.client.post(`/api/admin/groups/${top}/archive`, { reason: ' ' })).statusCode).toBe(
      400,
    );
  });
});

describe('settings and moves', () => {
  it('lets an owner change settings, saved with before and after in the audit log', async () => {
    const response = await owner.client.patch(`/api/groups/${top}`, {
      description: 'Hypermobilitet i hverdagen.',
      historyVisibleToNewMembers: false,
      diagnosisTerms: ['Ehlers-Danlos syndrom', 'hypermobilitet', 'Q79.6'],
    });
    expect(response.statusCode, response.body).toBe(200);
    const group = response.json().group;
    expect(group.historyVisibleToNewMembers).toBe(false);
    expect(group.diagnosisTerms).toEqual(['Ehlers-Danlos syndrom', 'hypermobilitet', 'Q79.6']);
    const entry = await latestAudit(top, 'group.updated');
    expect(entry?.actorId).toBe(owner.user.id);
    expect(entry?.before).toMatchObject({
      historyVisibleToNewMembers: true,
      diagnosisTerms: [],
      description: '',
    });
    expect(entry?.after).toMatchObject({
      historyVisibleToNewMembers: false,
      description: 'Hypermobilitet i hverdagen.',
    });
  });

  it('finds the group by a diagnosis term saved in the settings', async () => {
    for (const q of ['hypermobilitet', 'Q79.6']) {
      const found = await outsider.client.get(`/api/groups?q=${encodeURIComponent(q)}`);
      expect(found.statusCode).toBe(200);
      expect(
        found.json().items.map((item: { id: string }) => item.id),
        q,
      ).toContain(top);
    }
  });

  it('does not let an owner move the group', async () => {
    for (const body of [
      { parentId: hidden, reason: 'flyt' },
      { associationId: null, reason: 'flyt' },
    ]) {
      const response = await owner.client.patch(`/api/groups/${top}`, body);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('auth.forbidden');
    }
  });

  it('refuses to move a group under itself or its descendants', async () => {
    for (const parentId of [top, child, grandchild]) {
      const response = await admin.client.patch(`/api/groups/${top}`, { parentId, reason: 'forsøg' });
      expect(response.statusCode, parentId).toBe(409);
      expect(response.json().error.code).toBe('group.move_cycle');
    }
  });

  it('needs a reason for a move', async () => {
    const response = await admin.client.patch(`/api/groups/${grandchild}`, { parentId: top });
    expect(response.statusCode).toBe(400);
  });

  it('lets an admin move a sub-group, with the reason and before/after in the audit log', async () => {
    const response = await admin.client.patch(`/api/groups/${grandchild}`, {
      parentId: top,
      reason: 'Hører til hovedgruppen',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().group.parentId).toBe(top);
    const entry = await latestAudit(grandchild, 'group.moved');
    expect(entry?.actorId).toBe(admin.user.id);
    expect(entry?.reason).toBe('Hører til hovedgruppen');
    expect(entry?.before).toEqual({ parentId: child });
    expect(entry?.after).toEqual({ parentId: top });
  });

  it('moves a sub-group to the top level only with a kind', async () => {
    const without = await admin.client.patch(`/api/groups/${grandchild}`, {
      parentId: null,
      reason: 'selvstændig',
    });
    expect(without.statusCode).toBe(400);
    const moved = await admin.client.patch(`/api/groups/${grandchild}`, {
      parentId: null,
      kind: 'network',
      reason: 'selvstændig',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().group).toMatchObject({ parentId: null, kind: 'network' });
  });
});

describe('archiving', () => {
  it('lets an admin archive with a reason: gone from the directory and 404 to members, then back', async () => {
    const archived = await admin.client.post(`/api/admin/groups/${child}/archive`, { reason: 'Ikke brugt' });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json().group.archivedAt).not.toBeNull();
    const entry = await latestAudit(child, 'group.archived');
    expect(entry).toMatchObject({
      actorId: admin.user.id,
      reason: 'Ikke brugt',
      before: { archivedAt: null },
    });
    const directory = await member.client.get('/api/groups');
    expect(directory.json().items.map((item: { id: string }) => item.id)).not.toContain(child);
    expect((await admin.client.get(`/api/groups/${child}`)).statusCode).toBe(404);
    expect((await owner.client.patch(`/api/groups/${child}`, { name: 'Ny' })).statusCode).toBe(404);

    const list = await admin.client.get('/api/admin/groups?archived=true');
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(child);
    const active = await admin.client.get('/api/admin/groups?q=ehlers');
    expect(active.json().items.map((item: { id: string }) => item.id)).toEqual([top]);

    const back = await admin.client.post(`/api/admin/groups/${child}/unarchive`, { reason: 'Brugt igen' });
    expect(back.statusCode).toBe(200);
    expect(back.json().group.archivedAt).toBeNull();
    expect((await latestAudit(child, 'group.unarchived'))?.reason).toBe('Brugt igen');
    expect((await member.client.get(`/api/groups/${child}`)).statusCode).toBe(200);
  });

  it('records group creation in the audit log', async () => {
    expect((await latestAudit(top, 'group.created'))?.actorId).toBe(admin.user.id);
  });
});
