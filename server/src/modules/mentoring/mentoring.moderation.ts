import type {
  MentorshipFacts,
  MentorshipModeration,
  PreparedCommand,
} from '../moderation/moderation.context.ts';
import type { MentoringDeps } from './mentoring.context.ts';
import type { CoordinationService } from './mentoring.coordination.ts';
import type { MatchesService } from './mentoring.matches.ts';

/**
 * Mentoring's side of reports from a mentorship's private conversation: which mentorship a conversation belongs
 * to, who reviews it (the same coordinators who are told about requests), and this module's own pause and close,
 * so moderation never writes mentoring's tables.
 */
export function createMentorshipModeration(
  deps: Pick<MentoringDeps, 'repository'>,
  matches: Pick<MatchesService, 'prepareClose'>,
  coordination: Pick<CoordinationService, 'preparePause'>,
): MentorshipModeration {
  const { repository } = deps;
  return {
    async byConversation(groupIds) {
      const rows = await repository.matchesByConversation(groupIds);
      const found = new Map<string, MentorshipFacts>();
      for (const row of rows)
        if (row.match.groupId)
          found.set(row.match.groupId, {
            matchId: row.match.id,
            status: row.match.status,
            mentor: { id: row.match.mentorId, displayName: row.mentorName },
            family: { id: row.familyId, displayName: row.familyName },
          });
      return found;
    },

    async reviewerIds() {
      return (await repository.coordinators()).map((person) => person.id);
    },

    async preparePause(actor, mentorId, reason): Promise<PreparedCommand> {
      return coordination.preparePause(actor, mentorId, reason);
    },

    async prepareClose(actor, matchId, reason): Promise<PreparedCommand> {
      return matches.prepareClose(actor, matchId, { reason: 'other', feedback: reason });
    },
  };
}
