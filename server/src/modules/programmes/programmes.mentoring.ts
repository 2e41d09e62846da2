import { mentoringLimits, type ProgrammeMentorship } from '@spejl/shared';
import type { MentoringRepository } from '../mentoring/mentoring.repository.ts';

const hourMs = 60 * 60 * 1000;

/** Looks up a family's newest mentoring request and its newest match, for the programme's mentor step. */
export type MentorshipLookup = (userId: string) => Promise<ProgrammeMentorship | null>;

/**
 * Reads through the mentoring module's repository (never its tables): the newest request of the family, its newest
 * match, and when first contact is due (48 hours after accepting) and was made (recorded, or the mentor's first
 * message in the pair's conversation).
 */
export function createMentorshipLookup(
  repository: Pick<MentoringRepository, 'requestsOf' | 'matchesOfRequest' | 'firstMessageAt'>,
): MentorshipLookup {
  return async (userId) => {
    const [request] = await repository.requestsOf(userId);
    if (!request) return null;
    const [record] = await repository.matchesOfRequest(request.id);
    const match = record?.match;
    const messageAt = match?.groupId ? await repository.firstMessageAt(match.groupId, match.mentorId) : null;
    const recorded = match?.firstContactAt ?? null;
    const contact =
      recorded && messageAt
        ? new Date(Math.min(recorded.getTime(), messageAt.getTime()))
        : (recorded ?? messageAt);
    return {
      requestId: request.id,
      requestStatus: request.status,
      matchId: match?.id ?? null,
      matchStatus: match?.status ?? null,
      firstContactDueAt: match?.acceptedAt
        ? new Date(match.acceptedAt.getTime() + mentoringLimits.firstContactHours * hourMs).toISOString()
        : null,
      firstContactAt: contact?.toISOString() ?? null,
    };
  };
}
