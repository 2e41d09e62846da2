import { groupMemberships, sessions, users } from '@spejl/db';
import { type ServerFrame, sessionPolicy } from '@spejl/shared';
import WebSocket from 'ws';
import { sessionCookieName } from '../modules/auth/auth.cookies.ts';
import { generateToken, hashToken } from '../modules/auth/auth.tokens.ts';
import { type TestApp, testOrigin } from '../testing/app.ts';

/** Someone seeded straight into the database with one session of their own (no argon2, no sign-up limit). */
export interface SeededPerson {
  id: string;
  cookie: string;
}

/**
 * `count` people, each with their own session, as members of `groupId` when given: what the load benchmark seeds,
 * for tests that need thousands of distinct sockets. Times come from the test app's clock.
 */
export async function seedPeople(t: TestApp, count: number, groupId?: string): Promise<SeededPerson[]> {
  const now = t.clock.now().getTime();
  const seeded: SeededPerson[] = [];
  const tag = `${now.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  for (let offset = 0; offset < count; offset += 500) {
    const size = Math.min(500, count - offset);
    const rows = await t.database.db
      .insert(users)
      .values(
        Array.from({ length: size }, (_, index) => ({
          email: `seeded-${tag}-${offset + index}@example.test`,
          passwordHash: 'seeded:no-password-login',
          displayName: `Deltager ${offset + index}`,
          emailVerifiedAt: new Date(now),
        })),
      )
      .returning({ id: users.id });
    const tokens = rows.map(() => generateToken());
    await t.database.db.insert(sessions).values(
      rows.map((row, index) => ({
        tokenHash: hashToken(tokens[index]!),
        userId: row.id,
        createdAt: new Date(now),
        lastSeenAt: new Date(now),
        expiresAt: new Date(now + sessionPolicy.idleMs),
        absoluteExpiresAt: new Date(now + sessionPolicy.absoluteMs),
        userAgent: 'seeded',
      })),
    );
    if (groupId)
      await t.database.db
        .insert(groupMemberships)
        .values(rows.map((row) => ({ groupId, userId: row.id, joinedAt: new Date(now) })));
    rows.forEach((row, index) => {
      seeded.push({ id: row.id, cookie: `${sessionCookieName(false)}=${tokens[index]}` });
    });
  }
  return seeded;
}

/** A real WebSocket client that records every frame and how the server closed it. */
export class SocketClient {
  readonly frames: ServerFrame[] = [];
  readonly ws: WebSocket;
  closed: { code: number } | null = null;

  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => this.frames.push(JSON.parse(String(data)) as ServerFrame));
    ws.on('close', (code) => {
      this.closed = { code };
    });
  }

  send(frame: unknown) {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  of<T extends ServerFrame['type']>(type: T) {
    return this.frames.filter((frame) => frame.type === type) as Array<Extract<ServerFrame, { type: T }>>;
  }

  /** Stops reading from the TCP socket, as a client that has stopped reading would: the server's writes pile up. */
  pauseReading() {
    (this.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  }

  resumeReading() {
    (this.ws as unknown as { _socket: { resume(): void } })._socket.resume();
  }

  close() {
    this.ws.close();
  }
}

/** Opens a socket with a session cookie and the app's origin; resolves once open (a cap may close it at once). */
export function openSocket(url: string, cookie: string, options: { autoPong?: boolean } = {}) {
  return new Promise<SocketClient>((resolve, reject) => {
    const ws = new WebSocket(url, {
      headers: { origin: testOrigin, cookie },
      perMessageDeflate: false,
      ...(options.autoPong === false ? { autoPong: false } : {}),
    });
    const client = new SocketClient(ws);
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`status ${response.statusCode}`)),
    );
    ws.once('error', reject);
  });
}

/** The address of a listening test app's WebSocket. */
export function socketUrl(t: TestApp): string {
  const address = t.app.server.address();
  return `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/ws`;
}

/** Polls until `check` holds, or fails with `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
