import type { ClientFrame, ServerFrame } from '@spejl/shared';
import { RtcSession } from './rtc-session.svelte.ts';

/**
 * A mentorship's video call over its own connection to /api/ws: it follows who is in the call (`call.watch`)
 * while the conversation is open, and carries the call's signalling once the person joins. Reconnects by itself;
 * a dropped connection ends the call on this side (the person joins again).
 */
export class CallConnection {
  inCall = $state<Array<{ userId: string; displayName: string }>>([]);
  readonly session: RtcSession;
  private socket: WebSocket | null = null;
  private readonly matchId: string;
  private stopped = false;
  private retries = 0;

  constructor(matchId: string) {
    this.matchId = matchId;
    this.session = new RtcSession({ kind: 'call', id: matchId }, (frame) => this.send(frame));
    this.session.autoPublish = true;
  }

  start(): void {
    this.stopped = false;
    const url = new URL('/api/ws', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.retries = 0;
      socket.send(JSON.stringify({ type: 'call.watch', matchId: this.matchId }));
    });
    socket.addEventListener('message', (event) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(event.data)) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'call.state' && frame.matchId === this.matchId) this.inCall = frame.inCall;
      this.session.receive(frame);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket || this.stopped) return;
      this.session.reset();
      const wait = Math.min(15_000, 500 * 2 ** this.retries);
      this.retries += 1;
      setTimeout(() => {
        if (!this.stopped) this.start();
      }, wait);
    });
  }

  stop(): void {
    this.stopped = true;
    this.session.destroy();
    this.socket?.close();
    this.socket = null;
  }

  private send(frame: ClientFrame): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }
}
