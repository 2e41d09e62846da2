import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';
import {
  approvedMentor,
  createRequest,
  type Person,
  signUpCoordinator,
} from '../mentoring/mentoring.testing.ts';
import { connectAs, type Socket, settle } from './video.testing.ts';

let t: TestApp;
let url: string;
let coordinator: Person;
let stranger: Person;
let groupId: string;
let counter = 0;

const media = { audio: true, video: true, screen: false };
const offer = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' };

/** A family and an approved mentor whose match the mentor accepted: an active mentorship. */
async function activeMatch() {
  counter += 1;
  const family = await signUp(t.app, { displayName: `Familie ${counter}` });
  const mentor = await approvedMentor(t, coordinator, `Mentor ${counter}`, { groupIds: [groupId] });
  const requestId = await createRequest(family, { groupId });
  const proposed = await coordinator.client.post('/api/mentoring/matches', {
    requestId,
    mentorUserId: mentor.user.id,
  });
  const matchId = proposed.json().match.id as string;
  const accepted = await mentor.client.post(`/api/mentoring/matches/${matchId}/accept`);
  expect(accepted.statusCode, accepted.body).toBe(200);
  return { family, mentor, matchId };
}

const connect = (person: Person) => connectAs(url, person.client.cookie);

async function inCall(socket: Socket, matchId: string) {
  const mark = socket.mark();
  socket.send({ type: 'call.join', matchId });
  return socket.next('call.joined', () => true, mark);
}

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/ws`;
  const admin = await signUpAdmin(t);
  coordinator = await signUpCoordinator(t);
  stranger = await signUp(t.app, { displayName: 'Fremmed' });
  groupId = (
    await admin.client.post('/api/groups', {
      name: 'Dværgvækst',
      slug: 'dvaergvaekst',
      kind: 'diagnosis',
      visibility: 'listed',
      joinPolicy: 'request',
    })
  ).json().group.id;
});
afterAll(async () => {
  await t?.close();
});

describe('a call inside a mentorship', () => {
  it('is the pair’s alone: strangers get not_found, coordinators are refused, the match says who may call', async () => {
    const { family, mentor, matchId } = await activeMatch();
    for (const [person, code] of [
      [stranger, 'not_found'],
      [coordinator, 'auth.forbidden'],
    ] as const) {
      const socket = await connect(person);
      socket.send({ type: 'call.join', matchId });
      expect((await socket.error(`rtc:${matchId}`)).code).toBe(code);
      socket.send({ type: 'call.watch', matchId });
      expect((await socket.next('error', (frame) => frame.ref === `rtc:${matchId}`, 1)).code).toBe(code);
      socket.send({ type: 'call.signal', matchId, linkId: 'a~b', description: offer });
      expect((await socket.error('a~b')).code).toBe(code);
      socket.close();
    }
    const missing = await connect(family);
    missing.send({ type: 'call.join', matchId: '00000000-0000-4000-8000-000000000000' });
    expect((await missing.error('rtc:00000000-0000-4000-8000-000000000000')).code).toBe('not_found');
    missing.close();
    for (const person of [family, mentor]) {
      const detail = await person.client.get(`/api/mentoring/matches/${matchId}`);
      expect(detail.json().match.permissions.canCall).toBe(true);
    }
    const asCoordinator = await coordinator.client.get(`/api/mentoring/matches/${matchId}`);
    expect(asCoordinator.json().match.permissions.canCall).toBe(false);
  });

  it('connects the pair both ways, shows the other who is in the call, and ends when the mentorship closes', async () => {
    const { family, mentor, matchId } = await activeMatch();
    const mentorSocket = await connect(mentor);
    const familySocket = await connect(family);
    familySocket.send({ type: 'call.watch', matchId });
    expect((await familySocket.next('call.state')).inCall).toEqual([]);

    const mentorJoined = await inCall(mentorSocket, matchId);
    expect(mentorJoined).toMatchObject({ adapter: 'p2p', maxViewers: null, peers: [] });
    expect(mentorJoined.permissions).toEqual({ canPublish: true, canModerate: false, canCaption: false });
    mentorSocket.send({ type: 'call.publish', matchId, media });
    await familySocket.next('call.state', (frame) =>
      frame.inCall.some((person) => person.userId === mentor.user.id),
    );

    const familyJoined = await inCall(familySocket, matchId);
    expect(familyJoined.peers.map((peer) => peer.userId)).toEqual([mentor.user.id]);
    familySocket.send({ type: 'call.publish', matchId, media });
    const mentorPeer = familyJoined.peers[0]?.peerId ?? '';
    const familyPeer = familyJoined.peerId;
    await mentorSocket.next('call.peers', (frame) => frame.peers.some((peer) => peer.peerId === familyPeer));

    // Each side subscribes to the other: two links, each offered by its publisher.
    familySocket.send({ type: 'call.subscribe', matchId, peerId: mentorPeer });
    mentorSocket.send({ type: 'call.subscribe', matchId, peerId: familyPeer });
    const toMentor = await mentorSocket.next('call.subscriber');
    const toFamily = await familySocket.next('call.subscriber');
    expect(toMentor.linkId).toBe(`${mentorPeer}~${familyPeer}`);
    expect(toFamily.linkId).toBe(`${familyPeer}~${mentorPeer}`);
    mentorSocket.send({ type: 'call.signal', matchId, linkId: toMentor.linkId, description: offer });
    expect((await familySocket.next('call.signal')).description).toEqual(offer);

    // A second window of the family takes over the call; the first is told why.
    const familyElsewhere = await connect(family);
    await inCall(familyElsewhere, matchId);
    expect((await familySocket.next('call.left')).reason).toBe('elsewhere');

    // Closing the mentorship ends the call at the next check.
    const closed = await mentor.client.post(`/api/mentoring/matches/${matchId}/close`, {
      reason: 'goal_reached',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    t.clock.advance(31_000);
    const mark = mentorSocket.mark();
    mentorSocket.send({ type: 'call.publish', matchId, media });
    expect((await mentorSocket.error(`rtc:${matchId}`, mark)).code).toBe('mentoring.match_not_active');
    expect((await mentorSocket.next('call.left', () => true, mark)).reason).toBe('ended');
    const late = await connect(family);
    late.send({ type: 'call.join', matchId });
    expect((await late.error(`rtc:${matchId}`)).code).toBe('mentoring.match_not_active');
    await settle(50);
    for (const socket of [mentorSocket, familySocket, familyElsewhere, late]) socket.close();
  });

  it('tells the other person when a call starts: once in two minutes, and not when they are already in it', async () => {
    const { family, mentor, matchId } = await activeMatch();
    const callsFor = async (person: Person) =>
      (
        (await person.client.get('/api/notifications?unread=true')).json().items as Array<{
          type: string;
          data: Record<string, unknown>;
        }>
      ).filter((item) => item.type === 'mentoring.call_started');

    const familySocket = await connect(family);
    const mentorSocket = await connect(mentor);
    const mark = familySocket.mark();
    await inCall(mentorSocket, matchId);
    const live = await familySocket.next(
      'notification',
      (frame) => frame.notification.type === 'mentoring.call_started',
      mark,
    );
    expect(live.notification.data).toEqual({ matchId, name: `Mentor ${counter}` });
    expect(await callsFor(family)).toHaveLength(1);
    expect(await callsFor(mentor)).toHaveLength(0);

    // Leaving and joining again at once does not ring again.
    mentorSocket.send({ type: 'call.leave', matchId });
    await settle(100);
    await inCall(mentorSocket, matchId);
    await settle(100);
    expect(await callsFor(family)).toHaveLength(1);

    // The family joins a call the mentor is in: nobody needs telling.
    await inCall(familySocket, matchId);
    await settle(100);
    expect(await callsFor(mentor)).toHaveLength(0);

    // Two minutes on, alone in the call again, the mentor's joining rings once more.
    familySocket.send({ type: 'call.leave', matchId });
    mentorSocket.send({ type: 'call.leave', matchId });
    await settle(100);
    t.clock.advance(121_000);
    await inCall(mentorSocket, matchId);
    await expect.poll(async () => (await callsFor(family)).length).toBe(2);
    familySocket.close();
    mentorSocket.close();
  });
});
