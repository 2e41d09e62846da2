import type { MentoringMatch, MentoringRequest } from '@spejl/shared';
import type { Actor } from '../auth/auth.policy.ts';
import { requestStanding, toMatch, toRequest } from './mentoring.context.ts';
import { isCoordinator } from './mentoring.policy.ts';
import type { MatchRecord, MentoringRepository, RequestRow } from './mentoring.repository.ts';

/** Requests as one actor sees them, loading names, groups and (for coordinators) notes in a few queries. */
export async function presentRequests(
  repository: MentoringRepository,
  actor: Actor,
  rows: RequestRow[],
  now: Date,
): Promise<MentoringRequest[]> {
  if (rows.length === 0) return [];
  const [people, groups, notes] = await Promise.all([
    repository.findPeople([...new Set(rows.map((row) => row.requesterId))]),
    repository.groupInfo(rows.flatMap((row) => (row.groupId ? [row.groupId] : []))),
    isCoordinator(actor) ? repository.notesOf(rows.map((row) => row.id)) : Promise.resolve([]),
  ]);
  const names = new Map(people.map((person) => [person.id, person.displayName]));
  const result: MentoringRequest[] = [];
  for (const row of rows) {
    const standing = await requestStanding(repository, actor, row);
    result.push(
      toRequest(actor, row, standing, {
        requesterName: names.get(row.requesterId) ?? '',
        group: row.groupId ? groups.get(row.groupId) : undefined,
        notes: notes.filter((item) => item.note.requestId === row.id),
        now,
      }),
    );
  }
  return result;
}

export async function presentRequest(
  repository: MentoringRepository,
  actor: Actor,
  row: RequestRow,
  now: Date,
): Promise<MentoringRequest> {
  const [request] = await presentRequests(repository, actor, [row], now);
  return request!;
}

/** Matches as one actor sees them, with first contact, check-ins and whether they gave feedback. */
export async function presentMatches(
  repository: MentoringRepository,
  actor: Actor,
  records: MatchRecord[],
): Promise<MentoringMatch[]> {
  if (records.length === 0) return [];
  const ids = records.map((record) => record.match.id);
  const [firstMessages, checkIns, feedback] = await Promise.all([
    repository.firstMessagesOf(
      records.flatMap((record) =>
        record.match.groupId ? [{ groupId: record.match.groupId, mentorId: record.match.mentorId }] : [],
      ),
    ),
    repository.checkInsOf(ids),
    repository.feedbackGiven(ids, actor.user.id),
  ]);
  return records.map((record) =>
    toMatch(actor, record, {
      firstMessageAt: record.match.groupId
        ? (firstMessages.get(`${record.match.groupId}|${record.match.mentorId}`) ?? null)
        : null,
      checkIns: checkIns.filter((item) => item.checkIn.matchId === record.match.id),
      feedbackGiven: feedback.has(record.match.id),
    }),
  );
}

export async function presentMatch(
  repository: MentoringRepository,
  actor: Actor,
  record: MatchRecord,
): Promise<MentoringMatch> {
  const [match] = await presentMatches(repository, actor, [record]);
  return match!;
}
