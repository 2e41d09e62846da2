import type { ClientFrame } from '@spejl/shared';
import { wsClose } from '@spejl/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createMemoryBus } from '../bus/bus.ts';
import type { Actor } from '../modules/auth/auth.policy.ts';
import { type GatewayConnection, type GatewayModule, registerGateway } from './gateway.ts';
import { defaultRealtimeLimits, type RealtimeLimits } from './limits.ts';
import { SocketClient, until } from './testing.ts';

/**
 * The gateway alone, on a bare Fastify app with no database: who is signed in comes from a header, and the one module
 * answers `typing` with a frame of the size asked for. Fast, and in full control of timing (the session check).
 */
const origin = 'http://localhost:3000';
let app: FastifyInstance | null = null;

async function gateway(
  options: {
    limits?: Partial<RealtimeLimits>;
    heartbeatMs?: number;
    liveSessions?: (ids: string[]) => Promise<Set<string>>;
  } = {},
) {
  const opened: GatewayConnection[] = [];
  const module: GatewayModule = {
    name: 'test',
    frameTypes: ['typing'],
    async open(connection) {
      opened.push(connection);
    },
    async handle(connection, frame: ClientFrame) {
      if (frame.type === 'typing') connection.send({ type: 'membership.ended', groupId: frame.groupId });
    },
  };
  app = Fastify();
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'en');
  app.addHook('onRequest', async (request) => {
    const user = request.headers['x-user'];
    if (typeof user === 'string')
      request.actor = {
        user: { id: user, displayName: user, locale: 'en' },
        session: { id: String(request.headers['x-session'] ?? `session-${user}`) },
      } as unknown as Actor;
  });
  await registerGateway(app, {
    bus: createMemoryBus(),
    publicOrigin: origin,
    modules: [module],
    limits: { ...defaultRealtimeLimits, ...options.limits },
    ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    ...(options.liveSessions ? { liveSessions: options.liveSessions } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/ws`;
  const connect = (user: string, extra: { session?: string; autoPong?: boolean } = {}) =>
    new Promise<SocketClient>((resolve, reject) => {
      const ws = new WebSocket(url, {
        headers: { origin, 'x-user': user, ...(extra.session ? { 'x-session': extra.session } : {}) },
        autoPong: extra.autoPong ?? true,
      });
      const client = new SocketClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  return { connect, opened };
}

afterEach(async () => {
  await app?.close();
  app = null;
});

describe('caps on open sockets', () => {
  it('refuses one socket more than a person may hold with 4029, and takes one again once another closes', async () => {
    const { connect } = await gateway({ limits: { maxSocketsPerUser: 2 } });
    const first = await connect('anna');
    const second = await connect('anna');
    const third = await connect('anna');
    await until(() => third.closed !== null, 'the third socket to be closed');
    expect(third.closed?.code).toBe(wsClose.tooManyForUser);
    // Someone else is not affected, and neither are Anna's first two.
    const bo = await connect('bo');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([first.closed, second.closed, bo.closed]).toEqual([null, null, null]);
    first.close();
    await until(() => first.closed !== null, 'the first socket to close');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await connect('anna');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(again.closed).toBeNull();
  });

  it('refuses one socket more than an address may hold with 4030, whoever opens it', async () => {
    const { connect } = await gateway({ limits: { maxSocketsPerAddress: 3 } });
    const open = await Promise.all(['a', 'b', 'c'].map((user) => connect(user)));
    const fourth = await connect('d');
    await until(() => fourth.closed !== null, 'the fourth socket to be closed');
    expect(fourth.closed?.code).toBe(wsClose.tooManyForAddress);
    expect(open.map((socket) => socket.closed)).toEqual([null, null, null]);
  });

  it('counts a burst of handshakes one by one: 30 at once for a cap of 5 leave exactly 5 open', async () => {
    const { connect } = await gateway({ limits: { maxSocketsPerUser: 5 } });
    const sockets = await Promise.all(Array.from({ length: 30 }, () => connect('carl')));
    await until(() => sockets.filter((socket) => socket.closed).length === 25, '25 refusals', 3000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sockets.filter((socket) => socket.closed === null)).toHaveLength(5);
    expect(new Set(sockets.flatMap((socket) => (socket.closed ? [socket.closed.code] : [])))).toEqual(
      new Set([wsClose.tooManyForUser]),
    );
  });
});

describe('liveness', () => {
  it('cuts a client that sends frames but never answers a ping, and keeps one that answers', async () => {
    const { connect } = await gateway({ heartbeatMs: 100 });
    const silent = await connect('erik', { autoPong: false });
    const honest = await connect('frida');
    // Erik keeps sending (his frames are answered), which used to count as being alive.
    const chatter = setInterval(() => silent.send({ type: 'ping' }), 20);
    try {
      await until(() => silent.closed !== null, 'the silent client to be cut', 3000);
    } finally {
      clearInterval(chatter);
    }
    expect(silent.of('pong').length).toBeGreaterThan(0);
    expect(silent.closed?.code).toBe(1006);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(honest.closed).toBeNull();
  });
});

describe('the session check on every heartbeat', () => {
  it('closes only sockets it asked about: one that opens while the check runs stays open', async () => {
    let release: (() => void) | null = null;
    const asked: string[][] = [];
    const { connect } = await gateway({
      heartbeatMs: 100,
      liveSessions: async (ids) => {
        asked.push(ids);
        // The first check waits until the test has opened a socket meanwhile; then every session asked about lives.
        if (asked.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return new Set(ids);
      },
    });
    const before = await connect('gerd', { session: 's1' });
    await until(() => release !== null, 'the first session check');
    const during = await connect('hans', { session: 's2' });
    release!();
    await until(() => asked.length >= 3, 'two more checks', 3000);
    expect(asked[0]).toEqual(['s1']);
    expect([before.closed, during.closed]).toEqual([null, null]);
  });

  it('asks about a slice of the sockets at a time, and about every socket once per beat', async () => {
    const asked: string[][] = [];
    // A beat of 3 s is visited in three slices, a second apart.
    const { connect } = await gateway({
      heartbeatMs: 3000,
      liveSessions: async (ids) => {
        asked.push(ids);
        return new Set(ids);
      },
    });
    const sessions = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'];
    const sockets = [];
    for (const session of sessions) sockets.push(await connect(`person-${session}`, { session }));
    await until(() => new Set(asked.flat()).size === sessions.length, 'every session asked about', 5000);
    expect(Math.max(...asked.map((ids) => ids.length))).toBeLessThanOrEqual(2);
    expect(sockets.map((socket) => socket.closed)).toEqual(sessions.map(() => null));
  });

  it('still closes a socket whose session ended, with 4001', async () => {
    const { connect } = await gateway({
      heartbeatMs: 100,
      liveSessions: async (ids) => new Set(ids.filter((id) => id !== 'revoked')),
    });
    const kept = await connect('ida', { session: 'kept' });
    const ended = await connect('ida', { session: 'revoked' });
    await until(() => ended.closed !== null, 'the ended session to close', 3000);
    expect(ended.closed?.code).toBe(wsClose.sessionEnded);
    expect(kept.closed).toBeNull();
  });
});

describe('answers', () => {
  it('names the frame a rate-limited or malformed frame was: its ref and its type', async () => {
    const { connect } = await gateway();
    const socket = await connect('jens');
    for (let i = 0; i < 40; i++) socket.send({ type: 'typing', groupId: 'group-1' });
    socket.send({ type: 'subscribe', groupId: 'group-2', sinceSeq: -1 });
    await until(
      () => socket.of('error').some((frame) => frame.code === 'rate_limited'),
      'a rate_limited answer',
      3000,
    );
    const limited = socket.of('error').filter((frame) => frame.code === 'rate_limited');
    expect(limited[0]).toMatchObject({ ref: 'group-1', frame: 'typing' });
    // Every one of the 41 frames got an answer of some kind.
    await until(() => socket.of('membership.ended').length + socket.of('error').length === 41, '41 answers');
  });
});
