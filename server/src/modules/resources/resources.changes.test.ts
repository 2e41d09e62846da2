import { moderationAuditLog } from '@spejl/db';
import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';
import { addToGroup, associationWithGroups, createResource, signUpWithTotp } from './resources.testing.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let editor: Person;
let owner: Person;
let member: Person;
let anonymous: Client;
let associationId: string;
let listedGroupId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  editor = await signUpWithTotp(t, 'Ellen Redaktør');
  owner = await signUpWithTotp(t, 'Ole Ejer');
  member = await signUp(t.app, { displayName: 'Mette Medlem' });
  anonymous = new Client(t.app);
  ({ associationId, listedGroupId } = await associationWithGroups(admin, 'Foreningen for Ændringer'));
  await addToGroup(admin, listedGroupId, owner, 'owner');
  await addToGroup(admin, listedGroupId, member);
  const added = await admin.client.post(`/api/associations/${associationId}/editors`, {
    email: editor.user.email,
    reason: 'Skriver foreningens vejledninger',
  });
  expect(added.statusCode, added.body).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

const codeOf = (response: { json(): unknown }) => (response.json() as { error: { code: string } }).error.code;

/** The audit entries about one resource, oldest first. */
async function auditOf(resourceId: string) {
  const rows = await t.database.db
    .select()
    .from(moderationAuditLog)
    .where(like(moderationAuditLog.action, 'resource.%'))
    .orderBy(moderationAuditLog.seq);
  return rows.filter((row) => (row.after as { resourceId?: string } | null)?.resourceId === resourceId);
}

describe('editing', () => {
  it('lets each editor change their scope, and records what changed', async () => {
    const created = await createResource(editor, {
      title: 'Foreningens vejledning',
      scope: { type: 'association', id: associationId },
      public: false,
    });
    const edited = await editor.client.patch(`/api/resources/${created.id}`, {
      title: 'Foreningens nye vejledning',
      body: 'Ny tekst.',
      audiences: ['families', 'municipal_caseworkers'],
      reason: 'Rettet efter nye regler',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      title: 'Foreningens nye vejledning',
      body: 'Ny tekst.',
      audiences: ['families', 'municipal_caseworkers'],
      reviewedOn: created.reviewedOn,
      reviewDueOn: created.reviewDueOn,
    });
    const group = await createResource(owner, { scope: { type: 'group', id: listedGroupId }, public: false });
    expect((await owner.client.patch(`/api/resources/${group.id}`, { summary: 'Kortere.' })).statusCode).toBe(
      200,
    );
    expect((await admin.client.patch(`/api/resources/${group.id}`, { topic: 'work' })).statusCode).toBe(200);

    const entries = await auditOf(created.id);
    expect(entries.map((entry) => entry.action)).toEqual(['resource.created', 'resource.updated']);
    expect(entries[1]).toMatchObject({
      actorId: editor.user.id,
      reason: 'Rettet efter nye regler',
      before: { title: 'Foreningens vejledning', audiences: ['families'], bodyLength: 30 },
      after: { title: 'Foreningens nye vejledning', bodyLength: 9, associationId, scope: 'association' },
    });
    // A group's resource is in the group's own log too.
    const groupEntries = await auditOf(group.id);
    expect(groupEntries.map((entry) => [entry.action, entry.groupId, entry.actorId])).toEqual([
      ['resource.created', listedGroupId, owner.user.id],
      ['resource.updated', listedGroupId, owner.user.id],
      ['resource.updated', listedGroupId, admin.user.id],
    ]);
  });

  it('records a check when the editor says the whole text was checked, and a new review date for a new year', async () => {
    const created = await createResource(admin);
    const nextYear = Number(created.reviewedOn.slice(0, 4)) + 1;
    const bound = await admin.client.patch(`/api/resources/${created.id}`, { validYear: nextYear });
    expect(bound.json().reviewDueOn).toBe(
      created.reviewDueOn < `${nextYear}-12-31` ? created.reviewDueOn : `${nextYear}-12-31`,
    );
    const thisYear = await admin.client.patch(`/api/resources/${created.id}`, { validYear: nextYear - 1 });
    expect(thisYear.json().reviewDueOn).toBe(`${nextYear - 1}-12-31`);
    const chosen = await admin.client.patch(`/api/resources/${created.id}`, {
      checked: true,
      reviewDueOn: created.reviewedOn,
    });
    expect(chosen.json()).toMatchObject({
      reviewedOn: created.reviewedOn,
      reviewDueOn: created.reviewedOn,
      reviewState: 'due',
    });
  });
});

