import { randomUUID } from 'node:crypto';
import fastifyWebsocket from '@fastify/websocket';
import {
  type ClientFrame,
  clientFrame,
  type ErrorCode,
  isErrorCode,
  limits,
  type ServerFrame,
  translate,
} from '@spejl/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Bus } from '../bus/bus.ts';
import { actorOf, requireAuth } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import type { Actor } from '../modules/auth/auth.policy.ts';
import { type Reader, readerOf } from '../modules/messages/messages.policy.ts';
import {
  type MessageEvent,
  type MessagesService,
  personalise,
  toBaseMessage,
} from '../modules/messages/messages.service.ts';
import { Presence } from './presence.ts';

export interface GatewayDeps {
  messages: MessagesService;
  bus: Bus;
  publicOrigin: string;
  /** How often dead connections are looked for (ms). */
  heartbeatMs?: number;
  preferencesOf: (userId: string) => Promise<{ hidePresence: boolean; readReceipts: boolean }>;
}

interface Subscription {
  groupId: string;
  reader: Reader;
  firstVisibleSeq: number;
  /** The highest message seq sent to this connection. */
  lastSeq: number;
  /** While replaying from the database, live events wait here. */
  catchingUp: boolean;
  buffer: MessageEvent[];
}

const replayPage = 200;
const typingIntervalMs = 2000;
/** Frames per connection: a burst of 30, refilled at 10 per second. */
const bucketSize = 30;
const refillPerSecond = 10;

