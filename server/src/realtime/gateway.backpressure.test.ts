import { wsClose } from '@spejl/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { createGroupWith, createTestApp, signUpAdmin, type TestApp } from '../testing/app.ts';
import { openSocket, type SeededPerson, type SocketClient, seedPeople, socketUrl, until } from './testing.ts';

/**
 * The slow-reader attack from the security review, against the whole app: one member holds sockets in a busy group,
 * stops reading them (the TCP socket is paused, so the server's writes pile up in this process) and stays
 * connected. Others keep posting. What the server holds for those sockets must stay bounded.
 */
const limitBytes = 256 * 1024;
/** One message.created frame here: 3,990 three-byte characters and the JSON around them. */
const frameBytes = 13 * 1024;
const posters = 30;
const messagesPerPoster = 20;

let t: TestApp;
let groupId: string;
let reader: SeededPerson;
let writers: SeededPerson[];

/** Bytes the server holds unsent, over every socket it has. */
function bufferedInProcess(): number {
  let total = 0;
  for (const client of t.app.websocketServer.clients as Set<WebSocket>) total += client.bufferedAmount;
  return total;
}

beforeAll(async () => {
  // A long heartbeat: here only the buffer limit may close the slow sockets.
  // A long grace, so the slow clients read the close (4008) however long this busy machine takes to resume them.
  t = await createTestApp({
    heartbeatMs: 120_000,
    realtime: { maxBufferedBytes: limitBytes, slowCloseGraceMs: 120_000 },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const admin = await signUpAdmin(t);
  groupId = await createGroupWith(admin, { name: 'Travl gruppe' }, []);
  const people = await seedPeople(t, 1 + posters + 1, groupId);
  reader = people[0]!;
  writers = people.slice(1);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function subscribedSocket(person: SeededPerson, sinceSeq?: number): Promise<SocketClient> {
  const socket = await openSocket(socketUrl(t), person.cookie);
  socket.send({ type: 'subscribe', groupId, ...(sinceSeq === undefined ? {} : { sinceSeq }) });
  await until(() => socket.of('subscribed').length > 0, 'subscribed');
  return socket;
}

describe('a member who stops reading', () => {
  it('is closed once their unsent data passes the limit; the server never holds more; others miss nothing', async () => {
    const healthyPerson = writers.pop()!;
    const slow = await Promise.all([1, 2, 3].map(() => subscribedSocket(reader)));
    const healthy = await subscribedSocket(healthyPerson);
    const startSeq = slow[0]!.of('subscribed')[0]!.lastSeq;
    for (const socket of slow) socket.pauseReading();

    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, bufferedInProcess());
    }, 2);
    // The writers only need their acks: subscribed too, this one process would have to read the whole fan-out.
    const sockets = await Promise.all(writers.map((writer) => openSocket(socketUrl(t), writer.cookie)));
    const body = '€'.repeat(3990);
    try {
      // In waves, one message from every writer each, the next once the healthy reader has the last: it keeps up
      // (as a reader on its own machine would), while the slow sockets get all of it and read none.
      for (let wave = 0; wave < messagesPerPoster; wave++) {
        for (const [index, socket] of sockets.entries())
          socket.send({ type: 'message.send', groupId, clientId: `slow-${index}-${wave}-test`, body });
        const expected = (wave + 1) * posters;
        await until(
          () =>
            sockets.reduce((sum, socket) => sum + socket.of('ack').length, 0) === expected &&
            healthy.of('message.created').length === expected,
          `wave ${wave} acknowledged and delivered`,
          20_000,
        );
      }
    } finally {
      clearInterval(sampler);
    }
    const sent = posters * messagesPerPoster * frameBytes;

    // The server closed every slow socket (they are gone from its list; each held at most limit + one frame).
    await until(
      () =>
        [...(t.app.websocketServer.clients as Set<WebSocket>)].every(
          (client) => client.readyState !== 1 || client.bufferedAmount < limitBytes,
        ),
      'the slow sockets to be closed',
    );
    expect(sent).toBeGreaterThan(10 * slow.length * limitBytes);
    expect(peak).toBeLessThanOrEqual(slow.length * (limitBytes + frameBytes) + 64 * 1024);

    // Reading again, each slow client gets what the kernel held, then the close: 4008, too slow.
    for (const socket of slow) socket.resumeReading();
    await until(() => slow.every((socket) => socket.closed !== null), 'the slow clients to see the close');
    expect(slow.map((socket) => socket.closed?.code)).toEqual(slow.map(() => wsClose.tooSlow));

    // It resumes from its cursor and gets every message once, in order: nothing was lost by closing it.
    const cursor = Math.max(startSeq, ...slow[0]!.of('message.created').map((frame) => frame.seq));
    const resumed = await subscribedSocket(reader, cursor);
    const seqs = [...slow[0]!.of('message.created'), ...resumed.of('message.created')].map(
      (frame) => frame.seq,
    );
    expect(seqs).toEqual(
      Array.from({ length: posters * messagesPerPoster }, (_, index) => startSeq + 1 + index),
    );
    expect(healthy.closed).toBeNull();
    for (const socket of [...sockets, healthy, resumed]) socket.close();
  }, 90_000);
});
