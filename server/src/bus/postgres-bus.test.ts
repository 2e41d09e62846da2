import { randomBytes, randomUUID } from 'node:crypto';
import { createDb } from '@spejl/db';
import { postgresTemplateName, throwawayDatabaseName } from '@spejl/db/testing';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Bus } from './bus.ts';
import { createPostgresBus, maxNotifyBytes, type PostgresBusOptions } from './postgres-bus.ts';

const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const eventually = { timeout: 10_000, interval: 5 };

/** A fresh, migrated PostgreSQL database: PGlite has no LISTEN/NOTIFY between processes. */
async function createThrowawayPostgres() {
  const name = throwawayDatabaseName();
  const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  try {
    const [template] = await admin`select 1 from pg_database where datname = ${postgresTemplateName}`;
    await admin.unsafe(`create database "${name}"${template ? ` template "${postgresTemplateName}"` : ''}`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const database = await createDb({ databaseUrl: url.toString(), poolSize: 4 });
  // A template left by an earlier run may lack the newest migrations.
  await database.migrate();
  return {
    url: url.toString(),
    database,
    async drop() {
      await database.close();
      const dropper = postgres(postgresUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}

let postgresDatabase: Awaited<ReturnType<typeof createThrowawayPostgres>>;
const raw = () => postgresDatabase.database.raw;
beforeAll(async () => {
  postgresDatabase = await createThrowawayPostgres();
});
afterAll(() => postgresDatabase?.drop());

const open: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((resource) => resource.close()));
});

async function openBus(options: Partial<PostgresBusOptions> = {}): Promise<Bus> {
  const bus = await createPostgresBus({ databaseUrl: postgresDatabase.url, raw: raw(), ...options });
  open.push(bus);
  return bus;
}

/** Hears the `spejl_bus` notifications themselves, on a connection of its own, as PostgreSQL sends them. */
async function watchNotifications() {
  const sql = postgres(postgresDatabase.url, { max: 1, onnotice: () => {} });
  const notifications: string[] = [];
  await sql.listen('spejl_bus', (text) => void notifications.push(text));
  open.push({ close: () => sql.end() });
  return {
    notifications,
    events: () =>
      notifications.flatMap((text) => JSON.parse(text) as Array<{ c: string; p?: unknown; r?: number }>),
  };
}

function recorder() {
  const received: unknown[] = [];
  return { received, handler: (payload: unknown) => void received.push(payload) };
}

const channel = () => `group:${randomUUID()}`;

async function storedPayloadCount(): Promise<number> {
  const { rows } = await raw().query('select count(*)::int as count from bus_payloads');
  return Number(rows[0]?.count);
}

describe('the postgres bus', () => {
  it('sends 100 publishes made in one tick as a handful of notifications', async () => {
    const watch = await watchNotifications();
    const bus = await openBus();
    const name = channel();
    const { received, handler } = recorder();
    bus.subscribe(name, handler);
    await Promise.all(Array.from({ length: 100 }, (_, n) => bus.publish(name, { n })));
    await vi.waitFor(() => expect(watch.events()).toHaveLength(100), eventually);
    expect(watch.notifications.length).toBeLessThanOrEqual(2);
    await vi.waitFor(() => expect(received).toHaveLength(100), eventually);
    expect(received).toEqual(Array.from({ length: 100 }, (_, n) => ({ n })));
  });

  it('publishes while every connection of the app pool is busy: NOTIFY has a connection of its own', async () => {
    const bus = await openBus({ applicationName: `bus-${randomUUID().slice(0, 8)}` });
    const name = channel();
    const { received, handler } = recorder();
    bus.subscribe(name, handler);
    // The pool has 4 connections; all 4 sleep for 3 s, so a NOTIFY on the pool would wait for them.
    const sleepers = Promise.all(Array.from({ length: 4 }, () => raw().query('select pg_sleep(3)')));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    await bus.publish(name, { n: 1 });
    await vi.waitFor(() => expect(received).toEqual([{ n: 1 }]), eventually);
    expect(performance.now() - started).toBeLessThan(1500);
    await sleepers;
  });

  it('splits a large batch into notifications that each stay under the NOTIFY limit', async () => {
    const watch = await watchNotifications();
    const bus = await openBus();
    const name = channel();
    const { received, handler } = recorder();
    bus.subscribe(name, handler);
    const text = 'æ'.repeat(300);
    await Promise.all(Array.from({ length: 100 }, (_, n) => bus.publish(name, { n, text })));
    await vi.waitFor(() => expect(received).toHaveLength(100), eventually);
    expect(received).toEqual(Array.from({ length: 100 }, (_, n) => ({ n, text })));
    // The watcher's connection hears the same notifications on its own time (on a busy machine, later than the bus).
    await vi.waitFor(() => expect(watch.events()).toHaveLength(100), eventually);
    const sizes = watch.notifications.map((notification) => Buffer.byteLength(notification));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(maxNotifyBytes);
    // About 62 KB in all: packed, not one notification per event.
    expect(sizes.length).toBeGreaterThanOrEqual(8);
    expect(sizes.length).toBeLessThanOrEqual(10);
    expect(await storedPayloadCount()).toBe(0);
  });

  it('sends a 20 KB payload by reference through bus_payloads', async () => {
    const watch = await watchNotifications();
    const [first, second] = await Promise.all([openBus(), openBus()]);
    const name = channel();
    const { received, handler } = recorder();
    second.subscribe(name, handler);
    const before = await storedPayloadCount();
    const payload = { body: 'Lang besked med æøå og 🙂. '.repeat(800) };
    await first.publish(name, payload);
    await vi.waitFor(() => expect(received).toHaveLength(1), eventually);
    expect(received[0]).toEqual(payload);
    expect(await storedPayloadCount()).toBe(before + 1);
    const [event] = watch.events();
    expect(event).toMatchObject({ c: name, r: expect.any(Number) });
    const { rows } = await raw().query('select payload from bus_payloads where id = $1', [event?.r]);
    expect(JSON.parse(String(rows[0]?.payload))).toEqual(payload);
  });

  it('measures the NOTIFY limit in bytes, not characters', async () => {
    const bus = await openBus();
    const name = channel();
    const { received, handler } = recorder();
    bus.subscribe(name, handler);
    const before = await storedPayloadCount();
    // 6,000 bytes fits; 8,200 bytes does not, though it is only 4,100 characters.
    await bus.publish(name, { text: 'ø'.repeat(3000) });
    await vi.waitFor(() => expect(received).toHaveLength(1), eventually);
    expect(await storedPayloadCount()).toBe(before);
    await bus.publish(name, { text: 'ø'.repeat(4100) });
    await vi.waitFor(() => expect(received).toHaveLength(2), eventually);
    expect(await storedPayloadCount()).toBe(before + 1);
    expect(received).toEqual([{ text: 'ø'.repeat(3000) }, { text: 'ø'.repeat(4100) }]);
  });

  it('keeps publish order when a payload by reference sits between small ones', async () => {
    const [first, second] = await Promise.all([openBus(), openBus()]);
    const name = channel();
    const { received, handler } = recorder();
    second.subscribe(name, handler);
    const large = 'x'.repeat(9000);
    const payloads = Array.from({ length: 40 }, (_, n) => (n % 4 === 0 ? { n, large } : { n }));
    const published: Promise<void>[] = [];
    for (const payload of payloads) {
      published.push(first.publish(name, payload));
      // Spread over ticks, so small events are published while a large one is still being stored.
      if (payload.n % 3 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(published);
    await vi.waitFor(() => expect(received).toHaveLength(40), eventually);
    expect(received).toEqual(payloads);
  });

  it('purges stored payloads older than the retention, and keeps recent ones', async () => {
    const { rows } = await raw().query(
      `insert into bus_payloads (payload, created_at) values ('"old"', now() - interval '1 hour'), ('"new"', now())
       returning id, payload`,
    );
    await openBus({ purgeIntervalMs: 20 });
    await vi.waitFor(async () => {
      const { rows: left } = await raw().query(
        'select payload from bus_payloads where id = any($1::bigint[])',
        [rows.map((row) => row.id)],
      );
      expect(left.map((row) => row.payload)).toEqual(['"new"']);
    }, eventually);
  });

  it('refuses a payload JSON cannot carry, without losing the others published with it', async () => {
    const bus = await openBus();
    const name = channel();
    const { received, handler } = recorder();
    bus.subscribe(name, handler);
    const results = await Promise.allSettled([
      bus.publish(name, { n: 1 }),
      bus.publish(name, undefined),
      bus.publish(name, { n: 10n }),
      bus.publish(name, { n: 2 }),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    await vi.waitFor(() => expect(received).toEqual([{ n: 1 }, { n: 2 }]), eventually);
  });

  it('reports notifications it cannot read and goes on delivering', async () => {
    const errors: string[] = [];
    const bus = await openBus({ onError: (_error, context) => errors.push(context) });
    const name = channel();
    const { received, handler } = recorder();
    bus.subscribe(name, handler);
    await raw().query(`select pg_notify('spejl_bus', 'not json')`);
    await raw().query(`select pg_notify('spejl_bus', '[{"to":"nobody"}]')`);
    await raw().query('select pg_notify($1, $2)', [
      'spejl_bus',
      JSON.stringify([
        { c: name, r: 999_999_999 },
        { c: name, p: { n: 1 } },
      ]),
    ]);
    await bus.publish(name, { n: 2 });
    await vi.waitFor(() => expect(received).toEqual([{ n: 1 }, { n: 2 }]), eventually);
    expect(errors).toEqual(['receiving a notification', 'receiving a notification', name]);
  });

  it('listens again after its connection is cut, and goes on delivering', async () => {
    const applicationName = `spejl-bus-${randomBytes(4).toString('hex')}`;
    const listenerPid = async () => {
      const { rows } = await raw().query('select pid from pg_stat_activity where application_name = $1', [
        applicationName,
      ]);
      return rows[0]?.pid as number | undefined;
    };
    const [cut, other] = await Promise.all([openBus({ applicationName }), openBus()]);
    const name = channel();
    const { received, handler } = recorder();
    cut.subscribe(name, handler);
    const pid = await listenerPid();
    expect(pid).toBeDefined();
    await raw().query('select pg_terminate_backend($1)', [pid]);
    await probeUntilHeard(other, name, received);
    expect(await listenerPid()).not.toBe(pid);
    await other.publish(name, { after: 'reconnect', n: 1 });
    await other.publish(name, { after: 'reconnect', n: 2 });
    const events = () => received.filter((payload) => !(payload as { probe?: true }).probe);
    await vi.waitFor(() => expect(events()).toHaveLength(2), eventually);
    expect(events()).toEqual([
      { after: 'reconnect', n: 1 },
      { after: 'reconnect', n: 2 },
    ]);
  });

  it('sends what was published before close, then closes', async () => {
    const [first, second] = await Promise.all([openBus(), openBus()]);
    const name = channel();
    const { received, handler } = recorder();
    second.subscribe(name, handler);
    const published = Promise.all([first.publish(name, { n: 1 }), first.publish(name, { n: 2 })]);
    await first.close();
    await published;
    await vi.waitFor(() => expect(received).toEqual([{ n: 1 }, { n: 2 }]), eventually);
  });
});

/** Events sent while no connection listens are lost (clients catch up from cursors): probe until one is heard. */
async function probeUntilHeard(bus: Bus, name: string, received: unknown[]) {
  const deadline = Date.now() + 10_000;
  while (received.length === 0) {
    if (Date.now() > deadline) throw new Error('no probe was heard after the connection was cut');
    await bus.publish(name, { probe: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
