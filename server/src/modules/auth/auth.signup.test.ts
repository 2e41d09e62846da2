import { consents, mailOutbox, sessions, userTokens, users } from '@spejl/db';
import { sessionPolicy } from '@spejl/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSocket, socketUrl } from '../../realtime/testing.ts';
import { Client, confirmationLink, createTestApp, signUp, type TestApp } from '../../testing/app.ts';
import { hashToken } from './auth.tokens.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await t.close();
});

const hour = 60 * 60 * 1000;
const password = 'min egen lange sætning';
let counter = 0;
/** A fresh address of one fixed length, so two answers about two addresses have bodies of the same length. */
const freshEmail = (prefix: string) => `${prefix}-${String(++counter).padStart(4, '0')}@example.test`;

/** Starts an account in a new browser (client); the client keeps whatever cookie sign-up sets. */
async function startAccount(email: string, extra: Record<string, unknown> = {}) {
  const client = new Client(t.app);
  const response = await client.post('/api/auth/signup', {
    email,
    password,
    displayName: 'Ny Person',
    acceptTerms: true,
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(201);
  // The mail goes after the answer; let it go before the test moves the clock.
  await t.app.services.auth.settled();
  return { client, response };
}

async function accountOf(email: string) {
  const [row] = await t.database.db.select().from(users).where(eq(users.email, email));
  return row;
}

async function sessionsOf(userId: string) {
  return t.database.db.select().from(sessions).where(eq(sessions.userId, userId));
}

const tokenOf = (client: Client) => client.cookie!.split('=')[1]!;

/** The value's shape: the type of every leaf, keys in order. */
function shape(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value === null ? 'null' : typeof value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, child]) => [key, shape(child)]),
  );
}

