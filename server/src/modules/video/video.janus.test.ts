import { createHash } from 'node:crypto';
import { translate } from '@spejl/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupWith, createTestApp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';
import { janusRooms, type RunningJanus, startJanus } from '../../testing/janus.ts';
import { roomSpace } from './video.adapter.ts';
import { janusRoomNumber } from './video.janus.ts';
import { connectAs, type Socket } from './video.testing.ts';

// A real Janus, started for this file. Without Janus installed the file fails (it never skips).
let janus: RunningJanus;
let t: TestApp;
let url: string;
type Person = Awaited<ReturnType<typeof signUp>>;
let host: Person;
let presenter: Person;
let anna: Person;
let bo: Person;
let roomId: string;

const media = { audio: true, video: true, screen: false };
const fingerprint = createHash('sha256').update('spejl').digest('hex').toUpperCase().match(/../g)?.join(':');
/** A browser's publishing offer (one sendonly audio and video stream), enough for Janus to answer. */
function publisherOffer() {
  const section = (kind: 'audio' | 'video', mid: number, payload: string) =>
    [
      `m=${kind} 9 UDP/TLS/RTP/SAVPF ${payload}`,
      'c=IN IP4 0.0.0.0',
      'a=rtcp:9 IN IP4 0.0.0.0',
      'a=ice-ufrag:spej',
      'a=ice-pwd:spejlspejlspejlspejlspej',
      'a=ice-options:trickle',
      `a=fingerprint:sha-256 ${fingerprint}`,
      'a=setup:actpass',
      `a=mid:${mid}`,
      'a=sendonly',
      `a=msid:stream ${kind}0`,
      'a=rtcp-mux',
      ...(kind === 'audio'
        ? ['a=rtpmap:111 opus/48000/2', 'a=fmtp:111 minptime=10;useinbandfec=1', 'a=ssrc:1001 cname:spejl']
        : ['a=rtpmap:96 VP8/90000', 'a=rtcp-fb:96 nack', 'a=rtcp-fb:96 nack pli', 'a=ssrc:2001 cname:spejl']),
    ].join('\r\n');
  const sdp = [
    'v=0',
    'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=group:BUNDLE 0 1',
    'a=msid-semantic: WMS stream',
    section('audio', 0, '111'),
    section('video', 1, '96'),
    '',
  ].join('\r\n');
  return { type: 'offer', sdp };
}

const connect = (person: Person) => connectAs(url, person.client.cookie);

async function inRoom(person: Person): Promise<Socket> {
  const socket = await connect(person);
  socket.send({ type: 'room.join', roomId });
  await socket.next('room.state');
  return socket;
}

async function onStage(socket: Socket) {
  const mark = socket.mark();
  socket.send({ type: 'room.rtc.join', roomId });
  return socket.next('room.rtc.joined', () => true, mark);
}

/** Publishes through the server: Janus answers the offer, and the presenter becomes a feed. */
async function publishVia(socket: Socket) {
  const mark = socket.mark();
  socket.send({ type: 'room.rtc.publish', roomId, media });
  const { linkId } = await socket.next('room.rtc.subscriber', () => true, mark);
  socket.send({ type: 'room.rtc.signal', roomId, linkId, description: publisherOffer() });
  const answer = await socket.next('room.rtc.signal', (frame) => frame.linkId === linkId, mark);
  return { linkId, answer };
}

