import { users } from '@spejl/db';
import type { ServerFrame } from '@spejl/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  Client,
  createGroupWith,
  createTestApp,
  signUp,
  signUpAdmin,
  type TestApp,
  testOrigin,
} from '../testing/app.ts';

let t: TestApp;
let url: string;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let anna: Person;
let bo: Person;
let outsider: Person;
let groupId: string;
let hiddenId: string;

/** A real WebSocket client that records every frame it receives. */
class Socket {
  readonly frames: ServerFrame[] = [];
  readonly ws: WebSocket;
  closed: { code: number } | null = null;
  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => this.frames.push(JSON.parse(String(data)) as ServerFrame));
    ws.on('close', (code) => {
      this.closed = { code };
    });
  }
  send(frame: unknown) {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }
  /** Waits until a frame matching the test arrives (looking at frames already received too). */
  async next<T extends ServerFrame['type']>(
    type: T,
    match: (frame: Extract<ServerFrame, { type: T }>) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<Extract<ServerFrame, { type: T }>> {
    const started = Date.now();
    for (;;) {
      const found = this.frames.find(
        (frame) => frame.type === type && match(frame as Extract<ServerFrame, { type: T }>),
      );
      if (found) return found as Extract<ServerFrame, { type: T }>;
      if (Date.now() - started > timeoutMs)
        throw new Error(`no ${type} frame; got ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  of<T extends ServerFrame['type']>(type: T) {
    return this.frames.filter((frame) => frame.type === type) as Array<Extract<ServerFrame, { type: T }>>;
  }
  close() {
    this.ws.close();
  }
}

function connect(person: Person | null, origin = testOrigin): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { origin };
    if (person?.client.cookie) headers.cookie = person.client.cookie;
    const ws = new WebSocket(url, { headers });
    const socket = new Socket(ws);
    ws.once('open', () => resolve(socket));
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`status ${response.statusCode}`)),
    );
    ws.once('error', reject);
  });
}

async function subscribed(person: Person, group: string, sinceSeq?: number) {
  const socket = await connect(person);
  socket.send({ type: 'subscribe', groupId: group, ...(sinceSeq === undefined ? {} : { sinceSeq }) });
  await socket.next('subscribed', (frame) => frame.groupId === group);
  return socket;
}

let clientCounter = 0;
const newClientId = () => `client-${Date.now()}-${++clientCounter}`;

beforeAll(async () => {
  t = await createTestApp({ heartbeatMs: 1000 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/ws`;
  admin = await signUpAdmin(t);
  anna = await signUp(t.app, { displayName: 'Anna' });
  bo = await signUp(t.app, { displayName: 'Bo' });
  outsider = await signUp(t.app, { displayName: 'Udenfor' });
  groupId = await createGroupWith(admin, { name: 'Chatgruppe' }, [{ person: anna }, { person: bo }]);
  hiddenId = await createGroupWith(admin, { name: 'Skjult', visibility: 'hidden' }, [{ person: anna }]);
});
afterAll(async () => {
  await t?.close();
});

describe('handshake', () => {
  it('refuses a socket without a session (401) or from another origin (403), before the upgrade', async () => {
    await expect(connect(null)).rejects.toThrow('status 401');
    await expect(connect(anna, 'https://evil.example')).rejects.toThrow('status 403');
    await expect(connect(anna, '')).rejects.toThrow('status 403');
    const ok = await connect(anna);
    ok.close();
  });
});

describe('frames', () => {
  it('answers a bad frame with an error frame and keeps the connection', async () => {
    const socket = await connect(anna);
    socket.send('this is not json');
    socket.send({ type: 'message.send', groupId, clientId: 'x', body: 'hej' });
    socket.send({ type: 'launch-missiles' });
    await socket.next('error', (frame) => frame.code === 'ws.bad_frame');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(socket.of('error').filter((frame) => frame.code === 'ws.bad_frame')).toHaveLength(3);
    socket.send({ type: 'ping' });
    await socket.next('pong');
    expect(socket.closed).toBeNull();
    socket.close();
  });

  it('closes the connection on a frame over the size limit', async () => {
    const socket = await connect(anna);
    socket.send({ type: 'ping', padding: 'x'.repeat(40_000) });
    for (let i = 0; i < 100 && !socket.closed; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(socket.closed?.code).toBe(1009);
  });

  it('rate-limits a flood of frames per connection without closing it', async () => {
    const socket = await connect(anna);
    for (let i = 0; i < 60; i++) socket.send({ type: 'ping' });
    await socket.next('error', (frame) => frame.code === 'rate_limited');
    expect(socket.of('pong').length).toBeLessThan(60);
    expect(socket.closed).toBeNull();
    socket.close();
  });

  it('refuses to subscribe a non-member: hidden groups look like nothing at all', async () => {
    const socket = await connect(outsider);
    socket.send({ type: 'subscribe', groupId: hiddenId });
    socket.send({ type: 'subscribe', groupId: '00000000-0000-4000-8000-000000000000' });
    socket.send({ type: 'subscribe', groupId });
    await socket.next('error', (frame) => frame.code === 'group.not_member');
    const errors = socket.of('error');
    expect(errors.map((frame) => [frame.code, frame.ref])).toEqual([
      ['not_found', hiddenId],
      ['not_found', '00000000-0000-4000-8000-000000000000'],
      ['group.not_member', groupId],
    ]);
    socket.close();
  });
});

describe('live chat', () => {
  it('delivers a sent message to the other member, acknowledges it, and never duplicates a retried clientId', async () => {
    const a = await subscribed(anna, groupId);
    const b = await subscribed(bo, groupId);
    const clientId = newClientId();
    a.send({ type: 'message.send', groupId, clientId, body: 'Hej Bo' });
    const ack = await a.next('ack', (frame) => frame.clientId === clientId);
    const received = await b.next('message.created', (frame) => frame.message.id === ack.messageId);
    expect(received.seq).toBe(ack.seq);
    expect(received.message).toMatchObject({
      body: 'Hej Bo',
      author: { displayName: 'Anna' },
      permissions: { canEdit: false },
    });
    expect(
      (await a.next('message.created', (frame) => frame.message.id === ack.messageId)).message.permissions
        .canEdit,
    ).toBe(true);

    a.send({ type: 'message.send', groupId, clientId, body: 'Hej Bo' });
    await a.next('ack', (frame) => frame.clientId === clientId && a.of('ack').length === 2);
    expect(a.of('ack').map((frame) => frame.messageId)).toEqual([ack.messageId, ack.messageId]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(b.of('message.created').filter((frame) => frame.message.clientId === clientId)).toHaveLength(1);
    a.close();
    b.close();
  });

  it('shows typing and presence to the others in the group', async () => {
    const a = await subscribed(anna, groupId);
    const b = await subscribed(bo, groupId);
    await a.next(
      'presence',
      (frame) => frame.online.includes(bo.user.id) && frame.online.includes(anna.user.id),
    );
    a.send({ type: 'typing', groupId });
    const typing = await b.next('typing');
    expect(typing).toMatchObject({ groupId, userId: anna.user.id, displayName: 'Anna' });
    expect(a.of('typing')).toHaveLength(0);
    b.close();
    await a.next('presence', (frame) => !frame.online.includes(bo.user.id));
    a.close();
  });

  it('resumes without loss: 50 messages posted while away arrive exactly once, in order', async () => {
    const b = await subscribed(bo, groupId);
    const first = await bo.client.post(`/api/groups/${groupId}/messages`, {
      clientId: newClientId(),
      body: 'Før pausen',
    });
    const lastSeen = (
      await b.next('message.created', (frame) => frame.message.id === first.json().message.id)
    ).seq;
    b.close();

    const sent: number[] = [];
    t.clock.advance(61_000); // a fresh rate-limit window for Anna's burst
    for (let i = 1; i <= 50; i++) {
      const response = await anna.client.post(`/api/groups/${groupId}/messages`, {
        clientId: newClientId(),
        body: `Besked ${i}`,
      });
      expect(response.statusCode).toBe(201);
      sent.push(response.json().message.seq);
    }
    expect(sent).toEqual(Array.from({ length: 50 }, (_, index) => lastSeen + 1 + index));

    t.clock.advance(61_000);
    const again = await subscribed(bo, groupId, lastSeen);
    const live = await anna.client.post(`/api/groups/${groupId}/messages`, {
      clientId: newClientId(),
      body: 'Live igen',
    });
    await again.next('message.created', (frame) => frame.message.id === live.json().message.id);
    const seqs = again.of('message.created').map((frame) => frame.seq);
    expect(seqs).toEqual([...sent, sent.at(-1)! + 1]);
    expect(
      again
        .of('message.created')
        .slice(0, 50)
        .map((frame) => frame.message.body),
    ).toEqual(Array.from({ length: 50 }, (_, index) => `Besked ${index + 1}`));
    again.close();
  });

  it('stops delivering to a member within a second of their removal', async () => {
    const carl = await signUp(t.app, { displayName: 'Carl' });
    await admin.client.post(`/api/groups/${groupId}/members`, { email: carl.user.email });
    const c = await subscribed(carl, groupId);
    const removedAt = Date.now();
    expect((await admin.client.delete(`/api/groups/${groupId}/members/${carl.user.id}`, {})).statusCode).toBe(
      204,
    );
    await c.next('membership.ended', (frame) => frame.groupId === groupId, 1000);
    expect(Date.now() - removedAt).toBeLessThan(1000);
    const after = await anna.client.post(`/api/groups/${groupId}/messages`, {
      clientId: newClientId(),
      body: 'Efter Carl',
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(c.of('message.created').some((frame) => frame.message.id === after.json().message.id)).toBe(false);
    c.close();
  });

  it("respects a group's choice to hide history from new members", async () => {
    const closed = await createGroupWith(admin, { historyVisibleToNewMembers: false }, [{ person: anna }]);
    await anna.client.post(`/api/groups/${closed}/messages`, {
      clientId: newClientId(),
      body: 'Gammel hemmelighed',
    });
    const newcomer = await signUp(t.app);
    t.clock.advance(1000);
    await admin.client.post(`/api/groups/${closed}/members`, { email: newcomer.user.email });
    t.clock.advance(1000);
    await anna.client.post(`/api/groups/${closed}/messages`, { clientId: newClientId(), body: 'Velkommen' });
    const socket = await subscribed(newcomer, closed, 0);
    await socket.next('message.created', (frame) => frame.message.body === 'Velkommen');
    expect(socket.of('message.created').map((frame) => frame.message.body)).toEqual(['Velkommen']);
    const history = (await newcomer.client.get(`/api/groups/${closed}/messages`)).json();
    expect(history.items.map((item: { body: string }) => item.body)).toEqual(['Velkommen']);
    socket.close();
  });

  it('delivers notifications live on the user channel', async () => {
    const b = await connect(bo);
    await anna.client.post(`/api/groups/${groupId}/messages`, {
      clientId: newClientId(),
      body: `Hej <@${bo.user.id}>`,
    });
    const frame = await b.next('notification');
    expect(frame.notification).toMatchObject({ type: 'mention', data: { groupId, authorName: 'Anna' } });
    b.close();
  });
});

describe('sessions', () => {
  it('closes the sockets of a session that signs out or is revoked, and keeps the others', async () => {
    const person = await signUp(t.app, { displayName: 'Cecilie' });
    const second = new Client(t.app);
    const login = await second.post('/api/auth/login', {
      email: person.user.email,
      password: person.password,
    });
    expect(login.statusCode).toBe(200);
    const first = await connect(person);
    const other = await connect({ ...person, client: second });
    const revoke = await person.client.post('/api/me/sessions/revoke-others');
    expect(revoke.statusCode).toBe(204);
    await expect.poll(() => other.closed?.code, { timeout: 2000 }).toBe(4001);
    expect(first.closed).toBeNull();
    await person.client.post('/api/auth/logout');
    await expect.poll(() => first.closed?.code, { timeout: 2000 }).toBe(4001);
  });
});

describe('sessions that end elsewhere', () => {
  it('closes a socket on the next heartbeat once its account is locked from another process', async () => {
    const person = await signUp(t.app, { displayName: 'Låst Lars' });
    const socket = await connect(person);
    // What `pnpm spejl user:lock` does from its own process: no event reaches this server's bus.
    await t.database.db
      .update(users)
      .set({ lockedUntil: new Date(t.clock.now().getTime() + 60 * 60 * 1000) })
      .where(eq(users.id, person.user.id));
    await expect.poll(() => socket.closed?.code, { timeout: 5000 }).toBe(4001);
  });
});
