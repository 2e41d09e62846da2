import { execFileSync } from 'node:child_process';
import { translate } from '@spejl/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupWith, createTestApp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';
import { connectAs, type Socket, settle } from './video.testing.ts';

let t: TestApp;
let url: string;
type Person = Awaited<ReturnType<typeof signUp>>;
let host: Person;
let presenter: Person;
let anna: Person;
let bo: Person;
let carl: Person;
let member: Person;
let outsider: Person;
let roomId: string;
const turnSecret = 'coturn-shared-secret-for-tests';

const offer = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' };
const answer = { type: 'answer', sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' };
const candidate = {
  candidate: 'candidate:1 1 udp 2122194687 192.0.2.2 50000 typ host',
  sdpMid: '0',
  sdpMLineIndex: 0,
};

const connect = (person: Person) => connectAs(url, person.client.cookie);

/** A socket in the room (room.join answered with room.state). */
async function inRoom(person: Person): Promise<Socket> {
  const socket = await connect(person);
  socket.send({ type: 'room.join', roomId });
  await socket.next('room.state');
  return socket;
}

/** Joins the stage and returns the joined frame. */
async function onStage(socket: Socket) {
  const mark = socket.mark();
  socket.send({ type: 'room.rtc.join', roomId });
  return socket.next('room.rtc.joined', () => true, mark);
}

beforeAll(async () => {
  t = await createTestApp({
    video: {
      adapter: 'p2p',
      p2pMaxViewers: 2,
      ice: {
        stunUrls: ['stun:stun.example.dk:3478'],
        turnUrls: ['turn:turn.example.dk:3478?transport=udp'],
        turnSecret,
        turnTtlSeconds: 600,
      },
    },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/ws`;
  host = await signUpAdmin(t);
  presenter = await signUp(t.app, { displayName: 'Dr. Hansen' });
  anna = await signUp(t.app, { displayName: 'Anna' });
  bo = await signUp(t.app, { displayName: 'Bo' });
  carl = await signUp(t.app, { displayName: 'Carl' });
  member = await signUp(t.app, { displayName: 'Ikke tilmeldt' });
  outsider = await signUp(t.app, { displayName: 'Udenfor' });
  const groupId = await createGroupWith(host, { name: 'Videogruppe' }, [
    { person: anna },
    { person: bo },
    { person: carl },
    { person: member },
  ]);
  const created = await host.client.post('/api/webinars', {
    groupId,
    title: 'Video om behandling',
    description: '',
    startsAt: new Date(t.clock.now().getTime() + 3600_000).toISOString(),
    durationMinutes: 60,
    mode: 'online',
  });
  roomId = created.json().webinar.id;
  await host.client.post(`/api/webinars/${roomId}/staff`, { email: presenter.user.email, role: 'presenter' });
  for (const person of [anna, bo, carl])
    await person.client.post(`/api/webinars/${roomId}/registrations`, {});
});
afterAll(async () => {
  await t?.close();
});

describe('who may use the stage', () => {
  it('answers not_found to a connection that is not in the room, a stranger and a room that does not exist', async () => {
    for (const person of [outsider, member, anna]) {
      const socket = await connect(person);
      socket.send({ type: 'room.rtc.join', roomId });
      expect((await socket.error(`rtc:${roomId}`)).code).toBe('not_found');
      socket.send({ type: 'room.rtc.subscribe', roomId, peerId: 'somebody' });
      expect((await socket.error('somebody')).code).toBe('not_found');
      socket.send({ type: 'room.rtc.signal', roomId, linkId: 'a~b', description: offer });
      expect((await socket.error('a~b')).code).toBe('not_found');
      socket.close();
    }
    // A stranger cannot get into the room, so never onto its stage.
    const stranger = await connect(outsider);
    stranger.send({ type: 'room.join', roomId });
    await stranger.next('error', (frame) => frame.ref === roomId);
    stranger.send({ type: 'room.rtc.join', roomId });
    expect((await stranger.next('error', (frame) => frame.code === 'not_found')).ref).toBe(`rtc:${roomId}`);
    stranger.close();
  });

  it('validates every frame: unknown fields, oversized descriptions, bad link ids and empty signals are refused', async () => {
    const socket = await inRoom(presenter);
    const bad = [
      { type: 'room.rtc.join', roomId, extra: true },
      { type: 'room.rtc.signal', roomId, linkId: 'a~b' },
      { type: 'room.rtc.signal', roomId, linkId: 'a b', description: offer },
      { type: 'room.rtc.signal', roomId, linkId: 'a~b', description: { type: 'pranswer', sdp: 'x' } },
      {
        type: 'room.rtc.signal',
        roomId,
        linkId: 'a~b',
        description: { type: 'offer', sdp: 'x'.repeat(20_001) },
      },
      { type: 'room.rtc.signal', roomId, linkId: 'a~b', candidates: Array(21).fill(candidate) },
      { type: 'room.rtc.publish', roomId, media: { audio: true, video: 'yes', screen: false } },
      { type: 'room.rtc.moderate', roomId, kind: 'screen' },
      { type: 'room.caption.send', roomId, text: '   ', final: true },
      { type: 'room.caption.send', roomId, text: 'x'.repeat(301), final: true },
      { type: 'call.join', roomId },
    ];
    const mark = socket.mark();
    for (const frame of bad) socket.send(frame);
    await settle(300);
    const errors = socket.of('error', mark);
    expect(errors).toHaveLength(bad.length);
    expect(new Set(errors.map((error) => error.code))).toEqual(new Set(['ws.bad_frame']));
    // The connection stays usable.
    expect((await onStage(socket)).adapter).toBe('p2p');
    socket.close();
  });

  it('keeps attendees off the stage in the lobby while hosts and presenters may test theirs', async () => {
    const attendee = await inRoom(anna);
    attendee.send({ type: 'room.rtc.join', roomId });
    expect((await attendee.error(`rtc:${roomId}`)).code).toBe('room.not_open');
    const staff = await inRoom(presenter);
    const joined = await onStage(staff);
    expect(joined.permissions).toEqual({ canPublish: true, canModerate: false, canCaption: true });
    attendee.close();
    staff.close();
  });
});

describe('an open room with a presenter and viewers', () => {
  let hostSocket: Socket;
  let presenterSocket: Socket;
  let annaSocket: Socket;
  let boSocket: Socket;
  let carlSocket: Socket;
  let presenterPeer: string;
  let annaPeer: string;
  let linkId: string;

  beforeAll(async () => {
    hostSocket = await inRoom(host);
    hostSocket.send({ type: 'room.open', roomId });
    await hostSocket.next('room.state', (frame) => frame.state.status === 'open');
    presenterSocket = await inRoom(presenter);
    annaSocket = await inRoom(anna);
    boSocket = await inRoom(bo);
    carlSocket = await inRoom(carl);
  });
  afterAll(() => {
    for (const socket of [hostSocket, presenterSocket, annaSocket, boSocket, carlSocket]) socket?.close();
  });

  it('gives a viewer STUN and time-limited TURN credentials that coturn would accept', async () => {
    const before = Math.floor(t.clock.now().getTime() / 1000);
    const joined = await onStage(annaSocket);
    annaPeer = joined.peerId;
    expect(joined).toMatchObject({ adapter: 'p2p', maxViewers: 2, viewers: 1, peers: [] });
    expect(joined.permissions).toEqual({ canPublish: false, canModerate: false, canCaption: false });
    expect(joined.iceServers[0]).toEqual({ urls: ['stun:stun.example.dk:3478'] });
    const turn = joined.iceServers[1];
    expect(turn?.urls).toEqual(['turn:turn.example.dk:3478?transport=udp']);
    const [expiry, reference] = (turn?.username ?? '').split(':');
    expect(Number(expiry)).toBe(before + 600);
    // The user id never reaches the TURN server's logs.
    expect(reference).toMatch(/^[0-9a-f]{16}$/);
    expect(turn?.username).not.toContain(anna.user.id);
    // coturn checks base64(HMAC-SHA1(secret, username)); openssl computes the same independently.
    const expected = execFileSync(
      'sh',
      ['-c', `printf '%s' "$USERNAME" | openssl dgst -sha1 -hmac "$SECRET" -binary | base64`],
      { env: { ...process.env, USERNAME: turn?.username ?? '', SECRET: turnSecret } },
    )
      .toString()
      .trim();
    expect(turn?.credential).toBe(expected);
  });

  it('lets only presenters (and hosts) publish, and shows viewers who does', async () => {
    annaSocket.send({ type: 'room.rtc.publish', roomId, media: { audio: true, video: true, screen: false } });
    expect((await annaSocket.error(`rtc:${roomId}`)).code).toBe('video.publish_not_allowed');
    const joined = await onStage(presenterSocket);
    presenterPeer = joined.peerId;
    expect(joined.viewers).toBe(1);
    presenterSocket.send({
      type: 'room.rtc.publish',
      roomId,
      media: { audio: true, video: true, screen: false },
    });
    const peers = await annaSocket.next('room.rtc.peers', (frame) => frame.peers.length === 1);
    expect(peers.peers[0]).toEqual({
      peerId: presenterPeer,
      userId: presenter.user.id,
      displayName: 'Dr. Hansen',
      media: { audio: true, video: true, screen: false },
    });
  });

  it('carries offer, answer and candidates only between the two ends of a link', async () => {
    let mark = presenterSocket.mark();
    annaSocket.send({ type: 'room.rtc.subscribe', roomId, peerId: presenterPeer });
    linkId = (await presenterSocket.next('room.rtc.subscriber', () => true, mark)).linkId;
    expect(linkId).toBe(`${presenterPeer}~${annaPeer}`);

    mark = annaSocket.mark();
    presenterSocket.send({
      type: 'room.rtc.signal',
      roomId,
      linkId,
      description: offer,
      candidates: [candidate],
    });
    const got = await annaSocket.next('room.rtc.signal', () => true, mark);
    expect(got).toMatchObject({ linkId, peerId: presenterPeer, description: offer, candidates: [candidate] });

    mark = presenterSocket.mark();
    annaSocket.send({ type: 'room.rtc.signal', roomId, linkId, description: answer });
    annaSocket.send({ type: 'room.rtc.signal', roomId, linkId, endOfCandidates: true });
    expect(await presenterSocket.next('room.rtc.signal', (frame) => !!frame.description, mark)).toMatchObject(
      {
        linkId,
        peerId: annaPeer,
        description: answer,
      },
    );
    await presenterSocket.next('room.rtc.signal', (frame) => frame.endOfCandidates === true, mark);

    // The viewer cannot offer on it, nor claim to be another end; a link between others is not found.
    annaSocket.send({ type: 'room.rtc.signal', roomId, linkId, description: offer });
    expect((await annaSocket.error(linkId)).code).toBe('ws.bad_frame');
    annaSocket.send({
      type: 'room.rtc.signal',
      roomId,
      linkId: `${annaPeer}~${presenterPeer}`,
      description: offer,
    });
    expect((await annaSocket.error(`${annaPeer}~${presenterPeer}`)).code).toBe('video.publish_not_allowed');
    await onStage(boSocket);
    boSocket.send({ type: 'room.rtc.signal', roomId, linkId, description: answer });
    expect((await boSocket.error(linkId)).code).toBe('not_found');
    // Subscribing to someone who does not publish is refused.
    boSocket.send({ type: 'room.rtc.subscribe', roomId, peerId: annaPeer });
    expect((await boSocket.error(annaPeer)).code).toBe('video.not_publishing');

    // Closing a link tells the other end; a viewer asking for sound only tells the publisher.
    mark = presenterSocket.mark();
    annaSocket.send({ type: 'room.rtc.prefer', roomId, linkId, video: false });
    expect(await presenterSocket.next('room.rtc.prefer', () => true, mark)).toMatchObject({
      linkId,
      video: false,
    });
    annaSocket.send({ type: 'room.rtc.close', roomId, linkId });
    expect((await presenterSocket.next('room.rtc.closed', () => true, mark)).linkId).toBe(linkId);
  });

  it('refuses more viewers than the p2p limit with a clear message, but never a presenter or host', async () => {
    carlSocket.send({ type: 'room.rtc.join', roomId });
    const refused = await carlSocket.error(`rtc:${roomId}`);
    expect(refused.code).toBe('video.full');
    expect(refused.message).toBe(translate('da', 'error.video.full'));
    const joined = await onStage(hostSocket);
    expect(joined.viewers).toBe(2);
    expect(joined.permissions).toEqual({ canPublish: true, canModerate: true, canCaption: true });
  });

  it('lets an attendee a host invites to speak publish, until the host ends the turn', async () => {
    boSocket.send({ type: 'room.hand.raise', roomId });
    await hostSocket.next('room.hands', (frame) => frame.hands.length === 1);
    let mark = boSocket.mark();
    hostSocket.send({ type: 'room.hand.invite', roomId, userId: bo.user.id });
    const granted = await boSocket.next('room.rtc.permissions', () => true, mark);
    expect(granted.permissions.canPublish).toBe(true);
    boSocket.send({ type: 'room.rtc.publish', roomId, media: { audio: true, video: false, screen: false } });
    await annaSocket.next('room.rtc.peers', (frame) =>
      frame.peers.some((peer) => peer.userId === bo.user.id),
    );
    // Bo no longer counts as a viewer while speaking, so Carl fits now.
    expect((await onStage(carlSocket)).viewers).toBe(2);

    mark = boSocket.mark();
    hostSocket.send({ type: 'room.hand.lower', roomId, userId: bo.user.id });
    expect((await boSocket.next('room.rtc.permissions', () => true, mark)).permissions.canPublish).toBe(
      false,
    );
    await annaSocket.next(
      'room.rtc.peers',
      (frame) => !frame.peers.some((peer) => peer.userId === bo.user.id),
    );
    boSocket.send({ type: 'room.rtc.publish', roomId, media: { audio: true, video: false, screen: false } });
    expect((await boSocket.error(`rtc:${roomId}`, mark)).code).toBe('video.publish_not_allowed');
  });

  it('lets hosts mute everyone or stop one person’s video; nobody else', async () => {
    let mark = presenterSocket.mark();
    hostSocket.send({ type: 'room.rtc.moderate', roomId, kind: 'audio' });
    expect(await presenterSocket.next('room.rtc.moderated', () => true, mark)).toMatchObject({
      kind: 'audio',
      by: 'Astrid Andersen',
    });
    mark = presenterSocket.mark();
    hostSocket.send({ type: 'room.rtc.moderate', roomId, kind: 'video', userId: presenter.user.id });
    expect((await presenterSocket.next('room.rtc.moderated', () => true, mark)).kind).toBe('video');
    mark = hostSocket.mark();
    hostSocket.send({ type: 'room.rtc.moderate', roomId, kind: 'video', userId: anna.user.id });
    expect((await hostSocket.error(`rtc:${roomId}`, mark)).code).toBe('video.not_publishing');
    mark = annaSocket.mark();
    annaSocket.send({ type: 'room.rtc.moderate', roomId, kind: 'audio' });
    expect((await annaSocket.error(`rtc:${roomId}`, mark)).code).toBe('auth.forbidden');
  });

  it('shows captions from presenters to everyone in the room, on the stage or not', async () => {
    const marks = [annaSocket.mark(), carlSocket.mark(), hostSocket.mark()];
    presenterSocket.send({ type: 'room.caption.send', roomId, text: 'Velkommen til alle', final: true });
    for (const [index, socket] of [annaSocket, carlSocket, hostSocket].entries()) {
      const got = await socket.next('room.caption', () => true, marks[index]);
      expect(got.caption).toMatchObject({
        text: 'Velkommen til alle',
        final: true,
        author: { id: presenter.user.id, displayName: 'Dr. Hansen' },
      });
    }
    const mark = annaSocket.mark();
    annaSocket.send({ type: 'room.caption.send', roomId, text: 'Hej', final: true });
    expect((await annaSocket.error(`rtc:${roomId}`, mark)).code).toBe('auth.forbidden');
  });

  it('rate-limits subscribing', async () => {
    const mark = annaSocket.mark();
    for (let index = 0; index < 62; index += 1) {
      annaSocket.send({ type: 'room.rtc.subscribe', roomId, peerId: presenterPeer });
      if (index % 20 === 19) await settle(2100); // under the gateway's own frame limit
    }
    await annaSocket.next('error', (frame) => frame.code === 'rate_limited', mark, 10_000);
  });

  it('takes a removed attendee off the stage, and everyone once the room closes', async () => {
    let mark = annaSocket.mark();
    hostSocket.send({ type: 'room.remove', roomId, userId: anna.user.id });
    expect((await annaSocket.next('room.rtc.left', () => true, mark)).reason).toBe('not_allowed');
    mark = carlSocket.mark();
    const presenterMark = presenterSocket.mark();
    hostSocket.send({ type: 'room.close', roomId });
    expect((await carlSocket.next('room.rtc.left', () => true, mark)).reason).toBe('ended');
    expect((await presenterSocket.next('room.rtc.left', () => true, presenterMark)).reason).toBe('ended');
    presenterSocket.send({ type: 'room.rtc.join', roomId });
    expect((await presenterSocket.error(`rtc:${roomId}`, presenterMark)).code).toBe('room.not_open');
  });
});
