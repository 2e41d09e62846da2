import { moderationAuditLog, sessions, users } from '@spejl/db';
import { moderationLimits, type SupportResource } from '@spejl/shared';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, enableTotp, signUp, type TestApp } from '../../testing/app.ts';
import { defaultHelplines } from './moderation.support.ts';
import { moderationWorld } from './moderation.test-support.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof moderationWorld>>;

beforeAll(async () => {
  t = await createTestApp();
  world = await moderationWorld(t);
});
afterAll(async () => {
  await t?.close();
});

const ownList: SupportResource[] = [
  {
    name: 'Sjældne Diagnosers rådgivning',
    phone: '33 14 00 10',
    url: 'https://www.sjaeldnediagnoser.dk',
    description: 'Rådgivning til familier med en sjælden diagnose.',
  },
  { name: 'Alarm 112', phone: '112' },
];
const phones = (list: SupportResource[]) => list.map((line) => line.phone ?? null);

async function supportAuditEntries() {
  return t.database.db
    .select()
    .from(moderationAuditLog)
    .where(eq(moderationAuditLog.action, 'support.updated'))
    .orderBy(desc(moderationAuditLog.seq));
}

describe('who may change the platform helplines', () => {
  it('answers 401 without a session', async () => {
    const anonymous = new Client(t.app);
    for (const response of [
      await anonymous.get('/api/admin/support'),
      await anonymous.put('/api/admin/support', { helplines: ownList }),
    ]) {
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('auth.required');
    }
  });

  it('refuses members and group moderators (403 auth.forbidden)', async () => {
    for (const person of [world.member, world.moderator]) {
      for (const response of [
        await person.client.get('/api/admin/support'),
        await person.client.put('/api/admin/support', { helplines: ownList, reason: 'Vores egen liste' }),
      ]) {
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe('auth.forbidden');
      }
    }
  });

  it('asks an admin without two-step verification to turn it on, and one who has not proven it to step up', async () => {
    const withoutTotp = await signUp(t.app, { displayName: 'Bent uden kode' });
    await t.database.db.update(users).set({ platformRole: 'admin' }).where(eq(users.id, withoutTotp.user.id));
    const enrol = await withoutTotp.client.put('/api/admin/support', { helplines: ownList });
    expect(enrol.statusCode).toBe(403);
    expect(enrol.json().error.code).toBe('auth.mfa_enrolment_required');

    const unproven = await signUp(t.app, { displayName: 'Birte med kode' });
    await enableTotp(unproven.client, t.clock);
    await t.database.db.update(users).set({ platformRole: 'admin' }).where(eq(users.id, unproven.user.id));
    await t.database.db
      .update(sessions)
      .set({ mfaVerified: false })
      .where(eq(sessions.userId, unproven.user.id));
    for (const response of [
      await unproven.client.get('/api/admin/support'),
      await unproven.client.put('/api/admin/support', { helplines: ownList }),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('auth.mfa_step_up_required');
    }
    expect(await supportAuditEntries()).toHaveLength(0);
  });
});

describe('validation', () => {
  const line = (number: number): SupportResource => ({
    name: `Hjælpelinje ${number}`,
    phone: `70 00 00 ${number}`,
  });

  it.each([
    ['a phone with letters', { helplines: [{ name: 'Livslinien', phone: 'ring os' }] }],
    ['a javascript address', { helplines: [{ name: 'Livslinien', url: 'javascript:alert(1)' }] }],
    ['a name of one letter', { helplines: [{ name: 'L' }] }],
    ['an unknown field in an entry', { helplines: [{ name: 'Livslinien', email: 'hej@livslinien.dk' }] }],
    ['13 entries', { helplines: Array.from({ length: 13 }, (_, index) => line(index + 1)) }],
    ['an empty list (null goes back to the built-in one)', { helplines: [] }],
    ['no list at all', { reason: 'Ingen liste' }],
    ['a reason of two letters', { helplines: ownList, reason: 'ok' }],
    ['an unknown field', { helplines: ownList, groupId: '00000000-0000-4000-8000-000000000000' }],
  ])('refuses %s with validation.failed', async (_label, body) => {
    const response = await world.admin.client.put('/api/admin/support', body);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('validation.failed');
    expect(await supportAuditEntries()).toHaveLength(0);
  });

  it(`accepts the most entries there may be (${moderationLimits.platformHelplinesMax}), then goes back`, async () => {
    const full = Array.from({ length: moderationLimits.platformHelplinesMax }, (_, index) => line(index + 1));
    const saved = await world.admin.client.put('/api/admin/support', { helplines: full });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().helplines).toHaveLength(moderationLimits.platformHelplinesMax);
    const reset = await world.admin.client.put('/api/admin/support', { helplines: null });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().customised).toBe(false);
  });
});

