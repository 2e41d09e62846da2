import {
  type CreateRequestBody,
  isConversationKind,
  type MentorProfileBody,
  type NotificationDataMap,
  type NotificationType,
  type UpdateRequestBody,
} from '@spejl/shared';
import { AppError } from '../../http/errors.ts';
import { pageOf } from '../../http/pagination.ts';
import { type Actor, hasPlatformPower } from '../auth/auth.policy.ts';
import { notificationFor } from '../notifications/notifications.service.ts';
import { loadRequest, type MentoringDeps, mailPerson, toProfile } from './mentoring.context.ts';
import { coordinatorRefusal } from './mentoring.policy.ts';
import { presentMatches, presentRequest, presentRequests } from './mentoring.present.ts';
import type { RequestRow } from './mentoring.repository.ts';

function invalid(path: Array<string | number>, message: string): AppError {
  return new AppError('validation.failed', { details: [{ path, message }] });
}

/** Mentor profiles, families' requests and the actor's own overview. Matches are in mentoring.matches.ts. */
export function createMentoringService(deps: MentoringDeps) {
  const { repository, clock, notifications } = deps;

  /**
   * Diagnosis groups a person may name: groups they can see (listed, or hidden ones they belong to), never a
   * private conversation (a mentorship's or a direct one).
   */
  async function checkGroups(actor: Actor, ids: string[], field: string): Promise<void> {
    const info = await repository.groupInfo(ids);
    for (const [index, id] of ids.entries()) {
      const group = info.get(id);
      const visible =
        group &&
        !isConversationKind(group.kind) &&
        (group.visibility === 'listed' ||
          (await deps.groups.findMembership(id, actor.user.id)) !== undefined);
      if (!visible) throw invalid([field, index], 'unknown group');
    }
  }

  async function coordinatorsToTell<Type extends NotificationType>(
    type: Type,
    data: NotificationDataMap[Type],
  ) {
    const people = await repository.coordinators();
    return { people, items: people.map((person) => notificationFor(person.id, type, data)) };
  }

  return {
    /** The actor's mentoring overview: profile, requests, proposals to answer, mentorships, and what they may do. */
    async me(actor: Actor) {
      const now = clock.now();
      const [profileRow, requestRows, matchRecords] = await Promise.all([
        repository.findProfile(actor.user.id),
        repository.requestsOf(actor.user.id),
        repository.matchesOf(actor.user.id),
      ]);
      let profile = null;
      if (profileRow) {
        const [loads, groups] = await Promise.all([
          repository.loads([actor.user.id]),
          repository.groupInfo(profileRow.profile.groupIds),
        ]);
        profile = toProfile(profileRow, loads.get(actor.user.id) ?? 0, groups);
      }
      const mine = matchRecords.filter(
        (record) =>
          (record.match.mentorId === actor.user.id &&
            ['proposed', 'active', 'closed'].includes(record.match.status)) ||
          (record.familyId === actor.user.id && ['active', 'closed'].includes(record.match.status)),
      );
      const matches = await presentMatches(deps, actor, mine);
      const refusal = coordinatorRefusal(actor);
      return {
        profile,
        requests: await presentRequests(repository, actor, requestRows, now),
        proposals: matches.filter((match) => match.status === 'proposed'),
        matches: matches.filter((match) => match.status !== 'proposed'),
        permissions: {
          canRequest: !requestRows.some((row) =>
            ['requested', 'clarifying', 'proposed'].includes(row.status),
          ),
          canCoordinate: refusal === null,
          needsMfaToCoordinate: refusal === 'auth.mfa_enrolment_required',
          canChangeWeights: hasPlatformPower(actor, 'admin'),
        },
      };
    },

    /** Creates or updates the actor's own mentor profile; a new one waits for a coordinator's approval. */
    async saveProfile(actor: Actor, body: MentorProfileBody) {
      const groupIds = [...new Set(body.groupIds)];
      await checkGroups(actor, groupIds, 'groupIds');
      const existing = await repository.findProfile(actor.user.id);
      const now = clock.now();
      await repository.upsertProfile({
        userId: actor.user.id,
        groupIds,
        relation: body.relation,
        childAgeYears: body.childAgeYears ?? null,
        region: body.region,
        municipality: body.municipality || null,
        languages: [...new Set(body.languages)],
        topics: [...new Set(body.topics)],
        capacity: body.capacity,
        gender: body.gender ?? null,
        bio: body.bio || null,
        shareNote: body.shareNote || null,
        pausedByMentor: body.paused ?? existing?.profile.pausedByMentor ?? false,
        createdAt: now,
        updatedAt: now,
      });
      if (!existing) {
        const { items } = await coordinatorsToTell('mentoring.mentor_applied', {
          mentorName: actor.user.displayName,
          userId: actor.user.id,
        });
        await notifications.deliver(await notifications.create(items));
      }
      const saved = await repository.findProfile(actor.user.id);
      const [loads, groups] = await Promise.all([
        repository.loads([actor.user.id]),
        repository.groupInfo(groupIds),
      ]);
      return { profile: toProfile(saved!, loads.get(actor.user.id) ?? 0, groups), created: !existing };
    },

    /** Stops being a mentor; not while a family is proposed to or mentored by the actor. */
    async deleteProfile(actor: Actor) {
      const existing = await repository.findProfile(actor.user.id);
      if (!existing) throw new AppError('not_found');
      if ((await repository.loads([actor.user.id])).get(actor.user.id))
        throw new AppError('mentoring.has_matches');
      await repository.deleteProfile(actor.user.id);
    },

    /** A new family asks for a mentor; coordinators are told (without any details in the mail). */
    async createRequest(actor: Actor, body: CreateRequestBody) {
      const groupId = body.groupId ?? null;
      if (groupId) await checkGroups(actor, [groupId], 'groupId');
      if (body.preferences?.sameDiagnosisRequired && !groupId)
        throw invalid(['preferences', 'sameDiagnosisRequired'], 'needs a diagnosis group');
      if (await repository.ongoingRequestOf(actor.user.id)) throw new AppError('mentoring.request_open');
      const now = clock.now();
      const people = await repository.coordinators();
      const { row, written } = await repository.transaction(async (tx) => {
        const row = await repository.insertRequest(
          {
            requesterId: actor.user.id,
            groupId,
            diagnosisText: body.diagnosisText || null,
            childAgeYears: body.childAgeYears ?? null,
            region: body.region,
            municipality: body.municipality || null,
            languages: [...new Set(body.languages)],
            topics: [...new Set(body.topics)],
            inPerson: body.preferences?.inPerson ?? false,
            sameDiagnosisRequired: body.preferences?.sameDiagnosisRequired ?? false,
            mentorGender: body.preferences?.mentorGender ?? null,
            needs: body.needs || null,
            consentAt: now,
            createdAt: now,
            updatedAt: now,
          },
          tx,
        );
        await repository.recordConsent(actor.user.id, now, tx);
        const written = await notifications.create(
          people.map((person) =>
            notificationFor(person.id, 'mentoring.request_created', { requestId: row.id }),
          ),
          tx,
        );
        return { row, written };
      });
      await notifications.deliver(written);
      for (const person of people)
        await mailPerson(deps, person, 'requestCreated', `/mentoring/coordinator/requests/${row.id}`);
      return presentRequest(repository, actor, row, now);
    },

    async getRequest(actor: Actor, id: string) {
      const { row, standing } = await loadRequest(repository, actor, id);
      if (!standing.isRequester && !standing.isMentor)
        await deps.accessLog?.record(actor, 'coordinator', [
          {
            subjectId: row.requesterId,
            kind: 'mentoring.request',
            reason: 'coordinate_mentoring',
            resourceId: row.id,
          },
        ]);
      return presentRequest(repository, actor, row, clock.now());
    },

    /** Coordinators' list of requests: open ones (waiting longest first), or by status. */
    async listRequests(
      actor: Actor,
      status: 'open' | 'all' | RequestRow['status'],
      page: { offset: number; limit: number },
    ) {
      const refusal = coordinatorRefusal(actor);
      if (refusal) throw new AppError(refusal);
      const statuses: RequestRow['status'][] =
        status === 'open'
          ? ['requested', 'clarifying']
          : status === 'all'
            ? ['requested', 'clarifying', 'proposed', 'active', 'closed', 'withdrawn']
            : [status];
      const { items, nextCursor } = pageOf(await repository.requestsWithStatus(statuses), page);
      return { items: await presentRequests(repository, actor, items, clock.now()), nextCursor };
    },

    /** Adjusts a request: the family until a mentor is proposed, a coordinator after the clarifying talk too. */
    async updateRequest(actor: Actor, id: string, body: UpdateRequestBody) {
      const { row } = await loadRequest(repository, actor, id, 'edit');
      const groupId = body.groupId === undefined ? row.groupId : body.groupId;
      if (body.groupId) await checkGroups(actor, [body.groupId], 'groupId');
      const sameDiagnosisRequired = body.preferences?.sameDiagnosisRequired ?? row.sameDiagnosisRequired;
      if (sameDiagnosisRequired && !groupId)
        throw invalid(['preferences', 'sameDiagnosisRequired'], 'needs a diagnosis group');
      const now = clock.now();
      const values: Partial<RequestRow> = { updatedAt: now, groupId, sameDiagnosisRequired };
      if (body.diagnosisText !== undefined) values.diagnosisText = body.diagnosisText || null;
      if (body.childAgeYears !== undefined) values.childAgeYears = body.childAgeYears;
      if (body.region !== undefined) values.region = body.region;
      if (body.municipality !== undefined) values.municipality = body.municipality || null;
      if (body.languages !== undefined) values.languages = [...new Set(body.languages)];
      if (body.topics !== undefined) values.topics = [...new Set(body.topics)];
      if (body.needs !== undefined) values.needs = body.needs || null;
      if (body.preferences?.inPerson !== undefined) values.inPerson = body.preferences.inPerson;
      if (body.preferences?.mentorGender !== undefined) values.mentorGender = body.preferences.mentorGender;
      const updated = await repository.updateRequest(row.id, values, ['requested', 'clarifying']);
      if (!updated) throw new AppError('mentoring.request_locked');
      return presentRequest(repository, actor, updated, now);
    },

    /** A coordinator's note from the needs-clarifying conversation; the request moves to "in clarification". */
    async addNote(actor: Actor, id: string, body: string) {
      const { row } = await loadRequest(repository, actor, id, 'coordinate');
      const now = clock.now();
      const updated = await repository.transaction(async (tx) => {
        await repository.insertNote({ requestId: row.id, authorId: actor.user.id, body, createdAt: now }, tx);
        const moved = await repository.updateRequest(
          row.id,
          { status: 'clarifying', updatedAt: now },
          ['requested'],
          tx,
        );
        return moved ?? row;
      });
      return presentRequest(repository, actor, updated, now);
    },

    /** The family (or a coordinator) takes a request back; a waiting proposal is withdrawn and its mentor told. */
    async withdrawRequest(actor: Actor, id: string) {
      const { row } = await loadRequest(repository, actor, id, 'withdraw');
      const now = clock.now();
      const open = (await repository.matchesOfRequest(row.id)).find(
        (record) => record.match.status === 'proposed',
      );
      const { updated, written } = await repository.transaction(async (tx) => {
        const updated = await repository.updateRequest(
          row.id,
          { status: 'withdrawn', updatedAt: now, closedAt: now },
          ['requested', 'clarifying', 'proposed'],
          tx,
        );
        if (!updated) throw new AppError('mentoring.request_not_open');
        let written: Awaited<ReturnType<typeof notifications.create>> = [];
        if (open) {
          await repository.updateMatch(
            open.match.id,
            { status: 'cancelled', respondedAt: now },
            'proposed',
            tx,
          );
          written = await notifications.create(
            [
              {
                userId: open.match.mentorId,
                type: 'mentoring.proposal_withdrawn',
                data: { matchId: open.match.id },
              },
            ],
            tx,
          );
        }
        return { updated, written };
      });
      await notifications.deliver(written);
      return presentRequest(repository, actor, updated, now);
    },
  };
}

export type MentoringService = ReturnType<typeof createMentoringService>;
