import { limits } from '@spejl/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openSocket,
  type SeededPerson,
  type SocketClient,
  seedPeople,
  socketUrl,
  until,
} from '../../realtime/testing.ts';
import { createGroupWith, createTestApp, signUpAdmin, type TestApp } from '../../testing/app.ts';

/**
 * Presence in a large group: above `limits.presenceListMax` online, a socket that has the list gets what changed
 * (`presence.changed`, a few ids) instead of the whole list for every one who comes or goes; a small group still
 * gets the whole list. Whatever it was sent, every socket ends with the same online list as the server.
 */
const large = limits.presenceListMax + 20;

let t: TestApp;
let groupId: string;
let people: SeededPerson[];

beforeAll(async () => {
  t = await createTestApp({ realtime: { maxSocketsPerAddress: 0 } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const admin = await signUpAdmin(t);
  groupId = await createGroupWith(admin, { name: 'Stor gruppe' }, []);
  people = await seedPeople(t, large + 2, groupId);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** The online list a socket holds after applying its presence frames in order, as the web's chat room does. */
function heldOnline(socket: SocketClient): Set<string> {
  let online = new Set<string>();
  for (const frame of socket.frames) {
    if (frame.type === 'presence' && frame.groupId === groupId) online = new Set(frame.online);
    if (frame.type === 'presence.changed' && frame.groupId === groupId) {
      for (const id of frame.left) online.delete(id);
      for (const id of frame.joined) online.add(id);
    }
  }
  return online;
}

async function subscribe(person: SeededPerson): Promise<SocketClient> {
  const socket = await openSocket(socketUrl(t), person.cookie);
  socket.send({ type: 'subscribe', groupId });
  await until(() => socket.of('subscribed').length === 1, 'subscribed', 10_000);
  return socket;
}

describe('presence in a large group', () => {
  it('tells what changed, not the whole list, once more than the list limit are online', async () => {
    const sockets: SocketClient[] = [];
    for (const person of people.slice(0, large)) sockets.push(await subscribe(person));
    const everyone = new Set(people.slice(0, large).map((person) => person.id));
    await until(
      () => sockets.every((socket) => heldOnline(socket).size === large),
      `every socket holds ${large} online`,
      20_000,
    );
    const first = sockets[0]!;
    const before = first.frames.length;

    // One more comes, and one leaves: the others hear a change of one id each, with the count.
    const late = await subscribe(people[large]!);
    sockets[1]!.close();
    everyone.add(people[large]!.id);
    everyone.delete(people[1]!.id);
    await until(
      () => heldOnline(first).size === large && !heldOnline(first).has(people[1]!.id),
      'the first socket holds the change',
      10_000,
    );
    const since = first.frames.slice(before);
    expect(since.filter((frame) => frame.type === 'presence')).toEqual([]);
    const changes = since.filter((frame) => frame.type === 'presence.changed');
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(change.joined.length + change.left.length).toBeLessThanOrEqual(2);
    expect(changes.at(-1)!.count).toBe(large);
    expect(heldOnline(first)).toEqual(everyone);

    // The newcomer got one whole list when it subscribed, and its list agrees with the others' after the changes.
    expect(late.of('presence').length).toBe(1);
    await until(() => heldOnline(late).size === large, 'the newcomer holds the list', 10_000);
    expect(heldOnline(late)).toEqual(everyone);
    for (const socket of [...sockets, late]) socket.close();
  }, 90_000);
});

describe('presence in a small group', () => {
  it('still sends the whole list on every change', async () => {
    const admin = await signUpAdmin(t);
    const smallGroup = await createGroupWith(admin, { name: 'Lille gruppe' }, []);
    const [anna, bo] = await seedPeople(t, 2, smallGroup);
    const annaSocket = await openSocket(socketUrl(t), anna!.cookie);
    annaSocket.send({ type: 'subscribe', groupId: smallGroup });
    await until(() => annaSocket.of('subscribed').length === 1, 'anna subscribed');
    const boSocket = await openSocket(socketUrl(t), bo!.cookie);
    boSocket.send({ type: 'subscribe', groupId: smallGroup });
    await until(
      () => annaSocket.of('presence').some((frame) => frame.online.length === 2),
      'anna hears the whole list with Bo',
    );
    expect(annaSocket.of('presence.changed')).toEqual([]);
    annaSocket.close();
    boSocket.close();
  });
});
