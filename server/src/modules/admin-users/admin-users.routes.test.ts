import { mailOutbox, moderationAuditLog, recoveryCodes, sessions, users } from '@spejl/db';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, enableTotp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let member: Person;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  member = await signUp(t.app, { displayName: 'Søren Ærø', email: 'soeren.aeroe@example.test' });
});
afterAll(async () => {
  await t?.close();
});

const auditFor = async (userId: string, action: string) =>
  t.database.db
    .select()
    .from(moderationAuditLog)
    .where(and(eq(moderationAuditLog.targetUserId, userId), eq(moderationAuditLog.action, action)))
    .orderBy(desc(moderationAuditLog.seq));

const mailsTo = async (email: string) => {
  await t.app.services.auth.settled();
  return t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, email));
};

describe('who may administer people', () => {
  it('refuses without a session (401)', async () => {
    const anonymous = new Client(t.app);
    expect((await anonymous.get('/api/admin/users?q=a')).statusCode).toBe(401);
    expect(
      (await anonymous.post(`/api/admin/users/${member.user.id}/lock`, { reason: 'test' })).statusCode,
    ).toBe(401);
  });

  it('refuses a member (403 auth.forbidden)', async () => {
    const response = await member.client.get('/api/admin/users?q=a');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.forbidden');
    const lock = await member.client.post(`/api/admin/users/${admin.user.id}/lock`, { reason: 'test' });
    expect(lock.statusCode).toBe(403);
  });

  it('asks an admin who has not proven TOTP in this session to step up', async () => {
    const other = await signUp(t.app, { displayName: 'Anders Andreasen' });
    await enableTotp(other.client, t.clock);
    await t.database.db.update(users).set({ platformRole: 'admin' }).where(eq(users.id, other.user.id));
    await t.database.db
      .update(sessions)
      .set({ mfaVerified: false })
      .where(eq(sessions.userId, other.user.id));
    const response = await other.client.patch(`/api/admin/users/${member.user.id}`, { role: 'coordinator' });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.mfa_step_up_required');
    await t.database.db.update(users).set({ platformRole: 'member' }).where(eq(users.id, other.user.id));
  });

  it('answers 404 for an unknown id and 400 for a missing reason', async () => {
    const unknown = await admin.client.post('/api/admin/users/00000000-0000-4000-8000-000000000000/lock', {
      reason: 'Spam',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
    const missing = await admin.client.post(`/api/admin/users/${member.user.id}/lock`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('validation.failed');
    const reset = await admin.client.post(`/api/admin/users/${member.user.id}/mfa-reset`, { reason: '' });
    expect(reset.statusCode).toBe(400);
    expect((await admin.client.get('/api/admin/users/not-a-uuid')).statusCode).toBe(404);
  });

  it('refuses an admin changing their own account', async () => {
    const response = await admin.client.patch(`/api/admin/users/${admin.user.id}`, { role: 'member' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('admin_user.self');
  });
});

describe('finding people', () => {
  it('finds by name or email, ignoring case and æ/ø/å case, with roles, status and groups', async () => {
    const byName = (await admin.client.get(`/api/admin/users?q=${encodeURIComponent('SØREN ÆRØ')}`)).json();
    expect(byName.items.map((item: { id: string }) => item.id)).toEqual([member.user.id]);
    expect(byName.items[0]).toMatchObject({
      displayName: 'Søren Ærø',
      email: 'soeren.aeroe@example.test',
      platformRole: 'member',
      status: 'active',
      totpEnabled: false,
      lockedUntil: null,
      permissions: { canChangeRole: true, canLock: true, canUnlock: false, canResetMfa: false },
    });
    expect(Array.isArray(byName.items[0].groups)).toBe(true);
    const byEmail = (await admin.client.get('/api/admin/users?q=Soeren.AEROE@')).json();
    expect(byEmail.items.map((item: { id: string }) => item.id)).toEqual([member.user.id]);
    const none = (await admin.client.get('/api/admin/users?q=%25')).json();
    expect(none.items).toEqual([]);
    const own = (await admin.client.get(`/api/admin/users/${admin.user.id}`)).json();
    expect(own.user.permissions.canLock).toBe(false);
  });
});

describe('changing accounts', () => {
  it('changes the platform role and records it with the admin and the reason', async () => {
    const response = await admin.client.patch(`/api/admin/users/${member.user.id}`, {
      role: 'coordinator',
      reason: 'Ny koordinator i foreningen',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().user.platformRole).toBe('coordinator');
    const [entry] = await auditFor(member.user.id, 'account.role_changed');
    expect(entry).toMatchObject({
      actorId: admin.user.id,
      reason: 'Ny koordinator i foreningen',
      before: { role: 'member' },
      after: { role: 'coordinator' },
    });
    const [mail] = (await mailsTo(member.user.email)).filter(
      (sent) => sent.subject === 'Du har fået en ny rolle i Spejl',
    );
    expect(mail?.text).toContain('ny rolle i Spejl: Koordinator (før: Medlem)');
    expect(mail?.text).toContain('/account');
  });

  it('never demotes the last admin', async () => {
    // A second admin tries to demote the first: allowed while two exist, refused when one would be left.
    const second = await signUpAdmin(t);
    const demote = await second.client.patch(`/api/admin/users/${admin.user.id}`, { role: 'member' });
    expect(demote.statusCode, demote.body).toBe(200);
    const back = await second.client.patch(`/api/admin/users/${admin.user.id}`, { role: 'admin' });
    expect(back.statusCode).toBe(200);
    await t.database.db.update(users).set({ platformRole: 'member' }).where(eq(users.id, second.user.id));
    const [row] = await t.database.db.select().from(users).where(eq(users.id, admin.user.id));
    expect(row!.platformRole).toBe('admin');
    // Now the first is the only admin; a forged demotion (their own id) is refused as self, and the rule holds in SQL.
    const { createAccountCommands } = await import('../auth/auth.accounts.ts');
    const accounts = createAccountCommands({ db: t.database.db, clock: t.clock });
    expect(await accounts.transaction((tx) => accounts.setRole(admin.user.id, 'member', tx))).toBe(
      'last_admin',
    );
  });

  it('locks: ends their sessions, refuses sign-in with auth.account_locked, mails the reason; unlock lets them in', async () => {
    const person = await signUp(t.app, { displayName: 'Lise Lås' });
    const lock = await admin.client.post(`/api/admin/users/${person.user.id}/lock`, {
      reason: 'Spam i flere grupper',
    });
    expect(lock.statusCode, lock.body).toBe(200);
    expect(lock.json().user).toMatchObject({ status: 'locked', permissions: { canUnlock: true } });
    expect((await person.client.get('/api/me')).statusCode).toBe(401);
    const signIn = await new Client(t.app).post('/api/auth/login', {
      email: person.user.email,
      password: person.password,
    });
    expect(signIn.statusCode).toBe(403);
    expect(signIn.json().error.code).toBe('auth.account_locked');
    const mails = await mailsTo(person.user.email);
    const lockMail = mails.find((mail) => mail.subject === 'Din konto i Spejl er låst');
    expect(lockMail?.text).toContain('Spam i flere grupper');
    expect(lockMail?.text).not.toMatch(/session|TOTP/i);
    const [entry] = await auditFor(person.user.id, 'account.locked');
    expect(entry).toMatchObject({ actorId: admin.user.id, reason: 'Spam i flere grupper' });

    const unlock = await admin.client.post(`/api/admin/users/${person.user.id}/unlock`, {
      reason: 'Afklaret',
    });
    expect(unlock.statusCode, unlock.body).toBe(200);
    expect(unlock.json().user.status).toBe('active');
    const again = await new Client(t.app).post('/api/auth/login', {
      email: person.user.email,
      password: person.password,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(await auditFor(person.user.id, 'account.unlocked')).toHaveLength(1);
  });

  it('locks until a time, and refuses a time in the past', async () => {
    const person = await signUp(t.app);
    const past = await admin.client.post(`/api/admin/users/${person.user.id}/lock`, {
      reason: 'Pause',
      until: new Date(t.clock.now().getTime() - 1000).toISOString(),
    });
    expect(past.statusCode).toBe(400);
    const until = new Date(t.clock.now().getTime() + 2 * 86_400_000).toISOString();
    const lock = await admin.client.post(`/api/admin/users/${person.user.id}/lock`, {
      reason: 'Pause',
      until,
    });
    expect(lock.json().user.lockedUntil).toBe(until);
  });

  it('resets two-step verification: TOTP off, recovery codes deleted, sessions ended, the person mailed', async () => {
    const person = await signUp(t.app, { displayName: 'Mette Mobil' });
    await enableTotp(person.client, t.clock);
    expect(
      (await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, person.user.id)))
        .length,
    ).toBe(10);
    const reset = await admin.client.post(`/api/admin/users/${person.user.id}/mfa-reset`, {
      reason: 'Mistet telefon, ringet op og tjekket',
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().user.totpEnabled).toBe(false);
    expect(
      await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, person.user.id)),
    ).toEqual([]);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, person.user.id))).toEqual(
      [],
    );
    expect((await person.client.get('/api/me')).statusCode).toBe(401);
    const mail = (await mailsTo(person.user.email)).find((row) => row.subject.includes('Totrinsbekræftelse'));
    expect(mail?.text).toContain('Mistet telefon, ringet op og tjekket');
    expect(mail?.text).not.toMatch(/session|TOTP/i);
    expect(await auditFor(person.user.id, 'account.mfa_reset')).toHaveLength(1);
  });

  it('ends all their sessions', async () => {
    const person = await signUp(t.app);
    const response = await admin.client.post(`/api/admin/users/${person.user.id}/sessions/end`, {});
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().ended).toBe(1);
    expect((await person.client.get('/api/me')).statusCode).toBe(401);
    expect(await auditFor(person.user.id, 'account.sessions_ended')).toHaveLength(1);
  });
});
