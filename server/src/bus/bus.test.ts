import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { createDb, type DatabaseHandle } from '@spejl/db';
import { postgresTemplateName, throwawayDatabaseName } from '@spejl/db/testing';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Bus, createMemoryBus } from './bus.ts';
import { createBus } from './create-bus.ts';
import { createPostgresBus } from './postgres-bus.ts';
import { createRedisBus } from './redis-bus.ts';

const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const eventually = { timeout: 10_000, interval: 5 };

type OnError = (error: unknown, context: string) => void;

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

/** One adapter under test; the buses it opens share one PostgreSQL database or Redis, like app processes. */
interface Harness {
  /** Config for `createBus`, as a process would read it from the environment. */
  config: { bus: Bus['kind']; databaseUrl?: string; redisUrl?: string };
  open(onError?: OnError): Promise<Bus>;
  close(): Promise<void>;
}

async function memoryHarness(): Promise<Harness> {
  return {
    config: { bus: 'memory' },
    open: async () => createMemoryBus(),
    close: async () => {},
  };
}

async function postgresHarness(): Promise<Harness> {
  const database = await createThrowawayPostgres();
  return {
    config: { bus: 'postgres', databaseUrl: database.url },
    open: (onError) => createPostgresBus({ databaseUrl: database.url, raw: database.database.raw, onError }),
    close: () => database.drop(),
  };
}

async function redisHarness(): Promise<Harness> {
  // A prefix per run, so parallel runs on one Redis never hear each other.
  const channelPrefix = `spejl-test-${randomBytes(4).toString('hex')}:`;
  return {
    config: { bus: 'redis', redisUrl },
    open: (onError) => createRedisBus({ url: redisUrl, channelPrefix, onError }),
    close: async () => {},
  };
}

/** Collects what a handler receives. */
function recorder() {
  const received: unknown[] = [];
  return { received, handler: (payload: unknown) => void received.push(payload) };
}

const channel = () => `group:${randomUUID()}`;

/** Opens buses for one test and closes them after it, whatever the test did. */
function useBuses(getHarness: () => Harness) {
  const open: Bus[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((bus) => bus.close()));
  });
  return async (onError?: OnError) => {
    const bus = await getHarness().open(onError);
    open.push(bus);
    return bus;
  };
}

describe.each([
  ['memory', memoryHarness],
  ['postgres', postgresHarness],
  ['redis', redisHarness],
] as const)('the %s bus', (_name, createHarness) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness?.close());
  const openBus = useBuses(() => harness);

  it('delivers each payload once to every subscriber of its channel, in the publishing process too', async () => {
    const bus = await openBus();
    const first = recorder();
    const second = recorder();
    const name = channel();
    bus.subscribe(name, first.handler);
    bus.subscribe(name, second.handler);
    await bus.publish(name, { text: 'hej' });
    await bus.publish(name, { text: 'igen' });
    await vi.waitFor(() => expect(second.received).toHaveLength(2), eventually);
    expect(first.received).toEqual([{ text: 'hej' }, { text: 'igen' }]);
    expect(second.received).toEqual([{ text: 'hej' }, { text: 'igen' }]);
  });

  it('keeps channels apart, including names that start with another channel name', async () => {
    const bus = await openBus();
    const id = randomUUID();
    const group = recorder();
    const longerGroup = recorder();
    const user = recorder();
    bus.subscribe(`group:${id}`, group.handler);
    bus.subscribe(`group:${id}0`, longerGroup.handler);
    bus.subscribe(`user:${id}`, user.handler);
    await bus.publish(`group:${id}`, { to: 'group' });
    await bus.publish(`user:${id}`, { to: 'user' });
    await vi.waitFor(() => expect(user.received).toHaveLength(1), eventually);
    expect(group.received).toEqual([{ to: 'group' }]);
    expect(user.received).toEqual([{ to: 'user' }]);
    expect(longerGroup.received).toEqual([]);
  });

  it('stops delivering to a handler once it unsubscribes', async () => {
    const bus = await openBus();
    const name = channel();
    const leaving = recorder();
    const staying = recorder();
    const unsubscribe = bus.subscribe(name, leaving.handler);
    bus.subscribe(name, staying.handler);
    await bus.publish(name, { n: 1 });
    await vi.waitFor(() => expect(leaving.received).toHaveLength(1), eventually);
    unsubscribe();
    unsubscribe();
    await bus.publish(name, { n: 2 });
    // The staying handler hears the second event in the same delivery the leaving one would have.
    await vi.waitFor(() => expect(staying.received).toHaveLength(2), eventually);
    expect(leaving.received).toEqual([{ n: 1 }]);
  });

  it('delivers 500 rapid publishes in publish order', async () => {
    const bus = await openBus();
    const name = channel();
    const { received, handler } = recorder();
    bus.subscribe(name, handler);
    await Promise.all(Array.from({ length: 500 }, (_, n) => bus.publish(name, { n })));
    await vi.waitFor(() => expect(received).toHaveLength(500), eventually);
    expect(received).toEqual(Array.from({ length: 500 }, (_, n) => ({ n })));
  });

  it('delivers a 20 KB payload intact', async () => {
    const bus = await openBus();
    const name = channel();
    const { received, handler } = recorder();
    bus.subscribe(name, handler);
    const payload = { text: 'Hej, verden! æøå 🙂 '.repeat(1000), list: [1, 'to', null] };
    await bus.publish(name, payload);
    await vi.waitFor(() => expect(received).toHaveLength(1), eventually);
    expect(received[0]).toEqual(payload);
  });

  it('leaves nothing open after close, so the process exits by itself', async () => {
    const result = await runChildProcess(harness);
    expect(result).toMatchObject({ code: 0, signal: null });
    expect(result.stdout).toBe('delivered\nclosed\n');
  });
});

