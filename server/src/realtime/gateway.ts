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
  wsClose,
} from '@spejl/shared';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { Bus } from '../bus/bus.ts';
import { actorOf, requireAuth } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import type { Actor } from '../modules/auth/auth.policy.ts';
import { defaultRealtimeLimits, type RealtimeLimits } from './limits.ts';

/** One open socket, as the domain modules see it. */
export interface GatewayConnection {
  readonly id: string;
  readonly actor: Actor;
  readonly locale: Locale;
  send(frame: ServerFrame): void;
  /** Sends a frame serialised once for many connections (`prepareFrame`): fan-out without one JSON.stringify each. */
  sendPrepared(frame: PreparedFrame): void;
  /**
   * Sends an `error` frame with the translated message; the connection stays open. `ref` names what it is about (a
   * clientId, groupId or roomId) and `frame` the type of the client frame it answers, so the client can retry it.
   */
  error(code: ErrorCode, ref?: string, frame?: ClientFrame['type']): void;
  /** False once the socket is closing or closed: a module stops working for it after any await. */
  readonly open: boolean;
  /**
   * Resolves once the client has read most of what was sent (true), or the socket closed (false). A module that
   * sends a lot at once (a replay) waits on it between frames, so an honest slow reader is paced, not closed.
   */
  drained(): Promise<boolean>;
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
  /** Caps on open sockets per person and per address, and on what one socket may leave unsent. */
  limits?: RealtimeLimits;
}

/** Frames per connection: a burst of 30, refilled at 10 per second. */
const bucketSize = 30;
const refillPerSecond = 10;
/** `drained()` waits until the unsent bytes are below this share of the limit, checking this often. */
const drainedShare = 0.25;
const drainedPollMs = 20;

