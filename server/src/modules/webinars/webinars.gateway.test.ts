import type { ServerFrame } from '@spejl/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  Client,
  createGroupWith,
  createTestApp,
  enableTotp,
  signUp,
  signUpAdmin,
  type TestApp,
  testOrigin,
} from '../../testing/app.ts';

let t: TestApp;
let url: string;
type Person = Awaited<ReturnType<typeof signUp>>;
let host: Person;
let presenter: Person;
let anna: Person;
let bo: Person;
let unregistered: Person;
let outsider: Person;
let roomId: string;
let hiddenRoomId: string;
let groupId: string;

type Frame<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

/** A real WebSocket client that records every frame it receives. */
class Socket {
  readonly frames: ServerFrame[] = [];
  readonly ws: WebSocket;
  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => this.frames.push(JSON.parse(String(data)) as ServerFrame));
  }
  send(frame: Record<string, unknown>) {
    this.ws.send(JSON.stringify(frame));
  }
  /** The newest frame of a type matching the test, waiting for it if needed; `after` skips older frames. */
  async next<T extends ServerFrame['type']>(
    type: T,
    match: (frame: Frame<T>) => boolean = () => true,
    after = 0,
  ): Promise<Frame<T>> {
    const started = Date.now();
    for (;;) {
      const found = this.frames
        .slice(after)
        .reverse()
        .find((frame) => frame.type === type && match(frame as Frame<T>));
      if (found) return found as Frame<T>;
      if (Date.now() - started > 4000)
        throw new Error(`no ${type} frame; last: ${JSON.stringify(this.frames.slice(-4))}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  mark() {
    return this.frames.length;
  }
  close() {
    this.ws.close();
  }
}

function connect(person: Person): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { origin: testOrigin, cookie: person.client.cookie ?? '' } });
    const socket = new Socket(ws);
    ws.once('open', () => resolve(socket));
    ws.once('error', reject);
  });
}

async function joined(person: Person, room = roomId) {
  const socket = await connect(person);
  socket.send({ type: 'room.join', roomId: room });
  await socket.next('room.state');
  return socket;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

beforeAll(async () => {
  t = await createTestApp({ heartbeatMs: 500 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/ws`;
  host = await signUpAdmin(t);
  presenter = await signUp(t.app, { displayName: 'Dr. Hansen' });
  anna = await signUp(t.app, { displayName: 'Anna' });
  bo = await signUp(t.app, { displayName: 'Bo' });
  unregistered = await signUp(t.app, { displayName: 'Uden tilmelding' });
  outsider = await signUp(t.app, { displayName: 'Udenfor' });
  groupId = await createGroupWith(host, { name: 'Webinargruppe' }, [
    { person: anna },
    { person: bo },
    { person: unregistered },
  ]);
  const hiddenId = await createGroupWith(host, { name: 'Skjult', visibility: 'hidden' });
  const startsAt = new Date(t.clock.now().getTime() + 24 * 3600_000).toISOString();
  const created = await host.client.post('/api/webinars', {
    groupId,
    title: 'Nyt om behandling',
    description: '',
    startsAt,
    durationMinutes: 60,
    mode: 'online',
  });
  roomId = created.json().webinar.id;
  hiddenRoomId = (
    await host.client.post('/api/webinars', {
      groupId: hiddenId,
      title: 'Skjult webinar',
      description: '',
      startsAt,
      durationMinutes: 60,
      mode: 'online',
    })
  ).json().webinar.id;
  await host.client.post(`/api/webinars/${roomId}/staff`, { email: presenter.user.email, role: 'presenter' });
  for (const person of [anna, bo]) await person.client.post(`/api/webinars/${roomId}/registrations`, {});
});
afterAll(async () => {
  await t?.close();
});

describe('entering the room', () => {
  it('lets in only registered people, hosts and presenters; others get an error frame', async () => {
    const socket = await connect(unregistered);
    socket.send({ type: 'room.join', roomId });
    expect((await socket.next('error', (frame) => frame.ref === roomId)).code).toBe('room.not_allowed');
    const stranger = await connect(outsider);
    stranger.send({ type: 'room.join', roomId });
    expect((await stranger.next('error')).code).toBe('webinar.members_only');
    stranger.send({ type: 'room.join', roomId: hiddenRoomId });
    expect((await stranger.next('error', (frame) => frame.code === 'not_found')).ref).toBe(hiddenRoomId);
    // A frame for a room one has not joined is refused.
    socket.send({ type: 'room.chat.send', roomId, clientId: 'client-0001', body: 'Hej' });
    expect((await socket.next('error', (frame) => frame.code === 'room.not_joined')).ref).toBe('client-0001');
    socket.close();
    stranger.close();
  });
});

describe('a webinar in the room', () => {
  let hostSocket: Socket;
  let presenterSocket: Socket;
  let annaSocket: Socket;
  let boSocket: Socket;

  it('keeps attendees in the lobby until a host opens the room', async () => {
    annaSocket = await joined(anna);
    const lobby = (await annaSocket.next('room.state')).state;
    expect(lobby).toMatchObject({
      status: 'lobby',
      title: 'Nyt om behandling',
      me: { role: 'attendee', userId: anna.user.id },
      permissions: { canHost: false, canChat: false, canAsk: false },
      chat: [],
      questions: [],
      polls: [],
    });
    annaSocket.send({ type: 'room.chat.send', roomId, clientId: 'lobby-chat-1', body: 'Er der nogen?' });
    expect((await annaSocket.next('error', (frame) => frame.ref === 'lobby-chat-1')).code).toBe(
      'room.not_open',
    );
    annaSocket.send({ type: 'room.open', roomId });
    expect((await annaSocket.next('error', (frame) => frame.code === 'auth.forbidden')).ref).toBe(roomId);

    hostSocket = await joined(host);
    expect((await hostSocket.next('room.state')).state).toMatchObject({
      status: 'lobby',
      me: { role: 'host' },
      permissions: { canHost: true },
    });
    presenterSocket = await joined(presenter);
    expect((await presenterSocket.next('room.state')).state.me.role).toBe('presenter');
    boSocket = await joined(bo);

    const before = annaSocket.mark();
    hostSocket.send({ type: 'room.open', roomId });
    const opened = (await annaSocket.next('room.state', (frame) => frame.state.status === 'open', before))
      .state;
    expect(opened.permissions).toMatchObject({ canChat: true, canAsk: true, canRaiseHand: true });
    expect((await boSocket.next('room.state', (frame) => frame.state.status === 'open')).state.status).toBe(
      'open',
    );
  });

  it('shows hosts everyone present; attendees see the hosts, presenters and themselves, and the count', async () => {
    const forHost = await hostSocket.next('room.participants', (frame) => frame.participantCount === 4);
    expect(forHost.participants.map((person) => [person.displayName, person.role])).toEqual([
      ['Astrid Andersen', 'host'],
      ['Dr. Hansen', 'presenter'],
      ['Anna', 'attendee'],
      ['Bo', 'attendee'],
    ]);
    const forAnna = await annaSocket.next('room.participants', (frame) => frame.participantCount === 4);
    expect(forAnna.participants.map((person) => person.displayName)).toEqual([
      'Astrid Andersen',
      'Dr. Hansen',
      'Anna',
    ]);
  });

  it('carries chat to everyone, idempotently; the host can restrict it to hosts or turn it off', async () => {
    annaSocket.send({ type: 'room.chat.send', roomId, clientId: 'chat-anna-1', body: 'Hej fra Fyn' });
    annaSocket.send({ type: 'room.chat.send', roomId, clientId: 'chat-anna-1', body: 'Hej fra Fyn' });
    await annaSocket.next('room.ack', (frame) => frame.clientId === 'chat-anna-1');
    const seen = await boSocket.next('room.chat', (frame) => frame.message.body === 'Hej fra Fyn');
    expect(seen.message.author).toEqual({ id: anna.user.id, displayName: 'Anna', role: 'attendee' });
    await settle();
    expect(boSocket.frames.filter((frame) => frame.type === 'room.chat')).toHaveLength(1);

    hostSocket.send({ type: 'room.settings', roomId, chatPolicy: 'hosts' });
    expect(
      (await annaSocket.next('room.state', (frame) => frame.state.chatPolicy === 'hosts')).state.permissions
        .canChat,
    ).toBe(false);
    annaSocket.send({ type: 'room.chat.send', roomId, clientId: 'chat-anna-2', body: 'Må jeg?' });
    expect((await annaSocket.next('error', (frame) => frame.ref === 'chat-anna-2')).code).toBe(
      'room.chat_closed',
    );
    presenterSocket.send({
      type: 'room.chat.send',
      roomId,
      clientId: 'chat-presenter-1',
      body: 'Velkommen alle',
    });
    expect(
      (await annaSocket.next('room.chat', (frame) => frame.message.body === 'Velkommen alle')).message.author
        ?.role,
    ).toBe('presenter');
    hostSocket.send({ type: 'room.settings', roomId, chatPolicy: 'off' });
    expect(
      (await boSocket.next('room.state', (frame) => frame.state.chatPolicy === 'off')).state.chat,
    ).toEqual([]);
    const beforeReopen = boSocket.mark();
    hostSocket.send({ type: 'room.settings', roomId, chatPolicy: 'everyone' });
    const reopened = await boSocket.next(
      'room.state',
      (frame) => frame.state.chatPolicy === 'everyone',
      beforeReopen,
    );
    expect(reopened.state.chat.map((message) => message.body)).toEqual(['Hej fra Fyn', 'Velkommen alle']);
  });

  it('lets an author take back a chat message and a host take any down; others may not', async () => {
    annaSocket.send({ type: 'room.chat.send', roomId, clientId: 'chat-anna-del', body: 'Ring til 12345678' });
    const sent = (await boSocket.next('room.chat', (frame) => frame.message.clientId === 'chat-anna-del'))
      .message;
    expect(sent).toMatchObject({ body: 'Ring til 12345678', deleted: false });
    boSocket.send({ type: 'room.chat.send', roomId, clientId: 'chat-bo-del', body: 'Dumt sagt' });
    const bos = (await annaSocket.next('room.chat', (frame) => frame.message.clientId === 'chat-bo-del'))
      .message;

    // Another attendee and a presenter may not; an unknown or malformed id is not found.
    boSocket.send({ type: 'room.chat.delete', roomId, messageId: sent.id });
    expect((await boSocket.next('error', (frame) => frame.frame === 'room.chat.delete')).code).toBe(
      'auth.forbidden',
    );
    const beforePresenter = presenterSocket.mark();
    presenterSocket.send({ type: 'room.chat.delete', roomId, messageId: bos.id });
    expect(
      (await presenterSocket.next('error', (frame) => frame.frame === 'room.chat.delete', beforePresenter))
        .code,
    ).toBe('auth.forbidden');
    const beforeUnknown = boSocket.mark();
    boSocket.send({ type: 'room.chat.delete', roomId, messageId: 'not-a-message' });
    expect(
      (await boSocket.next('error', (frame) => frame.frame === 'room.chat.delete', beforeUnknown)).code,
    ).toBe('not_found');

    // The author takes hers back; a host takes Bo's down. Everyone sees both go, without their text.
    annaSocket.send({ type: 'room.chat.delete', roomId, messageId: sent.id });
    const gone = await boSocket.next(
      'room.chat',
      (frame) => frame.message.id === sent.id && frame.message.deleted,
    );
    expect(gone.message).toMatchObject({ body: '', deleted: true, author: { id: anna.user.id } });
    hostSocket.send({ type: 'room.chat.delete', roomId, messageId: bos.id });
    expect(
      (await annaSocket.next('room.chat', (frame) => frame.message.id === bos.id && frame.message.deleted))
        .message.body,
    ).toBe('');
    // Twice is not found: it is gone already.
    const beforeTwice = hostSocket.mark();
    hostSocket.send({ type: 'room.chat.delete', roomId, messageId: bos.id });
    expect(
      (await hostSocket.next('error', (frame) => frame.frame === 'room.chat.delete', beforeTwice)).code,
    ).toBe('not_found');
  });

  it('runs Q&A: anonymous to other attendees, upvotes, and a host marks answered', async () => {
    annaSocket.send({
      type: 'room.question.ask',
      roomId,
      clientId: 'question-anna-1',
      body: 'Hvornår kan vores søn få medicinen?',
      anonymous: true,
    });
    const forBo = (await boSocket.next('room.question', (frame) => frame.question.body.startsWith('Hvornår')))
      .question;
    expect(forBo).toMatchObject({ author: null, anonymous: true, mine: false, votes: 0, status: 'open' });
    const forHost = (await hostSocket.next('room.question', (frame) => frame.question.id === forBo.id))
      .question;
    expect(forHost.author).toEqual({ id: anna.user.id, displayName: 'Anna' });
    expect(
      (await annaSocket.next('room.question', (frame) => frame.question.id === forBo.id)).question,
    ).toMatchObject({
      mine: true,
      author: { displayName: 'Anna' },
    });

    boSocket.send({ type: 'room.question.vote', roomId, questionId: forBo.id, up: true });
    boSocket.send({ type: 'room.question.vote', roomId, questionId: forBo.id, up: true });
    expect(
      (
        await boSocket.next(
          'room.question',
          (frame) => frame.question.id === forBo.id && frame.question.votes === 1,
        )
      ).question.votedByMe,
    ).toBe(true);
    expect(
      (
        await annaSocket.next(
          'room.question',
          (frame) => frame.question.id === forBo.id && frame.question.votes === 1,
        )
      ).question.votedByMe,
    ).toBe(false);
    await settle();
    expect(
      annaSocket.frames.filter((frame) => frame.type === 'room.question' && frame.question.votes === 2),
    ).toHaveLength(0);

    boSocket.send({ type: 'room.question.mark', roomId, questionId: forBo.id, status: 'answered' });
    expect((await boSocket.next('error', (frame) => frame.code === 'auth.forbidden')).ref).toBe(roomId);
    hostSocket.send({ type: 'room.question.mark', roomId, questionId: forBo.id, status: 'answered' });
    expect(
      (await annaSocket.next('room.question', (frame) => frame.question.status === 'answered')).question
        .votes,
    ).toBe(1);
  });

  it('queues raised hands; a host invites someone to speak and lowers the hand again', async () => {
    boSocket.send({ type: 'room.hand.raise', roomId });
    const raised = await hostSocket.next('room.hands', (frame) => frame.hands.length === 1);
    expect(raised.hands[0]).toMatchObject({ userId: bo.user.id, displayName: 'Bo', invited: false });
    hostSocket.send({ type: 'room.hand.invite', roomId, userId: bo.user.id });
    expect((await boSocket.next('room.state', (frame) => frame.state.me.speaking)).state.me.speaking).toBe(
      true,
    );
    const speaking = await hostSocket.next('room.participants', (frame) =>
      frame.participants.some((person) => person.userId === bo.user.id && person.speaking),
    );
    expect(speaking.participantCount).toBe(4);
    hostSocket.send({ type: 'room.hand.lower', roomId, userId: bo.user.id });
    await annaSocket.next('room.hands', (frame) => frame.hands.length === 0, annaSocket.mark() - 1);
    expect((await boSocket.next('room.state', (frame) => !frame.state.me.speaking)).state.me.speaking).toBe(
      false,
    );
    // Attendees cannot lower someone else's hand.
    annaSocket.send({ type: 'room.hand.raise', roomId });
    await hostSocket.next('room.hands', (frame) => frame.hands.length === 1);
    boSocket.send({ type: 'room.hand.lower', roomId, userId: anna.user.id });
    expect((await boSocket.next('error', (frame) => frame.code === 'auth.forbidden')).ref).toBe(roomId);
    annaSocket.send({ type: 'room.hand.lower', roomId });
    await hostSocket.next('room.hands', (frame) => frame.hands.length === 0);
  });

  it('runs a poll: votes counted, results hidden from attendees until the host shows them', async () => {
    annaSocket.send({
      type: 'room.poll.create',
      roomId,
      clientId: 'poll-anna-1',
      question: 'Må jeg?',
      kind: 'single',
      options: ['Ja', 'Nej'],
    });
    expect((await annaSocket.next('error', (frame) => frame.ref === 'poll-anna-1')).code).toBe(
      'auth.forbidden',
    );
    hostSocket.send({
      type: 'room.poll.create',
      roomId,
      clientId: 'poll-host-1',
      question: 'Hvor langt har I kørt i dag?',
      kind: 'single',
      options: ['Under 50 km', '50-150 km', 'Over 150 km'],
    });
    const poll = (await annaSocket.next('room.poll')).poll;
    expect(poll).toMatchObject({
      status: 'open',
      resultsVisible: false,
      totalVoters: null,
      myVote: null,
      options: [
        { id: 'o1', label: 'Under 50 km', votes: null },
        { id: 'o2', label: '50-150 km', votes: null },
        { id: 'o3', label: 'Over 150 km', votes: null },
      ],
    });
    annaSocket.send({ type: 'room.poll.vote', roomId, pollId: poll.id, optionIds: ['o1', 'o2'] });
    expect((await annaSocket.next('error', (frame) => frame.code === 'room.poll_invalid')).ref).toBe(roomId);
    annaSocket.send({ type: 'room.poll.vote', roomId, pollId: poll.id, optionIds: ['o3'] });
    boSocket.send({ type: 'room.poll.vote', roomId, pollId: poll.id, optionIds: ['o3'] });
    const forAnna = await annaSocket.next('room.poll', (frame) => frame.poll.myVote?.[0] === 'o3');
    expect(forAnna.poll.options[2]?.votes).toBeNull();
    const forHost = await hostSocket.next('room.poll', (frame) => frame.poll.totalVoters === 2);
    expect(forHost.poll.options.map((option) => option.votes)).toEqual([0, 0, 2]);

    hostSocket.send({ type: 'room.poll.results', roomId, pollId: poll.id, visible: true });
    const shown = await annaSocket.next('room.poll', (frame) => frame.poll.resultsVisible);
    expect(shown.poll).toMatchObject({ totalVoters: 2, myVote: ['o3'] });
    expect(shown.poll.options.map((option) => option.votes)).toEqual([0, 0, 2]);
    hostSocket.send({ type: 'room.poll.close', roomId, pollId: poll.id });
    await boSocket.next('room.poll', (frame) => frame.poll.status === 'closed');
    boSocket.send({ type: 'room.poll.vote', roomId, pollId: poll.id, optionIds: ['o1'] });
    expect((await boSocket.next('error', (frame) => frame.code === 'room.poll_closed')).ref).toBe(roomId);
  });

  it('gives a rejoining attendee the room as it is, from the database', async () => {
    annaSocket.close();
    await settle();
    annaSocket = await joined(anna);
    const state = (await annaSocket.next('room.state')).state;
    expect(state.status).toBe('open');
    expect(state.chat.map((message) => message.body)).toContain('Hej fra Fyn');
    // Deleted messages come back deleted, their text gone from the database too.
    expect(state.chat.filter((message) => message.deleted).map((message) => message.body)).toEqual(['', '']);
    expect(state.chat.map((message) => message.body).join(' ')).not.toMatch(/12345678|Dumt sagt/);
    expect(state.questions).toEqual([
      expect.objectContaining({
        body: 'Hvornår kan vores søn få medicinen?',
        mine: true,
        votes: 1,
        status: 'answered',
      }),
    ]);
    expect(state.polls[0]).toMatchObject({ myVote: ['o3'], resultsVisible: true, status: 'closed' });
  });

  it('lets a host remove an attendee, who cannot come back; hosts and presenters cannot be removed', async () => {
    hostSocket.send({ type: 'room.remove', roomId, userId: presenter.user.id });
    expect((await hostSocket.next('error', (frame) => frame.code === 'auth.forbidden')).ref).toBe(roomId);
    boSocket.send({ type: 'room.remove', roomId, userId: anna.user.id });
    expect((await boSocket.next('error', (frame) => frame.code === 'auth.forbidden')).ref).toBe(roomId);
    hostSocket.send({ type: 'room.remove', roomId, userId: bo.user.id });
    await boSocket.next('room.removed');
    await hostSocket.next('room.participants', (frame) => frame.participantCount === 3);
    boSocket.send({ type: 'room.chat.send', roomId, clientId: 'chat-bo-after', body: 'Hallo?' });
    expect((await boSocket.next('error', (frame) => frame.ref === 'chat-bo-after')).code).toBe(
      'room.not_joined',
    );
    boSocket.send({ type: 'room.join', roomId });
    expect((await boSocket.next('error', (frame) => frame.code === 'room.removed')).ref).toBe(roomId);
  });

  it('records attendance: the organiser’s report has each person, their time and the no-shows', async () => {
    annaSocket.close();
    await settle();
    const report = await host.client.get(`/api/webinars/${roomId}/attendance`);
    expect(report.statusCode).toBe(200);
    const body = report.json();
    expect(body).toMatchObject({ registeredCount: 2, attendedCount: 2, noShowCount: 0 });
    expect(body.roomOpenedAt).not.toBeNull();
    const byName = new Map(
      (
        body.items as Array<{ user: { displayName: string }; stays: number; present: boolean; role: string }>
      ).map((item) => [item.user.displayName, item]),
    );
    expect(byName.get('Anna')).toMatchObject({
      role: 'attendee',
      stays: 2,
      present: false,
      registrationStatus: 'registered',
    });
    expect(byName.get('Bo')).toMatchObject({ present: false, stays: 1 });
    expect(byName.get('Astrid Andersen')).toMatchObject({
      role: 'host',
      present: true,
      registrationStatus: null,
    });
    expect(byName.get('Dr. Hansen')).toMatchObject({ role: 'presenter', present: true });
  });

  it('closes: everyone in the room sees it has ended', async () => {
    hostSocket.send({ type: 'room.close', roomId });
    const closed = await presenterSocket.next('room.state', (frame) => frame.state.status === 'closed');
    expect(closed.state.permissions).toMatchObject({ canChat: false, canAsk: false });
    hostSocket.close();
    presenterSocket.close();
    boSocket.close();
  });
});

describe('powers need the second factor proven in the session, over the socket as over REST', () => {
  it('gives a group moderator’s password-only session neither the organiser’s powers nor the host’s role', async () => {
    const moderator = await signUp(t.app, { displayName: 'Maja' });
    // A session that signed in with the password alone, before TOTP was turned on in another one.
    const passwordOnly = { ...moderator, client: new Client(t.app) };
    await passwordOnly.client.post('/api/auth/login', {
      email: moderator.user.email,
      password: moderator.password,
    });
    await enableTotp(moderator.client, t.clock);
    await host.client.post(`/api/groups/${groupId}/members`, {
      email: moderator.user.email,
      role: 'moderator',
    });

    const refused = await passwordOnly.client.patch(`/api/webinars/${roomId}`, { title: 'Nyt navn' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('auth.mfa_step_up_required');
    const socket = await connect(passwordOnly);
    socket.send({ type: 'room.join', roomId });
    expect((await socket.next('error', (frame) => frame.ref === roomId)).code).toBe('room.not_allowed');
    socket.close();

    const verified = await joined(moderator);
    expect((await verified.next('room.state')).state.me.role).toBe('host');
    verified.close();
  });
});
