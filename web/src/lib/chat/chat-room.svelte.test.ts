import type { Message, ServerFrame } from '@spejl/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { realtime } from '../realtime/socket.svelte.ts';
import { FakeSocket } from '../../testing/fake-socket.ts';
import { ChatRoom } from './chat-room.svelte.ts';

const groupId = 'group-1';
// User ids are UUIDs: a mention is written `<@uuid>`.
const me = { id: crypto.randomUUID(), displayName: 'Mads' };
const sofie = { id: crypto.randomUUID(), displayName: 'Sofie' };
const names = new Map([
  [me.id, me.displayName],
  [sofie.id, sofie.displayName],
]);

let seconds = 0;
function buildMessage(seq: number, overrides: Partial<Message> = {}): Message {
  seconds += 1;
  return {
    id: `message-${seq}`,
    groupId,
    seq,
    author: sofie,
    clientId: `client-${seq}`,
    body: `Message ${seq}`,
    threadId: null,
    replyCount: 0,
    lastReplyAt: null,
    mentions: [],
    reactions: [],
    createdAt: new Date(Date.now() + seconds * 1000).toISOString(),
    editedAt: null,
    deleted: false,
    hidden: false,
    attachments: [],
    permissions: { canEdit: false, canDelete: false, canViewHistory: false },
    ...overrides,
  };
}

const created = (message: Message): ServerFrame => ({
  type: 'message.created',
  groupId: message.groupId,
  seq: message.seq,
  message,
});

type FetchCall = { url: string; method: string };
let fetchCalls: FetchCall[];

/** The REST API: one page of history; anything else fails as with no network, so a send waits for the socket. */
function serveHistory(history: Message[]) {
  fetchCalls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const method = init.method ?? 'GET';
      fetchCalls.push({ url, method });
      if (method !== 'GET') throw new TypeError('Failed to fetch');
      const page = {
        items: history,
        nextCursor: null,
        lastSeq: history.at(-1)?.seq ?? 0,
        firstVisibleSeq: 1,
      };
      // Only what `request()` reads, so the answer does not depend on a stream's timers.
      return { ok: true, status: 200, text: async () => JSON.stringify(page) } as Response;
    }),
  );
}

const rooms: ChatRoom[] = [];

/** Starts a room on the given history with the socket open; it is stopped after the test. */
async function openRoom(history: Message[], lastReadSeq: number | null = null) {
  serveHistory(history);
  const room = new ChatRoom(groupId, me.id, names);
  rooms.push(room);
  await room.start({ lastReadSeq });
  const socket = FakeSocket.created.at(-1)!;
  socket.accept();
  return { room, socket };
}

const seqs = (messages: Message[]) => messages.map((message) => message.seq);

beforeEach(() => {
  FakeSocket.created = [];
  seconds = 0;
  vi.stubGlobal('WebSocket', FakeSocket);
});