describe('POST /api/auth/signup answers the same for a new and a taken address', () => {
  it('answers 201 with a user, check_mail and a session cookie in both cases, with the same headers', async () => {
    const owner = await signUp(t.app, { email: freshEmail('optaget'), locale: 'en' });
    const takenEmail = owner.user.email;
    const newEmail = freshEmail('ledig00');
    expect(newEmail.length).toBe(takenEmail.length);
    const taken = await startAccount(takenEmail.toUpperCase());
    const fresh = await startAccount(newEmail);

    for (const { response } of [taken, fresh]) {
      expect(response.statusCode).toBe(201);
      expect(response.json().status).toBe('check_mail');
      expect(String(response.headers['set-cookie'])).toMatch(
        /^spejl_session=[a-z2-7]{32}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/,
      );
    }
    expect(shape(taken.response.json())).toEqual(shape(fresh.response.json()));
    expect(Object.keys(taken.response.headers).sort()).toEqual(Object.keys(fresh.response.headers).sort());
    // Every header but the date and the cookie's token has the same value, the body's length included.
    const comparable = (headers: Record<string, unknown>) => ({
      ...headers,
      date: undefined,
      'set-cookie': String(headers['set-cookie']).replace(/=[a-z2-7]{32};/, '=…;'),
    });
    expect(comparable(taken.response.headers)).toEqual(comparable(fresh.response.headers));
    expect(tokenOf(taken.client)).not.toBe(tokenOf(fresh.client));
  });

  it('gives a taken address a placeholder user with exactly the fields, and values, a new account gets', async () => {
    const owner = await signUp(t.app, { email: freshEmail('ejer'), locale: 'en' });
    const request = { displayName: 'Samme Navn', locale: 'da' as const };
    const taken = (await startAccount(owner.user.email, request)).response.json().user;
    const newEmail = freshEmail('ny00');
    const fresh = (await startAccount(newEmail, request)).response.json().user;

    const real = await accountOf(newEmail);
    expect(fresh.id).toBe(real!.id);
    expect(Object.keys(taken).sort()).toEqual(Object.keys(fresh).sort());
    const { id: takenId, email: takenEmail, ...takenRest } = taken;
    const { id: freshId, email: freshEmailShown, ...freshRest } = fresh;
    expect(takenRest).toEqual(freshRest);
    expect(takenRest).toEqual({
      displayName: 'Samme Navn',
      locale: 'da',
      platformRole: 'member',
      emailVerified: false,
      mfaEnabled: false,
      createdAt: t.clock.now().toISOString(),
    });
    expect(takenEmail).toBe(owner.user.email);
    expect(freshEmailShown).toBe(newEmail);
    // A fresh random id that names nobody: not the owner's, not any account's, not the same twice.
    expect(takenId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(takenId).not.toBe(owner.user.id);
    expect(await t.database.db.select().from(users).where(eq(users.id, takenId))).toEqual([]);
    const again = (await startAccount(owner.user.email, request)).response.json().user;
    expect(again.id).not.toBe(takenId);
  });

  it('touches nothing of a taken address’s account, stores the cookie’s token nowhere, and mails the owner', async () => {
    const owner = await signUp(t.app, { email: freshEmail('rolig'), locale: 'en' });
    const snapshot = async () => ({
      user: await accountOf(owner.user.email),
      sessions: await sessionsOf(owner.user.id),
      tokens: await t.database.db.select().from(userTokens).where(eq(userTokens.userId, owner.user.id)),
      consents: await t.database.db.select().from(consents).where(eq(consents.userId, owner.user.id)),
    });
    const before = await snapshot();
    const attempt = await startAccount(owner.user.email);
    expect(await snapshot()).toEqual(before);

    const stored = await t.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, hashToken(tokenOf(attempt.client))));
    expect(stored).toEqual([]);
    expect((await attempt.client.get('/api/me')).statusCode).toBe(401);

    const [mail, ...more] = await t.database.db
      .select()
      .from(mailOutbox)
      .where(
        and(
          eq(mailOutbox.to, owner.user.email),
          eq(mailOutbox.subject, 'Someone tried to create an account with your email address'),
        ),
      );
    expect(more).toEqual([]);
    expect(mail?.text).toContain('http://localhost:3000/forgot-password');
    expect(mail?.text).not.toMatch(/token=/);
    // The attempt's password does not open the account; the owner's still does.
    const login = (secret: string) =>
      new Client(t.app).post('/api/auth/login', { email: owner.user.email, password: secret });
    expect((await login(password)).statusCode).toBe(401);
    expect((await login(owner.password)).statusCode).toBe(200);
  });
});

