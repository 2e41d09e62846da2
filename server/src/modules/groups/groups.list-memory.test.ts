import type { Group } from '@spejl/shared';
import { groups } from '@spejl/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../../bus/bus.ts';
import {
  type Client,
  createGroupWith,
  createSharedTestApps,
  createTestApp,
  sameBrowserOn,
  signUp,
  signUpAdmin,
  type TestApp,
} from '../../testing/app.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { createGroupListMemory, directoryChannel, type ListAnswer } from './groups.list-memory.ts';

type Person = Awaited<ReturnType<typeof signUp>>;

let counter = 0;
const post = (client: Client, groupId: string, body: string) =>
  client.post(`/api/groups/${groupId}/messages`, { clientId: `list-message-${++counter}`, body });
async function list(client: Client, query = ''): Promise<Group[]> {
  const response = await client.get(`/api/groups${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as Group[];
}
const find = async (client: Client, groupId: string, query = '') =>
  (await list(client, query)).find((group) => group.id === groupId);
const unreadIn = async (client: Client, groupId: string) => (await find(client, groupId))?.unread?.count;

describe('the group list’s memory in one process', () => {
  let t: TestApp;
  let admin: Person;
  let maja: Person;
  let bo: Person;

  beforeAll(async () => {
    t = await createTestApp({ chatMemory: true });
    admin = await signUpAdmin(t);
    maja = await signUp(t.app, { displayName: 'Maja Medlem' });
    bo = await signUp(t.app, { displayName: 'Bo Bech' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps a person’s list until something in it is announced, and reads it afresh then', async () => {
    const groupId = await createGroupWith(admin, { name: 'Husket liste' }, [{ person: maja }]);
    // The first answer is read while the memory starts listening to the new group, so it is the second that is kept.
    expect((await find(maja.client, groupId))?.name).toBe('Husket liste');
    expect((await find(maja.client, groupId))?.name).toBe('Husket liste');
    // A write no bus tells of (as the operator CLI's) is not seen while the answer is kept...
    await t.database.db.update(groups).set({ name: 'Omdøbt uden besked' }).where(eq(groups.id, groupId));
    expect((await find(maja.client, groupId))?.name).toBe('Husket liste');
    // ...and is once anything in the list is announced (here a settings change of another group).
    const other = await createGroupWith(admin, { name: 'En anden' });
    const changed = await admin.client.patch(`/api/groups/${other}`, { description: 'Ny beskrivelse' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await find(maja.client, groupId))?.name).toBe('Omdøbt uden besked');
  });

  it('counts a message by another member as unread at once, and none once it is read', async () => {
    const groupId = await createGroupWith(admin, { name: 'Ulæst' }, [{ person: maja }, { person: bo }]);
    expect(await unreadIn(maja.client, groupId)).toBe(0);
    expect(await unreadIn(bo.client, groupId)).toBe(0);
    const posted = await post(bo.client, groupId, 'Hej Maja');
    expect(posted.statusCode, posted.body).toBe(201);
    expect(await unreadIn(maja.client, groupId)).toBe(1);
    // Not their own message.
    expect(await unreadIn(bo.client, groupId)).toBe(0);
    const seq = posted.json().message.seq as number;
    expect((await maja.client.put(`/api/groups/${groupId}/read`, { seq })).statusCode).toBe(200);
    expect(await unreadIn(maja.client, groupId)).toBe(0);
    // A deleted message is no longer unread.
    const second = await post(bo.client, groupId, 'Glem den');
    expect(await unreadIn(maja.client, groupId)).toBe(1);
    expect((await bo.client.delete(`/api/messages/${second.json().message.id}`)).statusCode).toBe(204);
    expect(await unreadIn(maja.client, groupId)).toBe(0);
  });

  it('shows a new group, a join request and its count to the moderators, and the decision, at once', async () => {
    const before = await list(bo.client);
    const groupId = await createGroupWith(admin, { name: 'Helt ny gruppe' });
    expect(before.some((group) => group.id === groupId)).toBe(false);
    expect((await find(bo.client, groupId))?.myJoinRequest).toBeNull();
    expect((await find(admin.client, groupId))?.pendingRequestCount).toBe(0);
    const asked = await bo.client.post(`/api/groups/${groupId}/join-requests`, { message: 'Må jeg?' });
    expect(asked.statusCode, asked.body).toBe(201);
    expect((await find(bo.client, groupId))?.myJoinRequest?.status).toBe('pending');
    expect((await find(admin.client, groupId))?.pendingRequestCount).toBe(1);
    expect((await find(bo.client, groupId, '?pending=true'))?.id).toBe(groupId);
    const declined = await admin.client.post(
      `/api/groups/${groupId}/join-requests/${asked.json().joinRequest.id}/decline`,
      {
        reason: 'Ikke nu',
      },
    );
    expect(declined.statusCode, declined.body).toBe(200);
    expect((await find(bo.client, groupId))?.myJoinRequest?.status).toBe('declined');
    expect((await find(admin.client, groupId))?.pendingRequestCount).toBe(0);
  });

  it('shows an association’s new name in its groups’ entries at once', async () => {
    const association = await admin.client.post('/api/admin/associations', { name: 'Foreningen før' });
    expect(association.statusCode, association.body).toBe(201);
    const associationId = association.json().id as string;
    const created = await admin.client.post('/api/groups', {
      name: 'Foreningens gruppe',
      slug: `foreningens-gruppe-${++counter}`,
      kind: 'diagnosis',
      visibility: 'listed',
      joinPolicy: 'request',
      associationId,
    });
    expect(created.statusCode, created.body).toBe(201);
    const groupId = created.json().group.id as string;
    expect((await find(maja.client, groupId))?.organisation?.name).toBe('Foreningen før');
    const renamed = await admin.client.patch(`/api/admin/associations/${associationId}`, {
      name: 'Foreningen efter',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await find(maja.client, groupId))?.organisation?.name).toBe('Foreningen efter');
  });
});

describe('the group list’s memory across processes (two apps, one PostgreSQL, postgres buses)', () => {
  let apps: Awaited<ReturnType<typeof createSharedTestApps>>;
  let admin: Person;
  let maja: Person;
  let bo: Person;
  // The other process hears of it through LISTEN/NOTIFY: within the bus's delivery, well under a second.
  const soon = { timeout: 1_000, interval: 20 };

  beforeAll(async () => {
    apps = await createSharedTestApps({ chatMemory: true });
    admin = await signUpAdmin(apps.first);
    maja = await signUp(apps.first.app, { displayName: 'Maja Medlem' });
    bo = await signUp(apps.first.app, { displayName: 'Bo Bech' });
  });
  afterAll(async () => {
    await apps?.close();
  });

  it('shows on the other process a message, a read, a join, a new group and an archive', async () => {
    const groupId = await createGroupWith(admin, { name: 'To processer' }, [
      { person: maja },
      { person: bo },
    ]);
    const majaOnSecond = sameBrowserOn(apps.second, maja.client);
    const boOnSecond = sameBrowserOn(apps.second, bo.client);
    // Kept on the second process: the group, with nothing unread.
    expect(await unreadIn(majaOnSecond, groupId)).toBe(0);
    expect(await unreadIn(majaOnSecond, groupId)).toBe(0);

    const posted = await post(bo.client, groupId, 'Hej fra den første');
    expect(posted.statusCode, posted.body).toBe(201);
    await expect.poll(() => unreadIn(majaOnSecond, groupId), soon).toBe(1);
    const read = await maja.client.put(`/api/groups/${groupId}/read`, { seq: posted.json().message.seq });
    expect(read.statusCode, read.body).toBe(200);
    await expect.poll(() => unreadIn(majaOnSecond, groupId), soon).toBe(0);

    // A member added on the first process: everyone's count of members on the second.
    const countBefore = (await find(boOnSecond, groupId))?.memberCount;
    const carl = await signUp(apps.first.app, { displayName: 'Carl Carlsen' });
    const added = await admin.client.post(`/api/groups/${groupId}/members`, { email: carl.user.email });
    expect(added.statusCode, added.body).toBe(201);
    await expect
      .poll(async () => (await find(boOnSecond, groupId))?.memberCount, soon)
      .toBe(countBefore! + 1);

    const fresh = await createGroupWith(admin, { name: 'Ny på den første' });
    await expect.poll(async () => (await find(boOnSecond, fresh))?.name, soon).toBe('Ny på den første');

    const archived = await admin.client.post(`/api/admin/groups/${fresh}/archive`, { reason: 'Lukket' });
    expect(archived.statusCode, archived.body).toBe(200);
    await expect.poll(async () => (await find(boOnSecond, fresh))?.id, soon).toBeUndefined();
  });
});

describe('createGroupListMemory', () => {
  const groupA = '11111111-1111-4111-8111-111111111111';
  const groupB = '22222222-2222-4222-8222-222222222222';
  const actor = (userId: string, mfaVerified = false) =>
    ({
      user: { id: userId, platformRole: 'member', totpEnabledAt: null },
      session: { mfaVerified },
    }) as unknown as Actor;

  /** An answer naming both groups, the reader a member of A; counts how often it is read. */
  function reader(memberOf: string[] = [groupA]) {
    const reads = { count: 0 };
    const read = async (): Promise<ListAnswer> => {
      reads.count += 1;
      return { json: Buffer.from(`{"read":${reads.count}}`), groupIds: [groupA, groupB], memberOf };
    };
    return { reads, read };
  }

  it('keeps an answer only once every group it names was listened to before it was read', async () => {
    const bus = createMemoryBus();
    const memory = createGroupListMemory({ bus });
    const { reads, read } = reader();
    // The first read starts before the memory listens to A and B: sent, not kept.
    expect((await memory.answer(actor('maja'), 'q', read)).toString()).toBe('{"read":1}');
    expect((await memory.answer(actor('maja'), 'q', read)).toString()).toBe('{"read":2}');
    expect((await memory.answer(actor('maja'), 'q', read)).toString()).toBe('{"read":2}');
    expect(reads.count).toBe(2);
    memory.close();
  });

  it('forgets by what the bus says: messages for the group’s members, reads for the reader, the rest for all', async () => {
    const bus = createMemoryBus();
    const memory = createGroupListMemory({ bus });
    const maja = reader([groupA]);
    const bo = reader([]);
    const both = async () => {
      await memory.answer(actor('maja'), 'q', maja.read);
      await memory.answer(actor('bo'), 'q', bo.read);
      return [maja.reads.count, bo.reads.count];
    };
    // Maja's first answer is read while the memory starts listening to A and B; Bo's, after, is kept at once.
    expect(await both()).toEqual([1, 1]);
    expect(await both()).toEqual([2, 1]);
    expect(await both()).toEqual([2, 1]);
    // Typing, presence, an edit: nothing the list shows.
    await bus.publish(`group:${groupA}`, { type: 'typing', groupId: groupA, userId: 'bo' });
    await bus.publish(`group:${groupA}`, { type: 'message.updated', groupId: groupA });
    expect(await both()).toEqual([2, 1]);
    // A message in A: Maja's unread count, not Bo's (he is not a member).
    await bus.publish(`group:${groupA}`, { type: 'message.created', groupId: groupA });
    expect(await both()).toEqual([3, 1]);
    // A message in B, where neither is a member: nothing.
    await bus.publish(`group:${groupB}`, { type: 'message.created', groupId: groupB });
    expect(await both()).toEqual([3, 1]);
    // Bo reads in A (the receipt he does not share): his own answer only.
    await bus.publish(`group:${groupA}`, { type: 'read.moved', groupId: groupA, userId: 'bo', seq: 1 });
    expect(await both()).toEqual([3, 2]);
    // A membership anywhere changes counts in everyone's list.
    await bus.publish(`group:${groupB}`, { type: 'membership.changed', groupId: groupB, userId: 'x' });
    expect(await both()).toEqual([4, 3]);
    await bus.publish(directoryChannel, { type: 'directory.changed' });
    expect(await both()).toEqual([5, 4]);
    await bus.publish('auth:changed', { userId: 'maja' });
    expect(await both()).toEqual([6, 4]);
    memory.close();
  });

  it('keeps an answer per what the account may do: a session that proved its second factor reads its own', async () => {
    const memory = createGroupListMemory({ bus: createMemoryBus() });
    const { reads, read } = reader();
    await memory.answer(actor('maja'), 'q', read);
    await memory.answer(actor('maja'), 'q', read);
    await memory.answer(actor('maja', true), 'q', read);
    await memory.answer(actor('maja'), 'other query', read);
    expect(reads.count).toBe(4);
    await memory.answer(actor('maja', true), 'q', read);
    expect(reads.count).toBe(4);
    memory.close();
  });

  it('forgets an answer announced about while it was being read', async () => {
    const bus = createMemoryBus();
    const memory = createGroupListMemory({ bus });
    const { reads, read } = reader();
    await memory.answer(actor('maja'), 'q', read);
    let release: () => void = () => {};
    const slow = async () => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return read();
    };
    await bus.publish(directoryChannel, { type: 'directory.changed' });
    const answer = memory.answer(actor('maja'), 'q', slow);
    // Announced while the read is on its way: what it read may be from before.
    await bus.publish(`group:${groupB}`, { type: 'message.created', groupId: groupB });
    release();
    expect((await answer).toString()).toBe('{"read":2}');
    await memory.answer(actor('maja'), 'q', read);
    expect(reads.count).toBe(3);
    memory.close();
  });

  it('forgets at publish through the watched bus, and keeps nothing with no time to live', async () => {
    const bus = createMemoryBus();
    const memory = createGroupListMemory({ bus });
    // A bus whose delivery takes a while, as across processes: the publisher's own memory must not wait for it.
    const slow = {
      ...bus,
      publish: (channel: string, payload: unknown) =>
        new Promise<void>((resolve) =>
          setTimeout(() => void bus.publish(channel, payload).then(resolve), 50),
        ),
    };
    const watched = memory.watch(slow);
    const { reads, read } = reader();
    await memory.answer(actor('maja'), 'q', read);
    await memory.answer(actor('maja'), 'q', read);
    expect(reads.count).toBe(2);
    const publishing = watched.publish(`group:${groupA}`, { type: 'message.created', groupId: groupA });
    await memory.answer(actor('maja'), 'q', read);
    expect(reads.count).toBe(3);
    await publishing;
    memory.close();

    const none = createGroupListMemory({ bus, ttlMs: 0 });
    const counted = reader();
    await none.answer(actor('maja'), 'q', counted.read);
    await none.answer(actor('maja'), 'q', counted.read);
    expect(counted.reads.count).toBe(2);
    none.close();
  });
});
