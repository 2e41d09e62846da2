import { mailOutbox, users } from '@spejl/db';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp, type TestApp } from '../../testing/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const signupBody = (email: string, redirectTo?: unknown) => ({
  email,
  password: 'korrekt hest batteri',
  displayName: 'Lone',
  acceptTerms: true,
  ...(redirectTo === undefined ? {} : { redirectTo }),
});

async function confirmationMail(email: string) {
  await t.app.services.auth.settled();
  const [mail] = await t.database.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.to, email))
    .orderBy(desc(mailOutbox.createdAt));
  return mail?.text ?? '';
}

describe('sign-up carries where to come back to', () => {
  it('puts a path on this site into the mailed link', async () => {
    const email = `tilbage-${Date.now()}@example.test`;
    const response = await new Client(t.app).post(
      '/api/auth/signup',
      signupBody(email, '/groups/cystisk-fibrose?join=1'),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(await confirmationMail(email)).toMatch(
      /\/verify-email\?token=[a-z2-7]+&redirectTo=%2Fgroups%2Fcystisk-fibrose%3Fjoin%3D1\b/,
    );
  });

  it('refuses another origin, a protocol-relative address and tricks with backslashes or control characters', async () => {
    for (const redirectTo of [
      'https://evil.example/groups',
      '//evil.example/groups',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      'groups/cystisk-fibrose',
      '/groups\n/x',
      '',
      `/${'a'.repeat(600)}`,
    ]) {
      const email = `afvist-${Date.now()}-${Math.random()}@example.test`;
      const response = await new Client(t.app).post('/api/auth/signup', signupBody(email, redirectTo));
      expect(response.statusCode, JSON.stringify(redirectTo)).toBe(400);
      expect(response.json().error.code).toBe('validation.failed');
    }
  });

  it('leaves the link as it was without one', async () => {
    const email = `uden-${Date.now()}@example.test`;
    expect((await new Client(t.app).post('/api/auth/signup', signupBody(email))).statusCode).toBe(201);
    expect(await confirmationMail(email)).not.toContain('redirectTo');
  });
});

describe('the guided start', () => {
  it('needs a session (401)', async () => {
    const visitor = new Client(t.app);
    expect((await visitor.get('/api/me/welcome')).statusCode).toBe(401);
    expect((await visitor.patch('/api/me/welcome', { done: true })).statusCode).toBe(401);
  });

  it('starts at the first step after sign-up, remembers the step, and ends when done or skipped', async () => {
    const person = await signUp(t.app);
    expect((await person.client.get('/api/me/welcome')).json()).toEqual({ welcome: { step: 0 } });

    const moved = await person.client.patch('/api/me/welcome', { step: 3 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toEqual({ welcome: { step: 3 } });
    // Resumable: a new sign-in reads the same step.
    expect((await person.client.get('/api/me/welcome')).json()).toEqual({ welcome: { step: 3 } });

    const done = await person.client.patch('/api/me/welcome', { done: true });
    expect(done.json()).toEqual({ welcome: { step: null } });
    // Once finished or skipped it does not start again.
    const again = await person.client.patch('/api/me/welcome', { step: 1 });
    expect(again.json()).toEqual({ welcome: { step: null } });
  });

  it('is never offered to an account made another way (by an administrator, or before it existed)', async () => {
    const person = await signUp(t.app);
    await t.database.db.update(users).set({ welcomeStep: null }).where(eq(users.id, person.user.id));
    expect((await person.client.get('/api/me/welcome')).json()).toEqual({ welcome: { step: null } });
  });

  it('refuses steps that do not exist and a body with both or neither (400)', async () => {
    const person = await signUp(t.app);
    for (const body of [
      { step: 5 },
      { step: -1 },
      { step: 1.5 },
      {},
      { step: 1, done: true },
      { done: false },
    ]) {
      const response = await person.client.patch('/api/me/welcome', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await person.client.get('/api/me/welcome')).json()).toEqual({ welcome: { step: 0 } });
  });
});