describe.each([
  ['postgres', postgresHarness],
  ['redis', redisHarness],
] as const)('the %s bus across processes', (_name, createHarness) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness?.close());
  const openBus = useBuses(() => harness);

  it('delivers every publish exactly once to the subscribers in each process', async () => {
    const [first, second] = await Promise.all([openBus(), openBus()]);
    const name = channel();
    const inFirst = recorder();
    const inSecond = recorder();
    const alsoInSecond = recorder();
    first.subscribe(name, inFirst.handler);
    second.subscribe(name, inSecond.handler);
    second.subscribe(name, alsoInSecond.handler);
    await first.publish(name, { from: 'first' });
    await second.publish(name, { from: 'second' });
    // A last event from each process proves that everything published before it has arrived.
    await first.publish(name, { last: 'first' });
    await second.publish(name, { last: 'second' });
    const expected = [{ from: 'first' }, { from: 'second' }, { last: 'first' }, { last: 'second' }];
    for (const { received } of [inFirst, inSecond, alsoInSecond]) {
      await vi.waitFor(() => expect(received).toHaveLength(4), eventually);
      expect(received).toEqual(expected);
    }
  });

  it('keeps the order of each publisher when two publish at once', async () => {
    const [first, second] = await Promise.all([openBus(), openBus()]);
    const name = channel();
    const inFirst = recorder();
    const inSecond = recorder();
    first.subscribe(name, inFirst.handler);
    second.subscribe(name, inSecond.handler);
    await Promise.all([
      ...Array.from({ length: 500 }, (_, n) => first.publish(name, { from: 'first', n })),
      ...Array.from({ length: 500 }, (_, n) => second.publish(name, { from: 'second', n })),
    ]);
    for (const { received } of [inFirst, inSecond]) {
      await vi.waitFor(() => expect(received).toHaveLength(1000), eventually);
      for (const from of ['first', 'second']) {
        const sequence = (received as Array<{ from: string; n: number }>).filter(
          (event) => event.from === from,
        );
        expect(sequence.map((event) => event.n)).toEqual(Array.from({ length: 500 }, (_, n) => n));
      }
    }
    // Both processes hear the one order the server put the events in.
    expect(inSecond.received).toEqual(inFirst.received);
  });

  it('delivers a 20 KB payload to the other process intact', async () => {
    const [first, second] = await Promise.all([openBus(), openBus()]);
    const name = channel();
    const { received, handler } = recorder();
    second.subscribe(name, handler);
    const payload = { body: 'ø'.repeat(10_000), author: { id: randomUUID(), name: 'Åse' } };
    await first.publish(name, payload);
    await vi.waitFor(() => expect(received).toHaveLength(1), eventually);
    expect(received[0]).toEqual(payload);
  });

  it('keeps delivering in one process after a handler in the other unsubscribes', async () => {
    const [first, second] = await Promise.all([openBus(), openBus()]);
    const name = channel();
    const inFirst = recorder();
    const inSecond = recorder();
    first.subscribe(name, inFirst.handler);
    const unsubscribe = second.subscribe(name, inSecond.handler);
    await first.publish(name, { n: 1 });
    await vi.waitFor(() => expect(inSecond.received).toHaveLength(1), eventually);
    unsubscribe();
    await second.publish(name, { n: 2 });
    await vi.waitFor(() => expect(inFirst.received).toEqual([{ n: 1 }, { n: 2 }]), eventually);
    expect(inSecond.received).toEqual([{ n: 1 }]);
  });

  it('refuses to publish once closed', async () => {
    const bus = await harness.open();
    await bus.close();
    await expect(bus.publish(channel(), { late: true })).rejects.toThrow('closed');
  });

  it('delivers to the other handlers when one throws, and reports the error', async () => {
    const errors: string[] = [];
    const bus = await openBus((error, context) => errors.push(`${context}: ${(error as Error).message}`));
    const name = channel();
    const { received, handler } = recorder();
    bus.subscribe(name, () => {
      throw new Error('socket gone');
    });
    bus.subscribe(name, async () => {
      throw new Error('async socket gone');
    });
    bus.subscribe(name, handler);
    await bus.publish(name, { n: 1 });
    await bus.publish(name, { n: 2 });
    await vi.waitFor(() => expect(received).toEqual([{ n: 1 }, { n: 2 }]), eventually);
    await vi.waitFor(() => expect(errors).toHaveLength(4), eventually);
    expect(errors).toContain(`handler for ${name}: socket gone`);
    expect(errors).toContain(`handler for ${name}: async socket gone`);
  });
});

