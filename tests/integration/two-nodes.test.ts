import { createDb, groupMemberships, groups } from '@spejl/db';
import { postgresTemplateName, throwawayDatabaseName } from '@spejl/db/testing';
import type { ServerFrame } from '@spejl/shared';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Mailbox, signUpAndConfirm, startMailbox } from '../support/mailbox.ts';
import { type RunningServer, startServer } from '../support/server.ts';

// Two processes can only share a real PostgreSQL (PGlite is one process), so these tests always use one: the CI
// database, or the local one this machine runs.
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A live socket to one node that records what it receives. */
class Socket {
  readonly frames: ServerFrame[] = [];
  readonly ws: WebSocket;
  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => this.frames.push(JSON.parse(String(data)) as ServerFrame));
  }
  send(frame: object) {
    this.ws.send(JSON.stringify(frame));
  }
  of<T extends ServerFrame['type']>(type: T) {
    return this.frames.filter((frame) => frame.type === type) as Array<Extract<ServerFrame, { type: T }>>;
  }
}

async function signUp(node: RunningServer, name: string, mailbox: Mailbox) {
  const { cookie, user } = await signUpAndConfirm(node.url, mailbox, {
    email: `${name.toLowerCase()}-${Date.now()}@example.test`,
    password: 'korrekt hest batteri',
    displayName: name,
  });
  return { id: user.id, cookie };
}

function connect(node: RunningServer, cookie: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${node.port}/api/ws`, { headers: { origin: node.url, cookie } });
    const socket = new Socket(ws);
    ws.once('open', () => resolve(socket));
    ws.once('error', reject);
  });
}

describe.each(['postgres', 'redis'] as const)(
  'two server processes sharing one PostgreSQL, bus=%s',
  (bus) => {
    const name = throwawayDatabaseName(`nodes_${bus}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    const env = {
      DATABASE_URL: url.toString(),
      BUS: bus,
      ...(bus === 'redis' ? { REDIS_URL: redisUrl } : {}),
    };
    let first: RunningServer;
    let second: RunningServer;
    let anna: Awaited<ReturnType<typeof signUp>>;
    let bo: Awaited<ReturnType<typeof signUp>>;
    let groupId: string;
    let annaSocket: Socket;
    let boSocket: Socket;
    let mailbox: Mailbox;

    beforeAll(async () => {
      const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
      const [template] = await admin`select 1 from pg_database where datname = ${postgresTemplateName}`;
      await admin.unsafe(`create database "${name}"${template ? ` template "${postgresTemplateName}"` : ''}`);
      await admin.end();
      // Both start on the same database; the second start finds the migrations already applied.
      mailbox = await startMailbox();
      first = await startServer({ env: { ...env, SMTP_URL: mailbox.url } });
      second = await startServer({ env: { ...env, SMTP_URL: mailbox.url } });
      anna = await signUp(first, 'Anna', mailbox);
      bo = await signUp(second, 'Bo', mailbox);
      const database = await createDb({ databaseUrl: url.toString(), poolSize: 1 });
      const [group] = await database.db
        .insert(groups)
        .values({ name: 'Tuberøs sclerose', slug: `ts-${bus}`, kind: 'diagnosis' })
        .returning();
      groupId = group!.id;
      const now = new Date();
      await database.db.insert(groupMemberships).values([
        { groupId, userId: anna.id, role: 'member', joinedAt: now },
        { groupId, userId: bo.id, role: 'member', joinedAt: now },
      ]);
      await database.close();
      annaSocket = await connect(first, anna.cookie);
      boSocket = await connect(second, bo.cookie);
      for (const socket of [annaSocket, boSocket]) socket.send({ type: 'subscribe', groupId });
      const deadline = Date.now() + 10_000;
      while (annaSocket.of('subscribed').length + boSocket.of('subscribed').length < 2) {
        if (Date.now() > deadline) throw new Error('the sockets were not subscribed in time');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });

    afterAll(async () => {
      annaSocket?.ws.close();
      boSocket?.ws.close();
      await first?.stop();
      await second?.stop();
      await mailbox?.close();
      const dropper = postgres(postgresUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    });

    it('reports the bus in use on both nodes', async () => {
      for (const node of [first, second]) {
        const health = (await (await fetch(`${node.url}/api/health`)).json()) as { bus: string; db: string };
        expect(health).toMatchObject({ bus, db: 'postgres' });
      }
    });

    it('shows each member as online to the other, across nodes', async () => {
      const sees = (socket: Socket, userId: string) =>
        socket.of('presence').some((frame) => frame.groupId === groupId && frame.online.includes(userId));
      await expect.poll(() => sees(annaSocket, bo.id), { timeout: 10_000 }).toBe(true);
      await expect.poll(() => sees(boSocket, anna.id), { timeout: 10_000 }).toBe(true);
    });

    it('delivers typing from one node to the other', async () => {
      boSocket.send({ type: 'typing', groupId });
      await expect
        .poll(() => annaSocket.of('typing').find((frame) => frame.userId === bo.id)?.displayName, {
          timeout: 10_000,
        })
        .toBe('Bo');
    });

    it('delivers every message from both nodes to both members exactly once and in seq order', async () => {
      const count = 30;
      for (let index = 0; index < count; index += 1) {
        const [socket, who] = index % 2 === 0 ? [annaSocket, 'anna'] : [boSocket, 'bo'];
        socket.send({
          type: 'message.send',
          groupId,
          clientId: `${bus}-${who}-${index}`,
          body: `Besked ${index}`,
        });
      }
      for (const socket of [annaSocket, boSocket]) {
        // Generous: CI runs this beside other test files on two cores.
        await expect.poll(() => socket.of('message.created').length, { timeout: 45_000 }).toBe(count);
        const seqs = socket.of('message.created').map((frame) => frame.seq);
        expect(seqs, JSON.stringify(socket.frames.filter((frame) => frame.type === 'error'))).toEqual(
          Array.from({ length: count }, (_, index) => index + 1),
        );
        const bodies = new Set(socket.of('message.created').map((frame) => frame.message.body));
        expect(bodies.size).toBe(count);
      }
      // An ack may come after the message itself reached everyone (the event is published right after commit).
      const errors = () => JSON.stringify([...annaSocket.of('error'), ...boSocket.of('error')]);
      await expect
        .poll(() => annaSocket.of('ack').length, { timeout: 10_000, message: errors() })
        .toBe(count / 2);
      await expect
        .poll(() => boSocket.of('ack').length, { timeout: 10_000, message: errors() })
        .toBe(count / 2);
    });
  },
);
