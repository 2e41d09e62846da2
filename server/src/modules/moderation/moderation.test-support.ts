import { mailOutbox } from '@spejl/db';
import type { ServerFrame } from '@spejl/shared';
import { desc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import WebSocket from 'ws';
import {
  createGroupWith,
  enableTotp,
  signUp,
  signUpAdmin,
  type TestApp,
  testOrigin,
} from '../../testing/app.ts';

/** Test factories for the moderation tests: a group with moderators, members and an outsider. */
export type Person = Awaited<ReturnType<typeof signUp>>;

let counter = 0;
export const nextClientId = () => `mod-client-${Date.now()}-${++counter}`;

export async function moderationWorld(t: TestApp, options: { groupName?: string } = {}) {
  const admin = await signUpAdmin(t);
  const secondAdmin = await signUpAdmin(t);
  const moderator = await signUp(t.app, { displayName: 'Mads Mortensen' });
  await enableTotp(moderator.client, t.clock);
  const secondModerator = await signUp(t.app, { displayName: 'Mette Madsen' });
  await enableTotp(secondModerator.client, t.clock);
  const moderatorWithoutTotp = await signUp(t.app, { displayName: 'Morten uden kode' });
  const author = await signUp(t.app, { displayName: 'Anders Forfatter', locale: 'en' });
  const reporter = await signUp(t.app, { displayName: 'Rikke Reporter' });
  const reporter2 = await signUp(t.app, { displayName: 'Rasmus Reporter' });
  const member = await signUp(t.app, { displayName: 'Maja Medlem' });
  const outsider = await signUp(t.app, { displayName: 'Ole Udenfor' });
  const groupId = await createGroupWith(admin, { name: options.groupName ?? 'Moderationsgruppe' }, [
    { person: moderator, role: 'moderator' },
    { person: secondModerator, role: 'moderator' },
    { person: moderatorWithoutTotp, role: 'moderator' },
    { person: author },
    { person: reporter },
    { person: reporter2 },
    { person: member },
  ]);
  const hiddenGroupId = await createGroupWith(admin, { name: 'Skjult gruppe', visibility: 'hidden' }, [
    { person: author },
    { person: moderator, role: 'moderator' },
  ]);
  return {
    admin,
    secondAdmin,
    moderator,
    secondModerator,
    moderatorWithoutTotp,
    author,
    reporter,
    reporter2,
    member,
    outsider,
    groupId,
    hiddenGroupId,
  };
}

export interface PostedMessage {
  id: string;
  seq: number;
  body: string | null;
  hidden: boolean;
}

export async function post(person: Person, groupId: string, body: string): Promise<PostedMessage> {
  const response = await person.client.post(`/api/groups/${groupId}/messages`, {
    clientId: nextClientId(),
    body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().message as PostedMessage;
}

export async function flag(person: Person, messageId: string, reason: string, note?: string) {
  return person.client.post(`/api/messages/${messageId}/flags`, { reason, ...(note ? { note } : {}) });
}

/** The open queue item of a message, as a moderator (or admin) sees it. */
export async function itemFor(
  moderator: Person,
  messageId: string,
  query = '',
): Promise<{
  id: string;
  score: number;
  urgent: boolean;
  queue: string;
  flags: unknown[];
  message: { hidden: boolean };
}> {
  const response = await moderator.client.get(`/api/moderation/queue${query}`);
  expect(response.statusCode, response.body).toBe(200);
  const found = response
    .json()
    .items.find((item: { message: { id: string } | null }) => item.message?.id === messageId);
  expect(found, `no open item for ${messageId}`).toBeDefined();
  return found;
}

export async function act(person: Person, itemId: string, body: Record<string, unknown>) {
  return person.client.post(`/api/moderation/items/${itemId}/actions`, body);
}

/** One message as the person reads it in the group's history. */
export async function readMessage(person: Person, groupId: string, message: { id: string; seq: number }) {
  const response = await person.client.get(
    `/api/groups/${groupId}/messages?after=${message.seq - 1}&limit=1`,
  );
  expect(response.statusCode, response.body).toBe(200);
  const [found] = response.json().items as Array<PostedMessage & { deleted: boolean }>;
  expect(found?.id).toBe(message.id);
  return found!;
}

export async function notificationsOf(person: Person) {
  const response = await person.client.get('/api/notifications?limit=100');
  return response.json().items as Array<{ type: string; data: Record<string, unknown> }>;
}

export async function mailsTo(t: TestApp, email: string) {
  return t.database.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.to, email))
    .orderBy(desc(mailOutbox.createdAt));
}

/** A real WebSocket client that records every frame it receives. */
export class Socket {
  readonly frames: ServerFrame[] = [];
  readonly ws: WebSocket;
  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => this.frames.push(JSON.parse(String(data)) as ServerFrame));
  }
  send(frame: unknown) {
    this.ws.send(JSON.stringify(frame));
  }
  async next<T extends ServerFrame['type']>(
    type: T,
    match: (frame: Extract<ServerFrame, { type: T }>) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<Extract<ServerFrame, { type: T }>> {
    const started = Date.now();
    for (;;) {
      const found = this.frames.find(
        (frame) => frame.type === type && match(frame as Extract<ServerFrame, { type: T }>),
      );
      if (found) return found as Extract<ServerFrame, { type: T }>;
      if (Date.now() - started > timeoutMs)
        throw new Error(`no ${type} frame; got ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  close() {
    this.ws.close();
  }
}

/** Starts listening on a free port (once) and returns the WebSocket URL. */
export async function socketUrl(t: TestApp): Promise<string> {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  return `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/ws`;
}

export function connect(url: string, person: Person): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { origin: testOrigin, cookie: person.client.cookie ?? '' } });
    const socket = new Socket(ws);
    ws.once('open', () => resolve(socket));
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`status ${response.statusCode}`)),
    );
    ws.once('error', reject);
  });
}