describe('createBus', () => {
  const database = {} as DatabaseHandle;

  it('builds the memory bus by default', async () => {
    const bus = await createBus({ bus: 'memory', redisUrl: undefined, databaseUrl: undefined }, database);
    expect(bus.kind).toBe('memory');
    await bus.close();
  });

  it('builds the redis bus from REDIS_URL', async () => {
    const bus = await createBus({ bus: 'redis', redisUrl, databaseUrl: undefined }, database);
    expect(bus.kind).toBe('redis');
    await bus.close();
  });

  it('refuses the postgres bus on PGlite', async () => {
    const pglite = { kind: 'pglite' } as DatabaseHandle;
    await expect(
      createBus({ bus: 'postgres', redisUrl: undefined, databaseUrl: undefined }, pglite),
    ).rejects.toThrow(/DATABASE_URL/);
  });

  it('stops the start when Redis cannot be reached, instead of hanging', async () => {
    const start = Date.now();
    await expect(createRedisBus({ url: 'redis://127.0.0.1:1', onError: () => {} })).rejects.toThrow(
      /ECONNREFUSED/,
    );
    expect(Date.now() - start).toBeLessThan(10_000);
  });
});

/**
 * Runs two buses in a child process: they publish, hear each other and close. The child then has to exit on its
 * own; a timer, socket or connection left open would keep it alive until the timeout kills it.
 */
function runChildProcess(harness: Harness) {
  const createBusModule = pathToFileURL(`${import.meta.dirname}/create-bus.ts`).href;
  const databaseModule = pathToFileURL(`${import.meta.dirname}/../../../db/src/index.ts`).href;
  const script = `
    const { createBus } = await import(${JSON.stringify(createBusModule)});
    const { createDb } = await import(${JSON.stringify(databaseModule)});
    const config = JSON.parse(process.env.BUS_CONFIG);
    const database = config.databaseUrl ? await createDb({ databaseUrl: config.databaseUrl, poolSize: 2 }) : {};
    const buses = [await createBus(config, database), await createBus(config, database)];
    const counts = [0, 0];
    buses.forEach((bus, index) => bus.subscribe(process.env.BUS_CHANNEL, () => { counts[index] += 1; }));
    await buses[0].publish(process.env.BUS_CHANNEL, { text: 'x'.repeat(20000) });
    await buses[1].publish(process.env.BUS_CHANNEL, { text: 'small' });
    const expected = config.bus === 'memory' ? [1, 1] : [2, 2];
    while (counts[0] < expected[0] || counts[1] < expected[1]) await new Promise((r) => setTimeout(r, 5));
    process.stdout.write('delivered\\n');
    for (const bus of buses) await bus.close();
    await database.close?.();
    process.stdout.write('closed\\n');
  `;
  return new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
    (resolve) => {
      execFile(
        process.execPath,
        ['--input-type=module', '--eval', script],
        {
          env: { ...process.env, BUS_CONFIG: JSON.stringify(harness.config), BUS_CHANNEL: channel() },
          timeout: 20_000,
        },
        (error, stdout, stderr) => {
          resolve({
            code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
            signal: error?.signal ?? null,
            stdout,
            stderr,
          });
        },
      );
    },
  );
}