/** The WebSocket gateway at /api/ws: authenticates, validates every frame, and delivers group events. */
export async function registerGateway(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const { bus, messages } = deps;
  const nodeId = randomUUID();
  const groupHubs = new Map<string, { connections: Set<Connection>; unsubscribe: () => void }>();
  const userHubs = new Map<string, { connections: Set<Connection>; unsubscribe: () => void }>();
  const presence = new Presence(
    nodeId,
    bus,
    (groupId, online) => {
      for (const connection of groupHubs.get(groupId)?.connections ?? [])
        if (connection.subscriptions.has(groupId)) connection.send({ type: 'presence', groupId, online });
    },
    (error) => app.log.warn({ err: error }, 'presence announcement failed'),
  );

  function joinGroupHub(groupId: string, connection: Connection) {
    let hub = groupHubs.get(groupId);
    if (!hub) {
      const connections = new Set<Connection>();
      const unsubscribe = bus.subscribe(`group:${groupId}`, (payload) => {
        for (const member of connections) member.onGroupEvent(groupId, payload as GroupBusEvent);
        presence.onBusEvent(groupId, payload);
      });
      hub = { connections, unsubscribe };
      groupHubs.set(groupId, hub);
      presence.query(groupId);
    }
    hub.connections.add(connection);
  }

  function leaveGroupHub(groupId: string, connection: Connection) {
    const hub = groupHubs.get(groupId);
    if (!hub) return;
    hub.connections.delete(connection);
    if (hub.connections.size === 0) {
      hub.unsubscribe();
      groupHubs.delete(groupId);
    }
  }

  function joinUserHub(userId: string, connection: Connection) {
    let hub = userHubs.get(userId);
    if (!hub) {
      const connections = new Set<Connection>();
      const unsubscribe = bus.subscribe(`user:${userId}`, (payload) => {
        for (const member of connections) member.onUserEvent(payload as { type: string });
      });
      hub = { connections, unsubscribe };
      userHubs.set(userId, hub);
    }
    hub.connections.add(connection);
  }

  function leaveUserHub(userId: string, connection: Connection) {
    const hub = userHubs.get(userId);
    if (!hub) return;
    hub.connections.delete(connection);
    if (hub.connections.size === 0) {
      hub.unsubscribe();
      userHubs.delete(userId);
    }
  }

  type GroupBusEvent =
    | MessageEvent
    | { type: 'membership.changed'; groupId: string; userId: string; role: Reader['role'] }
    | { type: 'typing'; groupId: string; userId: string; displayName: string }
    | { type: 'read'; groupId: string; userId: string; seq: number }
    | { type: string };

  class Connection {
    readonly socket: WebSocket;
    readonly actor: Actor;
    readonly locale: FastifyRequest['locale'];
    readonly subscriptions = new Map<string, Subscription>();
    alive = true;
    tokens = bucketSize;
    refilledAt = Date.now();
    lastTyping = new Map<string, number>();
    hidePresence = false;
    readReceipts = true;

    constructor(socket: WebSocket, actor: Actor, locale: FastifyRequest['locale']) {
      this.socket = socket;
      this.actor = actor;
      this.locale = locale;
    }

    send(frame: ServerFrame) {
      if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
    }

    error(code: ErrorCode, ref?: string) {
      this.send({
        type: 'error',
        code,
        message: translate(this.locale, `error.${code}`),
        ...(ref ? { ref } : {}),
      });
    }

    allowFrame(): boolean {
      const now = Date.now();
      this.tokens = Math.min(bucketSize, this.tokens + ((now - this.refilledAt) / 1000) * refillPerSecond);
      this.refilledAt = now;
      if (this.tokens < 1) return false;
      this.tokens -= 1;
      return true;
    }

    async handle(frame: ClientFrame) {
      switch (frame.type) {
        case 'ping':
          return this.send({ type: 'pong' });
        case 'subscribe':
          return this.subscribe(frame.groupId, frame.sinceSeq);
        case 'unsubscribe':
          return this.unsubscribe(frame.groupId);
        case 'message.send': {
          const result = await messages.post(this.actor, frame.groupId, {
            clientId: frame.clientId,
            body: frame.body,
            threadId: frame.threadId,
          });
          return this.send({
            type: 'ack',
            clientId: frame.clientId,
            messageId: result.message.id,
            seq: result.message.seq,
          });
        }
        case 'typing': {
          const subscription = this.subscriptionFor(frame.groupId);
          if (!subscription) return;
          const last = this.lastTyping.get(subscription.groupId) ?? 0;
          if (Date.now() - last < typingIntervalMs) return;
          this.lastTyping.set(subscription.groupId, Date.now());
          return bus.publish(`group:${subscription.groupId}`, {
            type: 'typing',
            groupId: subscription.groupId,
            userId: this.actor.user.id,
            displayName: this.actor.user.displayName,
          });
        }
        case 'read': {
          const subscription = this.subscriptionFor(frame.groupId);
          if (!subscription) return;
          const read = await messages.markRead(this.actor, subscription.groupId, frame.seq);
          if (this.readReceipts)
            await bus.publish(`group:${read.groupId}`, {
              type: 'read',
              groupId: read.groupId,
              userId: this.actor.user.id,
              seq: read.seq,
            });
          return;
        }
      }
    }

    subscriptionFor(groupId: string): Subscription | undefined {
      const subscription = this.subscriptions.get(groupId);
      if (!subscription) this.error('ws.not_subscribed', groupId);
      return subscription;
    }

    async subscribe(groupRef: string, sinceSeq: number | undefined) {
      const opened = await messages.openGroup(this.actor, groupRef);
      const groupId = opened.context.row.group.id;
      const previous = this.subscriptions.get(groupId);
      if (previous) this.unsubscribe(groupId);
      const subscription: Subscription = {
        groupId,
        reader: opened.reader,
        firstVisibleSeq: opened.firstVisibleSeq,
        lastSeq: 0,
        catchingUp: true,
        buffer: [],
      };
      this.subscriptions.set(groupId, subscription);
      joinGroupHub(groupId, this);
      if (sinceSeq === undefined) {
        const list = await messages.list(this.actor, groupId, { limit: 1 });
        subscription.lastSeq = list.lastSeq;
        await this.flush(subscription);
      } else {
        subscription.lastSeq = sinceSeq;
        await this.catchUp(subscription);
      }
      this.send({ type: 'subscribed', groupId, lastSeq: subscription.lastSeq });
      if (!this.hidePresence) presence.add(groupId, this.actor.user.id);
      this.send({ type: 'presence', groupId, online: presence.online(groupId) });
    }

    unsubscribe(groupId: string) {
      if (!this.subscriptions.delete(groupId)) return;
      leaveGroupHub(groupId, this);
      if (!this.hidePresence) presence.remove(groupId, this.actor.user.id);
    }

    /** Replays from the database everything after `lastSeq`, then delivers what arrived live meanwhile. */
    async catchUp(subscription: Subscription) {
      subscription.catchingUp = true;
      for (;;) {
        const page = await messages.since(
          subscription.groupId,
          subscription.lastSeq,
          subscription.firstVisibleSeq,
          replayPage,
        );
        for (const record of page) {
          if (!this.subscriptions.has(subscription.groupId)) return;
          if (record.row.seq <= subscription.lastSeq) continue;
          subscription.lastSeq = record.row.seq;
          this.send({
            type: 'message.created',
            groupId: subscription.groupId,
            seq: record.row.seq,
            message: personalise(toBaseMessage(record), subscription.reader),
          });
        }
        if (page.length < replayPage) break;
      }
      await this.flush(subscription);
    }

    async flush(subscription: Subscription) {
      const waiting = subscription.buffer.sort((a, b) => a.seq - b.seq);
      subscription.buffer = [];
      subscription.catchingUp = false;
      for (const event of waiting) this.deliverMessage(subscription, event);
    }

    deliverMessage(subscription: Subscription, event: MessageEvent) {
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
          void this.catchUp(subscription).catch((error) => app.log.error({ err: error }, 'catch-up failed'));
          return;
        }
        subscription.lastSeq = event.seq;
      }
      this.send({
        type: event.type,
        groupId: event.groupId,
        seq: event.seq,
        message: personalise(event.message, subscription.reader),
      });
    }

    onGroupEvent(groupId: string, event: GroupBusEvent) {
      const subscription = this.subscriptions.get(groupId);
      if (!subscription) return;
      switch (event.type) {
        case 'message.created':
        case 'message.updated':
        case 'message.deleted':
          return this.deliverMessage(subscription, event as MessageEvent);
        case 'typing': {
          const typing = event as { userId: string; displayName: string };
          if (typing.userId !== this.actor.user.id)
            this.send({ type: 'typing', groupId, userId: typing.userId, displayName: typing.displayName });
          return;
        }
        case 'read': {
          const read = event as { userId: string; seq: number };
          if (read.userId !== this.actor.user.id)
            this.send({ type: 'read', groupId, userId: read.userId, seq: read.seq });
          return;
        }
        case 'membership.changed': {
          const change = event as { userId: string; role: Reader['role'] };
          if (change.userId !== this.actor.user.id) return;
          if (change.role === null) {
            this.unsubscribe(groupId);
            this.send({ type: 'membership.ended', groupId });
          } else {
            subscription.reader = readerOf(this.actor, change.role);
          }
          return;
        }
      }
    }

    onUserEvent(event: { type: string; notification?: unknown }) {
      if (event.type === 'notification') this.send(event as ServerFrame);
    }

    close() {
      for (const groupId of [...this.subscriptions.keys()]) this.unsubscribe(groupId);
      leaveUserHub(this.actor.user.id, this);
    }
  }

  const connections = new Set<Connection>();
  const heartbeat = setInterval(() => {
    for (const connection of connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }, deps.heartbeatMs ?? 30_000);
  heartbeat.unref();
  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
    presence.stop();
    for (const connection of connections) connection.socket.close(1001, 'server shutting down');
  });

  await app.register(fastifyWebsocket, { options: { maxPayload: limits.wsFrameBytes } });

  app.get(
    '/api/ws',
    {
      websocket: true,
      schema: { hide: true },
      // Both checks run before the upgrade: another site's page cannot open a socket with our cookie.
      onRequest: [
        async (request) => {
          if (request.headers.origin !== deps.publicOrigin) throw new AppError('auth.bad_origin');
        },
        requireAuth,
      ],
    },
    (socket, request) => {
      const actor = actorOf(request);
      const connection = new Connection(socket, actor, request.locale);
      connections.add(connection);
      joinUserHub(actor.user.id, connection);
      // Listeners are attached at once, so frames sent right after the handshake are not lost. The first job in the
      // queue loads the user's preferences; frames are then handled one at a time, in order.
      let queue: Promise<void> = deps
        .preferencesOf(actor.user.id)
        .catch(() => ({ hidePresence: false, readReceipts: true }))
        .then((preferences) => {
          connection.hidePresence = preferences.hidePresence;
          connection.readReceipts = preferences.readReceipts;
        });
      socket.on('pong', () => {
        connection.alive = true;
      });
      socket.on('message', (data, isBinary) => {
        connection.alive = true;
        if (!connection.allowFrame()) return connection.error('rate_limited');
        let parsed: ReturnType<typeof clientFrame.safeParse>;
        try {
          parsed = isBinary ? clientFrame.safeParse(null) : clientFrame.safeParse(JSON.parse(String(data)));
        } catch {
          return connection.error('ws.bad_frame');
        }
        if (!parsed.success) {
          const raw = safeRef(data);
          return connection.error('ws.bad_frame', raw);
        }
        const frame = parsed.data;
        queue = queue.then(() =>
          connection.handle(frame).catch((error: unknown) => {
            const ref = 'clientId' in frame ? frame.clientId : 'groupId' in frame ? frame.groupId : undefined;
            if (error instanceof AppError) return connection.error(error.code, ref);
            if (error instanceof Error && isErrorCode(error.message))
              return connection.error(error.message, ref);
            app.log.error({ err: error }, 'websocket frame failed');
            connection.error('internal', ref);
          }),
        );
      });
      socket.on('close', () => {
        connections.delete(connection);
        connection.close();
      });
    },
  );
}

/** The clientId or groupId of a frame that failed validation, when it has one, so the client can match the error. */
function safeRef(data: unknown): string | undefined {
  try {
    const value = JSON.parse(String(data)) as Record<string, unknown>;
    const ref = value.clientId ?? value.groupId;
    return typeof ref === 'string' && ref.length <= 64 ? ref : undefined;
  } catch {
    return undefined;
  }
}