describe('the platform list', () => {
  it('starts as the built-in list, in the reader’s language', async () => {
    const response = await world.admin.client.get('/api/admin/support');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.customised).toBe(false);
    expect(body.helplines).toEqual(defaultHelplines('da'));
    expect(body.defaults).toEqual(defaultHelplines('da'));
    expect(body.updatedBy).toBeNull();
    expect(body.permissions).toEqual({ canEdit: true });
  });

  it('is what members then see, with or without a group, until the group has its own list', async () => {
    const before = (await supportAuditEntries()).length;
    const saved = await world.admin.client.put('/api/admin/support', {
      helplines: ownList,
      reason: 'Sjældne Diagnoser først',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      customised: true,
      helplines: ownList,
      updatedBy: { id: world.admin.user.id, displayName: 'Astrid Andersen' },
    });
    expect((await world.admin.client.get('/api/admin/support')).json().helplines).toEqual(ownList);

    const withoutGroup = await world.member.client.get('/api/moderation/support');
    expect(withoutGroup.statusCode).toBe(200);
    expect(withoutGroup.json().helplines).toEqual(ownList);
    // The English reader sees the same list: an admin's list has one language.
    const inGroup = await world.author.client.get(`/api/moderation/support?groupId=${world.groupId}`);
    expect(inGroup.json().helplines).toEqual(ownList);
    // The group's settings show the list its members see.
    const settings = await world.moderator.client.get(`/api/moderation/groups/${world.groupId}/settings`);
    expect(settings.json().settings).toMatchObject({ helplines: ownList, helplinesCustomised: false });

    const groupList: SupportResource[] = [{ name: 'Foreningens rådgiver', phone: '12 34 56 78' }];
    const patched = await world.moderator.client.patch(`/api/moderation/groups/${world.groupId}/settings`, {
      helplines: groupList,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const groupFirst = await world.member.client.get(`/api/moderation/support?groupId=${world.groupId}`);
    expect(groupFirst.json().helplines).toEqual(groupList);
    // Outside the group the platform list still applies.
    expect((await world.member.client.get('/api/moderation/support')).json().helplines).toEqual(ownList);

    await world.moderator.client.patch(`/api/moderation/groups/${world.groupId}/settings`, {
      helplines: null,
    });
    expect(
      (await world.member.client.get(`/api/moderation/support?groupId=${world.groupId}`)).json().helplines,
    ).toEqual(ownList);

    const entries = await supportAuditEntries();
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({
      groupId: null,
      actorId: world.admin.user.id,
      reason: 'Sjældne Diagnoser først',
      before: { helplines: null },
      after: { helplines: ownList },
    });
  });

  it('shows the change in the platform audit log, not in a group’s', async () => {
    const platform = await world.admin.client.get('/api/moderation/audit-log');
    expect(platform.statusCode).toBe(200);
    const entry = platform.json().items.find((item: { action: string }) => item.action === 'support.updated');
    expect(entry).toMatchObject({
      groupId: null,
      actor: { id: world.admin.user.id, displayName: 'Astrid Andersen' },
      reason: 'Sjældne Diagnoser først',
      after: { helplines: ownList },
    });
    const group = await world.moderator.client.get(`/api/moderation/audit-log?groupId=${world.groupId}`);
    expect(group.json().items.map((item: { action: string }) => item.action)).not.toContain(
      'support.updated',
    );
  });

  it('writes nothing when the list is unchanged', async () => {
    const before = (await supportAuditEntries()).length;
    const again = await world.admin.client.put('/api/admin/support', { helplines: ownList, reason: 'Igen' });
    expect(again.statusCode).toBe(200);
    expect(await supportAuditEntries()).toHaveLength(before);
  });

  it('goes back to the built-in list, in each reader’s language, and records what it replaced', async () => {
    const reset = await world.secondAdmin.client.put('/api/admin/support', {
      helplines: null,
      reason: 'Tilbage til standard',
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({ customised: false, updatedAt: null, updatedBy: null });
    expect(reset.json().helplines).toEqual(defaultHelplines('da'));

    expect((await world.member.client.get('/api/moderation/support')).json().helplines).toEqual(
      defaultHelplines('da'),
    );
    const english = (await world.author.client.get('/api/moderation/support')).json().helplines;
    expect(english).toEqual(defaultHelplines('en'));
    expect(phones(english)).toEqual(phones(defaultHelplines('da')));

    const [latest] = await supportAuditEntries();
    expect(latest).toMatchObject({
      groupId: null,
      actorId: world.secondAdmin.user.id,
      reason: 'Tilbage til standard',
      before: { helplines: ownList },
      after: { helplines: null },
    });
  });
});
