import type { Message, ServerFrame } from '@spejl/shared';
import { plainText } from '@spejl/shared/markdown';
import { ApiError } from '../api/client.ts';
import { messagesApi } from '../api/messages.ts';
import { t } from '../i18n/i18n.svelte.ts';
import { backoff, isPassingRefusal } from '../realtime/reconnect.ts';
import { realtime } from '../realtime/socket.svelte.ts';
import {
  failPending,
  insertBySeq,
  mergeBySeq,
  type PendingMessage,
  replaceKnown,
  resendPending,
  settlePending,
} from './message-merge.ts';
import type { ConversationSource } from './source.ts';

export type { PendingMessage } from './message-merge.ts';

const pageSize = 50;
const typingShownMs = 5000;
const typingEveryMs = 3000;
/** A send refused this many times in a row for a passing reason is shown as failed, with "try again". */
const maxSendAttempts = 5;
/** How long an acknowledged message may take to arrive by its own frame before it is fetched. */
const ackGraceMs = 2000;

function newClientId(): string {
  return crypto.randomUUID();
}

/**
 * One group's conversation in the browser: history from REST, live frames from the shared socket, resume after a
 * reconnect (`subscribe{sinceSeq}`), messages waiting to be sent, the open thread, typing and presence.
 */
export class ChatRoom implements ConversationSource {
  readonly groupId: string;
  /** A group's chat takes photos and PDFs, uploaded to the group itself. */
  get attachmentsTo(): string {
    return this.groupId;
  }
  readonly myId: string;
  /** Top-level messages, oldest first. */
  messages = $state<Message[]>([]);
  /** Replies of the open thread, oldest first. */
  threadRoot = $state<Message | null>(null);
  threadMessages = $state<Message[]>([]);
  pending = $state<PendingMessage[]>([]);
  hasOlder = $state(false);
  loadingOlder = $state(false);
  /** Where "new messages" starts: the first seq after the person's read position when the page opened. */
  firstUnreadSeq = $state<number | null>(null);
  online = $state<string[]>([]);
  typing = $state<Array<{ userId: string; name: string; until: number }>>([]);
  /** Read positions of others (only those who share them), by user id. */
  readBy = $state<Record<string, number>>({});
  /** Polite announcement for screen readers: the newest message from someone else. */
  announcement = $state('');
  /** The message the announcement reads out: its text goes from the page too when it is deleted. */
  private announcedId: string | null = null;
  ended = $state(false);
  /** Why it ended: the group itself is gone (archived, or no longer there), not only this person's membership. */
  gone = $state(false);
  /** The newest seq this tab has seen (top level and threads): the resume cursor. */
  private lastSeq = 0;
  private lastReadSent = 0;
  private readonly names: Map<string, string>;
  private readonly stops: Array<() => void> = [];
  private typingTimer: ReturnType<typeof setInterval> | null = null;
  private typingSentAt = 0;
  /** Subscribes refused in a row for a passing reason, and the timer that tries again. */
  private subscribeAttempts = 0;
  private resubscribeTimer: ReturnType<typeof setTimeout> | null = null;
  /** Per waiting clientId: how often a passing refusal came back, and its retry timer. */
  private readonly sendRetries = new Map<
    string,
    { attempts: number; timer: ReturnType<typeof setTimeout> }
  >();

  constructor(groupId: string, myId: string, names: Map<string, string>) {
    this.groupId = groupId;
    this.myId = myId;
    this.names = names;
  }

  nameOf = (userId: string): string => this.names.get(userId) ?? t('chat.unknownMember');

  /** Loads the latest page, then joins the live stream from where the page ended. */
  async start(initial: { lastReadSeq: number | null }): Promise<void> {
    const page = await messagesApi.list(this.groupId, { limit: pageSize });
    this.messages = page.items;
    this.hasOlder = page.nextCursor !== null;
    this.lastSeq = page.lastSeq;
    const lastRead = initial.lastReadSeq ?? 0;
    const firstUnread = page.items.find(
      (message) => message.seq > lastRead && message.author?.id !== this.myId,
    );
    this.firstUnreadSeq = firstUnread && lastRead > 0 ? firstUnread.seq : null;
    this.stops.push(realtime.onFrame((frame) => this.onFrame(frame)));
    this.stops.push(realtime.onOpen(() => this.resume()));
    realtime.start();
    this.typingTimer = setInterval(() => {
      const now = Date.now();
      if (this.typing.some((entry) => entry.until <= now))
        this.typing = this.typing.filter((entry) => entry.until > now);
    }, 1000);
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    if (this.typingTimer) clearInterval(this.typingTimer);
    if (this.resubscribeTimer) clearTimeout(this.resubscribeTimer);
    for (const retry of this.sendRetries.values()) clearTimeout(retry.timer);
    this.sendRetries.clear();
    realtime.send({ type: 'unsubscribe', groupId: this.groupId });
  }

