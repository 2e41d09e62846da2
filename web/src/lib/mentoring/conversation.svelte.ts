import type { Message, ServerFrame } from '@spejl/shared';
import { conversationApi } from '../api/mentoring.ts';
import { backoff, isPassingRefusal } from '../realtime/reconnect.ts';
import { realtime } from '../realtime/socket.svelte.ts';

/**
 * The pair's conversation as a live list: the history over REST, then the tab's shared socket (`subscribe` with
 * `sinceSeq` on every (re)connection, so a reconnect replays exactly what was missed). Sending goes over REST with a
 * client id, so a retry never posts twice.
 */
export class Conversation {
  messages = $state<Message[]>([]);
  /** The newest message from the other person, for the live region. */
  announcement = $state('');
  hasOlder = $state(false);

  private readonly groupId: string;
  private readonly myId: string;
  private lastSeq = 0;
  /** The server answered this connection's subscribe; false again whenever the socket reconnects. */
  private subscribed = $state(false);
  /** The conversation is gone for this person (the match was removed): nothing to reconnect to. */
  private gone = $state(false);
  private readonly stops: Array<() => void> = [];
  private subscribeAttempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    groupId: string,
    myId: string,
    page: { items: Message[]; nextCursor: string | null; lastSeq: number },
  ) {
    this.groupId = groupId;
    this.myId = myId;
    this.messages = page.items.filter((message) => message.threadId === null);
    this.lastSeq = page.lastSeq;
    this.hasOlder = page.nextCursor !== null;
  }

  /** `limited`: a cap on open connections refused the tab's socket (the page header says why). */
  get state(): 'connecting' | 'live' | 'offline' | 'limited' | 'closed' {
    if (this.gone) return 'closed';
    if (realtime.state === 'limited') return 'limited';
    if (realtime.state === 'open') return this.subscribed ? 'live' : 'connecting';
    return realtime.state === 'reconnecting' ? 'offline' : 'connecting';
  }

  /** Joins the live stream on the shared socket (in the browser only). */
  start(): void {
    this.stops.push(realtime.onFrame((frame) => this.onFrame(frame)));
    this.stops.push(
      realtime.onOpen(() => {
        this.subscribed = false;
        this.subscribe();
      }),
    );
    realtime.start();
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    clearTimeout(this.retryTimer);
    realtime.send({ type: 'unsubscribe', groupId: this.groupId });
  }

  /** Sends a message; it appears at once and is never duplicated when the live copy arrives. */
  async send(body: string): Promise<void> {
    const clientId = crypto.randomUUID();
    const { message } = await conversationApi.send(this.groupId, clientId, body);
    this.add(message, false);
  }

  async loadOlder(): Promise<void> {
    const first = this.messages[0];
    if (!first) return;
    const page = await conversationApi.messages(this.groupId, { before: first.seq });
    for (const message of page.items) this.add(message, false);
    this.hasOlder = page.nextCursor !== null;
  }

  private subscribe(): void {
    if (this.gone) return;
    clearTimeout(this.retryTimer);
    realtime.send({ type: 'subscribe', groupId: this.groupId, sinceSeq: this.lastSeq });
  }

  private onFrame(frame: ServerFrame): void {
    if ('groupId' in frame && frame.groupId !== this.groupId) return;
    switch (frame.type) {
      case 'subscribed':
        this.subscribeAttempts = 0;
        this.subscribed = true;
        return;
      case 'message.created':
      case 'message.updated':
      case 'message.deleted':
        this.add(frame.message, frame.type === 'message.created');
        return;
      case 'membership.ended':
        this.gone = true;
        return;
      case 'error':
        if (frame.ref !== this.groupId) return;
        // The conversation is gone for this person (the match was removed): stop trying.
        if (frame.code === 'not_found' || frame.code === 'group.not_member') {
          this.gone = true;
          return;
        }
        // Refused or dropped for a passing reason: without a subscription nothing would arrive, so ask again.
        if (frame.frame === 'subscribe' && isPassingRefusal(frame.code)) {
          clearTimeout(this.retryTimer);
          this.retryTimer = setTimeout(() => this.subscribe(), backoff(this.subscribeAttempts));
          this.subscribeAttempts += 1;
        }
        return;
    }
  }

  private add(message: Message, live: boolean): void {
    this.lastSeq = Math.max(this.lastSeq, message.seq);
    if (message.threadId !== null) return;
    const index = this.messages.findIndex((item) => item.id === message.id);
    if (index >= 0) {
      this.messages[index] = message;
      return;
    }
    const at = this.messages.findIndex((item) => item.seq > message.seq);
    if (at === -1) this.messages.push(message);
    else this.messages.splice(at, 0, message);
    if (live && message.author && message.author.id !== this.myId && message.body)
      this.announcement = `${message.author.displayName}: ${message.body}`;
  }
}
