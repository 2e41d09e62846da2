import type {
  AttendanceReport,
  ChatPolicy,
  RoomChatMessage,
  RoomHand,
  RoomPoll,
  RoomQuestion,
  RoomRole,
  RoomStatus,
} from '@spejl/shared';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import { isUuid } from '../groups/groups.repository.ts';
import { type RateLimiter, rateRules } from '../../http/rate-limit.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { loadWebinar } from './webinars.context.ts';
import { roomChatDeleteRefusal, roomRoleOf } from './webinars.policy.ts';
import type { PollRow, RoomRepository } from './webinars.room.repository.ts';
import type { WebinarsRepository } from './webinars.repository.ts';

/** Someone inside a room, as the gateway knows them after `room.join`. */
export interface RoomMember {
  actor: Actor;
  webinarId: string;
  role: RoomRole;
}

/** A question as it travels on the bus; each reader's copy is made by `personaliseQuestion`. */
export interface BaseQuestion {
  id: string;
  body: string;
  authorId: string | null;
  authorName: string | null;
  anonymous: boolean;
  status: RoomQuestion['status'];
  votes: number;
  createdAt: string;
}

/** A poll with its counts; readers who may not see results get the counts removed. */
export interface BasePoll {
  id: string;
  question: string;
  kind: RoomPoll['kind'];
  options: Array<{ id: string; label: string; votes: number }>;
  status: RoomPoll['status'];
  resultsVisible: boolean;
  totalVoters: number;
  createdAt: string;
}

/** What travels on `room:<webinarId>`. */
export type RoomEvent =
  | { type: 'room.status'; roomId: string }
  | { type: 'room.chat'; roomId: string; message: RoomChatMessage }
  | { type: 'room.question'; roomId: string; question: BaseQuestion; vote?: { userId: string; up: boolean } }
  | { type: 'room.hands'; roomId: string; hands: RoomHand[] }
  | { type: 'room.poll'; roomId: string; poll: BasePoll; vote?: { userId: string; optionIds: string[] } }
  | { type: 'room.removed'; roomId: string; userId: string }
  | { type: 'room.roles'; roomId: string; userId: string }
  | { type: 'room.cancelled'; roomId: string };

const staffRoles = new Set<RoomRole>(['host', 'presenter']);
export const seesEverything = (role: RoomRole) => staffRoles.has(role);

/** The reader's copy of a question: anonymous askers stay anonymous to other attendees, never to hosts. */
export function personaliseQuestion(
  question: BaseQuestion,
  reader: { userId: string; role: RoomRole },
  votedByMe: boolean,
): RoomQuestion {
  const mine = question.authorId === reader.userId;
  const showAuthor = !question.anonymous || mine || seesEverything(reader.role);
  return {
    id: question.id,
    body: question.body,
    author:
      showAuthor && question.authorId
        ? { id: question.authorId, displayName: question.authorName ?? '' }
        : null,
    anonymous: question.anonymous,
    mine,
    status: question.status,
    votes: question.votes,
    votedByMe,
    createdAt: question.createdAt,
  };
}

/** The reader's copy of a poll: results only when a host shows them (hosts and presenters always see them). */
export function personalisePoll(poll: BasePoll, role: RoomRole, myVote: string[] | null): RoomPoll {
  const visible = poll.resultsVisible || seesEverything(role);
  return {
    id: poll.id,
    question: poll.question,
    kind: poll.kind,
    options: poll.options.map((option) => ({
      id: option.id,
      label: option.label,
      votes: visible ? option.votes : null,
    })),
    status: poll.status,
    resultsVisible: poll.resultsVisible,
    totalVoters: visible ? poll.totalVoters : null,
    myVote,
    createdAt: poll.createdAt,
  };
}