  /** After every (re)connection: subscribe from the cursor, then send what was waiting. */
  private resume() {
    if (this.ended) return;
    this.subscribe();
    for (const item of this.pending) if (item.status === 'sending') this.transmit(item);
  }

  private subscribe() {
    if (this.resubscribeTimer) clearTimeout(this.resubscribeTimer);
    this.resubscribeTimer = null;
    realtime.send({ type: 'subscribe', groupId: this.groupId, sinceSeq: this.lastSeq });
  }

  /**
   * The server refused or dropped the subscription for a passing reason (busy, a failed replay): without it this
   * room would look connected and receive nothing, so subscribe again from the cursor, waiting longer each time.
   */
  private resubscribeLater() {
    if (this.ended || this.resubscribeTimer) return;
    this.resubscribeTimer = setTimeout(() => this.subscribe(), backoff(this.subscribeAttempts));
    this.subscribeAttempts += 1;
  }

  async loadOlder(): Promise<void> {
    const oldest = this.messages[0];
    if (!oldest || this.loadingOlder) return;
    this.loadingOlder = true;
    try {
      const page = await messagesApi.list(this.groupId, { before: oldest.seq, limit: pageSize });
      this.messages = mergeBySeq(this.messages, page.items);
      this.hasOlder = page.nextCursor !== null;
    } finally {
      this.loadingOlder = false;
    }
  }

  async openThread(root: Message): Promise<void> {
    this.threadRoot = root;
    this.threadMessages = [];
    const page = await messagesApi.list(this.groupId, { threadId: root.id, limit: 100 });
    if (this.threadRoot?.id === root.id) this.threadMessages = page.items;
  }

  closeThread(): void {
    this.threadRoot = null;
    this.threadMessages = [];
  }

  /** Sends a message (or a reply when threadId is given). Retries reuse the clientId, so nothing is posted twice. */
  send(body: string, threadId: string | null = null, attachments: string[] = []): void {
    const item: PendingMessage = {
      clientId: newClientId(),
      body,
      threadId,
      ...(attachments.length > 0 ? { attachments } : {}),
      status: 'sending',
      error: null,
    };
    this.pending = [...this.pending, item];
    this.transmit(item);
  }

  retry(clientId: string): void {
    const item = this.pending.find((entry) => entry.clientId === clientId);
    if (!item) return;
    this.sendRetries.delete(clientId);
    this.pending = resendPending(this.pending, clientId);
    this.transmit({ ...item, status: 'sending' });
  }

  discard(clientId: string): void {
    this.pending = settlePending(this.pending, clientId);
  }

  /** Over the socket when it is open, else over REST; both are idempotent by clientId. */
  private transmit(item: PendingMessage) {
    const frame = {
      type: 'message.send' as const,
      groupId: this.groupId,
      clientId: item.clientId,
      body: item.body,
      ...(item.threadId ? { threadId: item.threadId } : {}),
      ...(item.attachments ? { attachments: item.attachments } : {}),
    };
    if (realtime.send(frame)) return;
    if (!navigator.onLine) return; // Sent when the socket is back (resume()).
    messagesApi
      .post(this.groupId, {
        clientId: item.clientId,
        body: item.body,
        ...(item.threadId ? { threadId: item.threadId } : {}),
        ...(item.attachments ? { attachments: item.attachments } : {}),
      })
      .then(({ message }) => this.received(message, item.clientId))
      .catch((error: unknown) => {
        // A network failure waits for the socket; a refusal (too long, muted, removed) is shown with its reason.
        if (error instanceof ApiError && error.status !== 0) this.fail(item.clientId, error.message);
      });
  }

  private fail(clientId: string, message: string) {
    this.pending = failPending(this.pending, clientId, message);
  }

  async edit(message: Message, body: string): Promise<void> {
    const { message: updated } = await messagesApi.edit(message.id, body);
    this.replace(updated);
  }

  async remove(message: Message): Promise<void> {
    await messagesApi.remove(message.id);
  }

  async toggleReaction(message: Message, emoji: string): Promise<void> {
    const mine = message.reactions.find((reaction) => reaction.emoji === emoji)?.mine ?? false;
    const { message: updated } = mine
      ? await messagesApi.unreact(message.id, emoji)
      : await messagesApi.react(message.id, emoji);
    this.replace(updated);
  }

  /** Tells the others (and the server) how far this person has read; sent when the newest message is on screen. */
  markRead(): void {
    const newest = Math.max(this.lastSeq, this.messages.at(-1)?.seq ?? 0);
    if (newest <= this.lastReadSent) return;
    this.lastReadSent = newest;
    if (!realtime.send({ type: 'read', groupId: this.groupId, seq: newest }))
      void messagesApi.markRead(this.groupId, newest).catch(() => {});
  }

  /** Says "I am typing" at most every three seconds, however fast the keys go. */
  typingNow(): void {
    const now = Date.now();
    if (now - this.typingSentAt < typingEveryMs) return;
    this.typingSentAt = now;
    realtime.send({ type: 'typing', groupId: this.groupId });
  }