describe('the pending session sign-up starts', () => {
  it('is refused everywhere until the address is confirmed: /api/me, the WebSocket, a change', async () => {
    const email = freshEmail('venter');
    const { client, response } = await startAccount(email);
    const account = await accountOf(email);
    expect(account!.emailVerifiedAt).toBeNull();
    const [pending, ...others] = await sessionsOf(account!.id);
    expect(others).toEqual([]);
    expect(pending!.pending).toBe(true);
    expect(pending!.tokenHash).toBe(hashToken(tokenOf(client)));
    expect(response.json().user.id).toBe(account!.id);

    const me = await client.get('/api/me');
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('auth.required');
    expect((await client.get('/api/me/sessions')).statusCode).toBe(401);
    const rename = await client.patch('/api/me', { displayName: 'Omdøbt' });
    expect(rename.statusCode).toBe(401);
    expect(rename.json().error.code).toBe('auth.required');
    expect((await accountOf(email))!.displayName).toBe('Ny Person');
    const group = await client.post('/api/groups', {
      name: 'Ventegruppe',
      slug: `vente-${counter}`,
      kind: 'diagnosis',
      visibility: 'listed',
      joinPolicy: 'request',
    });
    expect(group.statusCode).toBe(401);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(401);
    await expect(openSocket(socketUrl(t), client.cookie!)).rejects.toThrow('status 401');

    // The same browser, once the link is followed: every one of those now works.
    await client.post('/api/auth/verify-email', { token: await confirmationLink(t.app, email) });
    expect((await client.get('/api/me')).statusCode).toBe(200);
    const socket = await openSocket(socketUrl(t), client.cookie!);
    socket.close();
    expect((await client.patch('/api/me', { displayName: 'Omdøbt' })).statusCode).toBe(200);
  });

  it('lasts no longer than the confirmation link: 48 hours', async () => {
    const email = freshEmail('udloeb');
    const { client } = await startAccount(email);
    const account = await accountOf(email);
    const [pending] = await sessionsOf(account!.id);
    const [link] = await t.database.db
      .select()
      .from(userTokens)
      .where(and(eq(userTokens.userId, account!.id), eq(userTokens.purpose, 'verify_email')));
    expect(pending!.expiresAt.getTime()).toBe(t.clock.now().getTime() + 48 * hour);
    expect(pending!.absoluteExpiresAt.getTime()).toBe(t.clock.now().getTime() + 48 * hour);
    expect(pending!.absoluteExpiresAt.getTime()).toBeLessThanOrEqual(link!.expiresAt.getTime());

    // A link asked for again late lives on; the pending session does not, so that browser needs the password too.
    t.clock.advance(47 * hour);
    await new Client(t.app).post('/api/auth/signup/resend', { email });
    const token = await confirmationLink(t.app, email);
    t.clock.advance(2 * hour);
    const refused = await client.post('/api/auth/verify-email', { token });
    expect(refused.statusCode, refused.body).toBe(401);
    expect(refused.json().error.code).toBe('auth.password_required');
    const confirmed = await client.post('/api/auth/verify-email', { token, password });
    expect(confirmed.statusCode).toBe(200);
    expect((await client.get('/api/me')).statusCode).toBe(200);
  });
});

