import type { ClientFrame, ServerFrame } from '@spejl/shared';
import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createMemoryBus } from '../../bus/bus.ts';
import type { GatewayConnection } from '../../realtime/gateway.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { createChatGateway } from './messages.gateway.ts';
import type { BaseMessage, MessageEvent, MessagesService } from './messages.service.ts';

/**
 * The chat module alone, with a fake connection and a fake messages service whose database can fail: what a
 * subscription does when its replay or its gap fill fails. Either way the client must hear about it (and subscribe
 * again from its cursor), never be left "connected" with a subscription that delivers nothing.
 */
const groupId = '11111111-1111-4111-8111-111111111111';
const actor = {
  user: { id: 'reader-1', displayName: 'Læser' },
  session: { id: 'session-1' },
} as unknown as Actor;
const silentLogger = { error() {}, warn() {}, info() {} } as unknown as FastifyBaseLogger;

function messageAt(seq: number): MessageEvent {
  const message: BaseMessage = {
    id: `message-${seq}`,
    groupId,
    seq,
    author: { id: 'writer', displayName: 'Skribent' },
    clientId: `client-${seq}`,
    body: `Besked ${seq}`,
    threadId: null,
    replyCount: 0,
    lastReplyAt: null,
    mentions: [],
    reactions: [],
    createdAt: new Date(0).toISOString(),
    editedAt: null,
    deleted: false,
    hidden: false,
    attachments: [],
  };
  return { type: 'message.created', groupId, seq, message };
}

function setup(options: { sinceFails: boolean }) {
  const bus = createMemoryBus();
  const frames: Array<ServerFrame | { type: 'error'; code: string; ref?: string; frame?: string }> = [];
  const connection: GatewayConnection = {
    id: 'connection-1',
    actor,
    locale: 'en',
    open: true,
    send: (frame) => frames.push(frame),
    sendPrepared: (frame) => frames.push(JSON.parse(frame.data.toString()) as ServerFrame),
    error: (code, ref, frame) =>
      frames.push({ type: 'error', code, ...(ref ? { ref } : {}), ...(frame ? { frame } : {}) }),
    drained: async () => true,
  };
  const messages = {
    openGroup: async () => ({
      context: { row: { group: { id: groupId } }, membership: null },
      reader: { userId: actor.user.id, role: 'member', moderates: false, readOnly: false },
      firstVisibleSeq: 1,
    }),
    lastSeq: async () => 5,
    since: async () => {
      if (options.sinceFails) throw new Error('the database went away');
      return [];
    },
  } as unknown as MessagesService;
  const chat = createChatGateway({
    messages,
    bus,
    logger: silentLogger,
    preferencesOf: async () => ({ hidePresence: true, readReceipts: false }),
  });
  const handle = (frame: ClientFrame) => chat.handle(connection, frame);
  return { bus, frames, connection, chat, handle };
}

describe('chat subscriptions that fail', () => {
  it('a replay that fails rejects the subscribe (the gateway answers it) and leaves nothing subscribed', async () => {
    const { bus, frames, connection, chat, handle } = setup({ sinceFails: true });
    await chat.open!(connection);
    await expect(handle({ type: 'subscribe', groupId, sinceSeq: 2 })).rejects.toThrow(
      'the database went away',
    );
    await bus.publish(`group:${groupId}`, messageAt(6));
    expect(frames.filter((frame) => frame.type === 'message.created')).toEqual([]);
    // Not subscribed: typing is refused as such, where a stuck subscription would have accepted it.
    await handle({ type: 'typing', groupId });
    expect(frames.at(-1)).toMatchObject({ type: 'error', code: 'ws.not_subscribed', ref: groupId });
  });

  it('a gap fill that fails ends the subscription with an error naming the group and the frame to send again', async () => {
    const { bus, frames, connection, chat, handle } = setup({ sinceFails: true });
    await chat.open!(connection);
    await handle({ type: 'subscribe', groupId });
    expect(frames.find((frame) => frame.type === 'subscribed')).toMatchObject({ lastSeq: 5 });
    // Seq 6 never arrives; 7 does, so the socket fills the gap from the database, which fails.
    await bus.publish(`group:${groupId}`, messageAt(7));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(frames.at(-1)).toEqual({ type: 'error', code: 'internal', ref: groupId, frame: 'subscribe' });
    await handle({ type: 'typing', groupId });
    expect(frames.at(-1)).toMatchObject({ type: 'error', code: 'ws.not_subscribed' });
  });

  it('a socket that closes while its subscribe waits on the database is not subscribed afterwards', async () => {
    const { bus, frames, connection, chat, handle } = setup({ sinceFails: false });
    await chat.open!(connection);
    const subscribing = handle({ type: 'subscribe', groupId });
    chat.close!(connection);
    await subscribing;
    await bus.publish(`group:${groupId}`, messageAt(6));
    expect(frames).toEqual([]);
  });
});
