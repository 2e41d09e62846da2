import {
  type BatchMode,
  type CandidatesResponse,
  type CountKey,
  type Locale,
  type MatchingWeights,
  type MentoringDashboard,
  type MessageKey,
  mentoringLimits,
  translate,
  translateCount,
} from '@spejl/shared';
import { AppError } from '../../http/errors.ts';
import { pageOf } from '../../http/pagination.ts';
import type { Actor } from '../auth/auth.policy.ts';
import {
  currentWeights,
  daysBetween,
  firstContactDue,
  hoursBetween,
  loadRequest,
  loadWorld,
  type MatchingWorld,
  type MentoringDeps,
  mailPerson,
  profileStatus,
  requestFacts,
  toProfile,
} from './mentoring.context.ts';
import type { MatchesService } from './mentoring.matches.ts';
import { assignBatch, type BreakdownItem, rankCandidates } from './mentoring.matching.ts';
import { coordinatorRefusal, weightsRefusal } from './mentoring.policy.ts';
import type { Executor, MatchRecord, RequestRow } from './mentoring.repository.ts';

const day = 24 * 60 * 60 * 1000;

/** Notes that name a number before a noun ("1 emne", "3 emner"), and the param that number comes from. */
const countedNotes: Partial<Record<string, string>> = {
  'mentoring.note.topics.shared': 'asked',
  'mentoring.note.childAge.known': 'gap',
  'mentoring.note.waitTime.waiting': 'days',
  'mentoring.note.load.load': 'capacity',
};

/** The translated reason for a criterion's points, in the reader's language. */
export function breakdownNote(locale: Locale, item: BreakdownItem): string {
  const params: Record<string, string | number> = { ...item.params };
  if (typeof params.stage === 'string')
    params.stage = translate(locale, `mentoring.lifeStage.${params.stage}` as MessageKey);
  const key = `mentoring.note.${item.criterion}.${item.params.state}`;
  const countedBy = countedNotes[key];
  if (countedBy) return translateCount(locale, key as CountKey, Number(params[countedBy]), params);
  return translate(locale, key as MessageKey, params);
}

