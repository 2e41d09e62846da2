import { randomUUID } from 'node:crypto';
import fastifyWebsocket from '@fastify/websocket';
import {
  type ClientFrame,
  clientFrame,
  type ErrorCode,
  isErrorCode,
  limits,
  type Locale,
  type ServerFrame,
  translate,
} from '@spejl/shared';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { Bus } from '../bus/bus.ts';
import { actorOf, requireAuth } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import type { Actor } from '../modules/auth/auth.policy.ts';

/** One open socket, as the domain modules see it. */
export interface GatewayConnection {
  readonly id: string;
  readonly actor: Actor;
  readonly locale: Locale;
  send(frame: ServerFrame): void;
  /** Sends a frame serialised once for many connections (`prepareFrame`): fan-out without one JSON.stringify each. */
  sendPrepared(frame: PreparedFrame): void;
  /** Sends an `error` frame with the translated message; the connection stays open. */
  error(code: ErrorCode, ref?: string): void;
}

/** A server frame serialised once, to send the same bytes to many connections. */
export interface PreparedFrame {
  readonly data: Buffer;
}

export function prepareFrame(frame: ServerFrame): PreparedFrame {
  return { data: Buffer.from(JSON.stringify(frame)) };
}

/**
 * A domain's part of the WebSocket: the frame types it answers, and what it does when a socket opens and closes.
 * Frames from one connection reach the modules one at a time, in order.
 */
export interface GatewayModule {
  readonly name: string;
  readonly frameTypes: readonly ClientFrame['type'][];
  /** Runs before the connection's first frame is handled (load preferences, join user channels). */
  open?(connection: GatewayConnection): Promise<void>;
  handle(connection: GatewayConnection, frame: ClientFrame): Promise<void>;
  /** An event on the connection's `user:<id>` channel (for example changed preferences). */
  onUserEvent?(connection: GatewayConnection, event: { type: string }): void;
  close?(connection: GatewayConnection): void;
  /** The server is stopping. */
  stop?(): void;
}

export interface GatewayDeps {
  bus: Bus;
  publicOrigin: string;
  modules: GatewayModule[];
  /** How often dead connections are looked for (ms). */
  heartbeatMs?: number;
  /**
   * Which sessions may still be used. Asked on every heartbeat, so a socket closes soon after its session expires
   * or its account is locked, even when that happened in another process (the operations CLI).
   */
  liveSessions?: (sessionIds: string[]) => Promise<Set<string>>;
}

/** Frames per connection: a burst of 30, refilled at 10 per second. */
const bucketSize = 30;
const refillPerSecond = 10;