describe('confirming a new account with the mailed link', () => {
  it('in the browser that signed up, activates that very session without a password, under a new token', async () => {
    const email = freshEmail('sammebrowser');
    const { client } = await startAccount(email, { locale: 'en' });
    const account = await accountOf(email);
    const [pending] = await sessionsOf(account!.id);
    const pendingCookie = client.cookie!;
    const token = await confirmationLink(t.app, email);
    t.clock.advance(47 * hour);

    const confirmed = await client.post('/api/auth/verify-email', { token });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({
      signedIn: true,
      user: { id: account!.id, email, emailVerified: true, locale: 'en' },
    });
    expect(String(confirmed.headers['set-cookie'])).toMatch(/^spejl_session=[a-z2-7]{32};.*HttpOnly/);
    expect(client.cookie).not.toBe(pendingCookie);

    const [active, ...others] = await sessionsOf(account!.id);
    expect(others).toEqual([]);
    expect(active!.id).toBe(pending!.id);
    expect(active!.pending).toBe(false);
    expect(active!.tokenHash).toBe(hashToken(tokenOf(client)));
    expect(active!.expiresAt.getTime()).toBe(t.clock.now().getTime() + sessionPolicy.idleMs);
    expect(active!.absoluteExpiresAt.getTime()).toBe(t.clock.now().getTime() + sessionPolicy.absoluteMs);
    expect((await client.get('/api/me')).json().user).toMatchObject({ id: account!.id, emailVerified: true });
    const stale = new Client(t.app);
    stale.cookie = pendingCookie;
    expect((await stale.get('/api/me')).statusCode).toBe(401);

    const again = await client.post('/api/auth/verify-email', { token });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('auth.token_invalid');
  });

  it('from another browser needs the password: password_required, then a wrong one, then the right one', async () => {
    const email = freshEmail('andenbrowser');
    const { client: first } = await startAccount(email);
    const account = await accountOf(email);
    const token = await confirmationLink(t.app, email);
    const other = new Client(t.app);

    const bare = await other.post('/api/auth/verify-email', { token });
    expect(bare.statusCode).toBe(401);
    expect(bare.json().error.code).toBe('auth.password_required');
    expect(bare.json().error.details).toEqual({ field: 'password' });
    expect(other.cookie).toBeUndefined();
    const wrong = await other.post('/api/auth/verify-email', { token, password: 'ikke den rigtige' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
    expect(other.cookie).toBeUndefined();
    expect((await accountOf(email))!.emailVerifiedAt).toBeNull();

    const right = await other.post('/api/auth/verify-email', { token, password });
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({ signedIn: true, user: { email, emailVerified: true } });
    expect((await other.get('/api/me')).json().user.id).toBe(account!.id);
    // The first browser's pending session can never become usable now, so it is gone.
    expect((await first.get('/api/me')).statusCode).toBe(401);
    const rows = await sessionsOf(account!.id);
    expect(rows.map((row) => [row.tokenHash, row.pending])).toEqual([[hashToken(tokenOf(other)), false]]);
  });

  it('is not confirmed by another account’s pending session', async () => {
    const mine = freshEmail('min');
    const theirs = freshEmail('din');
    const { client: me } = await startAccount(mine);
    const { client: them } = await startAccount(theirs);
    const theirLink = await confirmationLink(t.app, theirs);
    const refused = await me.post('/api/auth/verify-email', { token: theirLink });
    expect(refused.statusCode, refused.body).toBe(401);
    expect(refused.json().error.code).toBe('auth.password_required');
    expect((await accountOf(theirs))!.emailVerifiedAt).toBeNull();
    expect((await them.post('/api/auth/verify-email', { token: theirLink })).statusCode).toBe(200);
    // Mine is still pending, theirs is active.
    expect((await me.get('/api/me')).statusCode).toBe(401);
    expect((await them.get('/api/me')).statusCode).toBe(200);
  });

  it('cannot be used before it is confirmed, and says so only to someone with the password', async () => {
    const email = freshEmail('ubekraeftet');
    await startAccount(email);
    const wrong = await new Client(t.app).post('/api/auth/login', { email, password: 'forkert forkert' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
    const right = await new Client(t.app).post('/api/auth/login', { email, password });
    expect(right.statusCode).toBe(403);
    expect(right.json().error.code).toBe('auth.email_unverified');
    expect(right.headers['set-cookie']).toBeUndefined();
  });

  it('limits the passwords tried with one link', async () => {
    const email = freshEmail('gaet');
    await startAccount(email);
    const token = await confirmationLink(t.app, email);
    const guesser = new Client(t.app);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        guesser.post('/api/auth/verify-email', { token, password: 'gæt gæt gæt' }),
      ),
    );
    expect(answers.filter((answer) => answer.statusCode === 401)).toHaveLength(10);
    expect((await guesser.post('/api/auth/verify-email', { token, password })).statusCode).toBe(429);
  });

  it('mails a new link on request, for a waiting account only, answering the same for every address', async () => {
    const email = freshEmail('igen');
    await startAccount(email);
    const first = await confirmationLink(t.app, email);
    t.clock.advance(1000);
    const answers = await Promise.all(
      [email, freshEmail('findesikke')].map((address) =>
        new Client(t.app).post('/api/auth/signup/resend', { email: address }),
      ),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual([202, 202]);
    expect(answers[0]!.body).toBe(answers[1]!.body);
    const second = await confirmationLink(t.app, email);
    expect(second).not.toBe(first);
    // The newest link is the one that works.
    expect(
      (await new Client(t.app).post('/api/auth/verify-email', { token: first, password })).statusCode,
    ).toBe(400);
    expect(
      (await new Client(t.app).post('/api/auth/verify-email', { token: second, password })).statusCode,
    ).toBe(200);
    // A confirmed account gets no more links.
    t.clock.advance(1000);
    await new Client(t.app).post('/api/auth/signup/resend', { email });
    expect(await confirmationLink(t.app, email)).toBe(second);
  });
});