  private replace(message: Message) {
    if (message.threadId === null) {
      this.messages = replaceKnown(this.messages, message);
      if (this.threadRoot?.id === message.id) this.threadRoot = message;
    } else if (this.threadRoot?.id === message.threadId) {
      this.threadMessages = insertBySeq(this.threadMessages, message);
    }
  }

  private received(message: Message, clientId?: string) {
    this.lastSeq = Math.max(this.lastSeq, message.seq);
    if (message.author?.id === this.myId) {
      const ownClientId = clientId ?? message.clientId;
      this.pending = settlePending(this.pending, ownClientId);
      const retry = this.sendRetries.get(ownClientId);
      if (retry) clearTimeout(retry.timer);
      this.sendRetries.delete(ownClientId);
    }
    if (message.threadId === null) this.messages = insertBySeq(this.messages, message);
    else if (this.threadRoot?.id === message.threadId)
      this.threadMessages = insertBySeq(this.threadMessages, message);
  }

  private onFrame(frame: ServerFrame) {
    if ('groupId' in frame && frame.groupId !== this.groupId) return;
    switch (frame.type) {
      case 'message.created': {
        const message = frame.message;
        const known =
          this.messages.some((item) => item.id === message.id) ||
          this.threadMessages.some((item) => item.id === message.id);
        this.received(message);
        if (!known && message.author?.id !== this.myId && message.body) {
          const where = message.threadId ? t('chat.announce.inThread') : '';
          this.announcedId = message.id;
          this.announcement = t('chat.announce.new', {
            name: message.author?.displayName ?? t('chat.formerMember'),
            text: plainText(message.body, this.nameOf).slice(0, 200),
            where,
          });
        }
        if (message.author) this.typing = this.typing.filter((entry) => entry.userId !== message.author?.id);
        return;
      }
      case 'message.updated':
      case 'message.deleted':
        if (frame.message.deleted && frame.message.id === this.announcedId) this.announcement = '';
        return this.replace(frame.message);
      case 'typing':
        this.typing = [
          ...this.typing.filter((entry) => entry.userId !== frame.userId),
          { userId: frame.userId, name: frame.displayName, until: Date.now() + typingShownMs },
        ];
        return;
      case 'presence':
        this.online = frame.online;
        return;
      case 'presence.changed': {
        // A large group tells what changed since the list this socket last had.
        const left = new Set(frame.left);
        const kept = this.online.filter((id) => !left.has(id));
        const known = new Set(kept);
        this.online = [...kept, ...frame.joined.filter((id) => !known.has(id))];
        return;
      }
      case 'read':
        this.readBy = { ...this.readBy, [frame.userId]: frame.seq };
        return;
      case 'ack': {
        // Saved. Normally the message's own frame came (or comes) too and settles it. A retried clientId that was
        // saved the first time is only acknowledged: then the message is fetched by replaying from the cursor.
        const retry = this.sendRetries.get(frame.clientId);
        if (retry) clearTimeout(retry.timer);
        this.sendRetries.delete(frame.clientId);
        setTimeout(() => {
          if (!this.pending.some((item) => item.clientId === frame.clientId)) return;
          this.pending = settlePending(this.pending, frame.clientId);
          const known = [...this.messages, ...this.threadMessages].some(
            (item) => item.id === frame.messageId,
          );
          if (known || this.ended) return;
          this.lastSeq = Math.min(this.lastSeq, frame.seq - 1);
          this.subscribe();
        }, ackGraceMs);
        return;
      }
      case 'subscribed':
        this.subscribeAttempts = 0;
        return;
      case 'membership.ended':
        this.ended = true;
        return;
      case 'error': {
        if (frame.ref === this.groupId && (frame.code === 'not_found' || frame.code === 'group.not_member')) {
          this.ended = true;
          this.gone = frame.code === 'not_found';
          return;
        }
        if (frame.ref === this.groupId && frame.frame === 'subscribe' && isPassingRefusal(frame.code))
          return this.resubscribeLater();
        const waiting = this.pending.find((entry) => entry.clientId === frame.ref);
        if (!waiting) return;
        // A passing refusal: the same clientId is sent again a little later, so nothing is doubled.
        const earlier = this.sendRetries.get(waiting.clientId);
        const attempts = earlier?.attempts ?? 0;
        if (earlier) clearTimeout(earlier.timer);
        if (isPassingRefusal(frame.code) && attempts < maxSendAttempts) {
          const timer = setTimeout(() => this.transmit(waiting), Math.max(1500, backoff(attempts)));
          this.sendRetries.set(waiting.clientId, { attempts: attempts + 1, timer });
        } else {
          this.sendRetries.delete(waiting.clientId);
          this.fail(waiting.clientId, frame.message);
        }
        return;
      }
    }
  }
}
