import type { ServerFrame } from '@spejl/shared';
import WebSocket from 'ws';
import { testOrigin } from '../../testing/app.ts';

type Frame<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

/** A real WebSocket client that records every frame it receives. */
export class Socket {
  readonly frames: ServerFrame[] = [];
  readonly ws: WebSocket;
  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => this.frames.push(JSON.parse(String(data)) as ServerFrame));
  }

  send(frame: Record<string, unknown>) {
    this.ws.send(JSON.stringify(frame));
  }

  /** The first frame of a type matching the test after `after`, waiting for it if needed. */
  async next<T extends ServerFrame['type']>(
    type: T,
    match: (frame: Frame<T>) => boolean = () => true,
    after = 0,
    timeoutMs = 5000,
  ): Promise<Frame<T>> {
    const started = Date.now();
    for (;;) {
      const found = this.frames.slice(after).find((frame) => frame.type === type && match(frame as Frame<T>));
      if (found) return found as Frame<T>;
      if (Date.now() - started > timeoutMs)
        throw new Error(`no ${type} frame; last: ${JSON.stringify(this.frames.slice(-4)).slice(0, 1500)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** The error frame answering something, by its ref (a link, a peer, a room or a match). */
  error(ref: string, after = 0) {
    return this.next('error', (frame) => frame.ref === ref, after);
  }

  of<T extends ServerFrame['type']>(type: T, after = 0): Frame<T>[] {
    return this.frames.slice(after).filter((frame) => frame.type === type) as Frame<T>[];
  }

  mark() {
    return this.frames.length;
  }

  close() {
    this.ws.close();
  }
}

/** Opens a socket with the person's session cookie against a listening app. */
export function connectAs(url: string, cookie: string | undefined, origin = testOrigin): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { origin, cookie: cookie ?? '' } });
    const socket = new Socket(ws);
    ws.once('open', () => resolve(socket));
    ws.once('error', reject);
  });
}

/** Waits a little for frames that must NOT arrive. */
export const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));
