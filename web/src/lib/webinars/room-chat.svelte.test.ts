import type { RoomChatMessage, RoomState } from '@spejl/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../../testing/fake-socket.ts';
import { realtime } from '../realtime/socket.svelte.ts';
import { RoomChatSource } from './room-chat.svelte.ts';
import { RoomConnection } from './room.svelte.ts';

const roomId = crypto.randomUUID();
const jonas = { id: crypto.randomUUID(), displayName: 'Jonas' };
const astrid = { id: crypto.randomUUID(), displayName: 'Astrid' };

let seq = 0;
function line(author: typeof jonas, body: string, overrides: Partial<RoomChatMessage> = {}): RoomChatMessage {
  seq += 1;
  return {
    id: `line-${seq}`,
    seq,
    author: { ...author, role: author === astrid ? 'host' : 'attendee' },
    clientId: `client-${seq}`,
    body,
    createdAt: new Date(Date.now() + seq * 1000).toISOString(),
    deleted: false,
    ...overrides,
  };
}

function state(me: typeof jonas, chat: RoomChatMessage[]): RoomState {
  return {
    roomId,
    title: 'Spørgetime',
    status: 'open',
    chatPolicy: 'everyone',
    me: { userId: me.id, role: me === astrid ? 'host' : 'attendee', speaking: false },
    permissions: { canHost: me === astrid, canChat: true, canAsk: true, canRaiseHand: true },
    participants: [],
    participantCount: 2,
    chat,
    questions: [],
    hands: [],
    polls: [],
  };
}

const opened: Array<{ connection: RoomConnection; source: RoomChatSource }> = [];

/** Joins the room as `me` over a socket the test plays the server on, and starts the room's chat on it. */
async function join(me: typeof jonas, chat: RoomChatMessage[]) {
  const connection = new RoomConnection(roomId);
  connection.connect();
  const socket = FakeSocket.created.at(-1)!;
  socket.accept();
  socket.deliver({ type: 'room.state', roomId, state: state(me, chat) });
  const source = new RoomChatSource(connection, roomId, me.id);
  await source.start();
  opened.push({ connection, source });
  return { connection, source, socket };
}

beforeEach(() => {
  FakeSocket.created = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});

afterEach(() => {
  for (const { connection, source } of opened.splice(0)) {
    source.stop();
    connection.disconnect();
  }
  realtime.stop();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('a webinar room’s chat as a conversation', () => {
  it('shows the room’s lines as messages: no reactions or edits, delete for my own lines only', async () => {
    const { source } = await join(jonas, [line(astrid, 'Velkommen'), line(jonas, 'Hej fra Fyn')]);
    expect(source.messages.map((message) => [message.author?.displayName, message.body])).toEqual([
      ['Astrid', 'Velkommen'],
      ['Jonas', 'Hej fra Fyn'],
    ]);
    expect(source.messages.map((message) => message.permissions)).toEqual([
      { canEdit: false, canDelete: false, canViewHistory: false },
      { canEdit: false, canDelete: true, canViewHistory: false },
    ]);
    expect(source.messages.every((message) => message.groupId === roomId && message.threadId === null)).toBe(
      true,
    );
  });

  it('lets a host delete anyone’s line', async () => {
    const { source } = await join(astrid, [line(jonas, 'Hej fra Fyn')]);
    expect(source.messages[0]?.permissions.canDelete).toBe(true);
  });

  it('keeps my line waiting until the room shows it, matched by its clientId', async () => {
    const { source, socket } = await join(jonas, []);
    source.send('Kan I høre mig?');
    const [sent] = socket.sentOfType('room.chat.send');
    expect(sent).toEqual(expect.objectContaining({ roomId, body: 'Kan I høre mig?' }));
    expect(source.pending).toEqual([
      expect.objectContaining({ clientId: sent!.clientId, status: 'sending' }),
    ]);
    // Someone else's line with the same text does not settle it.
    socket.deliver({ type: 'room.chat', roomId, message: line(astrid, 'Kan I høre mig?') });
    await Promise.resolve();
    expect(source.pending).toHaveLength(1);
    socket.deliver({
      type: 'room.chat',
      roomId,
      message: line(jonas, 'Kan I høre mig?', { clientId: sent!.clientId }),
    });
    await Promise.resolve();
    expect(source.pending).toEqual([]);
    expect(source.messages.at(-1)?.body).toBe('Kan I høre mig?');
  });

  it('shows a refused line as failed with the reason; trying again sends the same clientId', async () => {
    const { source, socket } = await join(jonas, []);
    source.send('For mange beskeder');
    const clientId = source.pending[0]!.clientId;
    socket.deliver({
      type: 'error',
      code: 'rate_limited',
      message: 'Vent lidt',
      ref: clientId,
      frame: 'room.chat.send',
    });
    expect(source.pending[0]).toEqual(expect.objectContaining({ status: 'failed', error: 'Vent lidt' }));
    source.retry(clientId);
    expect(source.pending[0]?.status).toBe('sending');
    expect(socket.sentOfType('room.chat.send').map((frame) => frame.clientId)).toEqual([clientId, clientId]);
    source.discard(clientId);
    expect(source.pending).toEqual([]);
  });

  it('settles a line that was saved before the connection dropped, from the state the room sends on rejoining', async () => {
    const { source, socket } = await join(jonas, []);
    source.send('Sendt lige før det gik');
    const clientId = source.pending[0]!.clientId;
    socket.deliver({
      type: 'room.state',
      roomId,
      state: state(jonas, [line(jonas, 'Sendt lige før det gik', { clientId })]),
    });
    await Promise.resolve();
    expect(source.pending).toEqual([]);
  });

  it('deletes: resolves when the room shows the line deleted, and fails with the server’s reason', async () => {
    const { source, socket } = await join(jonas, [
      line(jonas, 'Mit nummer er 12345678'),
      line(astrid, 'Hej'),
    ]);
    const [mine, hosts] = source.messages;
    const deleting = source.remove(mine!);
    expect(socket.sentOfType('room.chat.delete')).toEqual([
      { type: 'room.chat.delete', roomId, messageId: mine!.id },
    ]);
    socket.deliver({
      type: 'room.chat',
      roomId,
      message: { ...line(jonas, ''), id: mine!.id, seq: mine!.seq, deleted: true },
    });
    await deleting;
    expect(source.messages[0]).toEqual(expect.objectContaining({ id: mine!.id, deleted: true, body: null }));

    const refused = source.remove(hosts!);
    socket.deliver({
      type: 'error',
      code: 'auth.forbidden',
      message: 'Det må du ikke',
      ref: roomId,
      frame: 'room.chat.delete',
    });
    await expect(refused).rejects.toThrow('Det må du ikke');
    expect(source.messages[1]?.deleted).toBe(false);
  });
});
