import { randomUUID } from 'node:crypto';
import type { Message } from '@spejl/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../../bus/bus.ts';
import { openSocket, socketUrl, until } from '../../realtime/testing.ts';
import {
  type Client,
  createGroupWith,
  createSharedTestApps,
  createTestApp,
  sameBrowserOn,
  enableTotp,
  signUp,
  signUpAdmin,
  type TestApp,
} from '../../testing/app.ts';
import { createChatMemory } from './messages.memory.ts';
import type { MessageRecord } from './messages.repository.ts';

type Person = Awaited<ReturnType<typeof signUp>>;

let counter = 0;
const post = (client: Client, groupId: string, body: string) =>
  client.post(`/api/groups/${groupId}/messages`, { clientId: `memory-${++counter}`, body });
const page = async (client: Client, groupId: string) => {
  const response = await client.get(`/api/groups/${groupId}/messages?limit=50`);
  return { status: response.statusCode, items: (response.json().items ?? []) as Message[] };
};
const bodies = async (client: Client, groupId: string) =>
  (await page(client, groupId)).items.map((m) => m.body);

describe('group chat’s memory across processes (two apps, one PostgreSQL, postgres buses)', () => {
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

  it('shows a message on the poster’s process at once and on the other within the bus’s delivery; edits and deletions too', async () => {
    const groupId = await createGroupWith(admin, { name: 'Hukommelse' }, [{ person: maja }, { person: bo }]);
    const majaOnSecond = sameBrowserOn(apps.second, maja.client);
    // Both processes keep the newest page.
    expect(await bodies(bo.client, groupId)).toEqual([]);
    expect(await bodies(majaOnSecond, groupId)).toEqual([]);
    const posted = await post(bo.client, groupId, 'Hej fra Bo');
    expect(posted.statusCode, posted.body).toBe(201);
    // Read your own write: no waiting for the notification to come back.
    expect(await bodies(bo.client, groupId)).toEqual(['Hej fra Bo']);
    await expect.poll(() => bodies(majaOnSecond, groupId), soon).toEqual(['Hej fra Bo']);

    const id = posted.json().message.id as string;
    expect((await bo.client.patch(`/api/messages/${id}`, { body: 'Hej fra Bo, rettet' })).statusCode).toBe(
      200,
    );
    expect(await bodies(bo.client, groupId)).toEqual(['Hej fra Bo, rettet']);
    await expect.poll(() => bodies(majaOnSecond, groupId), soon).toEqual(['Hej fra Bo, rettet']);

    expect((await bo.client.delete(`/api/messages/${id}`)).statusCode).toBe(204);
    await expect.poll(() => bodies(majaOnSecond, groupId), soon).toEqual([null]);
  });

  it('stops a member removed on one process from reading or writing on the other', async () => {
    const groupId = await createGroupWith(admin, { name: 'Fjernet', visibility: 'hidden' }, [
      { person: maja },
      { person: bo },
    ]);
    const majaOnSecond = sameBrowserOn(apps.second, maja.client);
    expect((await post(majaOnSecond, groupId, 'Før')).statusCode).toBe(201);
    expect((await page(majaOnSecond, groupId)).status).toBe(200);
    const removed = await admin.client.delete(`/api/groups/${groupId}/members/${maja.user.id}`, {
      reason: 'Test',
    });
    expect(removed.statusCode, removed.body).toBe(204);
    // A hidden group the person is no longer in does not exist to them.
    await expect.poll(async () => (await page(majaOnSecond, groupId)).status, soon).toBe(404);
    expect((await post(majaOnSecond, groupId, 'Efter')).statusCode).toBe(404);
    // Bo, still a member, reads on: nothing Maja tried after her removal is there.
    expect(await bodies(sameBrowserOn(apps.second, bo.client), groupId)).toEqual(['Før']);
  });

  it('treats a group archived on one process as gone on the other', async () => {
    const groupId = await createGroupWith(admin, { name: 'Arkiveres' }, [{ person: bo }]);
    const boOnSecond = sameBrowserOn(apps.second, bo.client);
    expect((await post(boOnSecond, groupId, 'Inden arkivet')).statusCode).toBe(201);
    const archived = await admin.client.post(`/api/admin/groups/${groupId}/archive`, { reason: 'Lukket' });
    expect(archived.statusCode, archived.body).toBe(200);
    await expect
      .poll(async () => (await post(boOnSecond, groupId, 'Efter arkivet')).statusCode, soon)
      .toBe(404);
    expect((await page(boOnSecond, groupId)).status).toBe(404);
  });

  it('hides earlier history from a newer member on the other process once the owner says so', async () => {
    const groupId = await createGroupWith(admin, { name: 'Historik' }, [{ person: bo }]);
    expect((await post(bo.client, groupId, 'Gammel besked')).statusCode).toBe(201);
    apps.clock.advance(60_000);
    const added = await admin.client.post(`/api/groups/${groupId}/members`, { email: maja.user.email });
    expect(added.statusCode, added.body).toBe(201);
    const majaOnSecond = sameBrowserOn(apps.second, maja.client);
    expect(await bodies(majaOnSecond, groupId)).toEqual(['Gammel besked']);
    const changed = await admin.client.patch(`/api/groups/${groupId}`, { historyVisibleToNewMembers: false });
    expect(changed.statusCode, changed.body).toBe(200);
    await expect.poll(() => bodies(majaOnSecond, groupId), soon).toEqual([]);
  });
});

