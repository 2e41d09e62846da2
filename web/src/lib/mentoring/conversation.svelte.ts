import type { Message } from '@spejl/shared';
import { conversationApi } from '../api/mentoring.ts';

type Frame =
  | { type: 'subscribed'; groupId: string; lastSeq: number }
  | {
      type: 'message.created' | 'message.updated' | 'message.deleted';
      groupId: string;
      seq: number;
      message: Message;
    }
  | { type: 'error'; code: string }
  | { type: string };

/** Reconnect after 1, 2, 4 … seconds, at most every 30. */
const maxDelayMs = 30_000;

/**
 * The pair's conversation as a live list: the history over REST, then the chat's WebSocket (`subscribe` with
 * `sinceSeq`, so a reconnect replays exactly what was missed). Sending goes over REST with a client id, so a retry
 * never posts twice.
 */
export class Conversation {
  messages = $state<Message[]>([]);
  state = $state<'connecting' | 'live' | 'offline' | 'closed'>('connecting');
  /** The newest message from the other person, for the live region. */
  announcement = $state('');
  hasOlder = $state(false);

  private readonly groupId: string;
  private readonly myId: string;
  private lastSeq = 0;
  private socket: WebSocket | null = null;
  private stopped = false;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

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

  /** Opens the live connection (in the browser only). */
  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
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

  private connect(): void {
    if (this.stopped) return;
    this.state = this.attempts === 0 ? 'connecting' : 'offline';
    const socket = new WebSocket(
      `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/ws`,
    );
    this.socket = socket;
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify({ type: 'subscribe', groupId: this.groupId, sinceSeq: this.lastSeq }));
    });
    socket.addEventListener('message', (event) => {
      let frame: Frame;
      try {
        frame = JSON.parse(String(event.data)) as Frame;
      } catch {
        return;
      }
      this.onFrame(frame);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      if (this.state !== 'closed') this.state = 'offline';
      const delay = Math.min(maxDelayMs, 1000 * 2 ** this.attempts);
      this.attempts += 1;
      this.timer = setTimeout(() => this.connect(), delay);
    });
  }

  private onFrame(frame: Frame): void {
    switch (frame.type) {
      case 'subscribed':
        this.attempts = 0;
        this.state = 'live';
        return;
      case 'message.created':
      case 'message.updated':
      case 'message.deleted': {
        const { message } = frame as { message: Message };
        if (message.groupId === this.groupId) this.add(message, frame.type === 'message.created');
        return;
      }
      case 'error':
        // The conversation is gone for this person (the match was removed): stop trying.
        if ((frame as { code: string }).code === 'not_found') {
          this.state = 'closed';
          this.stop();
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
