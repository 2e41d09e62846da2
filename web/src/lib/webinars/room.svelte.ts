import type {
  ChatPolicy,
  ClientFrame,
  RoomChatMessage,
  RoomHand,
  RoomParticipant,
  RoomPoll,
  RoomQuestion,
  RoomState,
  ServerFrame,
} from '@spejl/shared';
import { isMessageKey, type Message } from '../forms/form-state.svelte.ts';
import { t } from '../i18n/i18n.svelte.ts';
import { backoff, isPassingRefusal } from '../realtime/reconnect.ts';
import { realtime } from '../realtime/socket.svelte.ts';

type Phase = 'connecting' | 'joined' | 'reconnecting' | 'removed' | 'left';
type Outgoing = Extract<ClientFrame, { type: `room.${string}` }>;
/** Every room frame but join and leave, without its roomId (the connection adds it). */
type Action = Outgoing extends infer F
  ? F extends { type: infer T; roomId: string }
    ? T extends 'room.join' | 'room.leave'
      ? never
      : Omit<F, 'roomId'>
    : never
  : never;

const chatKept = 200;

/**
 * One live room over the tab's WebSocket (`realtime`): joins, keeps the room's state as the server sends it, rejoins
 * after a dropped connection, and turns events into short polite announcements for screen readers.
 */
export class RoomConnection {
  private joinPhase = $state<Phase>('connecting');
  state = $state<RoomState | null>(null);
  participants = $state<RoomParticipant[]>([]);
  participantCount = $state(0);
  chat = $state<RoomChatMessage[]>([]);
  questions = $state<RoomQuestion[]>([]);
  hands = $state<RoomHand[]>([]);
  polls = $state<RoomPoll[]>([]);
  /** The latest thing worth telling a screen reader user; read by a polite live region. */
  announcement = $state('');
  /** The latest refusal from the server (an error frame), shown next to the controls. */
  private refusal = $state<Message | null>(null);

  /** The tab's one WebSocket is shared with chat and the rest: these stop listening to it when the room closes. */
  private stops: Array<() => void> = [];
  /** Other parts of the room that share this connection (the video stage). */
  private readonly listeners = new Set<(frame: ServerFrame) => void>();
  private readonly roomId: string;
  private closed = true;
  private retries = 0;
  private counter = 0;
  private readonly sentIds = new Set<string>();

  constructor(roomId: string) {
    this.roomId = roomId;
  }

  get me() {
    return this.state?.me ?? null;
  }

  /** Where the room is, as the page shows it: a lost connection makes a joined room `reconnecting` at once. */
  get phase(): Phase {
    if (this.joinPhase === 'removed' || this.joinPhase === 'left') return this.joinPhase;
    if (realtime.state === 'ended') return 'left';
    if (this.joinPhase === 'joined' && realtime.state !== 'open') return 'reconnecting';
    return this.joinPhase;
  }

  /** The latest refusal, or that the session ended (signed out elsewhere). */
  get error(): Message | null {
    if (this.refusal) return this.refusal;
    return realtime.state === 'ended' && this.joinPhase !== 'removed'
      ? { key: 'chat.connection.ended' }
      : null;
  }

  /** While reconnecting: a cap on open connections refused the tab's connection. */
  get limitReason(): 'user' | 'address' | null {
    return realtime.state === 'limited' ? realtime.limitReason : null;
  }

  /** Joins over the tab's connection, and again after every reconnection (room.join brings the whole state back). */
  connect(): void {
    if (!this.closed) return;
    this.closed = false;
    this.stops.push(realtime.onFrame((frame) => this.receive(frame)));
    this.stops.push(
      realtime.onClose(() => {
        if (this.joinPhase === 'joined') this.joinPhase = 'reconnecting';
      }),
    );
    this.stops.push(
      realtime.onOpen(() => {
        if (this.joinPhase === 'removed' || this.joinPhase === 'left') return;
        this.retries = 0;
        realtime.send({ type: 'room.join', roomId: this.roomId });
      }),
    );
    realtime.start();
  }