/** The WebSocket gateway at /api/ws: authenticates before the upgrade, validates every frame, routes it to its module. */
export async function registerGateway(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const { bus } = deps;
  const routes = new Map<string, GatewayModule>();
  for (const module of deps.modules)
    for (const type of module.frameTypes) {
      if (routes.has(type)) throw new Error(`two gateway modules answer ${type}`);
      routes.set(type, module);
    }
  const userHubs = new Map<string, { connections: Set<Connection>; unsubscribe: () => void }>();

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

  class Connection implements GatewayConnection {
    readonly id = randomUUID();
    readonly socket: WebSocket;
    readonly actor: Actor;
    readonly locale: Locale;
    alive = true;
    tokens = bucketSize;
    refilledAt = Date.now();

    constructor(socket: WebSocket, actor: Actor, locale: Locale) {
      this.socket = socket;
      this.actor = actor;
      this.locale = locale;
    }

    send(frame: ServerFrame) {
      if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
    }

    sendPrepared(frame: PreparedFrame) {
      if (this.socket.readyState === this.socket.OPEN) this.socket.send(frame.data, { binary: false });
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

    onUserEvent(event: { type: string }) {
      // A signed-out or revoked session must stop receiving at once.
      if (event.type === 'session.ended') {
        const ended = event as { type: string; sessionId?: string; exceptSessionId?: string };
        const mine = this.actor.session.id;
        const endsThis = ended.sessionId ? ended.sessionId === mine : ended.exceptSessionId !== mine;
        if (endsThis) this.socket.close(4001, 'session ended');
        return;
      }
      if (event.type === 'notification') this.send(event as ServerFrame);
      for (const module of deps.modules) module.onUserEvent?.(this, event);
    }
  }

  const connections = new Set<Connection>();
  let checking = false;
  async function closeEndedSessions() {
    if (!deps.liveSessions || checking || connections.size === 0) return;
    checking = true;
    try {
      const live = await deps.liveSessions([...new Set([...connections].map((c) => c.actor.session.id))]);
      for (const connection of connections)
        if (!live.has(connection.actor.session.id)) connection.socket.close(4001, 'session ended');
    } catch (error) {
      app.log.warn({ err: error }, 'session check for open sockets failed');
    } finally {
      checking = false;
    }
  }
  const heartbeat = setInterval(() => {
    for (const connection of connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
    void closeEndedSessions();
  }, deps.heartbeatMs ?? 30_000);
  heartbeat.unref();
  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
    for (const module of deps.modules) module.stop?.();
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
      // Listeners are attached at once, so frames sent right after the handshake are not lost. The modules open
      // first; frames are then handled one at a time, in order.
      let queue: Promise<void> = Promise.all(
        deps.modules.map((module) =>
          module.open?.(connection).catch((error: unknown) => {
            app.log.error({ err: error, module: module.name }, 'websocket module failed to open');
          }),
        ),
      ).then(() => undefined);
      socket.on('pong', () => {
        connection.alive = true;
      });
      socket.on('message', (data, isBinary) => {
        connection.alive = true;
        if (!connection.allowFrame()) return connection.error('rate_limited', safeRef(data));
        let parsed: ReturnType<typeof clientFrame.safeParse>;
        try {
          parsed = isBinary ? clientFrame.safeParse(null) : clientFrame.safeParse(JSON.parse(String(data)));
        } catch {
          return connection.error('ws.bad_frame');
        }
        if (!parsed.success) return connection.error('ws.bad_frame', safeRef(data));
        const frame = parsed.data;
        if (frame.type === 'ping') return connection.send({ type: 'pong' });
        const module = routes.get(frame.type);
        if (!module) return connection.error('ws.bad_frame', safeRef(data));
        queue = queue.then(() =>
          module.handle(connection, frame).catch((error: unknown) => {
            const ref = frameRef(frame);
            if (error instanceof AppError) return connection.error(error.code, ref);
            if (error instanceof Error && isErrorCode(error.message))
              return connection.error(error.message, ref);
            app.log.error({ err: error, frame: frame.type }, 'websocket frame failed');
            connection.error('internal', ref);
          }),
        );
      });
      socket.on('close', () => {
        connections.delete(connection);
        leaveUserHub(actor.user.id, connection);
        for (const module of deps.modules) {
          try {
            module.close?.(connection);
          } catch (error) {
            app.log.error({ err: error, module: module.name }, 'websocket module failed to close');
          }
        }
      });
    },
  );
}

/** What an error frame refers to: the frame's clientId, else its groupId or roomId, so the client can match it. */
function frameRef(frame: ClientFrame): string | undefined {
  const record = frame as Record<string, unknown>;
  const ref = record.clientId ?? record.groupId ?? record.roomId;
  return typeof ref === 'string' ? ref : undefined;
}

/** The ref of a frame that failed validation, when it has one. */
function safeRef(data: unknown): string | undefined {
  try {
    const value = JSON.parse(String(data)) as Record<string, unknown>;
    const ref = value.clientId ?? value.groupId ?? value.roomId;
    return typeof ref === 'string' && ref.length <= 64 ? ref : undefined;
  } catch {
    return undefined;
  }
}
