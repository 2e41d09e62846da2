import { randomUUID } from 'node:crypto';
import type { ClientFrame, RoomParticipant, RoomRole, RoomStatus } from '@spejl/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Bus } from '../../bus/bus.ts';
import { AppError } from '../../http/errors.ts';
import type { GatewayConnection, GatewayModule } from '../../realtime/gateway.ts';
import { Presence } from '../../realtime/presence.ts';
import {
  personalisePoll,
  personaliseQuestion,
  type RoomEvent,
  type RoomMember,
  type RoomService,
  seesEverything,
} from './webinars.room.ts';

/** One connection's place in one room. */
interface RoomSession {
  roomId: string;
  role: RoomRole;
  /** A host invited them to speak from the hand queue. */
  speaking: boolean;
  stayId: string | null;
  status: RoomStatus;
  questionVotes: Set<string>;
  pollVotes: Map<string, string[]>;
}

interface SocketState {
  connection: GatewayConnection;
  sessions: Map<string, RoomSession>;
}

type RoomFrame = Extract<ClientFrame, { type: `room.${string}` }>;

/** A connection's place in a room, as other realtime modules see it. */
export interface RoomMembership {
  role: RoomRole;
  /** A host invited their raised hand to speak. */
  speaking: boolean;
  status: RoomStatus;
}

/** What other realtime modules (video signalling) may ask about a connection's rooms. */
export interface RoomDirectory {
  /** The connection's role in the room, or null when it has not joined (or was removed). */
  membership(connectionId: string, roomId: string): RoomMembership | null;
  /**
   * Hears every change of a connection's membership on this node: joining, a new role or turn to speak, the room
   * opening or closing (null when it left, was removed, or the event was cancelled). Returns the unsubscribe.
   */
  onMembershipChange(listener: MembershipListener): () => void;
}

export type MembershipListener = (
  connectionId: string,
  roomId: string,
  membership: RoomMembership | null,
) => void;

const frameTypes = [
  'room.join',
  'room.leave',
  'room.open',
  'room.close',
  'room.settings',
  'room.chat.send',
  'room.chat.delete',
  'room.question.ask',
  'room.question.vote',
  'room.question.mark',
  'room.hand.raise',
  'room.hand.lower',
  'room.hand.invite',
  'room.poll.create',
  'room.poll.vote',
  'room.poll.close',
  'room.poll.results',
  'room.remove',
] as const satisfies readonly RoomFrame['type'][];

/** How often open stays are marked as still there, for the attendance report after a crash. */
const touchEveryMs = 30_000;

/**
 * The live room over the WebSocket. Room state lives in the database and changes travel on the bus channel
 * `room:<webinarId>`, so every node shows the same room; who is present comes from per-node presence announcements.
 */
