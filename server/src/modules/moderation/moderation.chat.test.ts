import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupWith, createTestApp, signUp, type TestApp } from '../../testing/app.ts';
import {
  act,
  connect,
  flag,
  itemFor,
  moderationWorld,
  nextClientId,
  type Person,
  post,
  readMessage,
  socketUrl,
} from './moderation.test-support.ts';

let t: TestApp;
let url: string;
let world: Awaited<ReturnType<typeof moderationWorld>>;
const hour = 60 * 60 * 1000;

beforeAll(async () => {
  t = await createTestApp();
  url = await socketUrl(t);
  world = await moderationWorld(t);
});
afterAll(async () => {
  await t?.close();
});

/** A fresh group, so settings and filters in one test do not touch the others. */
async function groupWith(people: Array<{ person: Person; role?: 'member' | 'moderator' }>) {
  return createGroupWith(world.admin, {}, people);
}

async function settle(groupId: string, body: Record<string, unknown>) {
  const response = await world.moderator.client.patch(`/api/moderation/groups/${groupId}/settings`, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().settings;
}

describe('mute', () => {
  it('refuses a muted member’s posts over REST and the WebSocket with moderation.muted, until it runs out', async () => {
    const { author, reporter, moderator, groupId } = world;
    const message = await post(author, groupId, 'Noget der fører til en pause');
    await flag(reporter, message.id, 'harassment');
    const item = await itemFor(moderator, message.id, `?groupId=${groupId}`);
    const muted = await act(moderator, item.id, { action: 'mute', reason: 'Køl lidt af', durationHours: 24 });
    expect(muted.statusCode, muted.body).toBe(200);

    const rest = await author.client.post(`/api/groups/${groupId}/messages`, {
      clientId: nextClientId(),
      body: 'Hallo?',
    });
    expect(rest.statusCode).toBe(403);
    expect(rest.json().error).toMatchObject({
      code: 'moderation.muted',
      details: { until: expect.any(String) },
    });

    const socket = await connect(url, author);
    const clientId = nextClientId();
    socket.send({ type: 'message.send', groupId, clientId, body: 'Via socket' });
    const error = await socket.next('error', (frame) => frame.ref === clientId);
    expect(error.code).toBe('moderation.muted');
    expect(error.message).toContain('paused');
    socket.close();

    const edit = await author.client.patch(`/api/messages/${message.id}`, { body: 'Rettet under pausen' });
    expect(edit.json().error.code).toBe('moderation.muted');
    // Muted in this group only.
    await post(author, world.hiddenGroupId, 'I en anden gruppe går det fint');

    t.clock.advance(24 * hour + 1000);
    await post(author, groupId, 'Tilbage igen');
  });
});

describe('slow mode', () => {
  it('makes members wait between messages, with Retry-After, but not moderators', async () => {
    const groupId = await groupWith([
      { person: world.moderator, role: 'moderator' },
      { person: world.member },
    ]);
    await settle(groupId, { slowModeSeconds: 30 });
    await post(world.member, groupId, 'Første');
    const second = await world.member.client.post(`/api/groups/${groupId}/messages`, {
      clientId: nextClientId(),
      body: 'For hurtigt',
    });
    expect(second.statusCode).toBe(429);
    expect(second.json().error.code).toBe('moderation.slow_mode');
    expect(Number(second.headers['retry-after'])).toBe(30);
    await post(world.moderator, groupId, 'Moderator 1');
    await post(world.moderator, groupId, 'Moderator 2');
    t.clock.advance(31_000);
    await post(world.member, groupId, 'Nu må jeg');
  });

  it('answers a retry with the first message, though slow mode would refuse a new one', async () => {
    const groupId = await groupWith([
      { person: world.moderator, role: 'moderator' },
      { person: world.member },
    ]);
    await settle(groupId, { slowModeSeconds: 30 });
    const clientId = nextClientId();
    const send = () =>
      world.member.client.post(`/api/groups/${groupId}/messages`, { clientId, body: 'Kom den frem?' });
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    // The answer was lost; the client sends the same message again at once.
    const again = await send();
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().message.id).toBe(first.json().message.id);
    const other = await world.member.client.post(`/api/groups/${groupId}/messages`, {
      clientId: nextClientId(),
      body: 'En ny',
    });
    expect(other.json().error.code).toBe('moderation.slow_mode');
  });
});

