import { pushSubscriptions, userActivity } from '@spejl/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { Client, createTestApp, signUp, type TestApp } from '../../testing/app.ts';
import { createVapidKeys } from './push.keys.ts';
import { maxDevicesPerPerson } from './push.service.ts';
import { startPushReceiver, type PushReceiver } from '../../testing/push-receiver.ts';

const android =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

let t: TestApp;
let receiver: PushReceiver;
type Person = Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  t = await createTestApp();
  receiver = await startPushReceiver();
});
afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

const subscribe = (person: Person, subscription = receiver.subscription(), agent = android) =>
  person.client.post('/api/me/push-subscriptions', subscription, { 'user-agent': agent });
const devicesOf = async (person: Person) => {
  const response = await person.client.get('/api/me/push-subscriptions');
  expect(response.statusCode).toBe(200);
  return response.json().items as Array<{
    id: string;
    label: string;
    createdAt: string;
    lastSuccessAt: null;
  }>;
};

describe('GET /api/push/key', () => {
  it('gives anyone the VAPID public key, the same every time and on every node', async () => {
    const first = await new Client(t.app).get('/api/push/key');
    expect(first.statusCode).toBe(200);
    const { publicKey } = first.json() as { publicKey: string };
    expect(publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect((await new Client(t.app).get('/api/push/key')).json()).toEqual({ publicKey });
    // Another process on the same database reads the pair the first one kept, rather than making its own.
    const otherNode = createVapidKeys({
      db: t.database.db,
      configured: undefined,
      subject: 'mailto:x@y.example',
    });
    expect((await otherNode.get()).publicKey).toBe(publicKey);
  });

  it('uses configured keys when there are some, and refuses malformed ones', async () => {
    const configured = webpush.generateVAPIDKeys();
    const keys = createVapidKeys({ db: t.database.db, configured, subject: 'mailto:x@y.example' });
    expect(await keys.get()).toEqual({ subject: 'mailto:x@y.example', ...configured });
    const malformed = { publicKey: configured.publicKey, privateKey: 'c'.repeat(40) };
    await expect(
      createVapidKeys({ db: t.database.db, configured: malformed, subject: 'mailto:x@y.example' }).get(),
    ).rejects.toThrow();
  });
});

describe('POST /api/me/push-subscriptions', () => {
  it('401 signed out', async () => {
    const response = await new Client(t.app).post('/api/me/push-subscriptions', receiver.subscription());
    expect(response.statusCode).toBe(401);
  });

  it('400 for a subscription without its keys', async () => {
    const person = await signUp(t.app);
    const { endpoint } = receiver.subscription();
    const response = await person.client.post('/api/me/push-subscriptions', {
      endpoint,
      keys: { auth: 'x' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation.failed');
  });

  it('201 for a new browser with a label from its User-Agent, 200 when the same browser subscribes again', async () => {
    const person = await signUp(t.app);
    const subscription = receiver.subscription();
    const created = await subscribe(person, subscription);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().device).toEqual({
      id: expect.any(String),
      label: 'Chrome på Android',
      createdAt: t.clock.now().toISOString(),
      lastSuccessAt: null,
    });
    expect(created.body).not.toContain(subscription.endpoint);
    const again = await subscribe(person, subscription);
    expect(again.statusCode).toBe(200);
    expect(again.json().device.id).toBe(created.json().device.id);
    expect(await devicesOf(person)).toHaveLength(1);
  });

  it('moves a browser’s subscription to whoever subscribes it last (two accounts on one device)', async () => {
    const first = await signUp(t.app);
    const second = await signUp(t.app);
    const subscription = receiver.subscription();
    expect((await subscribe(first, subscription)).statusCode).toBe(201);
    expect((await subscribe(second, subscription)).statusCode).toBe(200);
    expect(await devicesOf(first)).toEqual([]);
    expect(await devicesOf(second)).toHaveLength(1);
  });

  it(`keeps at most ${maxDevicesPerPerson} devices per person, dropping the oldest`, async () => {
    const person = await signUp(t.app);
    const ids: string[] = [];
    for (let index = 0; index <= maxDevicesPerPerson; index += 1) {
      const response = await subscribe(person);
      expect(response.statusCode).toBe(201);
      ids.push(response.json().device.id);
      t.clock.advance(1000);
    }
    const kept = (await devicesOf(person)).map((device) => device.id);
    expect(kept).toHaveLength(maxDevicesPerPerson);
    expect(kept).not.toContain(ids[0]);
    expect(kept).toContain(ids.at(-1));
  });

  it('429 past 30 subscriptions an hour', async () => {
    const person = await signUp(t.app);
    for (let index = 0; index < 30; index += 1)
      expect((await subscribe(person)).statusCode).toBeLessThan(300);
    const refused = await subscribe(person);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
  });
});

describe('GET /api/me/push-subscriptions', () => {
  it('401 signed out', async () => {
    expect((await new Client(t.app).get('/api/me/push-subscriptions')).statusCode).toBe(401);
  });

  it('lists only the person’s own devices, never an endpoint', async () => {
    const person = await signUp(t.app);
    const other = await signUp(t.app);
    const mine = receiver.subscription();
    await subscribe(person, mine);
    await subscribe(other);
    const response = await person.client.get('/api/me/push-subscriptions');
    expect(response.json().items).toHaveLength(1);
    expect(response.body).not.toContain(mine.endpoint);
    expect(response.body).not.toContain(mine.keys.auth);
  });
});

describe('DELETE /api/me/push-subscriptions', () => {
  it('401 signed out', async () => {
    const response = await new Client(t.app).delete('/api/me/push-subscriptions', { endpoint: 'http://x/y' });
    expect(response.statusCode).toBe(401);
  });

  it('404 for someone else’s endpoint, or one unknown; 204 for one’s own', async () => {
    const person = await signUp(t.app);
    const other = await signUp(t.app);
    const theirs = receiver.subscription();
    await subscribe(other, theirs);
    const refused = await person.client.delete('/api/me/push-subscriptions', { endpoint: theirs.endpoint });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('not_found');
    expect(await devicesOf(other)).toHaveLength(1);
    const mine = receiver.subscription();
    await subscribe(person, mine);
    expect(
      (await person.client.delete('/api/me/push-subscriptions', { endpoint: mine.endpoint })).statusCode,
    ).toBe(204);
    expect(await devicesOf(person)).toEqual([]);
    expect(
      (await person.client.delete('/api/me/push-subscriptions', { endpoint: mine.endpoint })).statusCode,
    ).toBe(404);
  });
});

describe('DELETE /api/me/push-subscriptions/:id', () => {
  it('401 signed out', async () => {
    const response = await new Client(t.app).delete(
      '/api/me/push-subscriptions/00000000-0000-4000-8000-000000000000',
    );
    expect(response.statusCode).toBe(401);
  });

  it('404 for someone else’s device or an id that is none; 204 for one’s own', async () => {
    const person = await signUp(t.app);
    const other = await signUp(t.app);
    const theirs = (await subscribe(other)).json().device.id as string;
    expect((await person.client.delete(`/api/me/push-subscriptions/${theirs}`)).statusCode).toBe(404);
    expect((await person.client.delete('/api/me/push-subscriptions/not-an-id')).statusCode).toBe(404);
    expect(await devicesOf(other)).toHaveLength(1);
    const mine = (await subscribe(person)).json().device.id as string;
    expect((await person.client.delete(`/api/me/push-subscriptions/${mine}`)).statusCode).toBe(204);
    const [row] = await t.database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, mine));
    expect(row).toBeUndefined();
  });
});

describe('in production', () => {
  it('refuses endpoints that are not https on a public address with push.endpoint_not_allowed', async () => {
    const production = await createTestApp({ nodeEnv: 'production' });
    try {
      const person = await signUp(production.app);
      const { keys } = receiver.subscription();
      for (const endpoint of [
        receiver.subscription().endpoint,
        'https://127.0.0.1/push/abc',
        'https://localhost/push/abc',
        'https://[::ffff:10.0.0.1]/push/abc',
        'https://192.168.1.1/push/abc',
      ]) {
        const response = await person.client.post('/api/me/push-subscriptions', { endpoint, keys });
        expect(response.statusCode, endpoint).toBe(400);
        expect(response.json().error.code).toBe('push.endpoint_not_allowed');
      }
      const response = await person.client.get('/api/me/push-subscriptions');
      expect(response.json().items).toEqual([]);
    } finally {
      await production.close();
    }
  });
});

describe('personal data', () => {
  it('the export lists the devices without their endpoints; deleting the account removes them', async () => {
    const person = await signUp(t.app);
    const subscription = receiver.subscription();
    await subscribe(person, subscription);
    await t.database.db.insert(userActivity).values({ userId: person.user.id, activeAt: t.clock.now() });
    const exported = await person.client.get('/api/me/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.json().pushDevices).toEqual([
      { label: 'Chrome på Android', createdAt: t.clock.now().toISOString(), lastSuccessAt: null },
    ]);
    expect(exported.body).not.toContain(subscription.endpoint);
    const deleted = await person.client.delete('/api/me', {
      password: person.password,
      messages: 'anonymise',
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(
      await t.database.db
        .select()
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.userId, person.user.id)),
    ).toEqual([]);
    expect(
      await t.database.db.select().from(userActivity).where(eq(userActivity.userId, person.user.id)),
    ).toEqual([]);
  });
});