export function createRoomsGateway(deps: {
  rooms: RoomService;
  bus: Bus;
  logger: FastifyBaseLogger;
}): GatewayModule & RoomDirectory {
  const { rooms, bus, logger } = deps;
  const states = new Map<string, SocketState>();
  const membershipListeners = new Set<MembershipListener>();
  function membershipChanged(connectionId: string, roomId: string, session: RoomSession | null) {
    const membership = session
      ? { role: session.role, speaking: session.speaking, status: session.status }
      : null;
    for (const listener of membershipListeners) {
      try {
        listener(connectionId, roomId, membership);
      } catch (error) {
        logError('membership listener')(error);
      }
    }
  }
  const hubs = new Map<string, { states: Set<SocketState>; unsubscribe: () => void }>();
  const presence = new Presence(
    randomUUID(),
    bus,
    (roomId) => void sendParticipants(roomId).catch(logError('participants')),
    (error) => logger.warn({ err: error }, 'room presence announcement failed'),
    (roomId) => `room:${roomId}`,
  );
  const touch = setInterval(() => {
    const ids = [...states.values()].flatMap((state) =>
      [...state.sessions.values()].map((session) => session.stayId).filter((id): id is string => id !== null),
    );
    rooms.touchStays(ids).catch(logError('attendance refresh'));
  }, touchEveryMs);
  touch.unref();

  function logError(what: string) {
    return (error: unknown) => logger.error({ err: error }, `room ${what} failed`);
  }

  const memberOf = (state: SocketState, session: RoomSession): RoomMember => ({
    actor: state.connection.actor,
    webinarId: session.roomId,
    role: session.role,
  });
  /** Attendees in the lobby see nothing of the room until a host opens it. */
  const showsContent = (session: RoomSession) => !(session.status === 'lobby' && session.role === 'attendee');

  function joinHub(roomId: string, state: SocketState) {
    let hub = hubs.get(roomId);
    if (!hub) {
      const members = new Set<SocketState>();
      const unsubscribe = bus.subscribe(`room:${roomId}`, (payload) => {
        presence.onBusEvent(roomId, payload);
        const event = payload as RoomEvent;
        for (const member of members) onRoomEvent(member, roomId, event).catch(logError('event delivery'));
        // Speaking turns and roles show in everyone's participant list.
        if (event.type === 'room.roles' || event.type === 'room.hands')
          sendParticipants(roomId).catch(logError('participants'));
      });
      hub = { states: members, unsubscribe };
      hubs.set(roomId, hub);
      presence.query(roomId);
    }
    hub.states.add(state);
  }

  function leaveHub(roomId: string, state: SocketState) {
    const hub = hubs.get(roomId);
    if (!hub) return;
    hub.states.delete(state);
    if (hub.states.size === 0) {
      hub.unsubscribe();
      hubs.delete(roomId);
    }
  }

  /** Everyone present, with roles; each reader gets the part they may see. */
  async function participantsOf(roomId: string): Promise<RoomParticipant[]> {
    const online = presence.online(roomId);
    const [people, contents] = await Promise.all([rooms.participants(roomId, online), rooms.handsOf(roomId)]);
    const invited = new Set(contents.filter((hand) => hand.invited).map((hand) => hand.userId));
    const order: Record<RoomRole, number> = { host: 0, presenter: 1, attendee: 2 };
    return people
      .map((person) => ({
        userId: person.userId,
        displayName: person.displayName,
        role: person.role,
        speaking: invited.has(person.userId),
      }))
      .sort((a, b) => order[a.role] - order[b.role] || a.displayName.localeCompare(b.displayName, 'da'));
  }

  function visibleParticipants(all: RoomParticipant[], session: RoomSession, userId: string) {
    if (seesEverything(session.role)) return all;
    return all.filter((person) => person.role !== 'attendee' || person.userId === userId);
  }

  async function sendParticipants(roomId: string) {
    const hub = hubs.get(roomId);
    if (!hub) return;
    const all = await participantsOf(roomId);
    for (const state of hub.states) {
      const session = state.sessions.get(roomId);
      if (!session) continue;
      state.connection.send({
        type: 'room.participants',
        roomId,
        participants: visibleParticipants(all, session, state.connection.actor.user.id),
        participantCount: all.length,
      });
    }
  }

  /** Sends the whole room as this reader may see it (on joining, and when the room opens or closes). */
  async function sendState(state: SocketState, session: RoomSession) {
    const userId = state.connection.actor.user.id;
    const room = await rooms.status(session.roomId);
    session.status = room.status;
    const all = await participantsOf(session.roomId);
    const hidden = !showsContent(session);
    const contents = hidden ? null : await rooms.contents(session.roomId, userId);
    if (contents) {
      session.questionVotes = contents.myQuestionVotes;
      session.pollVotes = contents.myPollVotes;
    }
    session.speaking = all.some((person) => person.userId === userId && person.speaking);
    if (state.sessions.get(session.roomId) === session)
      membershipChanged(state.connection.id, session.roomId, session);
    const canHost = session.role === 'host';
    const open = room.status === 'open';
    state.connection.send({
      type: 'room.state',
      roomId: session.roomId,
      state: {
        roomId: session.roomId,
        title: room.title,
        status: room.status,
        chatPolicy: room.chatPolicy,
        me: { userId, role: session.role, speaking: session.speaking },
        permissions: {
          canHost,
          canChat:
            open &&
            (room.chatPolicy === 'everyone' || (room.chatPolicy === 'hosts' && seesEverything(session.role))),
          canAsk: open,
          canRaiseHand: open && session.role === 'attendee',
        },
        participants: visibleParticipants(all, session, userId),
        participantCount: all.length,
        chat: contents && room.chatPolicy !== 'off' ? contents.chat : [],
        questions: (contents?.questions ?? []).map((question) =>
          personaliseQuestion(
            question,
            { userId, role: session.role },
            session.questionVotes.has(question.id),
          ),
        ),
        hands: contents?.hands ?? [],
        polls: (contents?.polls ?? []).map((poll) =>
          personalisePoll(poll, session.role, session.pollVotes.get(poll.id) ?? null),
        ),
      },
    });
  }

  async function join(state: SocketState, roomId: string) {
    const { connection } = state;
    const entered = await rooms.enter(connection.actor, roomId);
    const id = entered.webinar.id;
    if (state.sessions.has(id)) await leave(state, id);
    const session: RoomSession = {
      roomId: id,
      role: entered.role,
      speaking: false,
      stayId: null,
      status: entered.webinar.roomStatus,
      questionVotes: new Set(),
      pollVotes: new Map(),
    };
    state.sessions.set(id, session);
    joinHub(id, state);
    session.stayId = await rooms.startStay(memberOf(state, session));
    presence.add(id, connection.actor.user.id);
    await sendState(state, session);
  }

  async function leave(state: SocketState, roomId: string) {
    const session = state.sessions.get(roomId);
    if (!session) return;
    state.sessions.delete(roomId);
    membershipChanged(state.connection.id, roomId, null);
    leaveHub(roomId, state);
    presence.remove(roomId, state.connection.actor.user.id);
    if (session.stayId) await rooms.endStays([session.stayId]);
  }

  async function onRoomEvent(state: SocketState, roomId: string, event: RoomEvent) {
    const session = state.sessions.get(roomId);
    if (!session) return;
    const { connection } = state;
    const userId = connection.actor.user.id;
    switch (event.type) {
      case 'room.status':
        return sendState(state, session);
      case 'room.chat':
        if (showsContent(session)) connection.send({ type: 'room.chat', roomId, message: event.message });
        return;
      case 'room.question':
        if (event.vote?.userId === userId) {
          if (event.vote.up) session.questionVotes.add(event.question.id);
          else session.questionVotes.delete(event.question.id);
        }
        if (showsContent(session))
          connection.send({
            type: 'room.question',
            roomId,
            question: personaliseQuestion(
              event.question,
              { userId, role: session.role },
              session.questionVotes.has(event.question.id),
            ),
          });
        return;
      case 'room.hands':
        if (showsContent(session)) connection.send({ type: 'room.hands', roomId, hands: event.hands });
        return;
      case 'room.poll':
        if (event.vote?.userId === userId) session.pollVotes.set(event.poll.id, event.vote.optionIds);
        if (showsContent(session))
          connection.send({
            type: 'room.poll',
            roomId,
            poll: personalisePoll(event.poll, session.role, session.pollVotes.get(event.poll.id) ?? null),
          });
        return;
      case 'room.removed':
        if (event.userId !== userId) return;
        await leave(state, roomId);
        connection.send({ type: 'room.removed', roomId });
        return;
      case 'room.roles':
        if (event.userId === userId) await reenter(state, session);
        return;
      case 'room.cancelled':
        await leave(state, roomId);
        connection.send({ type: 'room.left', roomId });
        return;
    }
  }

  /** Re-checks a member whose role may have changed (made presenter, staff removed, invited to speak). */
  async function reenter(state: SocketState, session: RoomSession) {
    try {
      const entered = await rooms.enter(state.connection.actor, session.roomId);
      session.role = entered.role;
      await sendState(state, session);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await leave(state, session.roomId);
      state.connection.send({ type: 'room.left', roomId: session.roomId });
    }
  }

  async function handle(state: SocketState, frame: RoomFrame) {
    const { connection } = state;
    if (frame.type === 'room.join') return join(state, frame.roomId);
    const session = state.sessions.get(frame.roomId);
    if (!session) throw new AppError('room.not_joined');
    if (frame.type === 'room.leave') return leave(state, frame.roomId);
    const member = memberOf(state, session);
    switch (frame.type) {
      case 'room.open':
        return rooms.open(member);
      case 'room.close':
        return rooms.close(member);
      case 'room.settings':
        return rooms.setChatPolicy(member, frame.chatPolicy);
      case 'room.chat.send':
        await rooms.sendChat(member, frame.clientId, frame.body);
        return connection.send({ type: 'room.ack', roomId: frame.roomId, clientId: frame.clientId });
      case 'room.chat.delete':
        return rooms.deleteChat(member, frame.messageId);
      case 'room.question.ask':
        await rooms.ask(member, frame.clientId, frame.body, frame.anonymous);
        return connection.send({ type: 'room.ack', roomId: frame.roomId, clientId: frame.clientId });
      case 'room.question.vote':
        return rooms.vote(member, frame.questionId, frame.up);
      case 'room.question.mark':
        return rooms.mark(member, frame.questionId, frame.status);
      case 'room.hand.raise':
        return rooms.raiseHand(member);
      case 'room.hand.lower':
        return rooms.lowerHand(member, frame.userId);
      case 'room.hand.invite':
        return rooms.inviteHand(member, frame.userId);
      case 'room.poll.create':
        await rooms.createPoll(member, frame);
        return connection.send({ type: 'room.ack', roomId: frame.roomId, clientId: frame.clientId });
      case 'room.poll.vote':
        return rooms.votePoll(member, frame.pollId, frame.optionIds);
      case 'room.poll.close':
        return rooms.closePoll(member, frame.pollId);
      case 'room.poll.results':
        return rooms.showPollResults(member, frame.pollId, frame.visible);
      case 'room.remove':
        return rooms.remove(member, frame.userId);
    }
  }

  return {
    name: 'rooms',
    frameTypes,
    async open(connection) {
      states.set(connection.id, { connection, sessions: new Map() });
    },
    async handle(connection, frame) {
      const state = states.get(connection.id);
      if (state) await handle(state, frame as RoomFrame);
    },
    close(connection) {
      const state = states.get(connection.id);
      if (!state) return;
      states.delete(connection.id);
      for (const roomId of [...state.sessions.keys()]) leave(state, roomId).catch(logError('leave'));
    },
    stop() {
      clearInterval(touch);
      presence.stop();
    },
    membership(connectionId, roomId) {
      const session = states.get(connectionId)?.sessions.get(roomId);
      return session ? { role: session.role, speaking: session.speaking, status: session.status } : null;
    },
    onMembershipChange(listener) {
      membershipListeners.add(listener);
      return () => membershipListeners.delete(listener);
    },
  };
}
