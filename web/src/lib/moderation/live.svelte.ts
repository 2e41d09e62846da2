import type { ModerationSummary, ServerFrame } from '@spejl/shared';
import { moderationApi } from '../api/moderation.ts';
import { backoff, isPassingRefusal } from '../realtime/reconnect.ts';
import { realtime } from '../realtime/socket.svelte.ts';

type QueueFrame = Extract<ServerFrame, { type: 'moderation.queue' }>;

/**
 * The moderator's live view: the open count for the badge in the menu, and a change counter the queue pages
 * watch to reload. Only a moderator (with two-step verification) listens: on the tab's shared socket it subscribes
 * to every queue they review, again after each reconnection (the socket's own backoff and close codes decide when).
 */
class ModerationLive {
  summary = $state<ModerationSummary | null>(null);
  /** Bumped on every change to a queue the moderator reviews. */
  changes = $state(0);
  lastChange = $state<QueueFrame | null>(null);

  /** The server confirmed this connection's subscription; false again whenever the socket reconnects. */
  private subscribed = $state(false);
  private readonly listening: Array<() => void> = [];
  private subscribeAttempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private countTimer: ReturnType<typeof setTimeout> | undefined;

  /** Changes arrive live now. */
  get connected(): boolean {
    return this.subscribed && realtime.state === 'open';
  }

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
    if (typeof window === 'undefined') return;
    if (this.active && this.listening.length === 0) this.listen();
    if (!this.active && this.listening.length > 0) this.stopListening();
  }

  private listen(): void {
    this.listening.push(realtime.onFrame((frame) => this.onFrame(frame)));
    this.listening.push(
      realtime.onOpen(() => {
        this.subscribed = false;
        this.subscribe();
      }),
    );
    realtime.start();
  }

  private stopListening(): void {
    for (const stop of this.listening.splice(0)) stop();
    clearTimeout(this.retryTimer);
    this.subscribed = false;
    realtime.send({ type: 'moderation.unsubscribe' });
  }

  private subscribe(): void {
    clearTimeout(this.retryTimer);
    realtime.send({ type: 'moderation.subscribe' });
  }

  private onFrame(frame: ServerFrame): void {
    if (frame.type === 'moderation.subscribed') {
      this.subscribed = true;
      this.subscribeAttempts = 0;
    } else if (frame.type === 'moderation.queue') {
      this.lastChange = frame;
      this.changes += 1;
      // Several changes in a burst (a bulk action) cost one count request.
      clearTimeout(this.countTimer);
      this.countTimer = setTimeout(() => void this.refreshCountOnly(), 300);
    } else if (
      frame.type === 'error' &&
      frame.frame === 'moderation.subscribe' &&
      isPassingRefusal(frame.code)
    ) {
      // Refused (busy, or a rate limit): without the subscription the queue would look live and stay still.
      this.retryTimer = setTimeout(() => this.subscribe(), backoff(this.subscribeAttempts));
      this.subscribeAttempts += 1;
    }
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
