import { postgresTemplateName, throwawayDatabaseName } from '@spejl/db/testing';
import { base32Decode } from '../support/journeys.ts';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../server/src/modules/auth/auth.totp.ts';
import { connectAs, type Socket } from '../../server/src/modules/video/video.testing.ts';
import { type Mailbox, signUpAndConfirm, startMailbox } from '../support/mailbox.ts';
import { type RunningServer, startServer } from '../support/server.ts';

// Video signalling across two server processes: the presenter's socket is on one node, the viewers' on the other,
// so every subscribe, offer, answer and candidate must travel over the bus. Two processes need a real PostgreSQL.
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const offer = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' };
const answer = { type: 'answer', sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' };
const candidate = { candidate: 'candidate:1 1 udp 2122194687 192.0.2.2 50000 typ host', sdpMid: '0' };

interface Account {
  id: string;
  cookie: string;
}

/** The parts of the API's answers this test reads. */
interface Answer {
  user?: { id: string; email: string };
  secret?: string;
  webinar?: { id: string };
}

async function call(node: RunningServer, path: string, account: Account | null, body?: unknown) {
  const response = await fetch(`${node.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      origin: node.url,
      ...(account ? { cookie: account.cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  return { status: response.status, json: (await response.json()) as Answer, cookie };
}

async function signUp(node: RunningServer, name: string, mailbox: Mailbox): Promise<Account> {
  const { cookie, user } = await signUpAndConfirm(node.url, mailbox, {
    email: `${name
      .normalize('NFD')
      .replace(/[^a-z]/gi, '')
      .toLowerCase()}-${Date.now()}@example.test`,
    password: 'korrekt hest batteri',
    displayName: name,
  });
  return { id: user.id, cookie };
}

describe.each(['postgres', 'redis'] as const)('video signalling across two processes, bus=%s', (bus) => {
  const name = throwawayDatabaseName(`video_${bus}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString(), BUS: bus, ...(bus === 'redis' ? { REDIS_URL: redisUrl } : {}) };
  let first: RunningServer;
  let second: RunningServer;
  let presenterSocket: Socket;
  let viewerSocket: Socket;
  let roomId: string;
  let mailbox: Mailbox;

  beforeAll(async () => {
    const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
    const [template] = await admin`select 1 from pg_database where datname = ${postgresTemplateName}`;
    await admin.unsafe(`create database "${name}"${template ? ` template "${postgresTemplateName}"` : ''}`);
    await admin.end();
    mailbox = await startMailbox();
    first = await startServer({ env: { ...env, SMTP_URL: mailbox.url } });
    second = await startServer({ env: { ...env, SMTP_URL: mailbox.url } });

    // An organiser (an administrator with two-step verification) makes an event for everyone.
    let host = await signUp(first, 'Vært', mailbox);
    const database = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await database`update users set platform_role = 'admin' where id = ${host.id}`;
    await database.end();
    const enrol = await call(first, '/api/me/mfa/totp', host, {});
    const key = base32Decode(enrol.json.secret ?? '');
    const confirmed = await call(first, '/api/me/mfa/totp/confirm', host, {
      code: totpCodeAt(key, new Date()),
    });
    expect(confirmed.status).toBe(200);
    host = { ...host, cookie: confirmed.cookie ?? host.cookie };
    const created = await call(first, '/api/webinars', host, {
      title: 'På tværs af noder',
      description: '',
      startsAt: new Date(Date.now() + 3600_000).toISOString(),
      durationMinutes: 60,
      mode: 'online',
    });
    expect(created.status).toBe(201);
    roomId = created.json.webinar?.id ?? '';
    const presenter = await signUp(first, 'Oplægsholder', mailbox);
    const viewer = await signUp(second, 'Seer', mailbox);
    const presenterUser = await call(first, '/api/me', presenter);
    expect(
      (
        await call(first, `/api/webinars/${roomId}/staff`, host, {
          email: presenterUser.json.user?.email,
          role: 'presenter',
        })
      ).status,
    ).toBe(200);
    expect((await call(second, `/api/webinars/${roomId}/registrations`, viewer, {})).status).toBe(201);

    const hostSocket = await connectAs(`ws://127.0.0.1:${first.port}/api/ws`, host.cookie, first.url);
    hostSocket.send({ type: 'room.join', roomId });
    await hostSocket.next('room.state');
    hostSocket.send({ type: 'room.open', roomId });
    await hostSocket.next('room.state', (frame) => frame.state.status === 'open');
    hostSocket.close();

    presenterSocket = await connectAs(`ws://127.0.0.1:${first.port}/api/ws`, presenter.cookie, first.url);
    viewerSocket = await connectAs(`ws://127.0.0.1:${second.port}/api/ws`, viewer.cookie, second.url);
    for (const socket of [presenterSocket, viewerSocket]) {
      socket.send({ type: 'room.join', roomId });
      await socket.next('room.state', (frame) => frame.state.status === 'open');
      socket.send({ type: 'room.rtc.join', roomId });
      await socket.next('room.rtc.joined');
    }
  });

  afterAll(async () => {
    presenterSocket?.close();
    viewerSocket?.close();
    await first?.stop();
    await second?.stop();
    await mailbox?.close();
    const dropper = postgres(postgresUrl, { max: 1, onnotice: () => {} });
    await dropper.unsafe(`drop database if exists "${name}" with (force)`);
    await dropper.end();
  });

  it('shows the presenter on the other node as publishing, and counts the viewer there', async () => {
    presenterSocket.send({
      type: 'room.rtc.publish',
      roomId,
      media: { audio: true, video: true, screen: false },
    });
    const peers = await viewerSocket.next('room.rtc.peers', (frame) => frame.peers.length === 1, 0, 10_000);
    expect(peers.peers[0]?.displayName).toBe('Oplægsholder');
    await presenterSocket.next('room.rtc.peers', (frame) => frame.viewers === 1, 0, 10_000);
  });

  it('carries subscribe, offer, answer and candidates between the nodes, each to its one connection', async () => {
    const publisher = (await viewerSocket.next('room.rtc.peers', (frame) => frame.peers.length === 1))
      .peers[0];
    viewerSocket.send({ type: 'room.rtc.subscribe', roomId, peerId: publisher?.peerId });
    const { linkId } = await presenterSocket.next('room.rtc.subscriber', () => true, 0, 10_000);
    presenterSocket.send({
      type: 'room.rtc.signal',
      roomId,
      linkId,
      description: offer,
      candidates: [candidate],
    });
    const got = await viewerSocket.next('room.rtc.signal', (frame) => frame.linkId === linkId, 0, 10_000);
    expect(got).toMatchObject({ peerId: publisher?.peerId, description: offer, candidates: [candidate] });
    viewerSocket.send({ type: 'room.rtc.signal', roomId, linkId, description: answer });
    expect(
      (await presenterSocket.next('room.rtc.signal', (frame) => frame.linkId === linkId, 0, 10_000))
        .description,
    ).toEqual(answer);
    // Each frame reached its one connection once.
    expect(viewerSocket.of('room.rtc.signal')).toHaveLength(1);
    expect(presenterSocket.of('room.rtc.subscriber')).toHaveLength(1);
  });

  it('tells the viewer across nodes when the presenter leaves the stage', async () => {
    presenterSocket.send({ type: 'room.rtc.leave', roomId });
    await viewerSocket.next('room.rtc.peers', (frame) => frame.peers.length === 0, 0, 10_000);
  });
});