afterEach(() => {
  for (const room of rooms.splice(0)) room.stop();
  realtime.stop();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('ChatRoom', () => {
  it('loads the latest page, then subscribes from its last seq once the socket is open', async () => {
    const { room, socket } = await openRoom([buildMessage(1), buildMessage(2), buildMessage(3)]);
    expect(fetchCalls).toEqual([{ url: `/api/groups/${groupId}/messages?limit=50`, method: 'GET' }]);
    expect(seqs(room.messages)).toEqual([1, 2, 3]);
    expect(socket.sentOfType('subscribe')).toEqual([{ type: 'subscribe', groupId, sinceSeq: 3 }]);
  });

  it("marks where new messages start: the first one after the read position that is someone else's", async () => {
    const history = [buildMessage(1), buildMessage(2, { author: me }), buildMessage(3), buildMessage(4)];
    const { room } = await openRoom(history, 1);
    expect(room.firstUnreadSeq).toBe(3);
  });

  it('puts live messages in seq order, once each, and only those of its own group', async () => {
    const { room, socket } = await openRoom([buildMessage(1), buildMessage(2)]);
    const fifth = buildMessage(5);
    socket.deliver(created(fifth));
    socket.deliver(created(buildMessage(4)));
    socket.deliver(created(buildMessage(3)));
    // A replay after a reconnect delivers what is already here.
    socket.deliver(created(fifth));
    socket.deliver(created(buildMessage(6, { id: 'elsewhere', groupId: 'group-2' })));
    expect(seqs(room.messages)).toEqual([1, 2, 3, 4, 5]);
  });

  it('settles my waiting message when the server sends it back with its clientId', async () => {
    const { room, socket } = await openRoom([buildMessage(1)]);
    room.send('Hello everyone');
    expect(room.pending).toEqual([expect.objectContaining({ body: 'Hello everyone', status: 'sending' })]);
    const [sent] = socket.sentOfType('message.send');
    expect(sent).toEqual({
      type: 'message.send',
      groupId,
      clientId: room.pending[0]!.clientId,
      body: 'Hello everyone',
    });
    socket.deliver(
      created(buildMessage(2, { author: me, clientId: sent!.clientId, body: 'Hello everyone' })),
    );
    expect(room.pending).toEqual([]);
    expect(room.messages.map((message) => message.body)).toEqual(['Message 1', 'Hello everyone']);
    expect(room.announcement).toBe('');
  });

  it('shows a refused message as failed with the reason; trying again sends it with the same clientId', async () => {
    const { room, socket } = await openRoom([buildMessage(1)]);
    room.send('Am I muted?');
    const clientId = room.pending[0]!.clientId;
    socket.deliver({
      type: 'error',
      code: 'moderation.muted',
      message: 'You are muted',
      ref: clientId,
      frame: 'message.send',
    });
    expect(room.pending).toEqual([
      { clientId, body: 'Am I muted?', threadId: null, status: 'failed', error: 'You are muted' },
    ]);
    room.retry(clientId);
    expect(room.pending[0]?.status).toBe('sending');
    expect(socket.sentOfType('message.send').map((frame) => frame.clientId)).toEqual([clientId, clientId]);
    room.discard(clientId);
    expect(room.pending).toEqual([]);
  });

  it('sends again after a passing refusal, with the same clientId, and shows it failed only when that goes on', async () => {
    vi.useFakeTimers();
    const { room, socket } = await openRoom([buildMessage(1)]);
    room.send('Busy server');
    const clientId = room.pending[0]!.clientId;
    const refuse = () =>
      socket.deliver({
        type: 'error',
        code: 'rate_limited',
        message: 'Slow down',
        ref: clientId,
        frame: 'message.send',
      });
    refuse();
    expect(room.pending[0]?.status).toBe('sending');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(socket.sentOfType('message.send')).toHaveLength(2);
    let refusals = 1;
    while (room.pending[0]?.status === 'sending' && refusals < 20) {
      refuse();
      refusals += 1;
      await vi.advanceTimersByTimeAsync(20_000);
    }
    expect(room.pending[0]).toEqual(expect.objectContaining({ status: 'failed', error: 'Slow down' }));
    expect(refusals).toBeGreaterThan(2);
    expect(new Set(socket.sentOfType('message.send').map((frame) => frame.clientId))).toEqual(
      new Set([clientId]),
    );
  });

  it('settles a retried send the server only acknowledges (saved the first time), and fetches it by replaying', async () => {
    vi.useFakeTimers();
    const { room, socket } = await openRoom([buildMessage(1), buildMessage(2)]);
    room.send('Saved before the refusal');
    const clientId = room.pending[0]!.clientId;
    socket.deliver({
      type: 'error',
      code: 'internal',
      message: 'Try again',
      ref: clientId,
      frame: 'message.send',
    });
    const subscribesBefore = socket.sentOfType('subscribe').length;
    // The retry's answer: saved as seq 3, but its own frame never comes.
    socket.deliver({ type: 'ack', clientId, messageId: 'message-3', seq: 3 });
    await vi.advanceTimersByTimeAsync(20_000);
    // No second send after the ack, the waiting entry is gone, and the room asks again from before seq 3.
    expect(socket.sentOfType('message.send')).toHaveLength(1);
    expect(room.pending).toEqual([]);
    expect(socket.sentOfType('subscribe').slice(subscribesBefore)).toEqual([
      { type: 'subscribe', groupId, sinceSeq: 2 },
    ]);

    // An acknowledged message whose frame came is simply settled, with no replay.
    room.send('Normal');
    const normal = room.pending[0]!.clientId;
    socket.deliver(created(buildMessage(4, { author: me, clientId: normal, body: 'Normal' })));
    socket.deliver({ type: 'ack', clientId: normal, messageId: 'message-4', seq: 4 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(room.pending).toEqual([]);
    expect(socket.sentOfType('subscribe').slice(subscribesBefore)).toHaveLength(1);
  });

  it('replaces a message that was edited or deleted, and forgets the announcement of a deleted one', async () => {
    const { room, socket } = await openRoom([buildMessage(1)]);
    const original = buildMessage(2, { body: 'Meet at nine' });
    socket.deliver(created(original));
    expect(room.announcement).toContain('Meet at nine');

    const editedAt = new Date(Date.now()).toISOString();
    const edited = { ...original, body: 'Meet at ten', editedAt };
    socket.deliver({ type: 'message.updated', groupId, seq: 3, message: edited });
    expect(room.messages.map((message) => message.body)).toEqual(['Message 1', 'Meet at ten']);

    const deleted = { ...original, body: null, deleted: true };
    socket.deliver({ type: 'message.deleted', groupId, seq: 4, message: deleted });
    expect(seqs(room.messages)).toEqual([1, 2]);
    expect(room.messages[1]).toEqual(expect.objectContaining({ deleted: true, body: null }));
    expect(room.announcement).toBe('');

    // An edit of a message this page never loaded is not added to it.
    socket.deliver({
      type: 'message.updated',
      groupId,
      seq: 5,
      message: buildMessage(9, { id: 'never-loaded' }),
    });
    expect(seqs(room.messages)).toEqual([1, 2]);
  });

  it("announces someone else's new message as plain text with names, but not one it already has", async () => {
    const known = buildMessage(1, { body: 'Already on the page' });
    const { room, socket } = await openRoom([known]);
    socket.deliver(created(buildMessage(2, { body: `**Welcome**, <@${me.id}>!` })));
    expect(room.announcement).toContain('Sofie');
    expect(room.announcement).toContain('Welcome, @Mads!');
    expect(room.announcement).not.toContain('**');
    const announced = room.announcement;
    socket.deliver(created(known));
    expect(room.announcement).toBe(announced);
  });

  it('shows who is typing for a few seconds, and no longer once their message arrives', async () => {
    vi.useFakeTimers();
    const { room, socket } = await openRoom([buildMessage(1)]);
    const typing: ServerFrame = { type: 'typing', groupId, userId: sofie.id, displayName: sofie.displayName };
    socket.deliver(typing);
    socket.deliver({ ...typing, groupId: 'group-2', userId: 'user-elsewhere', displayName: 'Elsewhere' });
    expect(room.typing.map((entry) => entry.name)).toEqual(['Sofie']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(room.typing).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(room.typing).toEqual([]);

    socket.deliver(typing);
    socket.deliver(typing);
    expect(room.typing).toHaveLength(1);
    socket.deliver(created(buildMessage(2)));
    expect(room.typing).toEqual([]);
  });

  it('after a dropped connection, subscribes from the newest seq it saw and sends what was waiting', async () => {
    vi.useFakeTimers();
    const { room, socket } = await openRoom([buildMessage(1), buildMessage(2)]);
    socket.deliver(created(buildMessage(3)));
    socket.deliver(created(buildMessage(4)));
    socket.drop();

    // While it is away the REST fallback fails too (no network): the message waits.
    room.send('Written offline');
    const clientId = room.pending[0]!.clientId;
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchCalls.at(-1)).toEqual({ url: `/api/groups/${groupId}/messages`, method: 'POST' });
    expect(room.pending).toEqual([expect.objectContaining({ clientId, status: 'sending' })]);

    await vi.advanceTimersByTimeAsync(20_000);
    const again = FakeSocket.created.at(-1)!;
    expect(again).not.toBe(socket);
    again.accept();
    // Chat frames in order; the socket's own "this tab is in front" frame is not the room's.
    expect(again.sent.filter((frame) => frame.type !== 'activity')).toEqual([
      { type: 'subscribe', groupId, sinceSeq: 4 },
      { type: 'message.send', groupId, clientId, body: 'Written offline' },
    ]);
  });

  it('tells the server whether the tab is in front of the person, so push waits while they read here', async () => {
    vi.useFakeTimers();
    const { socket } = await openRoom([buildMessage(1)]);
    expect(socket.sentOfType('activity')).toEqual([{ type: 'activity', visible: true }]);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(socket.sentOfType('activity').at(-1)).toEqual({ type: 'activity', visible: false });
    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(socket.sentOfType('activity').at(-1)).toEqual({ type: 'activity', visible: true });
    // Still there after a while: the server forgets a tab that stopped saying so after 90 s.
    const before = socket.sentOfType('activity').length;
    await vi.advanceTimersByTimeAsync(46_000);
    expect(socket.sentOfType('activity').length).toBe(before + 1);
    visibility.mockRestore();
  });

  it('keeps presence and read positions, and ends when the membership does', async () => {
    const { room, socket } = await openRoom([buildMessage(1), buildMessage(2)]);
    socket.deliver({ type: 'presence', groupId, online: [me.id, sofie.id] });
    socket.deliver({ type: 'read', groupId, userId: sofie.id, seq: 2 });
    expect(room.online).toEqual([me.id, sofie.id]);
    // A large group's changes apply to the list: Sofie leaves, Bo comes, and a repeated join counts once.
    socket.deliver({ type: 'presence.changed', groupId, count: 2, joined: ['bo', me.id], left: [sofie.id] });
    expect(room.online).toEqual([me.id, 'bo']);
    socket.deliver({ type: 'presence.changed', groupId: 'group-2', count: 0, joined: [], left: [me.id] });
    expect(room.online).toEqual([me.id, 'bo']);
    expect(room.readBy).toEqual({ [sofie.id]: 2 });
    expect(room.ended).toBe(false);
    socket.deliver({ type: 'membership.ended', groupId: 'group-2' });
    expect(room.ended).toBe(false);
    socket.deliver({ type: 'membership.ended', groupId });
    expect(room.ended).toBe(true);
    expect(room.gone).toBe(false);
  });

  it('says the group is gone when the server says it no longer exists (archived while open)', async () => {
    const { room, socket } = await openRoom([buildMessage(1)]);
    socket.deliver({
      type: 'error',
      code: 'not_found',
      message: 'Ikke fundet',
      ref: 'group-2',
      frame: 'subscribe',
    });
    expect(room.ended).toBe(false);
    socket.deliver({
      type: 'error',
      code: 'not_found',
      message: 'Ikke fundet',
      ref: groupId,
      frame: 'subscribe',
    });
    expect(room.ended).toBe(true);
    expect(room.gone).toBe(true);
  });
});
