import { randomUUID } from 'node:crypto';
import { type ClientFrame, limits } from '@spejl/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Bus } from '../../bus/bus.ts';
import { AppError } from '../../http/errors.ts';
import {
  type GatewayConnection,
  type GatewayModule,
  type PreparedFrame,
  prepareFrame,
} from '../../realtime/gateway.ts';
import { Presence } from '../../realtime/presence.ts';
import { presenceDefaults } from '../preferences/preferences.defaults.ts';
import { SeqOrder } from './messages.order.ts';
import { type Reader, readerOf } from './messages.policy.ts';
import {
  involves,
  type MessageEvent,
  type MessagesService,
  personalise,
  toBaseMessage,
} from './messages.service.ts';

export interface ChatGatewayDeps {
  messages: MessagesService;
  bus: Bus;
  logger: FastifyBaseLogger;
  preferencesOf: (userId: string) => Promise<{ hidePresence: boolean; readReceipts: boolean }>;
}

interface Subscription {
  groupId: string;
  /** The name this person shows in this group (a pseudonym, or their account's name). */
  displayName: string;
  reader: Reader;
  firstVisibleSeq: number;
  /** The highest message seq sent to this connection. */
  lastSeq: number;
  /** While replaying from the database, live events wait here. */
  catchingUp: boolean;
  buffer: MessageEvent[];
  /**
   * Its presence snapshot was the group's current list, not the list last told to the group: the next change
   * sends it the whole list rather than a change it could misapply.
   */
  presenceFresh: boolean;
}

/** What the chat keeps for each open socket. */
interface ChatState {
  connection: GatewayConnection;
  /** Set when the socket closes: work that resumes after an await must not subscribe it to anything again. */
  closed: boolean;
  subscriptions: Map<string, Subscription>;
  lastTyping: Map<string, number>;
  hidePresence: boolean;
  readReceipts: boolean;
}

type GroupBusEvent =
  | MessageEvent
  | { type: 'membership.changed'; groupId: string; userId: string; role: Reader['role'] }
  | { type: 'typing'; groupId: string; userId: string; displayName: string }
  | { type: 'read'; groupId: string; userId: string; seq: number }
  /** Who may write in a direct conversation changed (accepted, declined, blocked): read the reader afresh. */
  | { type: 'conversation.changed'; groupId: string }
  /** The group changed in a way that matters to reading or writing (archived, settings, read-only). */
  | { type: 'group.changed'; groupId: string }
  | { type: string };

type ChatFrame = Extract<
  ClientFrame,
  { type: 'subscribe' | 'unsubscribe' | 'message.send' | 'typing' | 'read' }
>;

const replayPage = 200;
const typingIntervalMs = 2000;

