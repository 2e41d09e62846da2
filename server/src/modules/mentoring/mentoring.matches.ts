import type { CheckInMood, CloseReason } from '@spejl/shared';
import { AppError } from '../../http/errors.ts';
import { publishGroupChange } from '../groups/groups.context.ts';
import type { Actor } from '../auth/auth.policy.ts';
import {
  loadMatch,
  loadRequest,
  loadWorld,
  type MentoringDeps,
  mailPerson,
  requestFacts,
} from './mentoring.context.ts';
import { cancelLifecycle, scheduleLifecycle } from './mentoring.lifecycle.ts';
import { exclusionReasonsFor, scoreFor } from './mentoring.matching.ts';
import { presentMatch, presentRequest } from './mentoring.present.ts';
import type { Executor, MatchRecord, RequestRow } from './mentoring.repository.ts';

type Written = Awaited<ReturnType<MentoringDeps['notifications']['create']>>;
type CloseBody = {
  reason: CloseReason;
  feedback?: string | undefined;
  doNotMatchAgain?: boolean | undefined;
};

/** Proposals and mentorships: propose, accept (opening the private conversation), decline, close, follow up. */
export function createMatchesService(deps: MentoringDeps) {
  const { repository, clock, notifications } = deps;

  async function detail(actor: Actor, matchId: string) {
    const record = await repository.findMatch(matchId);
    if (!record) throw new AppError('not_found');
    const request = await repository.findRequest(record.match.requestId);
    return {
      match: await presentMatch(deps, actor, record),
      request: await presentRequest(repository, actor, request!, clock.now()),
    };
  }

  /**
   * Proposes a mentor for an open request, after the hard filters said yes. Used by a coordinator's choice and by a
   * batch; the mentor is told and is then the only other person who can read the request.
   */
  async function proposeFor(actor: Actor, request: RequestRow, mentorUserId: string) {
    const world = await loadWorld(repository, [request]);
    const mentor = world.mentors.find((candidate) => candidate.userId === mentorUserId);
    if (!mentor) throw new AppError('not_found');
    const now = clock.now();
    const facts = requestFacts(request, request.groupId ? world.groups.get(request.groupId) : undefined, now);
    const reasons = exclusionReasonsFor(facts, mentor, world.context);
    if (reasons.length > 0) throw new AppError('mentoring.not_eligible', { details: { reasons } });
    const { score } = scoreFor(facts, mentor, world.context.weights);
    const { match, written } = await repository.transaction(async (tx) => {
      const moved = await repository.updateRequest(
        request.id,
        { status: 'proposed', updatedAt: now },
        ['requested', 'clarifying'],
        tx,
      );
      if (!moved) throw new AppError('mentoring.request_not_open');
      const match = await repository.insertMatch(
        { requestId: request.id, mentorId: mentorUserId, score, proposedBy: actor.user.id, proposedAt: now },
        tx,
      );
      if (!match) throw new AppError('mentoring.request_not_open');
      const written = await notifications.create(
        [{ userId: mentorUserId, type: 'mentoring.proposed', data: { matchId: match.id } }],
        tx,
      );
      return { match, written };
    });
    await notifications.deliver(written);
    const person = await repository.findPerson(mentorUserId);
    if (person) await mailPerson(deps, person, 'proposed', `/mentoring/matches/${match.id}`);
    return match;
  }

  /** Tells the people concerned, in app and by mail. */
  async function tell(
    written: Written,
    mails: Array<{ userId: string; kind: Parameters<typeof mailPerson>[2]; path: string }>,
  ) {
    await notifications.deliver(written);
    for (const mail of mails) {
      const person = await repository.findPerson(mail.userId);
      if (person) await mailPerson(deps, person, mail.kind, mail.path);
    }
  }

  /** The two people of a match other than the actor (the pair), for telling them about a change. */
  function othersOf(actor: Actor, record: MatchRecord): string[] {
    return [record.match.mentorId, record.familyId].filter((id) => id !== actor.user.id);
  }

  /**
   * Closing, in three steps so another module can close a mentorship inside its own transaction (moderation closes
   * one as its decision on a report): the policy check now, `run` inside the transaction, `afterCommit` to tell the
   * other side and cancel the follow-ups. A coordinator's feedback becomes a note on the request.
   */
  async function prepareClose(actor: Actor, id: string, body: CloseBody) {
    const { record, standing } = await loadMatch(repository, actor, id, 'close');
    const pair = standing.isMentor || standing.isFamily;
    const now = clock.now();
    let written: Written = [];
    return {
      async run(tx: Executor) {
        const closed = await repository.updateMatch(
          record.match.id,
          { status: 'closed', closedAt: now, closedBy: actor.user.id, closeReason: body.reason },
          'active',
          tx,
        );
        if (!closed) throw new AppError('mentoring.match_not_active');
        await repository.updateRequest(
          record.match.requestId,
          { status: 'closed', updatedAt: now, closedAt: now },
          ['active'],
          tx,
        );
        if (record.match.groupId) await repository.setGroupReadOnly(record.match.groupId, now, tx);
        if (pair) {
          await repository.insertFeedback(
            {
              matchId: record.match.id,
              userId: actor.user.id,
              feedback: body.feedback || null,
              doNotMatchAgain: body.doNotMatchAgain ?? false,
              createdAt: now,
            },
            tx,
          );
          if (body.doNotMatchAgain)
            for (const other of othersOf(actor, record))
              await repository.block(actor.user.id, other, now, tx);
        } else if (body.feedback) {
          await repository.insertNote(
            {
              requestId: record.match.requestId,
              authorId: actor.user.id,
              body: body.feedback,
              createdAt: now,
            },
            tx,
          );
        }
        written = await notifications.create(
          othersOf(actor, record).map((userId) => ({
            userId,
            type: 'mentoring.closed',
            data: { matchId: record.match.id },
          })),
          tx,
        );
      },
      async afterCommit() {
        await tell(
          written,
          othersOf(actor, record).map((userId) => ({
            userId,
            kind: 'closed' as const,
            path: `/mentoring/matches/${record.match.id}`,
          })),
        );
        await cancelLifecycle(deps, record.match.id);
        if (record.match.groupId) await publishGroupChange(deps.bus, record.match.groupId);
      },
    };
  }

  return {
    proposeFor,
    detail,

    async propose(actor: Actor, body: { requestId: string; mentorUserId: string }) {
      const { row } = await loadRequest(repository, actor, body.requestId, 'propose');
      const match = await proposeFor(actor, row, body.mentorUserId);
      return detail(actor, match.id);
    },

    /** Throws unless the actor is one of the pair of an active mentorship (a match others cannot see is 404). */
    async assertCall(actor: Actor, id: string): Promise<void> {
      await loadMatch(repository, actor, id, 'call');
    },

    /**
     * One of the pair started a call and the other is not in it: tell the other in the app, with the way into the
     * conversation. Not mailed: a call is now or never.
     */
    async callStarted(actor: Actor, id: string): Promise<void> {
      const { record } = await loadMatch(repository, actor, id, 'call');
      const written = await notifications.create(
        othersOf(actor, record).map((userId) => ({
          userId,
          type: 'mentoring.call_started',
          data: { matchId: id, name: actor.user.displayName },
        })),
      );
      await notifications.deliver(written);
    },

    async get(actor: Actor, id: string) {
      await loadMatch(repository, actor, id);
      return detail(actor, id);
    },

    /**
     * The mentor says yes: the match becomes active and the pair get their private conversation, a hidden
     * `mentorship` group whose only members are the two of them. The follow-ups are scheduled.
     */
    async accept(actor: Actor, id: string) {
      const { record } = await loadMatch(repository, actor, id, 'accept');
      const now = clock.now();
      const written = await repository.transaction(async (tx) => {
        const group = await deps.groups.insertGroup(
          {
            name: 'Mentorforløb',
            slug: `mentorship-${record.match.id}`,
            description: '',
            kind: 'mentorship',
            visibility: 'hidden',
            joinPolicy: 'invite',
            createdAt: now,
            updatedAt: now,
          },
          tx,
        );
        if (!group) throw new AppError('mentoring.match_not_proposed');
        const accepted = await repository.updateMatch(
          record.match.id,
          { status: 'active', respondedAt: now, acceptedAt: now, groupId: group.id },
          'proposed',
          tx,
        );
        if (!accepted) throw new AppError('mentoring.match_not_proposed');
        await repository.updateRequest(
          record.match.requestId,
          { status: 'active', updatedAt: now },
          ['proposed'],
          tx,
        );
        for (const userId of [record.match.mentorId, record.familyId]) {
          await deps.groups.insertMembership(
            { groupId: group.id, userId, role: 'member', joinedAt: now },
            tx,
          );
          await deps.groups.recordEvent(
            {
              groupId: group.id,
              userId,
              actorId: actor.user.id,
              kind: 'joined.added',
              toRole: 'member',
              createdAt: now,
            },
            tx,
          );
        }
        return notifications.create(
          [
            {
              userId: record.familyId,
              type: 'mentoring.accepted',
              data: { matchId: record.match.id, mentorName: record.mentorName },
            },
          ],
          tx,
        );
      });
      await tell(written, [
        { userId: record.familyId, kind: 'accepted', path: `/mentoring/matches/${record.match.id}` },
      ]);
      await scheduleLifecycle(deps, record.match.id, now);
      return detail(actor, id);
    },

    /** The mentor says no, with a reason; the request goes back to the coordinators for the next candidate. */
    async decline(actor: Actor, id: string, reason: string) {
      const { record } = await loadMatch(repository, actor, id, 'decline');
      const now = clock.now();
      const coordinators = await repository.coordinators();
      const written = await repository.transaction(async (tx) => {
        const declined = await repository.updateMatch(
          record.match.id,
          { status: 'declined', respondedAt: now, declineReason: reason },
          'proposed',
          tx,
        );
        if (!declined) throw new AppError('mentoring.match_not_proposed');
        await repository.updateRequest(
          record.match.requestId,
          { status: 'requested', updatedAt: now },
          ['proposed'],
          tx,
        );
        return notifications.create(
          coordinators.map((person) => ({
            userId: person.id,
            type: 'mentoring.declined',
            data: { requestId: record.match.requestId, mentorName: record.mentorName },
          })),
          tx,
        );
      });
      await tell(
        written,
        coordinators.map((person) => ({
          userId: person.id,
          kind: 'declined' as const,
          path: `/mentoring/coordinator/requests/${record.match.requestId}`,
        })),
      );
      // The mentor who declined no longer sees the request or the match: nothing to return.
    },

    /** A coordinator withdraws a proposal the mentor has not answered. */
    async cancel(actor: Actor, id: string) {
      const { record } = await loadMatch(repository, actor, id, 'cancel');
      const now = clock.now();
      const written = await repository.transaction(async (tx) => {
        const cancelled = await repository.updateMatch(
          record.match.id,
          { status: 'cancelled', respondedAt: now },
          'proposed',
          tx,
        );
        if (!cancelled) throw new AppError('mentoring.match_not_proposed');
        await repository.updateRequest(
          record.match.requestId,
          { status: 'requested', updatedAt: now },
          ['proposed'],
          tx,
        );
        return notifications.create(
          [
            {
              userId: record.match.mentorId,
              type: 'mentoring.proposal_withdrawn',
              data: { matchId: record.match.id },
            },
          ],
          tx,
        );
      });
      await tell(written, [{ userId: record.match.mentorId, kind: 'proposalWithdrawn', path: '/mentoring' }]);
      return detail(actor, id);
    },

    /**
     * Either of the pair, or a coordinator, closes a mentorship with a reason. The conversation becomes read-only
     * (archived) for the pair; "don't match us again" blocks the pair from being proposed to each other again.
     */
    async close(actor: Actor, id: string, body: CloseBody) {
      const prepared = await prepareClose(actor, id, body);
      await repository.transaction((tx) => prepared.run(tx));
      await prepared.afterCommit();
      return detail(actor, id);
    },

    prepareClose,

    /** The other side's closing feedback, once, with an optional "don't match us again". */
    async feedback(
      actor: Actor,
      id: string,
      body: { feedback?: string | undefined; doNotMatchAgain?: boolean | undefined },
    ) {
      const { record } = await loadMatch(repository, actor, id, 'feedback');
      const now = clock.now();
      await repository.transaction(async (tx) => {
        const inserted = await repository.insertFeedback(
          {
            matchId: record.match.id,
            userId: actor.user.id,
            feedback: body.feedback || null,
            doNotMatchAgain: body.doNotMatchAgain ?? false,
            createdAt: now,
          },
          tx,
        );
        if (!inserted) throw new AppError('mentoring.feedback_given');
        if (body.doNotMatchAgain)
          for (const other of othersOf(actor, record)) await repository.block(actor.user.id, other, now, tx);
      });
      return detail(actor, id);
    },

    /** The mentor records first contact made outside the conversation (a phone call). */
    async recordContact(actor: Actor, id: string) {
      const { record } = await loadMatch(repository, actor, id, 'recordContact');
      await repository.setFirstContact(record.match.id, clock.now());
      return detail(actor, id);
    },

    /** One of the pair answers a check-in; a "hard" answer tells the coordinators. */
    async checkIn(actor: Actor, id: string, body: { mood: CheckInMood; note?: string | undefined }) {
      const { record } = await loadMatch(repository, actor, id, 'checkIn');
      await repository.insertCheckIn({
        matchId: record.match.id,
        userId: actor.user.id,
        mood: body.mood,
        note: body.note || null,
        createdAt: clock.now(),
      });
      if (body.mood === 'hard') {
        const coordinators = await repository.coordinators();
        await notifications.deliver(
          await notifications.create(
            coordinators
              .filter((person) => person.id !== actor.user.id)
              .map((person) => ({
                userId: person.id,
                type: 'mentoring.check_in_hard',
                data: { matchId: record.match.id },
              })),
          ),
        );
      }
      return detail(actor, id);
    },
  };
}

export type MatchesService = ReturnType<typeof createMatchesService>;
