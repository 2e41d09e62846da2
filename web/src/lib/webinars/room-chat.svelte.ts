import type { Message, RoomChatMessage, ServerFrame } from '@spejl/shared';
import { ApiError } from '../api/client.ts';
import { t } from '../i18n/i18n.svelte.ts';
import { failPending, type PendingMessage, resendPending, settlePending } from '../chat/message-merge.ts';
import type { ConversationSource } from '../chat/source.ts';
import { realtime } from '../realtime/socket.svelte.ts';
import type { RoomConnection } from './room.svelte.ts';

/** How long a deletion waits for the room to show it before the pane says it failed. */
const deleteWaitMs = 10_000;

/** A room's chat line as the conversation pane shows messages: no threads, reactions or edits in a room. */
export function roomMessage(
  message: RoomChatMessage,
  roomId: string,
  reader: { userId: string; host: boolean },
): Message {
  const mine = message.author !== null && message.author.id === reader.userId;
  return {
    id: message.id,
    groupId: roomId,
    seq: message.seq,
    author: message.author ? { id: message.author.id, displayName: message.author.displayName } : null,
    clientId: message.clientId,
    body: message.deleted ? null : message.body,
    threadId: null,
    replyCount: 0,
    lastReplyAt: null,
    mentions: [],
    reactions: [],
    createdAt: message.createdAt,
    editedAt: null,
    deleted: message.deleted,
    hidden: false,
    attachments: [],
    permissions: {
      canEdit: false,
      canDelete: !message.deleted && (mine || reader.host),
      canViewHistory: false,
    },
  };
}

/**
 * A webinar room's chat as a conversation (`ConversationSource`), so the room shows it in the same pane as group
 * chat: the lines come from the room's connection (`RoomConnection.chat`, kept by the room's frames); this adds the
 * person's own lines on their way (matched back by clientId, shown as failed with "try again" when refused) and
 * deletion by the author or a host. The room page announces new lines itself, so this announces nothing.
 */
export class RoomChatSource implements ConversationSource {
  readonly myId: string;
  private readonly connection: RoomConnection;
  private readonly roomId: string;
  private readonly stops: Array<() => void> = [];
  /** Deletions asked for and not yet seen or refused, by message id. */
  private readonly deletions = new Map<string, (error?: Error) => void>();

  messages: Message[] = $derived.by(() => {
    const reader = { userId: this.myId, host: this.connection.state?.me.role === 'host' };
    return this.connection.chat.map((line) => roomMessage(line, this.roomId, reader));
  });
  pending = $state<PendingMessage[]>([]);
  readonly hasOlder = false;
  readonly loadingOlder = false;
  readonly firstUnreadSeq = null;
  readonly online: string[] = [];
  readonly typing: Array<{ userId: string; name: string }> = [];
  readonly readBy: Record<string, number> = {};
  readonly announcement = '';
  readonly ended = false;
  readonly threadRoot = null;
  readonly threadMessages: Message[] = [];

  constructor(connection: RoomConnection, roomId: string, myId: string) {
    this.connection = connection;
    this.roomId = roomId;
    this.myId = myId;
  }

  nameOf = (userId: string): string =>
    this.connection.chat.find((line) => line.author?.id === userId)?.author?.displayName ??
    t('chat.unknownMember');

  async start(): Promise<void> {
    this.stops.push(this.connection.listen((frame) => this.receive(frame)));
    // After a reconnection the room joins again first (it listens from before), then what waited is sent.
    this.stops.push(
      realtime.onOpen(() => {
        for (const item of this.pending) if (item.status === 'sending') this.transmit(item);
      }),
    );
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  async loadOlder(): Promise<void> {}

  send(body: string): void {
    const item: PendingMessage = {
      clientId: this.connection.newClientId(),
      body,
      threadId: null,
      status: 'sending',
      error: null,
    };
    this.pending = [...this.pending, item];
    this.transmit(item);
  }

  retry(clientId: string): void {
    const item = this.pending.find((entry) => entry.clientId === clientId);
    if (!item) return;
    this.pending = resendPending(this.pending, clientId);
    this.transmit(item);
  }

  discard(clientId: string): void {
    this.pending = settlePending(this.pending, clientId);
  }

  async edit(): Promise<void> {
    throw new Error('A room’s chat has no edits.');
  }

  /**
   * Resolves when the room's frame shows the line deleted (everyone sees it then), and fails with the server's
   * reason when refused, so the pane moves focus and shows errors as it does for group chat.
   */
  remove(message: Message): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => settle(new ApiError('timeout', 0, t('error.internal'))), deleteWaitMs);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        this.deletions.delete(message.id);
        if (error) reject(error);
        else resolve();
      };
      this.deletions.set(message.id, settle);
      this.connection.send({ type: 'room.chat.delete', messageId: message.id });
    });
  }

  async toggleReaction(): Promise<void> {
    throw new Error('A room’s chat has no reactions.');
  }

  markRead(): void {}
  typingNow(): void {}
  async openThread(): Promise<void> {}
  closeThread(): void {}

  private transmit(item: PendingMessage) {
    this.connection.send({ type: 'room.chat.send', clientId: item.clientId, body: item.body });
  }

  /** Settles what is on its way once the line is in the room's chat (live, or in the state after rejoining). */
  private settleShown() {
    if (this.pending.length === 0) return;
    const shown = new Set(
      this.connection.chat.filter((line) => line.author?.id === this.myId).map((line) => line.clientId),
    );
    for (const item of this.pending)
      if (shown.has(item.clientId)) this.pending = settlePending(this.pending, item.clientId);
  }

  private receive(frame: ServerFrame) {
    if ('roomId' in frame && frame.roomId !== this.roomId) return;
    // The connection hears frames before the room reads them: look once the room has.
    if (frame.type === 'room.chat' || frame.type === 'room.state' || frame.type === 'room.ack') {
      const deleted = frame.type === 'room.chat' && frame.message.deleted ? frame.message.id : null;
      queueMicrotask(() => {
        this.settleShown();
        if (deleted) this.deletions.get(deleted)?.();
      });
      return;
    }
    if (frame.type === 'error' && frame.frame === 'room.chat.delete') {
      // One deletion at a time is asked for from a message's menu; the refusal is that one's.
      const [first] = this.deletions.values();
      first?.(new ApiError(frame.code, 0, frame.message));
      return;
    }
    if (frame.type === 'error' && frame.ref && this.pending.some((item) => item.clientId === frame.ref))
      this.pending = failPending(this.pending, frame.ref, frame.message);
  }
}