describe('watched words', () => {
  it('blocks, holds for review or flags, in the group and platform-wide', async () => {
    const { moderator, member, reporter, admin } = world;
    const groupId = await groupWith([
      { person: moderator, role: 'moderator' },
      { person: member },
      { person: reporter },
    ]);
    const add = (body: Record<string, unknown>, person = moderator) =>
      person.client.post('/api/moderation/filters', body);
    expect(
      (await add({ groupId, kind: 'word', pattern: 'købmandsgården', action: 'block' })).statusCode,
    ).toBe(201);
    expect((await add({ groupId, kind: 'pattern', pattern: 'mirakel*', action: 'hold' })).statusCode).toBe(
      201,
    );
    expect(
      (await add({ groupId, kind: 'word', pattern: 'alternativ behandling', action: 'flag' })).statusCode,
    ).toBe(201);
    const duplicate = await add({ groupId, kind: 'word', pattern: 'KOEBMANDSGAARDEN', action: 'hold' });
    expect(duplicate.json().error.code).toBe('moderation.filter_exists');
    expect((await add({ kind: 'word', pattern: 'platformord', action: 'block' })).statusCode).toBe(403);
    expect((await add({ kind: 'word', pattern: 'platformord', action: 'block' }, admin)).statusCode).toBe(
      201,
    );

    const blocked = await member.client.post(`/api/groups/${groupId}/messages`, {
      clientId: nextClientId(),
      body: 'Kom til Koebmandsgaarden i morgen',
    });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().error.code).toBe('moderation.blocked');
    const platformBlocked = await member.client.post(`/api/groups/${groupId}/messages`, {
      clientId: nextClientId(),
      body: 'Et PLATFORMORD her',
    });
    expect(platformBlocked.json().error.code).toBe('moderation.blocked');

    const held = await post(member, groupId, 'Prøv mirakelkuren!');
    expect(held).toMatchObject({ hidden: true, body: 'Prøv mirakelkuren!' });
    expect(await readMessage(reporter, groupId, held)).toMatchObject({ hidden: true, body: null });
    const heldItem = await itemFor(moderator, held.id, `?groupId=${groupId}`);
    expect(heldItem).toMatchObject({
      source: 'filter',
      flags: [{ automatic: true, reporter: null, note: 'mirakel*' }],
    });

    const flagged = await post(member, groupId, 'Har nogen prøvet alternativ behandling?');
    expect(flagged.hidden).toBe(false);
    expect((await itemFor(moderator, flagged.id, `?groupId=${groupId}`)).message.hidden).toBe(false);

    const edited = await post(member, groupId, 'Helt uskyldig');
    await member.client.patch(`/api/messages/${edited.id}`, { body: 'Nu med mirakel' });
    expect((await readMessage(reporter, groupId, edited)).hidden).toBe(true);

    const audit = (await moderator.client.get(`/api/moderation/audit-log?groupId=${groupId}`)).json().items;
    const actions = audit.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(['filter.block', 'filter.hold', 'filter.flag', 'filter.create']),
    );

    const list = (await moderator.client.get(`/api/moderation/filters?groupId=${groupId}`)).json().items;
    expect(list).toHaveLength(3);
    const removed = await moderator.client.delete(`/api/moderation/filters/${list[0].id}`);
    expect(removed.statusCode).toBe(204);
    expect((await member.client.delete(`/api/moderation/filters/${list[1].id}`)).statusCode).toBe(404);
  });
});

describe('new members', () => {
  it('holds a new member’s first messages for approval and limits their links', async () => {
    const { moderator, reporter } = world;
    const newcomer = await signUp(t.app, { displayName: 'Ny Nina' });
    const groupId = await groupWith([
      { person: moderator, role: 'moderator' },
      { person: reporter },
      { person: newcomer },
    ]);
    await settle(groupId, { newMemberMessageCount: 2, holdNewMemberMessages: true, newMemberLinkLimit: 1 });

    const links = await newcomer.client.post(`/api/groups/${groupId}/messages`, {
      clientId: nextClientId(),
      body: 'Se https://a.dk og https://b.dk',
    });
    expect(links.json().error).toMatchObject({ code: 'moderation.link_limit', details: { limit: 1 } });

    for (let i = 0; i < 2; i++) {
      const held = await post(newcomer, groupId, `Hej, jeg er ny (${i})`);
      expect(held.hidden).toBe(true);
      const item = await itemFor(moderator, held.id, `?groupId=${groupId}`);
      expect(item).toMatchObject({ source: 'new_member' });
      await act(moderator, item.id, { action: 'dismiss', reason: 'Velkommen' });
      expect((await readMessage(reporter, groupId, held)).hidden).toBe(false);
    }
    // Two approved messages later, the newcomer is a member like any other.
    expect((await post(newcomer, groupId, 'Nu uden ventetid, med https://a.dk og https://b.dk')).hidden).toBe(
      false,
    );
  });
});

describe('live', () => {
  it('publishes hiding and deletion, so open chats update: others lose the text, the author keeps it marked', async () => {
    const { author, reporter, reporter2, member, moderator, groupId } = world;
    const authorSocket = await connect(url, author);
    const memberSocket = await connect(url, member);
    for (const socket of [authorSocket, memberSocket]) {
      socket.send({ type: 'subscribe', groupId });
      await socket.next('subscribed');
    }
    const message = await post(author, groupId, 'Skal skjules live');
    await memberSocket.next('message.created', (frame) => frame.message.id === message.id);
    await flag(reporter, message.id, 'spam');
    await flag(reporter2, message.id, 'spam');
    const seen = await memberSocket.next('message.updated', (frame) => frame.message.id === message.id);
    expect(seen.message).toMatchObject({ hidden: true, body: null });
    const own = await authorSocket.next('message.updated', (frame) => frame.message.id === message.id);
    expect(own.message).toMatchObject({ hidden: true, body: 'Skal skjules live' });

    const item = await itemFor(moderator, message.id, `?groupId=${groupId}`);
    await act(moderator, item.id, { action: 'delete', reason: 'Spam' });
    const deleted = await memberSocket.next('message.deleted', (frame) => frame.message.id === message.id);
    expect(deleted.message).toMatchObject({ deleted: true, body: null });
    authorSocket.close();
    memberSocket.close();
  });
});
