import { sessions } from '@spejl/db';
import { sessionPolicy } from '@spejl/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../../bus/bus.ts';
import {
  Client,
  createSharedTestApps,
  createTestApp,
  sameBrowserOn,
  signUp,
  signUpAdmin,
  type TestApp,
} from '../../testing/app.ts';
import type { Actor } from './auth.policy.ts';
import { createSessionCache } from './auth.session-cache.ts';

const status = async (client: Client) => (await client.get('/api/me')).statusCode;

describe('the session cache on one process', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A short life, so the test can see an unannounced change come through.
    t = await createTestApp({ sessionCache: 400 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves a signed-in session without the database until its time is up', async () => {
    const person = await signUp(t.app);
    expect(await status(person.client)).toBe(200);
    // Deleted past the bus (as the operator CLI does): the cache still knows the session, for its time only.
    await t.database.db.delete(sessions).where(eq(sessions.userId, person.user.id));
    expect(await status(person.client), 'served from the cache').toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await status(person.client), 'read again once the entry is old').toBe(401);
  });

  it('ends a session signed out on this process at once', async () => {
    const person = await signUp(t.app);
    const saved = person.client.cookie;
    expect(await status(person.client)).toBe(200);
    expect((await person.client.post('/api/auth/logout')).statusCode).toBe(204);
    person.client.cookie = saved;
    expect(await status(person.client)).toBe(401);
  });

  it('lets the idle deadline slide while cached, and ends a session idle too long', async () => {
    const person = await signUp(t.app);
    expect(await status(person.client)).toBe(200);
    const [before] = await t.database.db.select().from(sessions).where(eq(sessions.userId, person.user.id));
    t.clock.advance(sessionPolicy.refreshAfterMs + 1_000);
    expect(await status(person.client)).toBe(200);
    const [after] = await t.database.db.select().from(sessions).where(eq(sessions.userId, person.user.id));
    expect(after!.lastSeenAt.getTime(), 'the database hears of the slide').toBe(t.clock.now().getTime());
    expect(after!.expiresAt.getTime()).toBeGreaterThan(before!.expiresAt.getTime());
    // Past the idle deadline the cached entry is not trusted: the database ends the session.
    t.clock.advance(sessionPolicy.idleMs + 1_000);
    expect(await status(person.client)).toBe(401);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, person.user.id))).toEqual(
      [],
    );
  });
});

describe('the session cache across processes (two apps, one PostgreSQL, postgres buses)', () => {
  let apps: Awaited<ReturnType<typeof createSharedTestApps>>;
  beforeAll(async () => {
    apps = await createSharedTestApps({ sessionCache: true });
  });
  afterAll(async () => {
    await apps?.close();
  });

  // The other process hears of it through LISTEN/NOTIFY: "at once" is within the bus's delivery, well under a second.
  const soon = { timeout: 1_000, interval: 20 };

  it('ends a revoked session on every process at once', async () => {
    const person = await signUp(apps.first.app);
    const second = sameBrowserOn(apps.second, person.client);
    expect(await status(person.client)).toBe(200);
    expect(await status(second), 'cached on the second process too').toBe(200);
    // Another browser of the same person revokes this one from the sessions list, on the first process.
    const signIn = await new Client(apps.first.app).post('/api/auth/login', {
      email: person.user.email,
      password: person.password,
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const phone = new Client(apps.first.app);
    phone.cookie = String(signIn.headers['set-cookie']).split(';')[0];
    const list = (await phone.get('/api/me/sessions')).json().items as Array<{
      id: string;
      current: boolean;
    }>;
    const target = list.find((session) => !session.current)!;
    expect((await phone.delete(`/api/me/sessions/${target.id}`)).statusCode).toBe(204);
    await expect.poll(() => status(second), soon).toBe(401);
    expect(await status(person.client)).toBe(401);
    expect(await status(phone), 'the revoking session goes on').toBe(200);
  });

  it('shows a changed role and a lock on every process at once', async () => {
    const admin = await signUpAdmin(apps.first);
    const person = await signUp(apps.first.app);
    const second = sameBrowserOn(apps.second, person.client);
    expect((await second.get('/api/me')).json().user.platformRole).toBe('member');
    const raised = await admin.client.patch(`/api/admin/users/${person.user.id}`, {
      role: 'coordinator',
      reason: 'Ny koordinator',
    });
    expect(raised.statusCode, raised.body).toBe(200);
    await expect
      .poll(async () => (await second.get('/api/me')).json().user.platformRole, soon)
      .toBe('coordinator');
    const lock = await admin.client.post(`/api/admin/users/${person.user.id}/lock`, { reason: 'test' });
    expect(lock.statusCode, lock.body).toBe(200);
    await expect.poll(() => status(second), soon).toBe(401);
    expect(await status(person.client)).toBe(401);
  });

  it('ends every session of a deleted account on every process', async () => {
    const person = await signUp(apps.first.app);
    const second = sameBrowserOn(apps.second, person.client);
    expect(await status(second)).toBe(200);
    const deleted = await person.client.delete('/api/me', { password: person.password, messages: 'delete' });
    expect(deleted.statusCode, deleted.body).toBe(204);
    await expect.poll(() => status(second), soon).toBe(401);
  });
});

describe('createSessionCache', () => {
  const actor = (userId: string, sessionId: string) =>
    ({ user: { id: userId }, session: { id: sessionId } }) as unknown as Actor;

  it('does not keep a read that raced an announced change', () => {
    const cache = createSessionCache({ bus: createMemoryBus() });
    const readAt = cache.epoch();
    void cache.changed({ userId: 'u1' });
    cache.set('hash', actor('u1', 's1'), readAt);
    expect(cache.get('hash')).toBeUndefined();
    cache.set('hash', actor('u1', 's1'), cache.epoch());
    expect(cache.get('hash')).toBeDefined();
  });

  it('forgets one session or all of a person on the bus, from another process', async () => {
    const bus = createMemoryBus();
    const here = createSessionCache({ bus });
    const there = createSessionCache({ bus });
    here.set('a', actor('u1', 's1'), here.epoch());
    here.set('b', actor('u1', 's2'), here.epoch());
    here.set('c', actor('u2', 's3'), here.epoch());
    await there.changed({ sessionId: 's1' });
    expect([here.get('a'), here.get('b')?.session.id, here.get('c')?.session.id]).toEqual([
      undefined,
      's2',
      's3',
    ]);
    await there.changed({ userId: 'u1' });
    expect([here.get('b'), here.get('c')?.session.id]).toEqual([undefined, 's3']);
  });

  it('keeps nothing with a time of 0', () => {
    const cache = createSessionCache({ ttlMs: 0 });
    cache.set('a', actor('u1', 's1'), cache.epoch());
    expect(cache.get('a')).toBeUndefined();
  });
});
