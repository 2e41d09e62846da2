import { randomBytes, randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Bus } from './bus.ts';
import { createRedisBus, type RedisBusOptions } from './redis-bus.ts';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const eventually = { timeout: 10_000, interval: 5 };
// A prefix per run, so parallel runs on one Redis never hear each other.
const runPrefix = `spejl-test-${randomBytes(4).toString('hex')}`;

/** A plain client, to look at and act on Redis from outside the bus. */
const admin = createClient({ url: redisUrl });
beforeAll(async () => {
  await admin.connect();
});
afterAll(() => admin.close());

const open: Bus[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((bus) => bus.close()));
});

async function openBus(options: Partial<RedisBusOptions> = {}): Promise<Bus> {
  const bus = await createRedisBus({ url: redisUrl, channelPrefix: `${runPrefix}:`, ...options });
  open.push(bus);
  return bus;
}

function recorder() {
  const received: unknown[] = [];
  return { received, handler: (payload: unknown) => void received.push(payload) };
}

const channel = () => `group:${randomUUID()}`;

describe('the redis bus', () => {
  it('publishes on the prefixed Redis channel, so a plain client can listen', async () => {
    const bus = await openBus();
    const name = channel();
    const heard: string[] = [];
    const listener = admin.duplicate();
    await listener.connect();
    await listener.subscribe(`${runPrefix}:${name}`, (message) => void heard.push(message));
    await bus.publish(name, { text: 'hej' });
    await vi.waitFor(() => expect(heard).toEqual(['{"text":"hej"}']), eventually);
    await listener.close();
  });

  it('hears only its own prefix, even when the prefix holds pattern characters', async () => {
    const starred = await openBus({ channelPrefix: `${runPrefix}-x*:` });
    const plain = await openBus({ channelPrefix: `${runPrefix}-xy:` });
    const name = channel();
    const inStarred = recorder();
    const inPlain = recorder();
    starred.subscribe(name, inStarred.handler);
    plain.subscribe(name, inPlain.handler);
    await plain.publish(name, { to: 'plain' });
    await starred.publish(name, { to: 'starred' });
    await vi.waitFor(() => expect(inStarred.received).toEqual([{ to: 'starred' }]), eventually);
    expect(inPlain.received).toEqual([{ to: 'plain' }]);
  });

  it('reports a message that is not JSON and goes on delivering', async () => {
    const errors: string[] = [];
    const bus = await openBus({ onError: (_error, context) => errors.push(context) });
    const name = channel();
    const { received, handler } = recorder();
    bus.subscribe(name, handler);
    await admin.publish(`${runPrefix}:${name}`, 'not json');
    await bus.publish(name, { n: 1 });
    await vi.waitFor(() => expect(received).toEqual([{ n: 1 }]), eventually);
    expect(errors).toEqual([`malformed message on ${runPrefix}:${name}`]);
  });

  it('subscribes again after its connection is killed, and goes on delivering', async () => {
    const connectionName = `spejl-bus-${randomBytes(4).toString('hex')}`;
    const errors: string[] = [];
    const cut = await openBus({ connectionName, onError: (_error, context) => errors.push(context) });
    const other = await openBus();
    const name = channel();
    const { received, handler } = recorder();
    cut.subscribe(name, handler);
    const clients = String(await admin.sendCommand(['CLIENT', 'LIST']));
    const id = clients.match(new RegExp(`id=(\\d+) .*name=${connectionName}-subscriber `))?.[1];
    expect(id).toBeDefined();
    await admin.sendCommand(['CLIENT', 'KILL', 'ID', String(id)]);
    await probeUntilHeard(other, name, received);
    expect(errors).toContain('redis subscriber connection');
    await other.publish(name, { after: 'reconnect', n: 1 });
    await other.publish(name, { after: 'reconnect', n: 2 });
    const events = () => received.filter((payload) => !(payload as { probe?: true }).probe);
    await vi.waitFor(() => expect(events()).toHaveLength(2), eventually);
    expect(events()).toEqual([
      { after: 'reconnect', n: 1 },
      { after: 'reconnect', n: 2 },
    ]);
  });
});

/** Events sent while the subscription is down are lost (clients catch up from cursors): probe until one is heard. */
async function probeUntilHeard(bus: Bus, name: string, received: unknown[]) {
  const deadline = Date.now() + 10_000;
  while (received.length === 0) {
    if (Date.now() > deadline) throw new Error('no probe was heard after the connection was cut');
    await bus.publish(name, { probe: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
