import type { ClientFrame, ServerFrame } from '@spejl/shared';

export type SocketState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'ended';

/** Reconnect waits grow 0.5 s, 1 s, 2 s … up to 15 s, with jitter so a restarted server is not hit all at once. */
function backoff(attempt: number): number {
  const base = Math.min(15_000, 500 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

/**
 * The one WebSocket of a signed-in browser tab, at /api/ws. It reconnects by itself; whoever listens with
 * `onOpen` subscribes again with their resume cursor, so nothing is lost while it was away.
 */
class RealtimeSocket {
  state = $state<SocketState>('idle');
  private socket: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly frameHandlers = new Set<(frame: ServerFrame) => void>();
  private readonly openHandlers = new Set<() => void>();
  private wanted = false;

  /** Starts the connection (idempotent). */
  start(): void {
    if (typeof window === 'undefined') return;
    this.wanted = true;
    if (this.socket || this.retryTimer) return;
    window.addEventListener('online', this.retryNow);
    this.connect();
  }

  /** Closes the connection, for example at sign-out. */
  stop(): void {
    this.wanted = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket?.close(1000, 'bye');
    this.socket = null;
    this.state = 'idle';
    if (typeof window !== 'undefined') window.removeEventListener('online', this.retryNow);
  }

  /** Sends a frame when connected; returns false when it could not be sent now. */
  send(frame: ClientFrame): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  get open(): boolean {
    return this.state === 'open';
  }

  /** Listens to every frame; returns the function that stops listening. */
  onFrame(handler: (frame: ServerFrame) => void): () => void {
    this.frameHandlers.add(handler);
    return () => this.frameHandlers.delete(handler);
  }

  /** Called on every (re)connection, and at once when already connected. */
  onOpen(handler: () => void): () => void {
    this.openHandlers.add(handler);
    if (this.open) handler();
    return () => this.openHandlers.delete(handler);
  }

  private retryNow = () => {
    if (!this.wanted || this.socket) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  };

  private connect() {
    this.state = this.attempt === 0 ? 'connecting' : 'reconnecting';
    const url = new URL('/api/ws', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.attempt = 0;
      this.state = 'open';
      for (const handler of this.openHandlers) handler();
    });
    socket.addEventListener('message', (event) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(event.data)) as ServerFrame;
      } catch {
        return;
      }
      for (const handler of this.frameHandlers) handler(frame);
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      // 4001: the session ended (signed out elsewhere); reconnecting would only be refused.
      if (!this.wanted || event.code === 4001) {
        this.state = event.code === 4001 ? 'ended' : 'idle';
        return;
      }
      this.state = 'reconnecting';
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.connect();
      }, backoff(this.attempt));
      this.attempt += 1;
    });
  }
}

export const realtime = new RealtimeSocket();