  /** Leaves the room; the tab's connection stays open for everything else. */
  disconnect(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.stops) stop();
    this.stops = [];
    realtime.send({ type: 'room.leave', roomId: this.roomId });
  }

  /** Sends a room frame; `clientId` is added for frames that need one. */
  send(action: Action): void {
    this.refusal = null;
    realtime.send({ ...action, roomId: this.roomId } as ClientFrame);
  }

  /** Sends any frame on the room's connection (video signalling rides on it); false when not connected. */
  sendFrame = (frame: ClientFrame): boolean => realtime.send(frame);

  /** Hears every frame the room's connection receives; returns the function that stops listening. */
  listen(handler: (frame: ServerFrame) => void): () => void {
    this.listeners.add(handler);
    return () => this.listeners.delete(handler);
  }

  newClientId(): string {
    this.counter += 1;
    const id = `${Date.now().toString(36)}-${this.counter}-${Math.random().toString(36).slice(2, 8)}`;
    this.sentIds.add(id);
    return id;
  }

  open = () => this.send({ type: 'room.open' });
  close = () => this.send({ type: 'room.close' });
  setChatPolicy = (chatPolicy: ChatPolicy) => this.send({ type: 'room.settings', chatPolicy });
  sendChat = (body: string) => this.send({ type: 'room.chat.send', clientId: this.newClientId(), body });
  ask = (body: string, anonymous: boolean) =>
    this.send({ type: 'room.question.ask', clientId: this.newClientId(), body, anonymous });
  vote = (questionId: string, up: boolean) => this.send({ type: 'room.question.vote', questionId, up });
  mark = (questionId: string, status: RoomQuestion['status']) =>
    this.send({ type: 'room.question.mark', questionId, status });
  raiseHand = () => this.send({ type: 'room.hand.raise' });
  lowerHand = (userId?: string) => this.send({ type: 'room.hand.lower', ...(userId ? { userId } : {}) });
  invite = (userId: string) => this.send({ type: 'room.hand.invite', userId });
  createPoll = (question: string, kind: RoomPoll['kind'], options: string[]) =>
    this.send({ type: 'room.poll.create', clientId: this.newClientId(), question, kind, options });
  votePoll = (pollId: string, optionIds: string[]) =>
    this.send({ type: 'room.poll.vote', pollId, optionIds });
  closePoll = (pollId: string) => this.send({ type: 'room.poll.close', pollId });
  showResults = (pollId: string, visible: boolean) =>
    this.send({ type: 'room.poll.results', pollId, visible });
  remove = (userId: string) => this.send({ type: 'room.remove', userId });

  private announce(text: string) {
    // The same text twice in a row is still announced: clear first, then set on the next frame.
    this.announcement = '';
    queueMicrotask(() => {
      this.announcement = text;
    });
  }

  private receive(frame: ServerFrame) {
    for (const listener of this.listeners) listener(frame);
    if ('roomId' in frame && frame.roomId !== this.roomId) return;
    // The tab's connection carries every feature's frames: this room reads its own (and its own errors) only.
    if (!frame.type.startsWith('room.') && frame.type !== 'error') return;
    switch (frame.type) {
      case 'room.state': {
        const previous = this.state;
        this.state = frame.state;
        this.joinPhase = 'joined';
        this.participants = frame.state.participants;
        this.participantCount = frame.state.participantCount;
        this.chat = frame.state.chat;
        this.questions = frame.state.questions;
        this.hands = frame.state.hands;
        this.polls = frame.state.polls;
        if (previous && previous.status !== frame.state.status) {
          if (frame.state.status === 'open') this.announce(t('room.announce.opened'));
          if (frame.state.status === 'closed') this.announce(t('room.announce.closed'));
        }
        if (previous && !previous.me.speaking && frame.state.me.speaking)
          this.announce(t('room.announce.invited'));
        return;
      }
      case 'room.participants':
        this.participants = frame.participants;
        this.participantCount = frame.participantCount;
        return;
      case 'room.chat':
        // A known line again is a change to it (deleted by its author or a host).
        if (this.chat.some((message) => message.id === frame.message.id)) {
          this.chat = this.chat.map((message) => (message.id === frame.message.id ? frame.message : message));
          return;
        }
        this.chat = [...this.chat, frame.message].slice(-chatKept);
        if (frame.message.author?.id !== this.me?.userId)
          this.announce(
            t('room.announce.chat', {
              name: frame.message.author?.displayName ?? '',
              body: frame.message.body,
            }),
          );
        return;
      case 'room.question': {
        const index = this.questions.findIndex((question) => question.id === frame.question.id);
        if (index === -1) {
          this.questions = [...this.questions, frame.question];
          if (!frame.question.mine) this.announce(t('room.announce.question', { body: frame.question.body }));
        } else {
          const before = this.questions[index];
          this.questions = this.questions.map((question, at) => (at === index ? frame.question : question));
          if (before?.status !== 'answered' && frame.question.status === 'answered')
            this.announce(t('room.announce.answered', { body: frame.question.body }));
        }
        return;
      }
      case 'room.hands': {
        const known = new Set(this.hands.map((hand) => hand.userId));
        const raised = frame.hands.find((hand) => !known.has(hand.userId));
        this.hands = frame.hands;
        if (raised && this.state?.permissions.canHost && raised.userId !== this.me?.userId)
          this.announce(t('room.announce.hand', { name: raised.displayName }));
        return;
      }
      case 'room.poll': {
        const index = this.polls.findIndex((poll) => poll.id === frame.poll.id);
        if (index === -1) {
          this.polls = [...this.polls, frame.poll];
          this.announce(t('room.announce.poll', { question: frame.poll.question }));
        } else {
          const before = this.polls[index];
          this.polls = this.polls.map((poll, at) => (at === index ? frame.poll : poll));
          if (!before?.resultsVisible && frame.poll.resultsVisible)
            this.announce(t('room.announce.results', { question: frame.poll.question }));
        }
        return;
      }
      case 'room.ack':
        return;
      case 'room.removed':
        this.joinPhase = 'removed';
        this.state = null;
        return;
      case 'room.left':
        this.joinPhase = 'left';
        this.state = null;
        return;
      case 'error': {
        // Only this room's refusals: a frame it sent (by its clientId or the room's id) or a room frame. Errors about
        // the video stage (`rtc:<room>`, a link, a publisher) are the stage's, and chat's are chat's.
        const mine = frame.ref
          ? frame.ref === this.roomId || this.sentIds.has(frame.ref)
          : (frame.frame?.startsWith('room.') ?? false) && !frame.frame?.startsWith('room.rtc');
        if (!mine) return;
        // Joining was refused for a passing reason: ask again, or the page would say "connecting" for good.
        if (frame.frame === 'room.join' && isPassingRefusal(frame.code)) {
          setTimeout(
            () => {
              if (!this.closed) realtime.send({ type: 'room.join', roomId: this.roomId });
            },
            backoff(this.retries++),
          );
          return;
        }
        const key = `error.${frame.code}`;
        this.refusal = isMessageKey(key) ? { key } : { text: frame.message };
        // Refused entry: there is no room to show.
        if (!this.state && ['room.not_allowed', 'room.removed', 'not_found'].includes(frame.code))
          this.joinPhase = frame.code === 'room.removed' ? 'removed' : 'left';
        return;
      }
      default:
        return;
    }
  }
}
