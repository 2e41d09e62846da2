import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { mailOutbox, moderationAuditLog, recoveryCodes, users } from '@spejl/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp, type TestApp } from '../../testing/app.ts';
import { totpCodeAt } from './auth.totp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const minute = 60 * 1000;
const codeShape = /^[a-z2-7]{5}-[a-z2-7]{5}$/;

/** Signs up, turns TOTP on as a person does and keeps what the confirmation showed: the key and the ten codes. */
async function withTotp(options: { admin?: boolean } = {}) {
  const person = await signUp(t.app);
  if (options.admin)
    await t.database.db.update(users).set({ platformRole: 'admin' }).where(eq(users.id, person.user.id));
  const { secret } = (await person.client.post('/api/me/mfa/totp')).json();
  const key = decodeBase32IgnorePadding(secret);
  const confirm = await person.client.post('/api/me/mfa/totp/confirm', {
    code: totpCodeAt(key, t.clock.now()),
  });
  expect(confirm.statusCode, confirm.body).toBe(200);
  return { ...person, key, codes: confirm.json().recoveryCodes as string[] };
}

/** A password-only session of an account whose TOTP was turned on after it signed in. */
async function passwordOnlyAdmin() {
  const person = await signUp(t.app);
  await t.database.db.update(users).set({ platformRole: 'admin' }).where(eq(users.id, person.user.id));
  const older = new Client(t.app);
  expect(
    (await older.post('/api/auth/login', { email: person.user.email, password: person.password })).statusCode,
  ).toBe(200);
  const { secret } = (await person.client.post('/api/me/mfa/totp')).json();
  const key = decodeBase32IgnorePadding(secret);
  const confirm = await person.client.post('/api/me/mfa/totp/confirm', {
    code: totpCodeAt(key, t.clock.now()),
  });
  return { ...person, older, key, codes: confirm.json().recoveryCodes as string[] };
}

/** A power that needs the second factor proven in the session: creating a group (admins). */
async function createGroup(client: Client) {
  return client.post('/api/groups', {
    name: 'Reserven',
    slug: `reserven-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`,
    kind: 'diagnosis',
    visibility: 'listed',
    joinPolicy: 'request',
  });
}

/** The mails about used recovery codes an address got (the test clock stands still, so their order is not kept). */
async function recoveryMailsTo(email: string) {
  await t.app.services.auth.settled();
  const mails = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, email));
  return mails.filter((mail) => mail.subject === 'En reservekode blev brugt på din konto i Spejl');
}

describe('recovery codes: access', () => {
  it('answers 401 without a session on the recovery-code and step-up routes', async () => {
    const anonymous = new Client(t.app);
    expect((await anonymous.get('/api/me/mfa/recovery-codes')).statusCode).toBe(401);
    expect((await anonymous.post('/api/me/mfa/recovery-codes', { password: 'x' })).statusCode).toBe(401);
    expect((await anonymous.post('/api/auth/step-up', { totp: '123456' })).statusCode).toBe(401);
  });

  it('answers 409 auth.mfa_not_enabled without TOTP, where there is nothing to recover', async () => {
    const { client, password } = await signUp(t.app);
    const made = await client.post('/api/me/mfa/recovery-codes', { password });
    expect(made.statusCode).toBe(409);
    expect(made.json().error.code).toBe('auth.mfa_not_enabled');
    expect((await client.get('/api/me/mfa/recovery-codes')).json()).toEqual({ remaining: 0 });
    const stepUp = await client.post('/api/auth/step-up', { recoveryCode: 'abcde-fghij' });
    expect(stepUp.statusCode).toBe(409);
    expect(stepUp.json().error.code).toBe('auth.mfa_not_enabled');
  });
});

