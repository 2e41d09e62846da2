import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSocket, type SocketClient, socketUrl, until } from '../../realtime/testing.ts';
import {
  Client,
  createGroupWith,
  createTestApp,
  signUp,
  signUpAdmin,
  type TestApp,
} from '../../testing/app.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let owner: Person;
let anna: Person;
let bo: Person;
let outsider: Person;
let sharedId: string;
let youthId: string;
let hiddenId: string;

const unknownId = '00000000-0000-4000-8000-000000000000';
let counter = 0;
const clientId = () => `direct-test-${Date.now()}-${++counter}`;

/** Someone new, in the given groups, with direct messages on unless told otherwise. */
async function member(name: string, groupIds: string[], options: { enabled?: boolean } = {}) {
  const person = await signUp(t.app, { displayName: name });
  for (const groupId of groupIds) {
    const added = await admin.client.post(`/api/groups/${groupId}/members`, { email: person.user.email });
    expect(added.statusCode, added.body).toBe(201);
  }
  if (options.enabled !== false) await enable(person);
  return person;
}

async function enable(person: Person, enabled = true) {
  const response = await person.client.patch('/api/me/direct-settings', { enabled });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json()).toEqual({ enabled });
}

async function ask(from: Person, to: Person | string, body = 'Hej, må jeg skrive til dig?', extra = {}) {
  return from.client.post('/api/direct', {
    userId: typeof to === 'string' ? to : to.user.id,
    body,
    clientId: clientId(),
    ...extra,
  });
}

/** A new pair in the shared group with an accepted conversation; returns its id. */
async function acceptedPair(names: [string, string]) {
  const first = await member(names[0], [sharedId]);
  const second = await member(names[1], [sharedId]);
  const asked = await ask(first, second);
  expect(asked.statusCode, asked.body).toBe(201);
  const id = asked.json().conversation.id as string;
  expect((await second.client.post(`/api/direct/${id}/accept`)).statusCode).toBe(200);
  return { first, second, id };
}

const send = (person: Person, id: string, body: string) =>
  person.client.post(`/api/groups/${id}/messages`, { clientId: clientId(), body });

async function socketOf(person: Person, groupId: string): Promise<SocketClient> {
  const socket = await openSocket(socketUrl(t), person.client.cookie!);
  socket.send({ type: 'subscribe', groupId });
  await until(
    () => socket.of('subscribed').some((frame) => frame.groupId === groupId),
    `${groupId} subscribed`,
  );
  return socket;
}

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  admin = await signUpAdmin(t);
  owner = await signUp(t.app, { displayName: 'Olga Ejer' });
  outsider = await signUp(t.app, { displayName: 'Udenfor Ulla' });
  await enable(outsider);
  sharedId = await createGroupWith(admin, { name: 'Fælles gruppe' }, [{ person: owner, role: 'owner' }]);
  youthId = await createGroupWith(admin, { name: 'Unge med CF' });
  hiddenId = await createGroupWith(admin, { name: 'Skjult gruppe', visibility: 'hidden' });
  anna = await member('Anna Andersen', [sharedId]);
  bo = await member('Bo Bech', [sharedId]);
});
afterAll(async () => {
  await t?.close();
});

