import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupWith, createTestApp, type TestApp } from '../../testing/app.ts';
import { act, flag, itemFor, moderationWorld, post } from './moderation.test-support.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof moderationWorld>>;
const minute = 60_000;

beforeAll(async () => {
  t = await createTestApp({
    clock: new (await import('../../clock.ts')).ManualClock('2026-04-27T09:00:00Z'),
  });
  world = await moderationWorld(t);
});
afterAll(async () => {
  await t?.close();
});

describe('the audit log', () => {
  it('records moderation actions and every membership change, with who, what, when, why, before and after', async () => {
    const { author, reporter, moderator, groupId } = world;
    const message = await post(author, groupId, 'Noget at hide');
    await flag(reporter, message.id, 'spam');
    const item = await itemFor(moderator, message.id, `?groupId=${groupId}`);
    await act(moderator, item.id, { action: 'hide', reason: '=HYPERLINK("http://ondt.example")' });
    const entries = (await moderator.client.get(`/api/moderation/audit-log?groupId=${groupId}`)).json().items;
    expect(entries[0]).toMatchObject({
      action: 'hide',
      actor: { id: moderator.user.id, displayName: 'Mads Mortensen' },
      target: { id: author.user.id },
      reason: '=HYPERLINK("http://ondt.example")',
      before: { hidden: false },
      after: { hidden: true },
      itemId: item.id,
      messageId: message.id,
    });
    const joined = entries.filter((entry: { action: string }) => entry.action === 'membership.joined.added');
    expect(joined.length).toBeGreaterThanOrEqual(7);
    expect(
      entries.some(
        (entry: { action: string; after: unknown }) => entry.action === 'membership.joined.created',
      ),
    ).toBe(true);
  });

  it('is append-only: the database refuses to change or delete a row', async () => {
    const raw = t.database.raw;
    await expect(raw.query("update moderation_audit_log set reason = 'rewritten'")).rejects.toThrow(
      /append-only/,
    );
    await expect(raw.query('delete from moderation_audit_log')).rejects.toThrow(/append-only/);
    await expect(raw.query('truncate moderation_audit_log')).rejects.toThrow(/append-only/);
    const { rows } = await raw.query(
      "select count(*)::int as count from moderation_audit_log where reason = 'rewritten'",
    );
    expect(rows[0]?.count).toBe(0);
  });

  it('exports CSV for spreadsheets, with formulas neutralised, for moderators and (platform-wide) admins', async () => {
    const { moderator, member, admin, groupId } = world;
    const response = await moderator.client.get(`/api/moderation/audit-log.csv?groupId=${groupId}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('attachment; filename="spejl-audit-');
    const body = response.body;
    expect(body.startsWith('\uFEFFtime_utc,action,actor_id,actor')).toBe(true);
    expect(body).toContain(`"'=HYPERLINK(""http://ondt.example"")"`);
    expect(body).not.toContain(',=HYPERLINK');
    expect((await member.client.get(`/api/moderation/audit-log.csv?groupId=${groupId}`)).statusCode).toBe(
      403,
    );
    const platform = await admin.client.get('/api/moderation/audit-log.csv');
    expect(platform.statusCode).toBe(200);
    expect(platform.body.split('\r\n').length).toBeGreaterThan(3);
  });
});

describe('the transparency report', () => {
  it('counts reports by reason and actions by kind, with the median time to first review, per month', async () => {
    const { admin, moderator, reporter, reporter2, author } = world;
    const groupId = await createGroupWith(admin, { name: 'Gennemsigtighed' }, [
      { person: moderator, role: 'moderator' },
      { person: reporter },
      { person: reporter2 },
      { person: author },
    ]);
    t.clock.set('2026-04-28T10:00:00Z');
    const reviewAfter = async (reason: string, minutes: number, action: string) => {
      const message = await post(author, groupId, `April ${reason} ${minutes}`);
      await flag(reporter, message.id, reason, reason === 'other' ? 'note' : undefined);
      const item = await itemFor(moderator, message.id, `?groupId=${groupId}`);
      t.clock.advance(minutes * minute);
      await act(moderator, item.id, { action, reason: 'Behandlet' });
    };
    await reviewAfter('spam', 10, 'delete');
    await reviewAfter('spam', 30, 'hide');
    await reviewAfter('harassment', 50, 'dismiss');
    // Within the week a session stays alive without use.
    t.clock.set('2026-05-02T10:00:00Z');
    const may = await post(author, groupId, 'Maj');
    await flag(reporter2, may.id, 'privacy');
    const mayItem = await itemFor(moderator, may.id, `?groupId=${groupId}`);
    t.clock.advance(5 * minute);
    await moderator.client.post(`/api/moderation/items/${mayItem.id}/claim`);

    const report = await moderator.client.get(
      `/api/moderation/transparency?groupId=${groupId}&from=2026-04-01T00:00:00.000Z&to=2026-06-01T00:00:00.000Z`,
    );
    expect(report.statusCode, report.body).toBe(200);
    const [april, mayPeriod] = report.json().periods;
    expect(april).toMatchObject({
      from: '2026-04-01T00:00:00.000Z',
      to: '2026-05-01T00:00:00.000Z',
      flagsByReason: { spam: 2, harassment: 1 },
      actionsByAction: { delete: 1, hide: 1, dismiss: 1 },
      itemsOpened: 3,
      itemsResolved: 3,
      medianMinutesToFirstReview: 30,
    });
    expect(mayPeriod).toMatchObject({
      flagsByReason: { privacy: 1 },
      itemsOpened: 1,
      itemsResolved: 0,
      medianMinutesToFirstReview: 5,
    });
    const quarters = (
      await admin.client.get('/api/moderation/transparency?period=quarter&from=2026-01-01T00:00:00.000Z')
    ).json();
    expect(quarters.group).toBeNull();
    expect(quarters.periods[0].from).toBe('2026-01-01T00:00:00.000Z');
    expect(
      (await world.member.client.get(`/api/moderation/transparency?groupId=${groupId}`)).statusCode,
    ).toBe(403);
  });
});

describe('settings and support', () => {
  it('lets moderators change the group’s settings, with each change in the audit log', async () => {
    const { moderator, member, groupId } = world;
    const before = (await moderator.client.get(`/api/moderation/groups/${groupId}/settings`)).json().settings;
    expect(before).toMatchObject({ hideThreshold: 2, slowModeSeconds: 0, helplinesCustomised: false });
    expect(before.helplines.map((line: { name: string }) => line.name)).toContain('Livslinien');
    const changed = await moderator.client.patch(`/api/moderation/groups/${groupId}/settings`, {
      hideThreshold: 3,
      contacts: [{ name: 'Foreningens rådgiver', phone: '12 34 56 78', description: 'Hverdage 9-15' }],
    });
    expect(changed.json().settings).toMatchObject({
      hideThreshold: 3,
      contacts: [{ name: 'Foreningens rådgiver' }],
    });
    const bad = await moderator.client.patch(`/api/moderation/groups/${groupId}/settings`, {
      contacts: [{ name: 'X', url: 'javascript:alert(1)' }],
    });
    expect(bad.statusCode).toBe(400);
    expect((await moderator.client.patch(`/api/moderation/groups/${groupId}/settings`, {})).statusCode).toBe(
      400,
    );
    expect(
      (await member.client.patch(`/api/moderation/groups/${groupId}/settings`, { hideThreshold: 1 }))
        .statusCode,
    ).toBe(403);
    const audit = (await moderator.client.get(`/api/moderation/audit-log?groupId=${groupId}`)).json()
      .items[0];
    expect(audit).toMatchObject({
      action: 'settings.update',
      before: { hideThreshold: 2 },
      after: { hideThreshold: 3 },
    });
  });

  it('shows members the helplines and the group’s contacts; a group can replace the helplines', async () => {
    const { member, moderator, outsider, groupId, hiddenGroupId } = world;
    const support = (await member.client.get(`/api/moderation/support?groupId=${groupId}`)).json();
    expect(support.contacts).toEqual([
      { name: 'Foreningens rådgiver', phone: '12 34 56 78', description: 'Hverdage 9-15' },
    ]);
    expect(support.helplines.find((line: { name: string }) => line.name === 'Livslinien')).toMatchObject({
      phone: '70 201 201',
      url: 'https://www.livslinien.dk',
    });
    await moderator.client.patch(`/api/moderation/groups/${groupId}/settings`, {
      helplines: [{ name: 'Sjældne Diagnosers rådgivning', url: 'https://www.sjaeldnediagnoser.dk' }],
    });
    expect((await member.client.get(`/api/moderation/support?groupId=${groupId}`)).json().helplines).toEqual([
      { name: 'Sjældne Diagnosers rådgivning', url: 'https://www.sjaeldnediagnoser.dk' },
    ]);
    expect((await outsider.client.get(`/api/moderation/support?groupId=${groupId}`)).statusCode).toBe(403);
    expect((await outsider.client.get(`/api/moderation/support?groupId=${hiddenGroupId}`)).statusCode).toBe(
      404,
    );
    expect((await outsider.client.get('/api/moderation/support')).json().helplines).toHaveLength(4);
  });
});