describe('withdrawing and deleting', () => {
  it('hides a withdrawn resource from readers, keeps it for its editors, and publishes it again', async () => {
    const created = await createResource(owner, {
      title: 'Gruppens gamle liste',
      scope: { type: 'group', id: listedGroupId },
      public: false,
    });
    const open = await createResource(admin, { title: 'Forældet vejledning' });
    expect(
      codeOf(await member.client.post(`/api/resources/${created.id}/withdraw`, { reason: 'Forældet' })),
    ).toBe('auth.forbidden');
    expect(codeOf(await owner.client.post(`/api/resources/${created.id}/withdraw`, {}))).toBe(
      'validation.failed',
    );
    const withdrawn = await owner.client.post(`/api/resources/${created.id}/withdraw`, {
      reason: 'Listen er forældet',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({
      status: 'withdrawn',
      withdrawn: { reason: 'Listen er forældet' },
    });
    await admin.client.post(`/api/resources/${open.id}/withdraw`, { reason: 'Reglerne er ændret' });

    expect(codeOf(await member.client.get(`/api/resources/${created.id}`))).toBe('resource.not_found');
    expect(codeOf(await anonymous.get(`/api/resources/${open.id}`))).toBe('auth.required');
    const listed = async (person: { client: Client }, query = '') =>
      (
        (await person.client.get(`/api/resources?limit=100${query}`)).json().items as Array<{ id: string }>
      ).map((item) => item.id);
    expect(await listed(member)).not.toContain(created.id);
    expect(await listed({ client: anonymous })).not.toContain(open.id);
    expect(await listed(member, '&status=withdrawn')).toEqual([]);
    expect(await listed({ client: anonymous }, '&status=withdrawn')).toEqual([]);
    expect(await listed(owner, '&status=withdrawn')).toEqual([created.id]);
    expect(await listed(admin, '&status=withdrawn')).toEqual(expect.arrayContaining([created.id, open.id]));
    expect((await owner.client.get(`/api/resources/${created.id}`)).statusCode).toBe(200);

    expect(codeOf(await owner.client.post(`/api/resources/${created.id}/withdraw`, { reason: 'Igen' }))).toBe(
      'resource.already_in_state',
    );
    expect(codeOf(await owner.client.post(`/api/resources/${created.id}/still-correct`))).toBe(
      'resource.withdrawn',
    );
    const again = await owner.client.post(`/api/resources/${created.id}/republish`, {
      reason: 'Listen er opdateret',
    });
    expect(again.json()).toMatchObject({ status: 'published', withdrawn: null });
    expect((await member.client.get(`/api/resources/${created.id}`)).statusCode).toBe(200);
    expect((await auditOf(created.id)).map((entry) => [entry.action, entry.reason])).toEqual([
      ['resource.created', null],
      ['resource.withdrawn', 'Listen er forældet'],
      ['resource.republished', 'Listen er opdateret'],
    ]);
  });

  it('deletes for good (204), keeping the title in the audit log', async () => {
    const created = await createResource(editor, {
      title: 'Slettes snart',
      scope: { type: 'association', id: associationId },
    });
    expect(codeOf(await owner.client.delete(`/api/resources/${created.id}`))).toBe('auth.forbidden');
    const deleted = await editor.client.delete(`/api/resources/${created.id}`);
    expect(deleted.statusCode).toBe(204);
    expect(codeOf(await editor.client.get(`/api/resources/${created.id}`))).toBe('resource.not_found');
    expect(codeOf(await editor.client.delete(`/api/resources/${created.id}`))).toBe('resource.not_found');
    const entries = await auditOf(created.id);
    expect(entries.map((entry) => entry.action)).toEqual(['resource.created', 'resource.deleted']);
    expect(entries[1]).toMatchObject({ actorId: editor.user.id, after: { title: 'Slettes snart' } });
  });
});

describe("an association's editors", () => {
  it('are appointed and removed by admins, with the audit log, and edit only while appointed', async () => {
    const list = await admin.client.get(`/api/associations/${associationId}/editors`);
    expect(list.json().items).toEqual([
      expect.objectContaining({ userId: editor.user.id, displayName: 'Ellen Redaktør' }),
    ]);
    expect(
      codeOf(
        await admin.client.post(`/api/associations/${associationId}/editors`, { userId: editor.user.id }),
      ),
    ).toBe('resource.editor_exists');
    expect(
      codeOf(
        await admin.client.post(`/api/associations/${associationId}/editors`, {
          email: 'ingen@example.test',
        }),
      ),
    ).toBe('not_found');
    expect(
      codeOf(
        await admin.client.post(`/api/associations/${associationId}/editors`, {
          userId: editor.user.id,
          email: editor.user.email,
        }),
      ),
    ).toBe('validation.failed');

    const second = await signUpWithTotp(t, 'Sanne Suppleant');
    const appointed = await admin.client.post(`/api/associations/${associationId}/editors`, {
      userId: second.user.id,
    });
    expect(appointed.statusCode).toBe(201);
    const created = await createResource(second, {
      scope: { type: 'association', id: associationId },
      public: false,
    });
    const removed = await admin.client.delete(`/api/associations/${associationId}/editors/${second.user.id}`);
    expect(removed.statusCode).toBe(204);
    expect(
      codeOf(await admin.client.delete(`/api/associations/${associationId}/editors/${second.user.id}`)),
    ).toBe('not_found');
    // No longer an editor, and in none of the association's groups: the members-only resource is closed to them.
    expect(codeOf(await second.client.patch(`/api/resources/${created.id}`, { title: 'Efter' }))).toBe(
      'resource.members_only',
    );

    const entries = await t.database.db
      .select()
      .from(moderationAuditLog)
      .where(like(moderationAuditLog.action, 'resource.editor_%'))
      .orderBy(moderationAuditLog.seq);
    expect(entries.map((entry) => [entry.action, entry.targetUserId, entry.actorId])).toEqual([
      ['resource.editor_added', editor.user.id, admin.user.id],
      ['resource.editor_added', second.user.id, admin.user.id],
      ['resource.editor_removed', second.user.id, admin.user.id],
    ]);
  });
});