/** Group chat over the WebSocket: subscribe with resume, send, typing, read positions, presence. */
export function createChatGateway(deps: ChatGatewayDeps): GatewayModule {
  const { bus, messages, logger } = deps;
  const states = new Map<string, ChatState>();
  const groupHubs = new Map<
    string,
    {
      states: Set<ChatState>;
      unsubscribe: () => void;
      order: SeqOrder<MessageEvent>;
      /** The online list last told to this node's sockets in the group. */
      told: Set<string>;
    }
  >();
  const presence = new Presence(
    randomUUID(),
    bus,
    (groupId, online) => {
      const hub = groupHubs.get(groupId);
      if (!hub || hub.states.size === 0) return;
      const previous = hub.told;
      hub.told = new Set(online);
      const large = online.length > limits.presenceListMax || previous.size > limits.presenceListMax;
      // Each frame is made once, and only if someone needs it.
      let whole: PreparedFrame | undefined;
      let change: PreparedFrame | undefined;
      for (const state of hub.states) {
        const subscription = state.subscriptions.get(groupId);
        if (!subscription) continue;
        if (large && !subscription.presenceFresh) {
          change ??= prepareFrame({
            type: 'presence.changed',
            groupId,
            count: online.length,
            joined: online.filter((id) => !previous.has(id)),
            left: [...previous].filter((id) => !hub.told.has(id)),
          });
          state.connection.sendPrepared(change);
        } else {
          whole ??= prepareFrame({ type: 'presence', groupId, online });
          state.connection.sendPrepared(whole);
        }
        subscription.presenceFresh = false;
      }
    },
    (error) => logger.warn({ err: error }, 'presence announcement failed'),
  );

  function joinGroupHub(groupId: string, state: ChatState) {
    let hub = groupHubs.get(groupId);
    if (!hub) {
      const members = new Set<ChatState>();
      const fanOut = (event: GroupBusEvent) => {
        for (const member of members) onGroupEvent(member, groupId, event);
      };
      const order = new SeqOrder<MessageEvent>(fanOut);
      const unsubscribe = bus.subscribe(`group:${groupId}`, (payload) => {
        const event = payload as GroupBusEvent;
        if (event.type === 'message.created') order.push(event as MessageEvent);
        else fanOut(event);
        presence.onBusEvent(groupId, payload);
      });
      hub = { states: members, unsubscribe, order, told: new Set() };
      groupHubs.set(groupId, hub);
      presence.query(groupId);
    }
    hub.states.add(state);
  }

  function leaveGroupHub(groupId: string, state: ChatState) {
    const hub = groupHubs.get(groupId);
    if (!hub) return;
    hub.states.delete(state);
    if (hub.states.size === 0) {
      hub.unsubscribe();
      hub.order.stop();
      groupHubs.delete(groupId);
    }
  }

  function subscriptionFor(state: ChatState, groupId: string): Subscription | undefined {
    const subscription = state.subscriptions.get(groupId);
    if (!subscription) state.connection.error('ws.not_subscribed', groupId);
    return subscription;
  }

  async function subscribe(state: ChatState, groupRef: string, sinceSeq: number | undefined) {
    const { connection } = state;
    const opened = await messages.openGroup(connection.actor, groupRef);
    // A socket that closed meanwhile would otherwise stay in the group's hub and presence for good.
    if (state.closed) return;
    const groupId = opened.context.row.group.id;
    if (state.subscriptions.has(groupId)) unsubscribe(state, groupId);
    const subscription: Subscription = {
      groupId,
      displayName: opened.context.membership?.profileName ?? connection.actor.user.displayName,
      reader: opened.reader,
      firstVisibleSeq: opened.firstVisibleSeq,
      lastSeq: 0,
      catchingUp: true,
      buffer: [],
      presenceFresh: true,
    };
    state.subscriptions.set(groupId, subscription);
    joinGroupHub(groupId, state);
    try {
      if (sinceSeq === undefined) {
        // The group was opened (and the reader checked) above; only its newest seq is needed here.
        const lastSeq = await messages.lastSeq(groupId);
        if (!current(state, subscription)) return;
        subscription.lastSeq = lastSeq;
        flush(state, subscription);
      } else {
        subscription.lastSeq = sinceSeq;
        await catchUp(state, subscription);
        if (!current(state, subscription)) return;
      }
    } catch (error) {
      // The gateway answers with an error frame; a half-made subscription must not stay behind, stuck catching up.
      if (current(state, subscription)) unsubscribe(state, groupId);
      throw error;
    }
    connection.send({ type: 'subscribed', groupId, lastSeq: subscription.lastSeq });
    if (!state.hidePresence) presence.add(groupId, connection.actor.user.id);
    // In a large group the snapshot is the list last told, so the changes that follow apply to it exactly; in a
    // small one it is the current list, and the next change sends the whole list again (presenceFresh).
    const told = groupHubs.get(groupId)?.told;
    if (told && told.size > limits.presenceListMax) {
      subscription.presenceFresh = false;
      connection.send({ type: 'presence', groupId, online: [...told] });
    } else connection.send({ type: 'presence', groupId, online: presence.online(groupId) });
  }

  function unsubscribe(state: ChatState, groupId: string) {
    if (!state.subscriptions.delete(groupId)) return;
    leaveGroupHub(groupId, state);
    if (!state.hidePresence) presence.remove(groupId, state.connection.actor.user.id);
  }

  /** The subscription is still the socket's own for its group (not unsubscribed, replaced, or closed). */
  function current(state: ChatState, subscription: Subscription): boolean {
    return !state.closed && state.subscriptions.get(subscription.groupId) === subscription;
  }

  /**
   * Replays from the database everything after `lastSeq`, then delivers what arrived live meanwhile. The replay
   * goes at the reader's pace: a long one waits for the socket to drain between messages rather than pile up.
   */
  async function catchUp(state: ChatState, subscription: Subscription) {
    subscription.catchingUp = true;
    for (;;) {
      const page = await messages.since(
        subscription.groupId,
        subscription.lastSeq,
        subscription.firstVisibleSeq,
        replayPage,
      );
      for (const record of page) {
        if (!(await state.connection.drained()) || !current(state, subscription)) return;
        if (record.row.seq <= subscription.lastSeq) continue;
        subscription.lastSeq = record.row.seq;
        state.connection.send({
          type: 'message.created',
          groupId: subscription.groupId,
          seq: record.row.seq,
          message: personalise(toBaseMessage(record), subscription.reader),
        });
      }
      if (page.length < replayPage) break;
    }
    flush(state, subscription);
  }

  function flush(state: ChatState, subscription: Subscription) {
    const waiting = subscription.buffer.sort((a, b) => a.seq - b.seq);
    subscription.buffer = [];
    subscription.catchingUp = false;
    for (const event of waiting) deliverMessage(state, subscription, event);
  }

  /**
   * Each event's frame for the readers it does not concern (neither its author nor a reactor), by whether they
   * moderate: what `personalise` makes for them depends on nothing else (messages.service.ts, `messageJson`).
   */
  const prepared = new WeakMap<MessageEvent, Map<boolean, PreparedFrame>>();
  const frameOf = (event: MessageEvent, reader: Reader) => ({
    type: event.type,
    groupId: event.groupId,
    seq: event.seq,
    message: personalise(event.message, reader),
  });

  function deliverMessage(state: ChatState, subscription: Subscription, event: MessageEvent) {
    if (subscription.catchingUp) {
      subscription.buffer.push(event);
      return;
    }
    if (event.seq < subscription.firstVisibleSeq) return;
    if (event.type === 'message.created') {
      if (event.seq <= subscription.lastSeq) return;
      if (event.seq > subscription.lastSeq + 1) {
        // Another node's earlier message has not arrived yet: fetch the gap from the database, in order.
        subscription.buffer.push(event);
        catchUp(state, subscription).catch((error: unknown) => {
          // Outside the connection's queue nobody else would answer: the subscription would stay stuck in
          // catching up, delivering nothing. End it and say so; the client subscribes again from its cursor.
          logger.error({ err: error }, 'catch-up failed');
          if (!current(state, subscription)) return;
          unsubscribe(state, subscription.groupId);
          state.connection.error('internal', subscription.groupId, 'subscribe');
        });
        return;
      }
      subscription.lastSeq = event.seq;
    }
    const { reader } = subscription;
    const base = event.message;
    if (involves(base, reader.userId)) {
      state.connection.send(frameOf(event, reader));
      return;
    }
    // For everyone else the frame depends only on whether they moderate: made once per event, not per socket.
    let frames = prepared.get(event);
    if (!frames) {
      frames = new Map();
      prepared.set(event, frames);
    }
    let frame = frames.get(reader.moderates);
    if (!frame) {
      frame = prepareFrame(frameOf(event, reader));
      frames.set(reader.moderates, frame);
    }
    state.connection.sendPrepared(frame);
  }

  function onGroupEvent(state: ChatState, groupId: string, event: GroupBusEvent) {
    const subscription = state.subscriptions.get(groupId);
    if (!subscription) return;
    const { connection } = state;
    switch (event.type) {
      case 'message.created':
      case 'message.updated':
      case 'message.deleted':
        return deliverMessage(state, subscription, event as MessageEvent);
      case 'typing': {
        const typing = event as { userId: string; displayName: string };
        if (typing.userId !== connection.actor.user.id)
          connection.send({
            type: 'typing',
            groupId,
            userId: typing.userId,
            displayName: typing.displayName,
          });
        return;
      }
      case 'read': {
        const read = event as { userId: string; seq: number };
        if (read.userId !== connection.actor.user.id)
          connection.send({ type: 'read', groupId, userId: read.userId, seq: read.seq });
        return;
      }
      case 'conversation.changed':
      case 'group.changed': {
        // Read past the chat's memory: on another process its copy may not have been forgotten yet.
        messages
          .openGroup(connection.actor, groupId, { fresh: true })
          .then((opened) => {
            if (!current(state, subscription)) return;
            subscription.reader = opened.reader;
            subscription.firstVisibleSeq = opened.firstVisibleSeq;
          })
          .catch((error: unknown) => {
            // Archived (not_found: the client says the group is gone), or no longer theirs to read (as when a
            // membership ends): the socket stops receiving it.
            if (error instanceof AppError && current(state, subscription)) {
              unsubscribe(state, groupId);
              if (error.code === 'not_found') connection.error('not_found', groupId, 'subscribe');
              else connection.send({ type: 'membership.ended', groupId });
            } else logger.warn({ err: error }, 'group re-check failed');
          });
        return;
      }
      case 'membership.changed': {
        const change = event as { userId: string; role: Reader['role'] };
        if (change.userId !== connection.actor.user.id) return;
        if (change.role === null) {
          unsubscribe(state, groupId);
          connection.send({ type: 'membership.ended', groupId });
        } else {
          subscription.reader = readerOf(
            connection.actor,
            change.role,
            subscription.reader.readOnly,
            subscription.reader.readOnlyCode ?? null,
          );
        }
        return;
      }
    }
  }

  async function handle(state: ChatState, frame: ChatFrame) {
    const { connection } = state;
    switch (frame.type) {
      case 'subscribe':
        return subscribe(state, frame.groupId, frame.sinceSeq);
      case 'unsubscribe':
        return unsubscribe(state, frame.groupId);
      case 'message.send': {
        const result = await messages.post(connection.actor, frame.groupId, {
          clientId: frame.clientId,
          body: frame.body,
          threadId: frame.threadId,
          attachments: frame.attachments,
        });
        return connection.send({
          type: 'ack',
          clientId: frame.clientId,
          messageId: result.message.id,
          seq: result.message.seq,
        });
      }
      case 'typing': {
        const subscription = subscriptionFor(state, frame.groupId);
        // Nobody types where they may not write (a closed mentorship, a direct request not yet accepted).
        if (!subscription || subscription.reader.readOnly) return;
        const last = state.lastTyping.get(subscription.groupId) ?? 0;
        if (Date.now() - last < typingIntervalMs) return;
        state.lastTyping.set(subscription.groupId, Date.now());
        return bus.publish(`group:${subscription.groupId}`, {
          type: 'typing',
          groupId: subscription.groupId,
          userId: connection.actor.user.id,
          displayName: subscription.displayName,
        });
      }
      case 'read': {
        const subscription = subscriptionFor(state, frame.groupId);
        if (!subscription) return;
        const read = await messages.markRead(connection.actor, subscription.groupId, frame.seq);
        if (state.readReceipts)
          await bus.publish(`group:${read.groupId}`, {
            type: 'read',
            groupId: read.groupId,
            userId: connection.actor.user.id,
            seq: read.seq,
          });
        return;
      }
    }
  }

  return {
    name: 'chat',
    frameTypes: ['subscribe', 'unsubscribe', 'message.send', 'typing', 'read'],
    async open(connection) {
      const state: ChatState = {
        connection,
        closed: false,
        subscriptions: new Map(),
        lastTyping: new Map(),
        hidePresence: false,
        readReceipts: true,
      };
      states.set(connection.id, state);
      // Read with the session when it was looked up (auth.repository.ts); otherwise from the preferences.
      const preferences =
        connection.actor.presence ??
        (await deps.preferencesOf(connection.actor.user.id).catch(() => presenceDefaults));
      state.hidePresence = preferences.hidePresence;
      state.readReceipts = preferences.readReceipts;
    },
    async handle(connection, frame) {
      const state = states.get(connection.id);
      if (state) await handle(state, frame as ChatFrame);
    },
    onUserEvent(connection, event) {
      if (event.type !== 'preferences.changed') return;
      const state = states.get(connection.id);
      if (!state) return;
      const next = (event as unknown as { preferences: { hidePresence: boolean; readReceipts: boolean } })
        .preferences;
      state.readReceipts = next.readReceipts;
      if (next.hidePresence === state.hidePresence) return;
      state.hidePresence = next.hidePresence;
      for (const groupId of state.subscriptions.keys()) {
        if (next.hidePresence) presence.remove(groupId, connection.actor.user.id);
        else presence.add(groupId, connection.actor.user.id);
      }
    },
    close(connection) {
      const state = states.get(connection.id);
      if (!state) return;
      state.closed = true;
      states.delete(connection.id);
      for (const groupId of [...state.subscriptions.keys()]) unsubscribe(state, groupId);
    },
    stop() {
      presence.stop();
    },
  };
}