/** The WebSocket gateway at /api/ws: authenticates before the upgrade, validates every frame, routes it to its module. */
export async function registerGateway(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const { bus } = deps;
  const caps = deps.limits ?? defaultRealtimeLimits;
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
    readonly address: string;
    /** Set by the heartbeat's ping and cleared by the client's pong: nothing else the client sends proves it reads. */
    awaitingPong = false;
    tokens = bucketSize;
    refilledAt = Date.now();

    constructor(socket: WebSocket, actor: Actor, locale: Locale, address: string) {
      this.socket = socket;
      this.actor = actor;
      this.locale = locale;
      this.address = address;
    }

    get open(): boolean {
      return this.socket.readyState === this.socket.OPEN;
    }

    send(frame: ServerFrame) {
      this.write(Buffer.from(JSON.stringify(frame)));
    }

    sendPrepared(frame: PreparedFrame) {
      this.write(frame.data);
    }

    /**
     * Every frame goes through here. What the client has not read stays in this process (`bufferedAmount`), so a
     * client that stops reading would hold memory without bound: once a frame would take it past the limit, the
     * socket is closed instead, and the client resumes from its cursors when it reconnects. One frame always goes
     * to an empty buffer, however large.
     */
    private write(data: Buffer) {
      if (!this.open) return;
      const buffered = this.socket.bufferedAmount;
      if (buffered > 0 && buffered + data.length > caps.maxBufferedBytes) return this.closeTooSlow();
      this.socket.send(data, { binary: false });
    }

    private closeTooSlow() {
      app.log.info(
        { userId: this.actor.user.id, bufferedBytes: this.socket.bufferedAmount },
        'websocket closed: the client reads too slowly',
      );
      this.socket.close(wsClose.tooSlow, 'too slow');
      // Unread, the close never arrives: cut the connection then, so the bytes it holds are freed.
      setTimeout(() => this.socket.terminate(), caps.slowCloseGraceMs ?? 5000).unref();
    }

    async drained(): Promise<boolean> {
      const lowWater = caps.maxBufferedBytes * drainedShare;
      // A client that never reads stops answering pings too, so the heartbeat ends this wait by closing the socket.
      while (this.open && this.socket.bufferedAmount > lowWater)
        await new Promise((resolve) => setTimeout(resolve, drainedPollMs));
      return this.open;
    }

    error(code: ErrorCode, ref?: string, frame?: ClientFrame['type']) {
      this.send({
        type: 'error',
        code,
        message: translate(this.locale, `error.${code}`),
        ...(ref ? { ref } : {}),
        ...(frame ? { frame } : {}),
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
        if (endsThis) this.socket.close(wsClose.sessionEnded, 'session ended');
        return;
      }
      if (event.type === 'notification') this.send(event as ServerFrame);
      for (const module of deps.modules) module.onUserEvent?.(this, event);
    }
  }

  const connections = new Set<Connection>();
  const openPerUser = new Map<string, number>();
  const openPerAddress = new Map<string, number>();
  const adjust = (counts: Map<string, number>, key: string, by: number) => {
    const next = (counts.get(key) ?? 0) + by;
    if (next > 0) counts.set(key, next);
    else counts.delete(key);
  };
  /** The close code that refuses one more socket for this person or address, or null when it may open. */
  function capRefusal(userId: string, address: string): number | null {
    const { maxSocketsPerUser, maxSocketsPerAddress } = caps;
    if (maxSocketsPerUser > 0 && (openPerUser.get(userId) ?? 0) >= maxSocketsPerUser)
      return wsClose.tooManyForUser;
    if (maxSocketsPerAddress > 0 && (openPerAddress.get(address) ?? 0) >= maxSocketsPerAddress)
      return wsClose.tooManyForAddress;
    return null;
  }
  /**
   * The heartbeat visits the sockets a slice at a time, each slice once per `heartbeatMs`: pinging 10,000 sockets
   * (and asking about 10,000 sessions) in one go stalled every socket for a tenth of a second every beat (bench W2's
   * tail). Sockets join the slices in turn; each is still pinged, and its session checked, once per beat.
   */
  const heartbeatMs = deps.heartbeatMs ?? 30_000;
  const sliceCount = Math.min(60, Math.max(1, Math.round(heartbeatMs / 1000)));
  const slices = Array.from({ length: sliceCount }, () => new Set<Connection>());
  let nextSlice = 0;
  let beat = 0;
  const checking = new Set<Set<Connection>>();
  async function closeEndedSessions(slice: Set<Connection>) {
    if (!deps.liveSessions || checking.has(slice) || slice.size === 0) return;
    checking.add(slice);
    try {
      // Only the sockets whose sessions were asked about: one that opened while the query ran is not in its answer,
      // and closing it as "session ended" told a signed-in person to sign in again (and lost the load benchmark's
      // subscribes on it).
      const checked = [...slice];
      const live = await deps.liveSessions([...new Set(checked.map((c) => c.actor.session.id))]);
      for (const connection of checked)
        if (!live.has(connection.actor.session.id))
          connection.socket.close(wsClose.sessionEnded, 'session ended');
    } catch (error) {
      app.log.warn({ err: error }, 'session check for open sockets failed');
    } finally {
      checking.delete(slice);
    }
  }
  // A socket that has not answered the last ping by the next beat is cut. Only the pong counts: a client that keeps
  // sending frames but stops reading would otherwise stay forever, holding everything sent to it.
  const heartbeat = setInterval(() => {
    const slice = slices[beat++ % sliceCount]!;
    for (const connection of slice) {
      if (connection.awaitingPong) {
        connection.socket.terminate();
        continue;
      }
      connection.awaitingPong = true;
      connection.socket.ping();
    }
    void closeEndedSessions(slice);
  }, heartbeatMs / sliceCount);
  heartbeat.unref();
  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
    for (const module of deps.modules) module.stop?.();
    for (const connection of connections) connection.socket.close(wsClose.goingAway, 'server shutting down');
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
      // Counted here, where the socket joins synchronously, so a burst of handshakes cannot all pass the check. The
      // socket opens and closes at once with the code, which a browser can read (an HTTP refusal it could not).
      const refusal = capRefusal(actor.user.id, request.ip);
      if (refusal !== null) {
        request.log.info({ userId: actor.user.id, code: refusal }, 'websocket refused: too many open');
        socket.close(refusal, 'too many connections');
        return;
      }
      const connection = new Connection(socket, actor, request.locale, request.ip);
      connections.add(connection);
      const slice = slices[nextSlice++ % sliceCount]!;
      slice.add(connection);
      adjust(openPerUser, actor.user.id, 1);
      adjust(openPerAddress, connection.address, 1);
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
        connection.awaitingPong = false;
      });
      // Every frame is answered: by its module, or here with an error frame that names it (ref and type) the same
      // way whatever refused it, so the client can tell which of its frames to send again.
      socket.on('message', (data, isBinary) => {
        const allowed = connection.allowFrame();
        const value = isBinary ? undefined : parseJson(data);
        const about = describeFrame(value);
        if (!allowed) return connection.error('rate_limited', about.ref, about.frame);
        const parsed = clientFrame.safeParse(value);
        if (!parsed.success) return connection.error('ws.bad_frame', about.ref, about.frame);
        const frame = parsed.data;
        if (frame.type === 'ping') return connection.send({ type: 'pong' });
        const module = routes.get(frame.type);
        if (!module) return connection.error('ws.bad_frame', about.ref, frame.type);
        queue = queue.then(() =>
          module.handle(connection, frame).catch((error: unknown) => {
            if (error instanceof AppError) return connection.error(error.code, about.ref, frame.type);
            if (error instanceof Error && isErrorCode(error.message))
              return connection.error(error.message, about.ref, frame.type);
            app.log.error({ err: error, frame: frame.type }, 'websocket frame failed');
            connection.error('internal', about.ref, frame.type);
          }),
        );
      });
      socket.on('close', () => {
        connections.delete(connection);
        slice.delete(connection);
        adjust(openPerUser, actor.user.id, -1);
        adjust(openPerAddress, connection.address, -1);
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

const clientFrameTypes = new Set<string>(clientFrame.options.map((option) => option.shape.type.value));

function parseJson(data: unknown): unknown {
  try {
    return JSON.parse(String(data));
  } catch {
    return undefined;
  }
}

/**
 * What an error frame refers to, read from the frame as sent (valid or not): its clientId, else its groupId or
 * roomId, and its type when it is one the protocol knows.
 */
function describeFrame(value: unknown): { ref?: string; frame?: ClientFrame['type'] } {
  if (typeof value !== 'object' || value === null) return {};
  const record = value as Record<string, unknown>;
  const ref = record.clientId ?? record.groupId ?? record.roomId;
  const type = record.type;
  return {
    ...(typeof ref === 'string' && ref.length <= 64 ? { ref } : {}),
    ...(typeof type === 'string' && clientFrameTypes.has(type) ? { frame: type as ClientFrame['type'] } : {}),
  };
}