/** Who Janus has joined to the room as publishers (asked directly, as an operator). */
async function janusPublishers(): Promise<string[]> {
  const post = async (path: string, body: Record<string, unknown>) =>
    (await (
      await fetch(`${janus.url}${path}`, {
        method: 'POST',
        body: JSON.stringify({ ...body, transaction: `${Math.random()}`, apisecret: janus.secret }),
      })
    ).json()) as {
      data?: { id: number };
      plugindata?: {
        data: { participants?: Array<{ display: string; publisher: boolean }>; error?: string };
      };
    };
  const session = (await post('', { janus: 'create' })).data?.id;
  const handle = (await post(`/${session}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' })).data?.id;
  const answer = await post(`/${session}/${handle}`, {
    janus: 'message',
    body: { request: 'listparticipants', room: janusRoomNumber(roomSpace(roomId)) },
  });
  await post(`/${session}`, { janus: 'destroy' });
  return (answer.plugindata?.data.participants ?? []).map((participant) => participant.display).sort();
}

beforeAll(async () => {
  janus = await startJanus();
  t = await createTestApp({
    video: {
      adapter: 'janus',
      janusUrl: janus.url,
      janusSecret: janus.secret,
      ice: { stunUrls: [], turnUrls: [], turnSecret: undefined, turnTtlSeconds: 3600 },
      p2pMaxViewers: 1,
    },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/ws`;
  host = await signUpAdmin(t);
  presenter = await signUp(t.app, { displayName: 'Dr. Jensen' });
  anna = await signUp(t.app, { displayName: 'Anna' });
  bo = await signUp(t.app, { displayName: 'Bo' });
  const groupId = await createGroupWith(host, { name: 'Janusgruppe' }, [{ person: anna }, { person: bo }]);
  roomId = (
    await host.client.post('/api/webinars', {
      groupId,
      title: 'Stort webinar',
      description: '',
      startsAt: new Date(t.clock.now().getTime() + 3600_000).toISOString(),
      durationMinutes: 60,
      mode: 'online',
    })
  ).json().webinar.id;
  await host.client.post(`/api/webinars/${roomId}/staff`, { email: presenter.user.email, role: 'presenter' });
  for (const person of [anna, bo]) await person.client.post(`/api/webinars/${roomId}/registrations`, {});
}, 60_000);
afterAll(async () => {
  await t?.close();
  await janus?.stop();
});

describe('the Janus adapter against a real Janus', () => {
  let hostSocket: Socket;
  let presenterSocket: Socket;
  let annaSocket: Socket;
  let boSocket: Socket;
  let presenterLink: string;

  afterAll(() => {
    for (const socket of [hostSocket, presenterSocket, annaSocket, boSocket]) socket?.close();
  });

  it('keeps Janus’s API closed to anyone without the secret: only the server drives it', async () => {
    const response = await fetch(janus.url, {
      method: 'POST',
      body: JSON.stringify({ janus: 'create', transaction: 'x' }),
    });
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(403);
  });

  it('creates a private VideoRoom room when a presenter first publishes, and answers the offer through Janus', async () => {
    expect(await janusRooms(janus)).toEqual([]);
    hostSocket = await inRoom(host);
    presenterSocket = await inRoom(presenter);
    const joined = await onStage(presenterSocket);
    expect(joined).toMatchObject({ adapter: 'janus', maxViewers: null });
    const { answer, linkId } = await publishVia(presenterSocket);
    presenterLink = linkId;
    expect(answer.peerId).toBeNull();
    expect(answer.description?.type).toBe('answer');
    expect(answer.description?.sdp).toContain('a=recvonly');
    const rooms = await janusRooms(janus);
    expect(rooms).toEqual([
      expect.objectContaining({
        room: janusRoomNumber(roomSpace(roomId)),
        description: `spejl room:${roomId}`,
      }),
    ]);
    expect(await janusPublishers()).toEqual(['Dr. Jensen']);
  });

  it('lets attendees only watch: their publishing never reaches Janus, and others’ links are not theirs', async () => {
    hostSocket.send({ type: 'room.open', roomId });
    annaSocket = await inRoom(anna);
    boSocket = await inRoom(bo);
    const annaJoined = await onStage(annaSocket);
    // No p2p limit on an SFU: both fit although VIDEO_P2P_MAX_VIEWERS is 1.
    expect((await onStage(boSocket)).viewers).toBe(2);
    // The presenter is listed once Janus took the publication.
    expect(annaJoined.peers.map((peer) => peer.displayName)).toEqual(['Dr. Jensen']);
    let mark = annaSocket.mark();
    annaSocket.send({ type: 'room.rtc.publish', roomId, media });
    expect((await annaSocket.error(`rtc:${roomId}`, mark)).code).toBe('video.publish_not_allowed');
    expect(await janusPublishers()).toEqual(['Dr. Jensen']);
    // The presenter's link to Janus belongs to the presenter alone.
    mark = annaSocket.mark();
    annaSocket.send({
      type: 'room.rtc.signal',
      roomId,
      linkId: presenterLink,
      description: publisherOffer(),
    });
    expect((await annaSocket.error(presenterLink, mark)).code).toBe('not_found');
  });

  it('publishes a raised hand the host invites, and unpublishes it in Janus when the turn ends', async () => {
    boSocket.send({ type: 'room.hand.raise', roomId });
    await hostSocket.next('room.hands', (frame) => frame.hands.some((hand) => hand.userId === bo.user.id));
    let mark = boSocket.mark();
    hostSocket.send({ type: 'room.hand.invite', roomId, userId: bo.user.id });
    await boSocket.next('room.rtc.permissions', (frame) => frame.permissions.canPublish, mark);
    await publishVia(boSocket);
    await annaSocket.next('room.rtc.peers', (frame) =>
      frame.peers.some((peer) => peer.userId === bo.user.id),
    );
    expect(await janusPublishers()).toEqual(['Bo', 'Dr. Jensen']);

    mark = boSocket.mark();
    hostSocket.send({ type: 'room.hand.lower', roomId, userId: bo.user.id });
    await boSocket.next('room.rtc.permissions', (frame) => !frame.permissions.canPublish, mark);
    await expect.poll(janusPublishers, { timeout: 5000 }).toEqual(['Dr. Jensen']);
  });

  it('destroys the Janus room when the host ends the event', async () => {
    const mark = annaSocket.mark();
    hostSocket.send({ type: 'room.close', roomId });
    expect((await annaSocket.next('room.rtc.left', () => true, mark)).reason).toBe('ended');
    await expect.poll(() => janusRooms(janus), { timeout: 5000 }).toEqual([]);
  });

  it('says clearly when Janus cannot be reached', async () => {
    const other = await createTestApp({
      video: {
        adapter: 'janus',
        janusUrl: janus.url,
        janusSecret: 'not-the-secret',
        ice: { stunUrls: [], turnUrls: [], turnSecret: undefined, turnTtlSeconds: 3600 },
        p2pMaxViewers: 8,
      },
    });
    try {
      await other.app.listen({ port: 0, host: '127.0.0.1' });
      const address = other.app.server.address();
      const otherUrl = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/ws`;
      const admin = await signUpAdmin(other);
      const otherRoom = (
        await admin.client.post('/api/webinars', {
          title: 'Uden videoserver',
          description: '',
          startsAt: new Date(other.clock.now().getTime() + 3600_000).toISOString(),
          durationMinutes: 60,
          mode: 'online',
        })
      ).json().webinar.id;
      const socket = await connectAs(otherUrl, admin.client.cookie);
      socket.send({ type: 'room.join', roomId: otherRoom });
      await socket.next('room.state');
      socket.send({ type: 'room.rtc.join', roomId: otherRoom });
      await socket.next('room.rtc.joined');
      socket.send({ type: 'room.rtc.publish', roomId: otherRoom, media });
      const refused = await socket.error(`rtc:${otherRoom}`);
      expect(refused.code).toBe('video.unavailable');
      expect(refused.message).toBe(translate('da', 'error.video.unavailable'));
      socket.close();
    } finally {
      await other.close();
    }
  });
});