describe('who may use the direct routes', () => {
  it('refuses every route without a session (401)', async () => {
    const anonymous = new Client(t.app);
    const calls = [
      anonymous.get('/api/me/direct-settings'),
      anonymous.patch('/api/me/direct-settings', { enabled: true }),
      anonymous.get('/api/direct'),
      anonymous.post('/api/direct', { userId: bo.user.id, body: 'Hej' }),
      anonymous.get(`/api/direct/${unknownId}`),
      anonymous.post(`/api/direct/${unknownId}/accept`),
      anonymous.post(`/api/direct/${unknownId}/decline`),
      anonymous.get('/api/me/blocks'),
      anonymous.post(`/api/people/${bo.user.id}/block`),
      anonymous.delete(`/api/people/${bo.user.id}/block`),
      anonymous.get('/api/conversations'),
      anonymous.post('/api/conversations', { userId: bo.user.id, body: 'Hej' }),
      anonymous.get(`/api/conversations/${unknownId}`),
      anonymous.post(`/api/conversations/${unknownId}/accept`),
      anonymous.post(`/api/conversations/${unknownId}/decline`),
      anonymous.get(`/api/conversations/${unknownId}/messages`),
      anonymous.post(`/api/conversations/${unknownId}/messages`, { clientId: clientId(), body: 'Hej' }),
      anonymous.post(`/api/users/${bo.user.id}/block`),
    ];
    for (const response of await Promise.all(calls)) {
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('auth.required');
    }
  });

  it('answers 404 for a conversation that does not exist and for someone else’s, alike', async () => {
    const { id } = await acceptedPair(['Cecilie Carlsen', 'Dorte Dahl']);
    for (const path of [
      `/api/direct/${unknownId}`,
      `/api/direct/${id}`,
      `/api/conversations/${id}/messages`,
    ]) {
      const response = await outsider.client.get(path);
      expect(response.statusCode, path).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    for (const action of ['accept', 'decline']) {
      const unknown = await outsider.client.post(`/api/direct/${unknownId}/${action}`);
      const theirs = await outsider.client.post(`/api/direct/${id}/${action}`);
      expect([unknown.statusCode, theirs.statusCode]).toEqual([404, 404]);
      expect(theirs.json()).toEqual(unknown.json());
    }
    // The conversation's group is theirs alone: 404 to anyone else, an administrator included.
    for (const person of [outsider, admin]) {
      expect((await person.client.get(`/api/groups/${id}`)).statusCode).toBe(404);
      expect((await person.client.get(`/api/groups/${id}/messages`)).statusCode).toBe(404);
    }
    expect((await anna.client.post(`/api/people/${unknownId}/block`)).statusCode).toBe(404);
  });

  it('refuses the one who asked to answer their own request (403), and the one asked once answered (409)', async () => {
    const first = await member('Erik Eriksen', [sharedId]);
    const second = await member('Frida Frost', [sharedId]);
    const id = (await ask(first, second)).json().conversation.id as string;
    for (const action of ['accept', 'decline']) {
      const own = await first.client.post(`/api/direct/${id}/${action}`);
      expect(own.statusCode).toBe(403);
      expect(own.json().error.code).toBe('auth.forbidden');
    }
    const posted = await outsider.client.post(`/api/conversations/${id}/messages`, {
      clientId: clientId(),
      body: 'Hej',
    });
    expect(posted.statusCode).toBe(404);
    expect((await second.client.post(`/api/direct/${id}/accept`)).statusCode).toBe(200);
    const again = await second.client.post(`/api/direct/${id}/decline`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('direct.not_pending');
  });
});

describe('the setting', () => {
  it('is off until the person turns it on, and is the same as the preferences’ directMessages', async () => {
    const person = await signUp(t.app, { displayName: 'Gitte Gram' });
    expect((await person.client.get('/api/me/direct-settings')).json()).toEqual({ enabled: false });
    expect((await person.client.get('/api/me/preferences')).json().directMessages).toBe(false);
    await enable(person);
    expect((await person.client.get('/api/me/preferences')).json().directMessages).toBe(true);
    const off = await person.client.patch('/api/me/preferences', { directMessages: false });
    expect(off.json().directMessages).toBe(false);
    expect((await person.client.get('/api/me/direct-settings')).json()).toEqual({ enabled: false });
    expect((await person.client.patch('/api/me/direct-settings', { enabled: 'yes' })).statusCode).toBe(400);
  });
});

describe('asking', () => {
  it('opens a waiting request with its first message, only with someone in a shared group', async () => {
    const asked = await ask(anna, bo, 'Hej Bo, jeg så dit indlæg om skolen.');
    expect(asked.statusCode, asked.body).toBe(201);
    const conversation = asked.json().conversation;
    expect(conversation).toMatchObject({
      other: { id: bo.user.id, displayName: 'Bo Bech' },
      status: 'pending',
      requestedByMe: true,
      available: true,
      permissions: { canWrite: false, canRespond: false, canBlock: true },
    });
    const id = conversation.id as string;

    // Bo sees the request and the first message, and is told.
    const list = (await bo.client.get('/api/direct')).json();
    expect(list.items.map((item: { id: string }) => item.id)).toContain(id);
    const mine = list.items.find((item: { id: string }) => item.id === id);
    expect(mine).toMatchObject({
      status: 'pending',
      requestedByMe: false,
      unreadCount: 1,
      other: { id: anna.user.id, displayName: 'Anna Andersen' },
      permissions: { canRespond: true, canWrite: false },
    });
    const history = (await bo.client.get(`/api/groups/${id}/messages`)).json();
    expect(history.items.map((message: { body: string }) => message.body)).toEqual([
      'Hej Bo, jeg så dit indlæg om skolen.',
    ]);
    const notes = (await bo.client.get('/api/notifications')).json().items;
    expect(notes.find((note: { type: string }) => note.type === 'direct.request')?.data).toEqual({
      conversationId: id,
      name: 'Anna Andersen',
    });

    // Until Bo accepts, Anna writes nothing more, and Bo writes only by accepting.
    for (const [person, body] of [
      [anna, 'Er du der?'],
      [bo, 'Hej'],
    ] as const) {
      const refused = await send(person, id, body);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('direct.pending');
    }
    // Asking again gives the same waiting conversation, and adds nothing.
    const again = await ask(anna, bo, 'En gang til');
    expect(again.statusCode).toBe(200);
    expect(again.json().conversation.id).toBe(id);
    expect((await bo.client.get(`/api/groups/${id}/messages`)).json().items).toHaveLength(1);
  });

  it('refuses, with one identical answer, every reason it could reveal something', async () => {
    const asker = await member('Hanne Holm', [sharedId, youthId]);
    const off = await member('Ib Iversen', [sharedId], { enabled: false });
    const blockedMe = await member('Jens Juhl', [sharedId]);
    const iBlocked = await member('Karin Krog', [sharedId]);
    const youthOnly = await member('Lasse Lund', [youthId]);
    const hiddenOnly = await member('Maja Munk', [hiddenId]);
    const nowhere = await member('Nina Nygaard', []);
    // An administrator sees every hidden group, but shares none of them by being in it.
    const otherAdmin = await signUpAdmin(t);
    await enable(otherAdmin);
    expect((await blockedMe.client.post(`/api/people/${asker.user.id}/block`)).statusCode).toBe(200);
    expect((await asker.client.post(`/api/people/${iBlocked.user.id}/block`)).statusCode).toBe(200);
    // The owner forbids direct messages in the youth group.
    const forbid = await owner.client.patch(`/api/groups/${youthId}`, { directMessagesAllowed: false });
    expect(forbid.statusCode).toBe(403); // not its owner
    const switched = await admin.client.patch(`/api/groups/${youthId}`, { directMessagesAllowed: false });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(switched.json().group.directMessagesAllowed).toBe(false);

    const refusals = [
      await ask(asker, off), // has direct messages off
      await ask(asker, blockedMe), // blocked the asker
      await ask(asker, iBlocked), // blocked by the asker
      await ask(asker, youthOnly), // the only shared group forbids it
      await ask(asker, hiddenOnly), // shares nothing; the other is in a hidden group
      await ask(asker, hiddenOnly, 'Hej', { groupId: hiddenId }), // names a hidden group the asker is not in
      await ask(otherAdmin, hiddenOnly), // an admin sees the hidden group, but is not in it
      await ask(asker, nowhere), // shares no group at all
      await ask(asker, unknownId), // nobody
      await ask(asker, asker), // oneself
    ];
    const first = refusals[0]!;
    expect(first.statusCode).toBe(403);
    expect(first.json().error.code).toBe('dm.not_allowed');
    for (const response of refusals) {
      expect(response.statusCode).toBe(403);
      expect(response.body).toBe(first.body);
    }
    // The youth group allows it again: the same pair can ask through it.
    await admin.client.patch(`/api/groups/${youthId}`, { directMessagesAllowed: true });
    expect((await ask(asker, youthOnly)).statusCode).toBe(201);
    // Hidden-group members may ask each other: both already see each other there.
    const hiddenToo = await member('Ole Olsen', [hiddenId]);
    expect((await ask(hiddenToo, hiddenOnly)).statusCode).toBe(201);
  });

  it('refuses an asker who has direct messages off, with the same answer', async () => {
    const asker = await member('Pia Poulsen', [sharedId], { enabled: false });
    const response = await ask(asker, bo);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('dm.not_allowed');
  });

  it('names each person as they call themselves in the group where they met', async () => {
    const first = await member('Rasmus Rask', [sharedId]);
    const second = await member('Sanne Skov', [sharedId]);
    await second.client.patch(`/api/groups/${sharedId}/profile`, { profileName: 'Mor til Emil' });
    const asked = await ask(first, second, 'Hej', { groupId: sharedId });
    expect(asked.json().conversation.other.displayName).toBe('Mor til Emil');
  });

  it('counts requests: 20 a day per person, refused ones too, then 429', async () => {
    const asker = await member('Tine Thomsen', [sharedId]);
    for (let i = 0; i < 20; i++) expect((await ask(asker, unknownId)).statusCode).toBe(403);
    const limited = await ask(asker, bo);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe('answering', () => {
  it('after accepting, both write live over the WebSocket; before it, the one who asked could not', async () => {
    const first = await member('Ulrik Urban', [sharedId]);
    const second = await member('Vera Vind', [sharedId]);
    const id = (await ask(first, second, 'Første besked')).json().conversation.id as string;
    const a = await socketOf(first, id);
    const b = await socketOf(second, id);

    const early = clientId();
    a.send({ type: 'message.send', groupId: id, clientId: early, body: 'For tidligt' });
    await until(() => a.of('error').some((frame) => frame.ref === early), 'refused send');
    expect(a.of('error').find((frame) => frame.ref === early)?.code).toBe('direct.pending');

    const accepted = await second.client.post(`/api/direct/${id}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().conversation).toMatchObject({
      status: 'accepted',
      permissions: { canWrite: true },
    });
    const told = (await first.client.get('/api/notifications')).json().items;
    expect(told.find((note: { type: string }) => note.type === 'direct.accepted')?.data).toEqual({
      conversationId: id,
      name: 'Vera Vind',
    });

    // A's socket subscribed while the request waited; the answer reaches it, so A may type and edit now.
    await until(() => {
      a.send({ type: 'typing', groupId: id });
      return b.of('typing').some((frame) => frame.userId === first.user.id);
    }, 'typing after the answer');
    const fromA = clientId();
    a.send({ type: 'message.send', groupId: id, clientId: fromA, body: 'Tak, fordi du svarede' });
    await until(() => a.of('ack').some((frame) => frame.clientId === fromA), 'ack');
    await until(
      () => a.of('message.created').some((frame) => frame.message.clientId === fromA),
      'own message live',
    );
    expect(
      a.of('message.created').find((frame) => frame.message.clientId === fromA)?.message.permissions.canEdit,
    ).toBe(true);
    await until(
      () => b.of('message.created').some((frame) => frame.message.body === 'Tak, fordi du svarede'),
      'delivered to B',
    );
    const fromB = clientId();
    b.send({ type: 'message.send', groupId: id, clientId: fromB, body: 'Selv tak' });
    await until(
      () => a.of('message.created').some((frame) => frame.message.body === 'Selv tak'),
      'delivered to A',
    );
    expect(b.of('error')).toEqual([]);
    a.close();
    b.close();
  });

  it('declining ends it silently: gone from both lists; the one asked may ask back later, the asker may not', async () => {
    const first = await member('Willy Winther', [sharedId]);
    const second = await member('Xenia Xu', [sharedId]);
    const id = (await ask(first, second)).json().conversation.id as string;
    const declined = await second.client.post(`/api/direct/${id}/decline`);
    expect(declined.statusCode).toBe(200);
    expect(declined.json().conversation).toMatchObject({ status: 'declined', available: false });
    for (const person of [first, second])
      expect(
        (await person.client.get('/api/direct')).json().items.map((item: { id: string }) => item.id),
      ).not.toContain(id);
    expect(
      (await first.client.get('/api/notifications')).json().items.map((n: { type: string }) => n.type),
    ).not.toContain('direct.accepted');
    const sendRefused = await send(first, id, 'Hallo?');
    expect(sendRefused.json().error.code).toBe('direct.unavailable');
    const again = await ask(first, second);
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('dm.not_allowed');
    const back = await ask(second, first, 'Undskyld, jeg trykkede forkert');
    expect(back.statusCode).toBe(201);
    expect(back.json().conversation).toMatchObject({ id, status: 'pending', requestedByMe: true });
  });

  it('asking back someone who asked first accepts their request, with the answer as a message', async () => {
    const first = await member('Yrsa Yde', [sharedId]);
    const second = await member('Zenia Zahle', [sharedId]);
    const id = (await ask(first, second, 'Hej')).json().conversation.id as string;
    const back = await ask(second, first, 'Hej tilbage');
    expect(back.statusCode).toBe(200);
    expect(back.json().conversation).toMatchObject({ id, status: 'accepted' });
    const bodies = (await first.client.get(`/api/groups/${id}/messages`))
      .json()
      .items.map((message: { body: string }) => message.body);
    expect(bodies).toEqual(['Hej', 'Hej tilbage']);
  });
});

describe('blocking', () => {
  it('after accepting, stops writing both ways, hides it from the blocker, and the blocked person is not told', async () => {
    const { first, second, id } = await acceptedPair(['Åse Ågård', 'Ærling Æbelø']);
    expect((await send(first, id, 'Hej')).statusCode).toBe(201);
    const socket = await socketOf(first, id);
    const before = (await first.client.get('/api/notifications')).json().items.length;

    const blocked = await second.client.post(`/api/people/${first.user.id}/block`);
    expect(blocked.statusCode).toBe(200);
    expect(blocked.json()).toEqual({ blocked: true });

    for (const person of [first, second]) {
      const refused = await send(person, id, 'Kan du se det her?');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('direct.unavailable');
    }
    const ref = clientId();
    socket.send({ type: 'message.send', groupId: id, clientId: ref, body: 'Over socket' });
    await until(() => socket.of('error').some((frame) => frame.ref === ref), 'refused');
    expect(socket.of('error').find((frame) => frame.ref === ref)?.code).toBe('direct.unavailable');
    socket.close();

    const blockerList = (await second.client.get('/api/direct'))
      .json()
      .items.map((item: { id: string }) => item.id);
    expect(blockerList).not.toContain(id);
    const blockedList = (await first.client.get('/api/direct')).json().items;
    expect(blockedList.find((item: { id: string }) => item.id === id)).toMatchObject({
      status: 'accepted',
      available: false,
      blockedByMe: false,
      permissions: { canWrite: false },
    });
    expect((await first.client.get('/api/notifications')).json().items).toHaveLength(before);
    // Nor can either ask again.
    expect((await ask(first, second)).json().error.code).toBe('dm.not_allowed');
    expect((await ask(second, first)).json().error.code).toBe('dm.not_allowed');

    const blocksResponse = await second.client.get('/api/me/blocks');
    expect(blocksResponse.statusCode, blocksResponse.body).toBe(200);
    const blocks = blocksResponse.json();
    expect(blocks.items).toEqual([
      { id: first.user.id, displayName: 'Åse Ågård', blockedAt: expect.any(String) },
    ]);
    // Lifting it opens the conversation again.
    expect((await second.client.delete(`/api/people/${first.user.id}/block`)).statusCode).toBe(204);
    expect((await second.client.get('/api/me/blocks')).json().items).toEqual([]);
    expect((await send(first, id, 'Hej igen')).statusCode).toBe(201);
  });

  it('declines a waiting request silently, so it leaves both lists', async () => {
    const first = await member('Bent Blom', [sharedId]);
    const second = await member('Birte Brun', [sharedId]);
    const id = (await ask(first, second)).json().conversation.id as string;
    expect((await second.client.post(`/api/users/${first.user.id}/block`)).statusCode).toBe(200);
    for (const person of [first, second])
      expect(
        (await person.client.get('/api/direct')).json().items.map((item: { id: string }) => item.id),
      ).not.toContain(id);
    expect((await second.client.post(`/api/direct/${id}/accept`)).json().error.code).toBe(
      'direct.not_pending',
    );
  });

  it('refuses blocking oneself', async () => {
    expect((await anna.client.post(`/api/people/${anna.user.id}/block`)).statusCode).toBe(400);
  });
});

describe('a direct conversation is never a group anywhere', () => {
  it('is missing from the directory, search, my groups, the administration and a person’s groups', async () => {
    const { first, id } = await acceptedPair(['Carl Direkte', 'Dina Direkte']);
    const ids = (response: { json(): { items: Array<{ id: string }> } }) =>
      response.json().items.map((item) => item.id);
    expect(ids(await first.client.get('/api/groups'))).not.toContain(id);
    expect(ids(await first.client.get('/api/groups?mine=true'))).not.toContain(id);
    expect(ids(await first.client.get('/api/groups?q=Direkte'))).not.toContain(id);
    expect(ids(await first.client.get('/api/groups?q=samtale'))).not.toContain(id);
    expect(ids(await new Client(t.app).get('/api/groups'))).not.toContain(id);
    expect(ids(await admin.client.get('/api/groups'))).not.toContain(id);
    expect(ids(await admin.client.get('/api/admin/groups?archived=all'))).not.toContain(id);
    expect(ids(await admin.client.get('/api/admin/groups?q=Direkte&archived=all'))).not.toContain(id);
    expect((await admin.client.get(`/api/admin/groups/${id}`)).statusCode).toBe(404);
    const person = (await admin.client.get(`/api/admin/users/${first.user.id}`)).json().user;
    expect(person.groups.map((group: { id: string }) => group.id)).toEqual([sharedId]);
    expect((await first.client.patch(`/api/groups/${id}`, { name: 'Min gruppe' })).statusCode).toBe(403);
  });
});

describe('reporting', () => {
  it('lands in the platform queue with the reported message alone, for admins only', async () => {
    const { first, second, id } = await acceptedPair(['Frede Flag', 'Gurli Gran']);
    await send(first, id, 'En helt almindelig besked');
    const bad = (await send(first, id, 'Noget grimt')).json().message.id as string;
    await send(first, id, 'Og noget mere bagefter');
    const flagged = await second.client.post(`/api/messages/${bad}/flags`, { reason: 'harassment' });
    expect(flagged.statusCode, flagged.body).toBe(201);

    const queue = (await admin.client.get('/api/moderation/queue?status=open')).json().items;
    const item = queue.find((entry: { message: { id: string } | null }) => entry.message?.id === bad);
    expect(item).toMatchObject({
      space: 'direct',
      queue: 'platform',
      message: { body: 'Noget grimt' },
      context: { before: [], after: [] },
      subject: { id: first.user.id },
    });
    expect(item.permissions.actions).toEqual(['dismiss', 'hide', 'delete', 'warn', 'suspend']);
    const detail = (await admin.client.get(`/api/moderation/items/${item.id}`)).json().item;
    expect(detail.context).toEqual({ before: [], after: [] });
    // Nobody else reviews it: a group's moderators see nothing, the platform queue is admins' alone.
    expect((await owner.client.get(`/api/moderation/items/${item.id}`)).statusCode).toBe(404);
    expect((await second.client.get(`/api/moderation/items/${item.id}`)).statusCode).toBe(404);

    const hidden = await admin.client.post(`/api/moderation/items/${item.id}/actions`, {
      action: 'hide',
      reason: 'Chikane i en privat besked',
    });
    expect(hidden.statusCode, hidden.body).toBe(200);
    const after = (await second.client.get(`/api/groups/${id}/messages`)).json().items;
    expect(after.find((message: { id: string }) => message.id === bad)).toMatchObject({
      hidden: true,
      body: null,
    });
  });
});

describe('the contract’s names for the same routes', () => {
  it('asks, lists and reads through /api/conversations, and blocks through /api/users/:id/block', async () => {
    const first = await member('Hugo Hald', [sharedId]);
    const second = await member('Ida Ibsen', [sharedId]);
    const asked = await first.client.post('/api/conversations', { userId: second.user.id, body: 'Hej Ida' });
    expect(asked.statusCode, asked.body).toBe(201);
    const id = asked.json().conversation.id as string;
    expect((await second.client.get('/api/conversations')).json().items[0].id).toBe(id);
    expect((await second.client.post(`/api/conversations/${id}/accept`)).statusCode).toBe(200);
    const posted = await second.client.post(`/api/conversations/${id}/messages`, {
      clientId: clientId(),
      body: 'Hej Hugo',
    });
    expect(posted.statusCode).toBe(201);
    const messages = (await first.client.get(`/api/conversations/${id}/messages`)).json().items;
    expect(messages.map((message: { body: string }) => message.body)).toEqual(['Hej Ida', 'Hej Hugo']);
    expect((await first.client.post(`/api/users/${second.user.id}/block`)).statusCode).toBe(200);
  });
});
