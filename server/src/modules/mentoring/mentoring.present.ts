import type { MentoringMatch, MentoringRequest } from '@spejl/shared';
import type { Actor } from '../auth/auth.policy.ts';
import { type MentoringDeps, requestStanding, toMatch, toRequest } from './mentoring.context.ts';
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

/** What presenting matches reads: the mentoring tables, and the pair's unread state from the groups. */
type MatchSources = Pick<MentoringDeps, 'repository' | 'groups'>;

/**
 * Matches as one actor sees them, with first contact, check-ins, whether they gave feedback and, for the pair, what
 * they have not read in their conversation.
 */
export async function presentMatches(
  sources: MatchSources,
  actor: Actor,
  records: MatchRecord[],
): Promise<MentoringMatch[]> {
  if (records.length === 0) return [];
  const { repository } = sources;
  const ids = records.map((record) => record.match.id);
  // Only the pair are members of the conversation, so anyone else gets no unread state.
  const conversations = records.flatMap((record) => (record.match.groupId ? [record.match.groupId] : []));
  const [firstMessages, checkIns, feedback, unread] = await Promise.all([
    repository.firstMessagesOf(
      records.flatMap((record) =>
        record.match.groupId ? [{ groupId: record.match.groupId, mentorId: record.match.mentorId }] : [],
      ),
    ),
    repository.checkInsOf(ids),
    repository.feedbackGiven(ids, actor.user.id),
    sources.groups.unreadOf(actor.user.id, [...new Set(conversations)]),
  ]);
  return records.map((record) =>
    toMatch(actor, record, {
      firstMessageAt: record.match.groupId
        ? (firstMessages.get(`${record.match.groupId}|${record.match.mentorId}`) ?? null)
        : null,
      checkIns: checkIns.filter((item) => item.checkIn.matchId === record.match.id),
      feedbackGiven: feedback.has(record.match.id),
      unread: record.match.groupId ? unread.get(record.match.groupId) : undefined,
    }),
  );
}

export async function presentMatch(
  sources: MatchSources,
  actor: Actor,
  record: MatchRecord,
): Promise<MentoringMatch> {
  const [match] = await presentMatches(sources, actor, [record]);
  return match!;
}