/** The live room's rules and records: who may enter, chat, ask, vote, raise hands and run polls. */
export function createRoomService(deps: {
  webinars: WebinarsRepository;
  room: RoomRepository;
  clock: Clock;
  limiter: RateLimiter;
  bus: Bus;
}) {
  const { room, clock, bus } = deps;
  const publish = (event: RoomEvent) => bus.publish(`room:${event.roomId}`, event);

  async function current(webinarId: string) {
    const record = await deps.webinars.findRecord(webinarId);
    if (!record) throw new AppError('not_found');
    return record.webinar;
  }

  function requireHost(member: RoomMember) {
    if (member.role !== 'host') throw new AppError('auth.forbidden');
  }

  async function requireOpen(member: RoomMember) {
    const webinar = await current(member.webinarId);
    if (webinar.roomStatus !== 'open') throw new AppError('room.not_open');
    return webinar;
  }

  function toBaseQuestion(row: {
    question: Awaited<ReturnType<RoomRepository['questions']>>[number]['question'];
    displayName: string | null;
  }): BaseQuestion {
    const { question } = row;
    return {
      id: question.id,
      body: question.body,
      authorId: question.userId,
      authorName: row.displayName,
      anonymous: question.anonymous,
      status: question.status,
      votes: question.votes,
      createdAt: question.createdAt.toISOString(),
    };
  }

  function toBasePoll(poll: PollRow, votes: Array<{ optionIds: string[] }>): BasePoll {
    return {
      id: poll.id,
      question: poll.question,
      kind: poll.kind,
      options: poll.options.map((option) => ({
        id: option.id,
        label: option.label,
        votes: votes.filter((vote) => vote.optionIds.includes(option.id)).length,
      })),
      status: poll.status,
      resultsVisible: poll.resultsVisible,
      totalVoters: votes.length,
      createdAt: poll.createdAt.toISOString(),
    };
  }

  async function publishPoll(
    webinarId: string,
    poll: PollRow,
    vote?: { userId: string; optionIds: string[] },
  ) {
    const votes = await room.pollVotes([poll.id]);
    await publish({
      type: 'room.poll',
      roomId: webinarId,
      poll: toBasePoll(poll, votes),
      ...(vote ? { vote } : {}),
    });
  }

  async function publishHands(webinarId: string) {
    await publish({ type: 'room.hands', roomId: webinarId, hands: await hands(webinarId) });
  }

  async function hands(webinarId: string): Promise<RoomHand[]> {
    return (await room.hands(webinarId)).map((hand) => ({
      userId: hand.userId,
      displayName: hand.displayName,
      raisedAt: hand.raisedAt.toISOString(),
      invited: hand.invitedAt !== null,
    }));
  }

  return {
    /**
     * May the actor enter the room, and as what? Hosts and presenters always; attendees when registered. A
     * removed person is refused. The video work reuses this for `room.rtc.*`.
     */
    async enter(actor: Actor, roomId: string) {
      const context = await loadWebinar(deps.webinars, actor, roomId);
      const webinar = context.record.webinar;
      if (webinar.status === 'cancelled') throw new AppError('webinar.cancelled');
      const role = roomRoleOf(actor, context.facts, context.groups);
      if (!role) throw new AppError('room.not_allowed');
      if (role === 'attendee' && (await room.isRemoved(webinar.id, actor.user.id)))
        throw new AppError('room.removed');
      return { webinar, role };
    },

    /** Everything a reader needs on entering (or when the room opens): base records and their own votes. */
    async contents(webinarId: string, userId: string) {
      const [chat, questions, myQuestionVotes, handList, polls] = await Promise.all([
        room.recentChat(webinarId, 100),
        room.questions(webinarId),
        room.questionVotesOf(webinarId, userId),
        hands(webinarId),
        room.polls(webinarId),
      ]);
      const votes = await room.pollVotes(polls.map((poll) => poll.id));
      return {
        chat: chat.map(({ message, displayName }) => toChatMessage(message, displayName)),
        questions: questions.map(toBaseQuestion),
        myQuestionVotes: new Set(myQuestionVotes),
        hands: handList,
        polls: polls.map((poll) =>
          toBasePoll(
            poll,
            votes.filter((vote) => vote.pollId === poll.id),
          ),
        ),
        myPollVotes: new Map(
          votes.filter((vote) => vote.userId === userId).map((vote) => [vote.pollId, vote.optionIds]),
        ),
      };
    },

    /** The room's status for the video stage; null when the event is gone or cancelled (its stage is over). */
    async stageStatus(webinarId: string): Promise<RoomStatus | null> {
      const record = await deps.webinars.findRecord(webinarId);
      if (!record || record.webinar.status === 'cancelled') return null;
      return record.webinar.roomStatus;
    },

    async status(webinarId: string): Promise<{ status: RoomStatus; chatPolicy: ChatPolicy; title: string }> {
      const webinar = await current(webinarId);
      return { status: webinar.roomStatus, chatPolicy: webinar.chatPolicy, title: webinar.title };
    },

    startStay: (member: RoomMember) =>
      room.startStay({
        webinarId: member.webinarId,
        userId: member.actor.user.id,
        role: member.role,
        at: clock.now(),
      }),
    endStays: (ids: string[]) => room.endStays(ids, clock.now()),
    touchStays: (ids: string[]) => room.touchStays(ids, clock.now()),
    participants: room.participants,
    handsOf: hands,

    async open(member: RoomMember) {
      requireHost(member);
      const webinar = await current(member.webinarId);
      await room.setStatus(member.webinarId, {
        roomStatus: 'open',
        roomOpenedAt: webinar.roomOpenedAt ?? clock.now(),
        roomClosedAt: null,
      });
      await publish({ type: 'room.status', roomId: member.webinarId });
    },

    async close(member: RoomMember) {
      requireHost(member);
      await room.setStatus(member.webinarId, { roomStatus: 'closed', roomClosedAt: clock.now() });
      await publish({ type: 'room.status', roomId: member.webinarId });
    },

    async setChatPolicy(member: RoomMember, chatPolicy: ChatPolicy) {
      requireHost(member);
      await room.setStatus(member.webinarId, { chatPolicy });
      await publish({ type: 'room.status', roomId: member.webinarId });
    },

    async sendChat(member: RoomMember, clientId: string, body: string) {
      const webinar = await requireOpen(member);
      if (webinar.chatPolicy === 'off' || (webinar.chatPolicy === 'hosts' && !seesEverything(member.role)))
        throw new AppError('room.chat_closed');
      // Counted in this process's memory, not the shared store: a round trip per chat line on the room's hot path
      // (rate-limit.ts `rateRules`).
      deps.limiter.hit(`room-chat:${member.actor.user.id}`, rateRules.roomChatPerPerson);
      const { row } = await room.insertChat({
        webinarId: member.webinarId,
        userId: member.actor.user.id,
        role: member.role,
        clientId,
        body: body.trim(),
        at: clock.now(),
      });
      // A retried clientId is acknowledged again but never shown twice.
      if (row)
        await publish({
          type: 'room.chat',
          roomId: member.webinarId,
          message: toChatMessage(row, member.actor.user.displayName),
        });
    },

    /** The author takes back a chat message, or a host takes it down; everyone in the room sees it go. */
    async deleteChat(member: RoomMember, messageId: string) {
      const found = isUuid(messageId) ? await room.findChat(member.webinarId, messageId) : undefined;
      if (!found) throw new AppError('not_found');
      const refusal = roomChatDeleteRefusal(
        { userId: member.actor.user.id, role: member.role },
        { authorId: found.message.userId, deleted: found.message.deletedAt !== null },
      );
      if (refusal) throw new AppError(refusal);
      const row = await room.deleteChat(member.webinarId, messageId, member.actor.user.id, clock.now());
      if (!row) throw new AppError('not_found');
      await publish({
        type: 'room.chat',
        roomId: member.webinarId,
        message: toChatMessage(row, found.displayName),
      });
    },

    async ask(member: RoomMember, clientId: string, body: string, anonymous: boolean) {
      await requireOpen(member);
      // In this process's memory, as the room's chat is.
      deps.limiter.hit(`room-ask:${member.actor.user.id}`, rateRules.roomQuestionsPerPerson);
      const row = await room.insertQuestion({
        webinarId: member.webinarId,
        userId: member.actor.user.id,
        clientId,
        body: body.trim(),
        anonymous,
        at: clock.now(),
      });
      if (!row) return;
      await publish({
        type: 'room.question',
        roomId: member.webinarId,
        question: toBaseQuestion({ question: row, displayName: member.actor.user.displayName }),
      });
    },

    async vote(member: RoomMember, questionId: string, up: boolean) {
      await requireOpen(member);
      const found = await room.findQuestion(member.webinarId, questionId);
      if (!found) throw new AppError('not_found');
      if (!(await room.setQuestionVote(found.question.id, member.actor.user.id, up))) return;
      const fresh = await room.findQuestion(member.webinarId, questionId);
      if (fresh)
        await publish({
          type: 'room.question',
          roomId: member.webinarId,
          question: toBaseQuestion(fresh),
          vote: { userId: member.actor.user.id, up },
        });
    },

    async mark(member: RoomMember, questionId: string, status: RoomQuestion['status']) {
      requireHost(member);
      const found = await room.findQuestion(member.webinarId, questionId);
      if (!found) throw new AppError('not_found');
      await room.markQuestion(found.question.id, status, clock.now());
      const fresh = await room.findQuestion(member.webinarId, questionId);
      if (fresh)
        await publish({ type: 'room.question', roomId: member.webinarId, question: toBaseQuestion(fresh) });
    },

    async raiseHand(member: RoomMember) {
      await requireOpen(member);
      await room.raiseHand(member.webinarId, member.actor.user.id, clock.now());
      await publishHands(member.webinarId);
    },

    /** Lowers one's own hand; a host may lower anyone's (which also ends their turn to speak). */
    async lowerHand(member: RoomMember, userId: string | undefined) {
      const target = userId ?? member.actor.user.id;
      if (target !== member.actor.user.id) requireHost(member);
      if (await room.lowerHand(member.webinarId, target)) {
        await publishHands(member.webinarId);
        await publish({ type: 'room.roles', roomId: member.webinarId, userId: target });
      }
    },

    async inviteHand(member: RoomMember, userId: string) {
      requireHost(member);
      if (!(await room.inviteHand(member.webinarId, userId, clock.now()))) throw new AppError('not_found');
      await publishHands(member.webinarId);
      await publish({ type: 'room.roles', roomId: member.webinarId, userId });
    },

    async createPoll(
      member: RoomMember,
      body: { question: string; kind: 'single' | 'multiple'; options: string[] },
    ) {
      requireHost(member);
      // In this process's memory, as the room's chat is.
      deps.limiter.hit(`room-poll:${member.actor.user.id}`, rateRules.roomPollsPerPerson);
      const poll = await room.insertPoll({
        webinarId: member.webinarId,
        createdBy: member.actor.user.id,
        question: body.question,
        kind: body.kind,
        options: body.options.map((label, index) => ({ id: `o${index + 1}`, label })),
        createdAt: clock.now(),
      });
      await publishPoll(member.webinarId, poll);
    },

    async votePoll(member: RoomMember, pollId: string, optionIds: string[]) {
      await requireOpen(member);
      const poll = await room.findPoll(member.webinarId, pollId);
      if (!poll) throw new AppError('not_found');
      if (poll.status !== 'open') throw new AppError('room.poll_closed');
      const chosen = [...new Set(optionIds)];
      const valid = new Set(poll.options.map((option) => option.id));
      if (chosen.some((id) => !valid.has(id)) || (poll.kind === 'single' && chosen.length !== 1))
        throw new AppError('room.poll_invalid');
      await room.votePoll(poll.id, member.actor.user.id, chosen, clock.now());
      await publishPoll(member.webinarId, poll, { userId: member.actor.user.id, optionIds: chosen });
    },

    async closePoll(member: RoomMember, pollId: string) {
      requireHost(member);
      const poll = await room.findPoll(member.webinarId, pollId);
      if (!poll) throw new AppError('not_found');
      const updated = await room.updatePoll(poll.id, { status: 'closed', closedAt: clock.now() });
      if (updated) await publishPoll(member.webinarId, updated);
    },

    async showPollResults(member: RoomMember, pollId: string, visible: boolean) {
      requireHost(member);
      const poll = await room.findPoll(member.webinarId, pollId);
      if (!poll) throw new AppError('not_found');
      const updated = await room.updatePoll(poll.id, { resultsVisible: visible });
      if (updated) await publishPoll(member.webinarId, updated);
    },

    /** A host removes an attendee: they leave at once and cannot come back in. Hosts and presenters stay. */
    async remove(member: RoomMember, userId: string) {
      requireHost(member);
      if (userId === member.actor.user.id) throw new AppError('auth.forbidden');
      const [target] = await room.participants(member.webinarId, [userId]);
      if (!target) throw new AppError('not_found');
      if (target.role !== 'attendee') throw new AppError('auth.forbidden');
      await room.remove(member.webinarId, userId, member.actor.user.id, clock.now());
      await publish({ type: 'room.removed', roomId: member.webinarId, userId });
      await publishHands(member.webinarId);
    },

    /** The organiser's report: who came, when, and for how long; and who registered but never came. */
    async attendance(actor: Actor, webinarId: string): Promise<AttendanceReport> {
      const context = await loadWebinar(deps.webinars, actor, webinarId, 'manage');
      const webinar = context.record.webinar;
      const stays = await room.stays(webinar.id);
      const registrations = await deps.webinars.registrants(webinar.id);
      const statusOf = new Map(
        registrations.map((row) => [row.registration.userId, row.registration.status]),
      );
      const now = clock.now();
      const people = new Map<
        string,
        {
          displayName: string;
          role: RoomRole;
          first: Date;
          last: Date | null;
          milliseconds: number;
          stays: number;
          present: boolean;
        }
      >();
      for (const stay of stays) {
        // An open stay whose node stopped refreshing it ended at its last sign of life.
        const stale = now.getTime() - stay.lastSeenAt.getTime() > 2 * 60_000;
        const end = stay.leftAt ?? (stale ? stay.lastSeenAt : now);
        const entry = people.get(stay.userId) ?? {
          displayName: stay.displayName,
          role: stay.role,
          first: stay.joinedAt,
          last: null,
          milliseconds: 0,
          stays: 0,
          present: false,
        };
        entry.milliseconds += Math.max(0, end.getTime() - stay.joinedAt.getTime());
        entry.stays += 1;
        entry.role = stay.role;
        entry.present ||= stay.leftAt === null && !stale;
        if (!entry.last || end > entry.last) entry.last = end;
        people.set(stay.userId, entry);
      }
      const items = [...people.entries()].map(([userId, entry]) => ({
        user: { id: userId, displayName: entry.displayName },
        role: entry.role,
        registrationStatus: statusOf.get(userId) ?? null,
        firstJoinedAt: entry.first.toISOString(),
        lastLeftAt: entry.present ? null : (entry.last?.toISOString() ?? null),
        minutes: Math.round(entry.milliseconds / 60_000),
        stays: entry.stays,
        present: entry.present,
      }));
      const registered = registrations.filter((row) => row.registration.status === 'registered');
      const attended = registered.filter((row) => people.has(row.registration.userId)).length;
      return {
        webinarId: webinar.id,
        roomOpenedAt: webinar.roomOpenedAt?.toISOString() ?? null,
        roomClosedAt: webinar.roomClosedAt?.toISOString() ?? null,
        registeredCount: registered.length,
        attendedCount: attended,
        noShowCount: registered.length - attended,
        items,
      };
    },
  };
}

export type RoomService = ReturnType<typeof createRoomService>;

function toChatMessage(
  row: {
    id: string;
    seq: number;
    userId: string | null;
    role: RoomRole;
    clientId: string;
    body: string;
    createdAt: Date;
    deletedAt: Date | null;
  },
  displayName: string | null,
): RoomChatMessage {
  return {
    id: row.id,
    seq: row.seq,
    author: row.userId ? { id: row.userId, displayName: displayName ?? '', role: row.role } : null,
    clientId: row.clientId,
    body: row.deletedAt ? '' : row.body,
    createdAt: row.createdAt.toISOString(),
    deleted: row.deletedAt !== null,
  };
}