describe('group chat’s memory in one process', () => {
  let t: TestApp;
  let admin: Person;
  let maja: Person;
  let bo: Person;

  beforeAll(async () => {
    t = await createTestApp({ chatMemory: true });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await signUpAdmin(t);
    maja = await signUp(t.app, { displayName: 'Maja Medlem' });
    bo = await signUp(t.app, { displayName: 'Bo Bech' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the name a member chooses for the group on the newest page at once', async () => {
    const groupId = await createGroupWith(admin, { name: 'Navne' }, [{ person: maja }, { person: bo }]);
    expect((await post(maja.client, groupId, 'Hej')).statusCode).toBe(201);
    const before = await page(bo.client, groupId);
    expect(before.items.map((m) => m.author?.displayName)).toEqual(['Maja Medlem']);
    const renamed = await maja.client.patch(`/api/groups/${groupId}/profile`, { profileName: 'Majas mor' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const after = await page(bo.client, groupId);
    expect(after.items.map((m) => m.author?.displayName)).toEqual(['Majas mor']);
    // And the next message goes out under it.
    const next = await post(maja.client, groupId, 'Igen');
    expect(next.json().message.author.displayName).toBe('Majas mor');
  });

  it('gives each reader their own rights and reactions on a page kept for all of them', async () => {
    const moderator = await signUp(t.app, { displayName: 'Mads Mortensen' });
    await enableTotp(moderator.client, t.clock);
    const olga = await signUp(t.app, { displayName: 'Olga Andersen' });
    const groupId = await createGroupWith(admin, { name: 'Rettigheder' }, [
      { person: maja },
      { person: bo },
      { person: olga },
      { person: moderator, role: 'moderator' },
    ]);
    const posted = await post(maja.client, groupId, 'Hvem må hvad?');
    const id = posted.json().message.id as string;
    expect((await bo.client.post(`/api/messages/${id}/reactions`, { emoji: '❤️' })).statusCode).toBe(200);
    const view = async (person: Person) => {
      const [item] = (await page(person.client, groupId)).items;
      return { permissions: item?.permissions, reactions: item?.reactions };
    };
    const expected = (canEdit: boolean, canDelete: boolean, canViewHistory: boolean, mine: boolean) => ({
      permissions: { canEdit, canDelete, canViewHistory },
      reactions: [{ emoji: '❤️', count: 1, mine }],
    });
    // Twice round, so the second of each is served from what the first left in memory.
    for (let round = 0; round < 2; round += 1) {
      expect(await view(olga)).toEqual(expected(false, false, false, false));
      expect(await view(maja)).toEqual(expected(true, true, false, false));
      expect(await view(moderator)).toEqual(expected(false, true, true, false));
      expect(await view(bo)).toEqual(expected(false, false, false, true));
    }
  });

  it('splices each reader’s own messages into a kept page made once for the rest, wherever they lie on it', async () => {
    const moderator = await signUp(t.app, { displayName: 'Mette Mortensen' });
    await enableTotp(moderator.client, t.clock);
    const olga = await signUp(t.app, { displayName: 'Olga Ovesen' });
    const groupId = await createGroupWith(admin, { name: 'Splejsning' }, [
      { person: maja },
      { person: bo },
      { person: olga },
      { person: moderator, role: 'moderator' },
    ]);
    const ids: string[] = [];
    for (const [person, body] of [
      [maja, 'Først Maja'],
      [olga, 'Så Olga'],
      [bo, 'Så Bo'],
      [olga, 'Olga igen'],
      [maja, 'Maja til sidst'],
    ] as const)
      ids.push((await post(person.client, groupId, body)).json().message.id as string);
    expect((await maja.client.post(`/api/messages/${ids[2]}/reactions`, { emoji: '🙂' })).statusCode).toBe(
      200,
    );
    const author = { maja: [0, 4], olga: [1, 3], bo: [2] } as Record<string, number[]>;
    const view = async (person: Person) =>
      (await page(person.client, groupId)).items.map((item) => ({
        body: item.body,
        canEdit: item.permissions.canEdit,
        canDelete: item.permissions.canDelete,
        mine: item.reactions.map((reaction) => reaction.mine),
      }));
    const expected = (name: string, moderates: boolean) =>
      ['Først Maja', 'Så Olga', 'Så Bo', 'Olga igen', 'Maja til sidst'].map((body, index) => {
        const own = author[name]?.includes(index) ?? false;
        return {
          body,
          canEdit: own,
          canDelete: own || moderates,
          mine: index === 2 ? [name === 'maja'] : [],
        };
      });
    // Twice round: the first of each builds the kept answer, the second is served from it.
    for (let round = 0; round < 2; round += 1) {
      expect(await view(maja)).toEqual(expected('maja', false));
      expect(await view(olga)).toEqual(expected('olga', false));
      expect(await view(bo)).toEqual(expected('bo', false));
      expect(await view(moderator)).toEqual(expected('moderator', true));
    }
  });

  it('gives each live reader their own rights and reactions in a frame made once for the rest', async () => {
    const moderator = await signUp(t.app, { displayName: 'Mia Mortensen' });
    await enableTotp(moderator.client, t.clock);
    const olga = await signUp(t.app, { displayName: 'Olga Olsen' });
    const carl = await signUp(t.app, { displayName: 'Carl Carlsen' });
    const groupId = await createGroupWith(admin, { name: 'Live rettigheder' }, [
      { person: maja },
      { person: bo },
      { person: olga },
      { person: carl },
      { person: moderator, role: 'moderator' },
    ]);
    const people = { maja, bo, olga, carl, moderator };
    const sockets = Object.fromEntries(
      await Promise.all(
        Object.entries(people).map(async ([name, person]) => {
          const socket = await openSocket(socketUrl(t), person.client.cookie!);
          socket.send({ type: 'subscribe', groupId });
          await until(() => socket.of('subscribed').some((frame) => frame.groupId === groupId), 'subscribed');
          return [name, socket] as const;
        }),
      ),
    );
    try {
      const posted = await post(maja.client, groupId, 'Hvem må hvad, live?');
      const id = posted.json().message.id as string;
      expect((await bo.client.post(`/api/messages/${id}/reactions`, { emoji: '❤️' })).statusCode).toBe(200);
      const seen = async (name: keyof typeof people) => {
        const socket = sockets[name]!;
        await until(
          () => socket.of('message.updated').some((frame) => frame.message.id === id),
          `${name}'s update`,
        );
        const frame = socket.of('message.updated').find((update) => update.message.id === id)!;
        return { permissions: frame.message.permissions, reactions: frame.message.reactions };
      };
      const expected = (canEdit: boolean, canDelete: boolean, canViewHistory: boolean, mine: boolean) => ({
        permissions: { canEdit, canDelete, canViewHistory },
        reactions: [{ emoji: '❤️', count: 1, mine }],
      });
      expect(await seen('olga')).toEqual(expected(false, false, false, false));
      expect(await seen('carl')).toEqual(expected(false, false, false, false));
      expect(await seen('maja')).toEqual(expected(true, true, false, false));
      expect(await seen('moderator')).toEqual(expected(false, true, true, false));
      expect(await seen('bo')).toEqual(expected(false, false, false, true));
    } finally {
      for (const socket of Object.values(sockets)) socket.close();
    }
  });

  it('ends a live subscription when its group is archived, and refuses its sends', async () => {
    const groupId = await createGroupWith(admin, { name: 'Live arkiv' }, [{ person: bo }]);
    const socket = await openSocket(socketUrl(t), bo.client.cookie!);
    try {
      socket.send({ type: 'subscribe', groupId });
      await until(() => socket.of('subscribed').some((frame) => frame.groupId === groupId), 'subscribed');
      const [before, after] = [randomUUID(), randomUUID()];
      socket.send({ type: 'message.send', groupId, clientId: before, body: 'Før' });
      await until(() => socket.of('ack').some((frame) => frame.clientId === before), 'first ack');
      expect(
        (await admin.client.post(`/api/admin/groups/${groupId}/archive`, { reason: 'Slut' })).statusCode,
      ).toBe(200);
      // The group is gone, which the chat tells apart from a membership that ended.
      await until(
        () => socket.of('error').some((frame) => frame.ref === groupId && frame.code === 'not_found'),
        'not_found',
      );
      socket.send({ type: 'message.send', groupId, clientId: after, body: 'Efter' });
      await until(() => socket.of('error').some((frame) => frame.ref === after), 'refusal');
      expect(socket.of('error').find((frame) => frame.ref === after)?.code).toBe('not_found');
    } finally {
      socket.close();
    }
  });
});

describe('createChatMemory', () => {
  const groupId = '11111111-1111-4111-8111-111111111111';
  const record = (authorId: string, reactors: string[] = []) =>
    ({
      row: { authorId },
      reactions: reactors.length ? [{ emoji: '👍', userIds: reactors }] : [],
    }) as unknown as MessageRecord;

  function counting(records: MessageRecord[]) {
    const reads = { groups: 0, pages: 0 };
    const memory = (bus = createMemoryBus(), ttlMs?: number) =>
      createChatMemory({
        groups: {
          async findGroupFor() {
            reads.groups += 1;
            return undefined;
          },
          groupCounts: async () => ({ memberCount: 0, pendingCount: 0 }),
        },
        messages: {
          async page() {
            reads.pages += 1;
            return records;
          },
          lastSeq: async () => records.length,
        },
        bus,
        ...(ttlMs === undefined ? {} : { ttlMs }),
      });
    return { reads, memory };
  }
  const stream = { groupId, threadId: null, minSeq: 1, limit: 51 };

  it('reads a group and a page once, and again after a change is announced on the group’s channel', async () => {
    const { reads, memory } = counting([record('a')]);
    const bus = createMemoryBus();
    const chat = memory(bus);
    await chat.groups.findGroupFor(groupId, 'reader');
    await chat.groups.findGroupFor(groupId, 'reader');
    await chat.page(stream);
    await chat.page(stream);
    expect(reads).toEqual({ groups: 1, pages: 1 });
    await bus.publish(`group:${groupId}`, { type: 'typing', groupId, userId: 'x' });
    await chat.page(stream);
    expect(reads.pages).toBe(1);
    await bus.publish(`group:${groupId}`, { type: 'message.created', groupId });
    await chat.page(stream);
    await chat.groups.findGroupFor(groupId, 'reader');
    expect(reads).toEqual({ groups: 1, pages: 2 });
    await bus.publish(`group:${groupId}`, { type: 'membership.changed', groupId, userId: 'someone-else' });
    await chat.groups.findGroupFor(groupId, 'reader');
    expect(reads.groups).toBe(1);
    await bus.publish(`group:${groupId}`, { type: 'membership.changed', groupId, userId: 'reader' });
    await chat.groups.findGroupFor(groupId, 'reader');
    expect(reads.groups).toBe(2);
    await bus.publish(`group:${groupId}`, { type: 'group.changed', groupId });
    await chat.groups.findGroupFor(groupId, 'reader');
    await chat.page(stream);
    expect(reads).toEqual({ groups: 3, pages: 3 });
    // `fresh` reads past it.
    await chat.groups.findGroupFor(groupId, 'reader', { fresh: true });
    expect(reads.groups).toBe(4);
    chat.close();
  });

  it('forgets a page someone wrote in or reacted on when their account changes, and no other', async () => {
    const { reads, memory } = counting([record('author', ['reactor'])]);
    const bus = createMemoryBus();
    const chat = memory(bus);
    await chat.page(stream);
    await bus.publish('auth:changed', { userId: 'stranger' });
    await chat.page(stream);
    expect(reads.pages).toBe(1);
    await bus.publish('auth:changed', { userId: 'reactor' });
    await chat.page(stream);
    expect(reads.pages).toBe(2);
    await bus.publish('auth:changed', { userId: 'author' });
    await chat.page(stream);
    expect(reads.pages).toBe(3);
    chat.close();
  });

  it('forgets at publish through the watched bus, before any subscriber hears of it', async () => {
    const { reads, memory } = counting([]);
    // A bus that never delivers, like a notification still on its way back.
    const silent = { ...createMemoryBus(), publish: async () => {} };
    const chat = memory(silent);
    const watched = chat.watch(silent);
    await chat.page(stream);
    await watched.publish(`group:${groupId}`, { type: 'message.created', groupId });
    await chat.page(stream);
    expect(reads.pages).toBe(2);
    chat.close();
  });

  it('keeps older pages by their cursor, forgets them with the rest, and keeps within its budget', async () => {
    const reads = { pages: 0 };
    const bus = createMemoryBus();
    // Room for two pages of 51 estimated at 1 KB a message.
    const chat = createChatMemory({
      groups: {
        findGroupFor: async () => undefined,
        groupCounts: async () => ({ memberCount: 0, pendingCount: 0 }),
      },
      messages: {
        async page() {
          reads.pages += 1;
          return [record('a')];
        },
        lastSeq: async () => 1,
      },
      bus,
      pageBudgetBytes: 2 * 52 * 1024,
    });
    const older = (before: number) => chat.page({ ...stream, before });
    await older(100);
    await older(100);
    await older(50);
    expect(reads.pages).toBe(2);
    await bus.publish(`group:${groupId}`, { type: 'message.updated', groupId });
    await older(100);
    await older(50);
    expect(reads.pages).toBe(4);
    // A third page pushes the least recently used one out.
    await older(25);
    await older(50);
    await older(25);
    expect(reads.pages).toBe(5);
    await older(100);
    expect(reads.pages).toBe(6);
    chat.close();
  });

  it('keeps at most its bound of views in all, the least recently used going first', async () => {
    let reads = 0;
    const chat = createChatMemory({
      groups: {
        async findGroupFor() {
          reads += 1;
          return undefined;
        },
        groupCounts: async () => ({ memberCount: 0, pendingCount: 0 }),
      },
      messages: { page: async () => [], lastSeq: async () => 0 },
      bus: createMemoryBus(),
      maxViews: 2,
    });
    const other = '22222222-2222-4222-8222-222222222222';
    await chat.groups.findGroupFor(groupId, 'a');
    await chat.groups.findGroupFor(other, 'b');
    await chat.groups.findGroupFor(groupId, 'a');
    expect(reads).toBe(2);
    await chat.groups.findGroupFor(other, 'c');
    await chat.groups.findGroupFor(groupId, 'a');
    expect(reads).toBe(3);
    await chat.groups.findGroupFor(other, 'b');
    expect(reads).toBe(4);
    chat.close();
  });

  it('keeps nothing with no time to live, and reads slugs from the database every time', async () => {
    const { reads, memory } = counting([]);
    const none = memory(createMemoryBus(), 0);
    await none.groups.findGroupFor(groupId, 'reader');
    await none.groups.findGroupFor(groupId, 'reader');
    await none.page(stream);
    await none.page(stream);
    expect(reads).toEqual({ groups: 2, pages: 2 });
    const kept = memory();
    await kept.groups.findGroupFor('en-gruppe', 'reader');
    await kept.groups.findGroupFor('en-gruppe', 'reader');
    expect(reads.groups).toBe(4);
    none.close();
    kept.close();
  });
});
