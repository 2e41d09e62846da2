import type { ClientFrame, ServerFrame } from '@spejl/shared';
import { afterClose } from './reconnect.ts';

/** How often a visible tab says it is still in front of the person (the server's window is 90 s). */
const activityEveryMs = 45_000;

/** `limited`: a cap on open connections refused this one (`limitReason` says which); it is tried again slowly. */
export type SocketState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'limited' | 'ended';

/**
 * The one WebSocket of a signed-in browser tab, at /api/ws: group chat, mentorship conversations, the moderation
 * queue, notifications, webinar rooms and video calls all subscribe through it. It reconnects by itself, as the server's close code says
 * (`reconnect.ts`); whoever listens with `onOpen` subscribes again with their resume cursor, so nothing is lost while
 * it was away.
 */
class RealtimeSocket {
  state = $state<SocketState>('idle');
  /** Why the connection is `limited`: too many for this person, or for this network address. */
  limitReason = $state<'user' | 'address' | null>(null);
  private socket: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly frameHandlers = new Set<(frame: ServerFrame) => void>();
  private readonly openHandlers = new Set<() => void>();
  private readonly closeHandlers = new Set<() => void>();
  private wanted = false;
  private activityTimer: ReturnType<typeof setInterval> | null = null;

  /** Starts the connection (idempotent). */
  start(): void {
    if (typeof window === 'undefined') return;
    this.wanted = true;
    if (this.socket || this.retryTimer) return;
    window.addEventListener('online', this.retryNow);
    // A person told to close other tabs comes back here after doing so: try again then, not a minute later.
    window.addEventListener('focus', this.retryIfLimited);
    document.addEventListener('visibilitychange', this.tellActivity);
    this.activityTimer = setInterval(this.tellActivity, activityEveryMs);
    this.connect();
  }

  /** Closes the connection, for example at sign-out. */
  stop(): void {
    this.wanted = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const wasOpen = this.open;
    this.socket?.close(1000, 'bye');
    this.socket = null;
    this.state = 'idle';
    if (wasOpen) for (const handler of this.closeHandlers) handler();
    this.limitReason = null;
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.retryNow);
      window.removeEventListener('focus', this.retryIfLimited);
      document.removeEventListener('visibilitychange', this.tellActivity);
    }
    if (this.activityTimer) clearInterval(this.activityTimer);
    this.activityTimer = null;
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

  /**
   * Called when an open connection is lost or closed (a video call on this side ends then; a room shows that it is
   * reconnecting). `onOpen` follows when it is back.
   */
  onClose(handler: () => void): () => void {
    this.closeHandlers.add(handler);
    return () => this.closeHandlers.delete(handler);
  }

  /** Called on every (re)connection, and at once when already connected. */
  onOpen(handler: () => void): () => void {
    this.openHandlers.add(handler);
    if (this.open) handler();
    return () => this.openHandlers.delete(handler);
  }

  /**
   * Tells the server whether this tab is in front of the person, so no push goes to their phone while they are
   * reading here (and pushes resume once the tab is hidden). Repeated while visible: the server forgets it after
   * 90 seconds, so a tab that died without saying so does not silence push for long.
   */
  private tellActivity = () => {
    if (document.visibilityState === 'hidden') {
      this.send({ type: 'activity', visible: false });
      return;
    }
    this.send({ type: 'activity', visible: true });
  };

  private retryNow = () => {
    if (!this.wanted || this.socket) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  };

  private retryIfLimited = () => {
    if (this.state === 'limited') this.retryNow();
  };

  private connect() {
    if (this.state !== 'limited') this.state = this.attempt === 0 ? 'connecting' : 'reconnecting';
    const url = new URL('/api/ws', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      // A socket over a cap is opened and closed at once: only a connection that stays counts as open.
      this.attempt = 0;
      this.state = 'open';
      this.limitReason = null;
      this.tellActivity();
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
      if (this.state === 'open') for (const handler of this.closeHandlers) handler();
      if (!this.wanted) {
        this.state = 'idle';
        return;
      }
      const next = afterClose(event.code, this.attempt);
      if (next.action === 'signedOut') {
        // The session ended (signed out elsewhere): reconnecting would only be refused.
        this.state = 'ended';
        return;
      }
      if (next.action === 'limited') {
        this.state = 'limited';
        this.limitReason = next.reason;
      } else if (this.state !== 'limited') this.state = 'reconnecting';
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.connect();
      }, next.delayMs);
      this.attempt += 1;
    });
  }
}

export const realtime = new RealtimeSocket();
