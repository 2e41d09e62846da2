import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupWith, createTestApp, signUpAdmin, type TestApp } from '../testing/app.ts';
import { openSocket, type SeededPerson, type SocketClient, seedPeople, socketUrl, until } from './testing.ts';

/**
 * Every frame gets an answer: thousands of sockets subscribing at once each hear `subscribed` (or an error naming
 * their group), and every one of many concurrent sends ends in an ack or an error carrying its clientId. The load
 * benchmark lost 11 of 10,000 subscribes and a few sends; these are its shape at test size, on the whole app.
 */
const groupCount = 25;
const membersPerGroup = 120;

let t: TestApp;
const groups: Array<{ id: string; members: SeededPerson[] }> = [];

beforeAll(async () => {
  // Every socket comes from 127.0.0.1, as in the benchmark: no cap per address here. The heartbeat (and its session
  // check) runs several times while the sockets open and subscribe, as it did in the benchmark's 20-second connect.
  t = await createTestApp({ heartbeatMs: 2000, realtime: { maxSocketsPerAddress: 0 } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const admin = await signUpAdmin(t);
  for (let index = 0; index < groupCount; index++) {
    const id = await createGroupWith(admin, { name: `Svar ${index}` }, []);
    groups.push({ id, members: await seedPeople(t, membersPerGroup, id) });
  }
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** Opens one socket per person, at most `concurrency` handshakes at a time. */
async function openAll(people: SeededPerson[], concurrency: number): Promise<SocketClient[]> {
  const sockets: SocketClient[] = new Array(people.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < people.length) {
        const index = next++;
        sockets[index] = await openSocket(socketUrl(t), people[index]!.cookie);
      }
    }),
  );
  return sockets;
}

describe('every frame is answered', () => {
  it(`answers all ${groupCount * membersPerGroup} subscribes sent at once`, async () => {
    const pairs = groups.flatMap((group) => group.members.map((person) => ({ person, groupId: group.id })));
    const sockets = await openAll(
      pairs.map((pair) => pair.person),
      50,
    );
    // All at once: no socket waits for another's answer.
    for (const [index, socket] of sockets.entries())
      socket.send({ type: 'subscribe', groupId: pairs[index]!.groupId });
    const answered = (socket: SocketClient, groupId: string) =>
      socket.of('subscribed').some((frame) => frame.groupId === groupId) ||
      socket.of('error').some((frame) => frame.ref === groupId && frame.frame === 'subscribe');
    await until(
      () => sockets.every((socket, index) => answered(socket, pairs[index]!.groupId)),
      'every subscribe answered',
      45_000,
    ).catch((error: unknown) => {
      const waiting = sockets.filter((socket, index) => !answered(socket, pairs[index]!.groupId));
      const codes = waiting.flatMap((socket) => (socket.closed ? [socket.closed.code] : []));
      throw new Error(`${waiting.length} unanswered (closed with ${JSON.stringify(codes)}): ${error}`);
    });
    // On a server well within its limits none is refused, and none was closed on the way.
    expect(sockets.flatMap((socket) => socket.of('error'))).toEqual([]);
    expect(sockets.filter((socket) => socket.closed)).toEqual([]);
    for (const socket of sockets) socket.close();
  }, 90_000);

  it('ends every one of many concurrent sends in an ack or an error carrying its clientId', async () => {
    const group = groups[0]!;
    const senders = await openAll(group.members.slice(0, 100), 50);
    const sent = new Map<SocketClient, string[]>();
    // Each sends 5 at once; the last sends 45, past the per-connection burst of 30, so some are refused.
    senders.forEach((socket, index) => {
      const count = index === senders.length - 1 ? 45 : 5;
      const clientIds = Array.from({ length: count }, (_, n) => `answer-${index}-${n}-${Date.now()}`);
      sent.set(socket, clientIds);
      for (const clientId of clientIds)
        socket.send({ type: 'message.send', groupId: group.id, clientId, body: `Besked ${clientId}` });
    });
    const answerOf = (socket: SocketClient, clientId: string) =>
      socket.of('ack').find((frame) => frame.clientId === clientId) ??
      socket.of('error').find((frame) => frame.ref === clientId && frame.frame === 'message.send');
    const total = [...sent.values()].reduce((sum, ids) => sum + ids.length, 0);
    await until(
      () => [...sent].every(([socket, ids]) => ids.every((clientId) => answerOf(socket, clientId))),
      `all ${total} sends answered`,
      45_000,
    );
    const acks = senders.flatMap((socket) => socket.of('ack'));
    const refused = senders.flatMap((socket) => socket.of('error'));
    expect(acks.length + refused.length).toBe(total);
    expect(new Set(refused.map((frame) => frame.code))).toEqual(new Set(['rate_limited']));
    expect(refused.length).toBeGreaterThan(0);
    // The acknowledged ones took consecutive seqs, each once.
    const seqs = acks.map((frame) => frame.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => seqs[0]! + index));
    for (const socket of senders) socket.close();
  }, 90_000);
});

describe('a socket that closes while its subscribe is on the way', () => {
  it('is not left in the group: it does not stay online for the others', async () => {
    const group = groups[1]!;
    const [watcher, ...leaving] = group.members.slice(0, 21);
    const sockets = await openAll(leaving, 20);
    // Each subscribes and is gone a moment later, one a millisecond later than the other: some while the server is
    // still opening the group for them.
    sockets.forEach((socket, index) => {
      socket.send({ type: 'subscribe', groupId: group.id });
      setTimeout(() => socket.ws.terminate(), index);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const watching = await openSocket(socketUrl(t), watcher!.cookie);
    watching.send({ type: 'subscribe', groupId: group.id });
    await until(() => watching.of('presence').length > 0, 'presence');
    const online = watching.of('presence').at(-1)!.online;
    expect(online.filter((userId) => leaving.some((person) => person.id === userId))).toEqual([]);
    watching.close();
  });
});
