import type { ClientFrame, ServerFrame } from '@spejl/shared';
import { afterClose, backoff, isPassingRefusal } from '../realtime/reconnect.ts';
import { RtcSession } from './rtc-session.svelte.ts';

/**
 * A mentorship's video call over its own connection to /api/ws: it follows who is in the call (`call.watch`)
 * while the conversation is open, and carries the call's signalling once the person joins. Reconnects by itself;
 * a dropped connection ends the call on this side (the person joins again).
 */
export class CallConnection {
  inCall = $state<Array<{ userId: string; displayName: string }>>([]);
  /** A cap on open connections refused this one (too many for this person, or this address): it retries slowly. */
  limitReason = $state<'user' | 'address' | null>(null);
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
      this.limitReason = null;
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
      // Watching the call was refused for a passing reason: ask again, or the panel would never see the other join.
      if (frame.type === 'error' && frame.frame === 'call.watch' && isPassingRefusal(frame.code))
        setTimeout(
          () => {
            if (this.socket === socket && socket.readyState === WebSocket.OPEN)
              socket.send(JSON.stringify({ type: 'call.watch', matchId: this.matchId }));
          },
          backoff(this.retries++),
        );
      this.session.receive(frame);
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket || this.stopped) return;
      this.session.reset();
      // The server's close code decides (reconnect.ts); a signed-out session does not come back.
      const next = afterClose(event.code, this.retries);
      if (next.action === 'signedOut') return;
      this.limitReason = next.action === 'limited' ? next.reason : null;
      this.retries += 1;
      setTimeout(() => {
        if (!this.stopped) this.start();
      }, next.delayMs);
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