describe('recovery codes: issuing', () => {
  it('shows ten codes once when TOTP is turned on, and stores only their hashes', async () => {
    const { client, user, codes } = await withTotp();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(codeShape);
    expect(new Set(codes).size).toBe(10);
    expect((await client.get('/api/me/mfa/recovery-codes')).json()).toEqual({ remaining: 10 });
    // Nothing else ever shows them again: not /api/me, not the status.
    expect((await client.get('/api/me')).body).not.toContain(codes[0]!.slice(0, 5));
    const rows = await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(rows).toHaveLength(10);
    const stored = JSON.stringify(rows);
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace('-', ''));
    }
    for (const row of rows) expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('makes new codes after the password, and the old ones stop working', async () => {
    const { client, user, password, codes } = await withTotp();
    const wrong = await client.post('/api/me/mfa/recovery-codes', { password: 'ikke min kode' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
    const made = await client.post('/api/me/mfa/recovery-codes', { password });
    expect(made.statusCode, made.body).toBe(200);
    const fresh = made.json().codes as string[];
    expect(fresh).toHaveLength(10);
    expect(fresh.some((code) => codes.includes(code))).toBe(false);
    expect((await client.get('/api/me/mfa/recovery-codes')).json()).toEqual({ remaining: 10 });

    const old = await new Client(t.app).post('/api/auth/login', {
      email: user.email,
      password,
      recoveryCode: codes[0],
    });
    expect(old.statusCode).toBe(401);
    expect(old.json().error.code).toBe('auth.recovery_code_invalid');
    const ok = await new Client(t.app).post('/api/auth/login', {
      email: user.email,
      password,
      recoveryCode: fresh[0],
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('refuses new codes to a session that has not proven the second factor (the password alone is not enough)', async () => {
    const { older, password } = await passwordOnlyAdmin();
    const refused = await older.post('/api/me/mfa/recovery-codes', { password });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('auth.mfa_step_up_required');
  });

  it('forgets the codes when TOTP is turned off', async () => {
    const { client, user } = await withTotp();
    expect((await client.delete('/api/me/mfa/totp')).statusCode).toBe(200);
    expect(await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toEqual(
      [],
    );
  });
});

describe('recovery codes: signing in', () => {
  it('signs in with a code once, proves the second factor, records the use and mails the person', async () => {
    const { user, password, codes } = await withTotp({ admin: true });
    const browser = new Client(t.app);
    // Typed as a tired person might: capitals, no dash, spaces around.
    const typed = ` ${codes[3]!.replace('-', '').toUpperCase()} `;
    const ok = await browser.post('/api/auth/login', { email: user.email, password, recoveryCode: typed });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ user: { id: user.id, mfaEnabled: true }, recoveryCodesLeft: 9 });
    // The session carries the second factor: a power that needs it works.
    expect((await createGroup(browser)).statusCode).toBe(201);
    expect((await browser.get('/api/me/mfa/recovery-codes')).json()).toEqual({ remaining: 9 });

    const again = await new Client(t.app).post('/api/auth/login', {
      email: user.email,
      password,
      recoveryCode: codes[3],
    });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('auth.recovery_code_invalid');

    const mails = await recoveryMailsTo(user.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.text).toContain('Du har 9 reservekoder tilbage.');
    expect(mail?.text).toContain('/forgot-password');
    const audit = await t.database.db
      .select()
      .from(moderationAuditLog)
      .where(
        and(
          eq(moderationAuditLog.targetUserId, user.id),
          eq(moderationAuditLog.action, 'account.recovery_code_used'),
        ),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: user.id, groupId: null, after: { left: 9 } });
    const [used] = await t.database.db
      .select()
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, user.id)))
      .then((rows) => rows.filter((row) => row.usedAt !== null));
    expect(used?.usedAt).not.toBeNull();
  });

  it('says "1 reservekode" in the mail when one is left', async () => {
    const { user, password, codes } = await withTotp();
    for (const code of codes.slice(0, 9)) {
      const ok = await new Client(t.app).post('/api/auth/login', {
        email: user.email,
        password,
        recoveryCode: code,
      });
      expect(ok.statusCode).toBe(200);
    }
    const mails = await recoveryMailsTo(user.email);
    expect(mails).toHaveLength(9);
    expect(mails.filter((mail) => mail.text.includes('Du har 1 reservekode tilbage.'))).toHaveLength(1);
    expect(mails.filter((mail) => mail.text.includes('Du har 8 reservekoder tilbage.'))).toHaveLength(1);
  });

  it('accepts one code once even when two sign-ins race with it', async () => {
    const { user, password, codes } = await withTotp();
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        new Client(t.app).post('/api/auth/login', { email: user.email, password, recoveryCode: codes[0] }),
      ),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 401, 401]);
  });

  it('says nothing about the code before the password is right', async () => {
    const { user, codes } = await withTotp();
    const wrong = await new Client(t.app).post('/api/auth/login', {
      email: user.email,
      password: 'forkert forkert',
      recoveryCode: codes[0],
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
    expect(
      (await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).every(
        (row) => row.usedAt === null,
      ),
    ).toBe(true);
  });

  it('counts wrong codes toward the sign-in failure limit, then refuses even the right code', async () => {
    const { user, password, codes } = await withTotp();
    const browser = new Client(t.app);
    for (let attempt = 0; attempt < 10; attempt++) {
      const wrong = await browser.post('/api/auth/login', {
        email: user.email,
        password,
        recoveryCode: 'aaaaa-aaaaa',
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe('auth.recovery_code_invalid');
    }
    const limited = await browser.post('/api/auth/login', {
      email: user.email,
      password,
      recoveryCode: codes[0],
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(
      (await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).every(
        (row) => row.usedAt === null,
      ),
    ).toBe(true);
  });

  it('refuses a body with both a TOTP code and a recovery code, and malformed codes', async () => {
    const { user, password, key, codes } = await withTotp();
    const both = await new Client(t.app).post('/api/auth/login', {
      email: user.email,
      password,
      totp: totpCodeAt(key, t.clock.now()),
      recoveryCode: codes[0],
    });
    expect(both.statusCode).toBe(400);
    const malformed = await new Client(t.app).post('/api/auth/login', {
      email: user.email,
      password,
      recoveryCode: 'abc',
    });
    expect(malformed.statusCode).toBe(400);
  });
});

describe('POST /api/auth/step-up', () => {
  it('lets a password-only session prove the factor with an app code and go on under a new token', async () => {
    const { older, key } = await passwordOnlyAdmin();
    const refused = await createGroup(older);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('auth.mfa_step_up_required');
    t.clock.advance(31_000);
    const before = older.cookie;
    const wrong = await older.post('/api/auth/step-up', {
      totp: totpCodeAt(key, new Date(t.clock.now().getTime() - 10 * minute)),
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth.mfa_invalid');
    const ok = await older.post('/api/auth/step-up', { totp: totpCodeAt(key, t.clock.now()) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().recoveryCodesLeft).toBeUndefined();
    expect(older.cookie).not.toBe(before);
    const stale = new Client(t.app);
    stale.cookie = before;
    expect((await stale.get('/api/me')).statusCode).toBe(401);
    expect((await createGroup(older)).statusCode).toBe(201);
  });

  it('accepts a recovery code once, mails the person and says how many are left', async () => {
    const { older, user, codes } = await passwordOnlyAdmin();
    const ok = await older.post('/api/auth/step-up', { recoveryCode: codes[0] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().recoveryCodesLeft).toBe(9);
    expect((await createGroup(older)).statusCode).toBe(201);
    const again = await older.post('/api/auth/step-up', { recoveryCode: codes[0] });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('auth.recovery_code_invalid');
    expect(await recoveryMailsTo(user.email)).toHaveLength(1);
  });

  it('is not a fresh sign-in: changing the second factor still needs the password after 15 minutes', async () => {
    const { older, key } = await passwordOnlyAdmin();
    t.clock.advance(16 * minute);
    expect((await older.post('/api/auth/step-up', { totp: totpCodeAt(key, t.clock.now()) })).statusCode).toBe(
      200,
    );
    const off = await older.delete('/api/me/mfa/totp');
    expect(off.statusCode).toBe(401);
    expect(off.json().error.code).toBe('auth.reauth_required');
  });

  it('allows ten wrong codes per person in 15 minutes, then answers 429', async () => {
    const { older, codes } = await passwordOnlyAdmin();
    for (let attempt = 0; attempt < 10; attempt++) {
      const wrong = await older.post('/api/auth/step-up', { recoveryCode: 'aaaaa-aaaaa' });
      expect(wrong.statusCode).toBe(401);
    }
    const limited = await older.post('/api/auth/step-up', { recoveryCode: codes[0] });
    expect(limited.statusCode).toBe(429);
  });

  it('refuses a body with both codes or neither', async () => {
    const { older, codes } = await passwordOnlyAdmin();
    expect((await older.post('/api/auth/step-up', {})).statusCode).toBe(400);
    expect(
      (await older.post('/api/auth/step-up', { totp: '123456', recoveryCode: codes[0] })).statusCode,
    ).toBe(400);
  });
});
