import { moderationAuditLog, organisations, sessions, users } from '@spejl/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, enableTotp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';
import { slugFromName } from './associations.service.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let member: Person;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  member = await signUp(t.app, { displayName: 'Malene Madsen' });
});
afterAll(async () => {
  await t?.close();
});

const unknownId = '00000000-0000-4000-8000-000000000000';
let counter = 0;
async function createAssociation(overrides: Record<string, unknown> = {}) {
  counter += 1;
  const response = await admin.client.post('/api/admin/associations', {
    name: `Forening nummer ${counter}`,
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; name: string; slug: string };
}

async function auditFor(action: string, associationId: string) {
  const rows = await t.database.db
    .select()
    .from(moderationAuditLog)
    .where(eq(moderationAuditLog.action, action));
  return rows.filter(
    (row) => (row.after as { associationId?: string } | null)?.associationId === associationId,
  );
}

describe('who may administer associations', () => {
  it('refuses without a session (401)', async () => {
    const anonymous = new Client(t.app);
    expect((await anonymous.get('/api/admin/associations')).statusCode).toBe(401);
    expect((await anonymous.post('/api/admin/associations', { name: 'Foreningen' })).statusCode).toBe(401);
    expect((await anonymous.patch(`/api/admin/associations/${unknownId}`, { name: 'Ny' })).statusCode).toBe(
      401,
    );
    expect(
      (await anonymous.post(`/api/admin/associations/${unknownId}/archive`, { reason: 'Lukket' })).statusCode,
    ).toBe(401);
  });

  it('refuses a member (403 auth.forbidden)', async () => {
    const existing = await createAssociation();
    for (const response of [
      await member.client.get('/api/admin/associations'),
      await member.client.post('/api/admin/associations', { name: 'Medlemmets forening' }),
      await member.client.patch(`/api/admin/associations/${existing.id}`, { name: 'Overtaget' }),
      await member.client.post(`/api/admin/associations/${existing.id}/archive`, { reason: 'Ikke min' }),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('auth.forbidden');
    }
  });

  it('asks an admin who has not proven TOTP in this session to step up', async () => {
    const other = await signUp(t.app, { displayName: 'Anders Andreasen' });
    await enableTotp(other.client, t.clock);
    await t.database.db.update(users).set({ platformRole: 'admin' }).where(eq(users.id, other.user.id));
    await t.database.db
      .update(sessions)
      .set({ mfaVerified: false })
      .where(eq(sessions.userId, other.user.id));
    const list = await other.client.get('/api/admin/associations');
    expect(list.statusCode).toBe(403);
    expect(list.json().error.code).toBe('auth.mfa_step_up_required');
    const create = await other.client.post('/api/admin/associations', { name: 'Uden kode' });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('auth.mfa_step_up_required');
  });

  it('answers 404 for an unknown id', async () => {
    for (const response of [
      await admin.client.get(`/api/admin/associations/${unknownId}`),
      await admin.client.get('/api/admin/associations/not-a-uuid'),
      await admin.client.patch(`/api/admin/associations/${unknownId}`, { name: 'Findes ikke' }),
      await admin.client.post(`/api/admin/associations/${unknownId}/archive`, { reason: 'Findes ikke' }),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('association.not_found');
    }
  });
});

describe('validation', () => {
  it.each([
    ['a name that is too short', { name: 'A' }, 'name'],
    ['a name that is too long', { name: 'A'.repeat(121) }, 'name'],
    ['a website over http', { name: 'Forening med http', website: 'http://forening.dk' }, 'website'],
    ['a website that is no address', { name: 'Forening med tekst', website: 'forening.dk' }, 'website'],
    ['a javascript address', { name: 'Forening med script', website: 'javascript:alert(1)' }, 'website'],
    ['an invalid email', { name: 'Forening med post', contactEmail: 'kontakt@' }, 'contactEmail'],
    ['a short name that is too long', { name: 'Forening kort', shortName: 'X'.repeat(21) }, 'shortName'],
    ['an unknown field', { name: 'Forening ukendt', logo: 'x' }, null],
  ])('refuses %s with validation.failed', async (_label, body, field) => {
    const response = await admin.client.post('/api/admin/associations', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation.failed');
    if (field) expect(JSON.stringify(response.json().error.details)).toContain(`body.${field}`);
  });

  it('requires a reason to archive and something to change in an edit', async () => {
    const existing = await createAssociation();
    const noReason = await admin.client.post(`/api/admin/associations/${existing.id}/archive`, {});
    expect(noReason.statusCode).toBe(400);
    const shortReason = await admin.client.post(`/api/admin/associations/${existing.id}/archive`, {
      reason: 'x',
    });
    expect(shortReason.statusCode).toBe(400);
    const empty = await admin.client.patch(`/api/admin/associations/${existing.id}`, { reason: 'Intet' });
    expect(empty.statusCode).toBe(400);
  });

  it('refuses a name another association has, in any case (409)', async () => {
    await createAssociation({ name: 'Dansk Hæmofili Forening' });
    const response = await admin.client.post('/api/admin/associations', { name: 'dansk hæmofili forening' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('association.name_taken');
  });
});

describe('creating, editing and archiving', () => {
  it('creates an association with a slug from its name, and an audit entry naming the admin', async () => {
    const response = await admin.client.post('/api/admin/associations', {
      name: 'Landsforeningen for Ærlige Øjne',
      shortName: 'LÆØ',
      website: 'https://laeoe.dk',
      contactEmail: 'Kontakt@LAEOE.dk',
      reason: 'Ny forening i netværket',
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      name: 'Landsforeningen for Ærlige Øjne',
      slug: 'landsforeningen-for-aerlige-oejne',
      shortName: 'LÆØ',
      website: 'https://laeoe.dk',
      contactEmail: 'kontakt@laeoe.dk',
      groupCount: 0,
      archivedAt: null,
      permissions: { canEdit: true },
    });
    const [entry] = await auditFor('association.created', created.id);
    expect(entry).toMatchObject({ actorId: admin.user.id, reason: 'Ny forening i netværket', groupId: null });

    const list = (await admin.client.get('/api/admin/associations')).json();
    expect(list.items.map((item: { id: string }) => item.id)).toContain(created.id);
  });

  it('gives a second association with a name that slugs the same a new slug', async () => {
    const first = await createAssociation({ name: 'Foreningen for Å' });
    const second = await createAssociation({ name: 'Foreningen for Aa' });
    expect(first.slug).toBe('foreningen-for-aa');
    expect(second.slug).toBe('foreningen-for-aa-2');
  });

  it('edits the details, clears an optional one, and logs only what changed', async () => {
    const existing = await createAssociation({ website: 'https://gammel.dk', shortName: 'GF' });
    const response = await admin.client.patch(`/api/admin/associations/${existing.id}`, {
      name: 'Det nye navn',
      website: 'https://ny.dk',
      shortName: '',
      contactEmail: 'post@ny.dk',
      reason: 'Foreningen har skiftet navn',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      name: 'Det nye navn',
      website: 'https://ny.dk',
      shortName: null,
      contactEmail: 'post@ny.dk',
      slug: existing.slug,
    });
    const [entry] = await auditFor('association.updated', existing.id);
    expect(entry).toMatchObject({ actorId: admin.user.id, reason: 'Foreningen har skiftet navn' });
    expect(entry?.before).toEqual({
      associationId: existing.id,
      name: existing.name,
      website: 'https://gammel.dk',
      shortName: 'GF',
      contactEmail: null,
    });
    expect(entry?.after).toMatchObject({ name: 'Det nye navn', shortName: null });
  });

  it('archives with a reason, hides it from the active list, and brings it back', async () => {
    const existing = await createAssociation();
    const archived = await admin.client.post(`/api/admin/associations/${existing.id}/archive`, {
      reason: 'Foreningen er nedlagt',
    });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json().archivedAt).toEqual(expect.any(String));
    const [entry] = await auditFor('association.archived', existing.id);
    expect(entry).toMatchObject({ actorId: admin.user.id, reason: 'Foreningen er nedlagt' });

    const ids = async (status: string) =>
      (await admin.client.get(`/api/admin/associations?status=${status}`))
        .json()
        .items.map((item: { id: string }) => item.id);
    expect(await ids('active')).not.toContain(existing.id);
    expect(await ids('archived')).toContain(existing.id);
    expect(await ids('all')).toContain(existing.id);

    const again = await admin.client.post(`/api/admin/associations/${existing.id}/archive`, {
      reason: 'Igen',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('association.already_archived');

    const back = await admin.client.post(`/api/admin/associations/${existing.id}/unarchive`, {
      reason: 'Fejl, foreningen findes stadig',
    });
    expect(back.statusCode).toBe(200);
    expect(back.json().archivedAt).toBeNull();
    expect(await auditFor('association.unarchived', existing.id)).toHaveLength(1);
    const notArchived = await admin.client.post(`/api/admin/associations/${existing.id}/unarchive`, {
      reason: 'Igen',
    });
    expect(notArchived.json().error.code).toBe('association.not_archived');
  });

  it('keeps an archived association’s groups working, still showing its name', async () => {
    const existing = await createAssociation({ name: 'Foreningen for arkiverede grupper' });
    const group = await admin.client.post('/api/groups', {
      name: 'Gruppen der bliver',
      slug: 'gruppen-der-bliver',
      kind: 'diagnosis',
      visibility: 'listed',
      joinPolicy: 'request',
      organisationId: existing.id,
    });
    expect(group.statusCode, group.body).toBe(201);
    const groupId = group.json().id ?? group.json().group?.id;
    const listed = (await admin.client.get(`/api/admin/associations/${existing.id}`)).json();
    expect(listed.groupCount).toBe(1);

    await admin.client.post(`/api/admin/associations/${existing.id}/archive`, { reason: 'Slået sammen' });
    // The public directory still lists the group, with the association's name.
    const directory = await new Client(t.app).get('/api/groups?q=Gruppen der bliver');
    expect(directory.statusCode, directory.body).toBe(200);
    const listedGroup = directory.json().items.find((item: { id: string }) => item.id === groupId);
    expect(listedGroup?.organisation).toEqual({
      id: existing.id,
      name: 'Foreningen for arkiverede grupper',
      logoUrl: null,
    });
    const [row] = await t.database.db.select().from(organisations).where(eq(organisations.id, existing.id));
    expect(row?.archivedAt).not.toBeNull();
  });
});

describe('slugFromName', () => {
  it('spells Danish letters the way a URL takes them', () => {
    expect(slugFromName('Hæmofili-foreningen')).toBe('haemofili-foreningen');
    expect(slugFromName('  Søskende & Forældre  ')).toBe('soeskende-foraeldre');
    expect(slugFromName('!!!')).toBe('forening');
  });
});
