import type { Message } from '@spejl/shared';
import type { PendingMessage } from './message-merge.ts';

/**
 * What a conversation pane reads and asks of the conversation it shows. A group's chat (`ChatRoom`: groups,
 * sub-groups, mentorships, direct messages) and a webinar room's chat (`RoomChatSource`) both provide it, so one pane
 * shows both; `features` says which of the chat's parts the conversation has.
 */
export interface ConversationSource {
  readonly myId: string;
  /** Top-level messages, oldest first. */
  readonly messages: Message[];
  /** The person's own messages on their way, or refused. */
  readonly pending: PendingMessage[];
  readonly hasOlder: boolean;
  readonly loadingOlder: boolean;
  /** Where "new messages" starts, if anywhere. */
  readonly firstUnreadSeq: number | null;
  /** Who is here now (user ids). */
  readonly online: string[];
  readonly typing: ReadonlyArray<{ userId: string; name: string }>;
  /** Read positions of others, by user id. */
  readonly readBy: Readonly<Record<string, number>>;
  /** The newest message from someone else, for a polite live region. */
  readonly announcement: string;
  /** The conversation ended for this person (removed, the room left): read-only, with a notice. */
  readonly ended: boolean;
  /** It ended because the group itself is gone (archived), not only this person's place in it. */
  readonly gone?: boolean;
  readonly threadRoot: Message | null;
  readonly threadMessages: Message[];
  nameOf(userId: string): string;
  start(initial: { lastReadSeq: number | null }): Promise<void>;
  stop(): void;
  loadOlder(): Promise<void>;
  /** Sends a message; `attachments` are ids of uploads for it (`features.attachments`). */
  send(body: string, threadId?: string | null, attachments?: string[]): void;
  /** Where photos and PDFs for this conversation are uploaded (a group's id), when it takes them. */
  readonly attachmentsTo?: string | undefined;
  retry(clientId: string): void;
  discard(clientId: string): void;
  edit(message: Message, body: string): Promise<void>;
  remove(message: Message): Promise<void>;
  toggleReaction(message: Message, emoji: string): Promise<void>;
  markRead(): void;
  typingNow(): void;
  openThread(root: Message): Promise<void>;
  closeThread(): void;
}

/** The parts of a conversation a pane shows; a webinar room's chat has fewer than a group's. */
export interface ConversationFeatures {
  threads: boolean;
  reactions: boolean;
  /** Reporting a message to the moderators (the moderation queue holds group messages). */
  report: boolean;
  search: boolean;
  /** "Read by 2" under my newest message. */
  readState: boolean;
  /** "Here now: …" and "… is typing". */
  presence: boolean;
  /** Photos and PDFs: the composer's attach button, paste and drop. */
  attachments: boolean;
}

export const allFeatures: ConversationFeatures = {
  threads: true,
  reactions: true,
  report: true,
  search: true,
  readState: true,
  presence: true,
  attachments: true,
};