/** The coordinators' tools: candidates with explanations, the dashboard, batch assignment, mentors and weights. */
export function createCoordinationService(deps: MentoringDeps & { matches: MatchesService }) {
  const { repository, clock, notifications } = deps;

  function requireCoordinator(actor: Actor) {
    const refusal = coordinatorRefusal(actor);
    if (refusal) throw new AppError(refusal);
  }

  function rank(world: MatchingWorld, row: RequestRow, now: Date) {
    const facts = requestFacts(row, row.groupId ? world.groups.get(row.groupId) : undefined, now);
    return rankCandidates(facts, world.mentors, world.context);
  }

  function summary(world: MatchingWorld, userId: string) {
    const mentor = world.mentors.find((candidate) => candidate.userId === userId)!;
    const name = world.names.get(userId)!;
    return {
      displayName: name.displayName,
      region: name.region,
      load: mentor.load,
      capacity: mentor.capacity,
    };
  }

  /** First contact made: recorded by the mentor, or a first message in the conversation. */
  async function overdue(records: MatchRecord[], now: Date): Promise<MatchRecord[]> {
    const late = records.filter(
      (record) =>
        record.match.acceptedAt !== null &&
        record.match.firstContactAt === null &&
        firstContactDue(record.match.acceptedAt) < now,
    );
    const firstMessages = await repository.firstMessagesOf(
      late.flatMap((record) =>
        record.match.groupId ? [{ groupId: record.match.groupId, mentorId: record.match.mentorId }] : [],
      ),
    );
    return late.filter((record) => !firstMessages.has(`${record.match.groupId}|${record.match.mentorId}`));
  }

  function dashboardMatch(record: MatchRecord, now: Date) {
    const since = record.match.acceptedAt
      ? firstContactDue(record.match.acceptedAt)
      : record.match.proposedAt;
    return {
      id: record.match.id,
      requestId: record.match.requestId,
      mentor: { id: record.match.mentorId, displayName: record.mentorName },
      family: { id: record.familyId, displayName: record.familyName },
      proposedAt: record.match.proposedAt.toISOString(),
      acceptedAt: record.match.acceptedAt?.toISOString() ?? null,
      firstContactDueAt: record.match.acceptedAt
        ? firstContactDue(record.match.acceptedAt).toISOString()
        : null,
      hoursWaiting: hoursBetween(since, now),
    };
  }

  return {
    /** Every mentor with a profile, in exactly one list: ranked candidates with explanations, or excluded with reasons. */
    async candidates(actor: Actor, locale: Locale, id: string): Promise<CandidatesResponse> {
      const { row } = await loadRequest(repository, actor, id, 'coordinate');
      const world = await loadWorld(repository, [row]);
      const { candidates, excluded } = rank(world, row, clock.now());
      return {
        candidates: candidates.map((candidate) => ({
          mentorUserId: candidate.mentorUserId,
          score: candidate.score,
          breakdown: candidate.breakdown.map((item) => ({
            criterion: item.criterion,
            points: item.points,
            note: breakdownNote(locale, item),
          })),
          mentor: summary(world, candidate.mentorUserId),
        })),
        excluded: excluded.map((item) => ({ ...item, mentor: summary(world, item.mentorUserId) })),
      };
    },

    /** What a coordinator needs to act on, most urgent first, and where mentors are missing. */
    async dashboard(actor: Actor): Promise<MentoringDashboard> {
      requireCoordinator(actor);
      const now = clock.now();
      const [open, proposed, active, profiles, hard] = await Promise.all([
        repository.requestsWithStatus(['requested', 'clarifying']),
        repository.matchesWithStatus(['proposed']),
        repository.matchesWithStatus(['active']),
        repository.listProfiles(),
        repository.hardCheckInsSince(new Date(now.getTime() - 30 * day)),
      ]);
      const world = await loadWorld(repository, open);
      const people = new Map(
        (await repository.findPeople([...new Set(open.map((row) => row.requesterId))])).map((person) => [
          person.id,
          person.displayName,
        ]),
      );
      const coverage = new Map<string, MentoringDashboard['coverage'][number]>();
      const openRequests = open.map((row) => {
        const { candidates } = rank(world, row, now);
        const group = row.groupId ? world.groups.get(row.groupId) : undefined;
        if (candidates.length === 0) {
          const key = `${group?.area.id ?? '-'}|${row.region}`;
          const entry = coverage.get(key) ?? { area: group?.area ?? null, region: row.region, requests: 0 };
          entry.requests += 1;
          coverage.set(key, entry);
        }
        const top = candidates[0];
        return {
          id: row.id,
          status: row.status,
          requester: { id: row.requesterId, displayName: people.get(row.requesterId) ?? '' },
          groupName: group?.name ?? null,
          diagnosisText: row.diagnosisText,
          region: row.region,
          createdAt: row.createdAt.toISOString(),
          waitingDays: daysBetween(row.createdAt, now),
          candidateCount: candidates.length,
          topCandidate: top
            ? {
                mentorUserId: top.mentorUserId,
                displayName: world.names.get(top.mentorUserId)?.displayName ?? '',
                score: top.score,
              }
            : null,
        };
      });
      return {
        openRequests,
        proposals: proposed.map((record) => dashboardMatch(record, now)),
        overdueFirstContacts: (await overdue(active, now)).map((record) => dashboardMatch(record, now)),
        mentorsAwaitingApproval: profiles
          .filter((row) => profileStatus(row.profile) === 'awaiting_approval')
          .map((row) => ({
            userId: row.profile.userId,
            displayName: row.displayName,
            createdAt: row.profile.createdAt.toISOString(),
          })),
        hardCheckIns: hard.map(({ checkIn, userName }) => ({
          matchId: checkIn.matchId,
          user: { id: checkIn.userId, displayName: userName },
          note: checkIn.note,
          createdAt: checkIn.createdAt.toISOString(),
        })),
        coverage: [...coverage.values()].sort((a, b) => b.requests - a.requests),
        counts: {
          approvedMentors: profiles.filter((row) => profileStatus(row.profile) === 'approved').length,
          activeMatches: active.length,
        },
      };
    },

    /**
     * Assigns a cohort of open requests at once (for example after a family course), optimally under mentor
     * capacities. Without `propose` it is a plan to look at; with it, every assignment is proposed.
     */
    async batch(
      actor: Actor,
      body: { requestIds?: string[] | undefined; mode: BatchMode; propose?: boolean | undefined },
    ) {
      requireCoordinator(actor);
      let rows: RequestRow[];
      if (body.requestIds) {
        const ids = [...new Set(body.requestIds)];
        rows = await repository.requestsByIds(ids);
        if (rows.length !== ids.length) throw new AppError('not_found');
        if (rows.some((row) => row.status !== 'requested' && row.status !== 'clarifying'))
          throw new AppError('mentoring.request_not_open');
        rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      } else {
        rows = (await repository.requestsWithStatus(['requested', 'clarifying'])).slice(
          0,
          mentoringLimits.batchMax,
        );
      }
      const now = clock.now();
      const world = await loadWorld(repository, rows);
      const facts = rows.map((row) =>
        requestFacts(row, row.groupId ? world.groups.get(row.groupId) : undefined, now),
      );
      const { assignments, unassigned } = assignBatch(facts, world.mentors, world.context, body.mode);
      const result = [];
      for (const assignment of assignments) {
        let matchId: string | null = null;
        if (body.propose) {
          const row = rows.find((candidate) => candidate.id === assignment.requestId)!;
          matchId = (await deps.matches.proposeFor(actor, row, assignment.mentorUserId)).id;
        }
        result.push({
          ...assignment,
          mentorName: world.names.get(assignment.mentorUserId)?.displayName ?? '',
          matchId,
        });
      }
      return { assignments: result, unassigned };
    },

    /** Mentor profiles for coordinators, oldest first, optionally by status. */
    async listMentors(actor: Actor, status: string | undefined, page: { offset: number; limit: number }) {
      requireCoordinator(actor);
      const rows = await repository.listProfiles();
      const filtered = status ? rows.filter((row) => profileStatus(row.profile) === status) : rows;
      const [loads, groups] = await Promise.all([
        repository.loads(),
        repository.groupInfo(filtered.flatMap((row) => row.profile.groupIds)),
      ]);
      const { items, nextCursor } = pageOf(filtered, page);
      return {
        items: items.map((row) => toProfile(row, loads.get(row.profile.userId) ?? 0, groups)),
        nextCursor,
      };
    },

    /** Records the mentor's training and approves them (also lifts a coordinator's pause). */
    async approve(
      actor: Actor,
      userId: string,
      body: { trainingCompletedOn: string; trainingNote?: string | undefined },
    ) {
      requireCoordinator(actor);
      const existing = await repository.findProfile(userId);
      if (!existing) throw new AppError('not_found');
      const now = clock.now();
      await repository.updateProfile(userId, {
        trainingCompletedAt: new Date(`${body.trainingCompletedOn}T12:00:00Z`),
        trainingNote: body.trainingNote || null,
        approvedAt: existing.profile.approvedAt ?? now,
        approvedBy: actor.user.id,
        pausedByCoordinatorAt: null,
        pauseReason: null,
        updatedAt: now,
      });
      if (existing.profile.approvedAt === null) {
        await notifications.deliver(
          await notifications.create([{ userId, type: 'mentoring.approved', data: {} }]),
        );
        const person = await repository.findPerson(userId);
        if (person) await mailPerson(deps, person, 'approved', '/mentoring');
      }
      return this.mentor(actor, userId);
    },

    /** Pauses a mentor: no new proposals until a coordinator approves again. Current mentorships go on. */
    async pause(actor: Actor, userId: string, reason: string | undefined) {
      const prepared = await this.preparePause(actor, userId, reason);
      await prepared.run(repository.db);
      return this.mentor(actor, userId);
    },

    /**
     * A coordinator's pause of a mentor (no new families until approved again), checked now and written by `run`
     * inside the caller's transaction (moderation pauses a mentor as part of its decision).
     */
    async preparePause(actor: Actor, userId: string, reason: string | undefined) {
      requireCoordinator(actor);
      const existing = await repository.findProfile(userId);
      if (!existing) throw new AppError('not_found');
      const now = clock.now();
      return {
        async run(executor: Executor) {
          await repository.updateProfile(
            userId,
            { pausedByCoordinatorAt: now, pauseReason: reason || null, updatedAt: now },
            executor,
          );
        },
      };
    },

    async mentor(actor: Actor, userId: string) {
      requireCoordinator(actor);
      const row = await repository.findProfile(userId);
      if (!row) throw new AppError('not_found');
      const [loads, groups] = await Promise.all([
        repository.loads([userId]),
        repository.groupInfo(row.profile.groupIds),
      ]);
      return toProfile(row, loads.get(userId) ?? 0, groups);
    },

    async weights(actor: Actor) {
      requireCoordinator(actor);
      const stored = await repository.setting('weights');
      return {
        weights: await currentWeights(repository),
        updatedAt: stored?.updatedAt.toISOString() ?? null,
      };
    },

    async saveWeights(actor: Actor, weights: MatchingWeights) {
      const refusal = weightsRefusal(actor);
      if (refusal) throw new AppError(refusal);
      await repository.saveSetting('weights', { ...weights }, actor.user.id, clock.now());
      return this.weights(actor);
    },
  };
}

export type CoordinationService = ReturnType<typeof createCoordinationService>;
