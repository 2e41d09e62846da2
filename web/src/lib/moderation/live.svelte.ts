import type { ModerationSummary, ServerFrame } from '@spejl/shared';
import { moderationApi } from '../api/moderation.ts';

type QueueFrame = Extract<ServerFrame, { type: 'moderation.queue' }>;

const maxBackoffMs = 30_000;

/**
 * The moderator's live view: the open count for the badge in the menu, and a change counter the queue pages
 * watch to reload. Only a moderator (with two-step verification) opens the socket; it subscribes to every queue
 * they review and reconnects with a growing pause when the connection drops.
 */
class ModerationLive {
  summary = $state<ModerationSummary | null>(null);
  /** Bumped on every change to a queue the moderator reviews. */
  changes = $state(0);
  lastChange = $state<QueueFrame | null>(null);
  connected = $state(false);

  private socket: WebSocket | null = null;
  private backoffMs = 1000;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private countTimer: ReturnType<typeof setTimeout> | undefined;

  get openCount(): number {
    return this.summary?.openCount ?? 0;
  }

  /** Moderates something and may use it now (not waiting for two-step verification). */
  get active(): boolean {
    return !!this.summary?.moderates && !this.summary.needsMfa;
  }

  async refresh(): Promise<void> {
    try {
      this.summary = await moderationApi.summary();
    } catch {
      // The badge is a hint; keep the last count rather than show an error in the menu.
    }
    this.sync();
  }

  clear(): void {
    this.summary = null;
    this.sync();
  }

  private sync(): void {
    if (this.active && !this.socket && typeof WebSocket !== 'undefined') this.connect();
    if (!this.active) this.disconnect();
  }

  private connect(): void {
    clearTimeout(this.reconnectTimer);
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/api/ws`);
    this.socket = socket;
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'moderation.subscribe' })));
    socket.addEventListener('message', (event) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(event.data)) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'moderation.subscribed') {
        this.connected = true;
        this.backoffMs = 1000;
      } else if (frame.type === 'moderation.queue') {
        this.lastChange = frame;
        this.changes += 1;
        // Several changes in a burst (a bulk action) cost one count request.
        clearTimeout(this.countTimer);
        this.countTimer = setTimeout(() => void this.refreshCountOnly(), 300);
      }
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.connected = false;
      if (!this.active) return;
      this.reconnectTimer = setTimeout(() => this.sync(), this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, maxBackoffMs);
    });
  }

  private disconnect(): void {
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.socket = null;
    this.connected = false;
    socket?.close();
  }

  private async refreshCountOnly(): Promise<void> {
    try {
      this.summary = await moderationApi.summary();
    } catch {
      // See refresh().
    }
  }
}

export const moderationLive = new ModerationLive();
