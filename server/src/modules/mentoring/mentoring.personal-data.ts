import {
  type Database,
  mentoringCheckIns,
  mentoringFeedback,
  mentoringMatches,
  mentoringNotes,
  mentoringRequests,
  mentorProfiles,
} from '@spejl/db';
import { asc, eq, inArray, or } from 'drizzle-orm';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { PersonalDataSection } from '../privacy/privacy.personal-data.ts';
import type { MentoringRepository } from './mentoring.repository.ts';
import type { createMentoringService } from './mentoring.service.ts';

const iso = (value: Date | null | undefined) => value?.toISOString() ?? null;

/**
 * The person's mentoring data for their export: their mentor profile, their requests with the coordinator's notes
 * about them, the matches they were part of, and the feedback and check-ins they gave. The other person in a match
 * appears only by the role they had. Deleting the account removes all of it (foreign keys cascade).
 */
export const mentoringSection: PersonalDataSection = {
  name: 'mentoring',
  async export(db: Database, userId: string) {
    const [profile] = await db.select().from(mentorProfiles).where(eq(mentorProfiles.userId, userId));
    const requests = await db
      .select()
      .from(mentoringRequests)
      .where(eq(mentoringRequests.requesterId, userId))
      .orderBy(asc(mentoringRequests.createdAt));
    const requestIds = requests.map((request) => request.id);
    const notes = requestIds.length
      ? await db.select().from(mentoringNotes).where(inArray(mentoringNotes.requestId, requestIds))
      : [];
    const matches = await db
      .select()
      .from(mentoringMatches)
      .where(
        requestIds.length
          ? or(eq(mentoringMatches.mentorId, userId), inArray(mentoringMatches.requestId, requestIds))
          : eq(mentoringMatches.mentorId, userId),
      );
    const feedback = await db.select().from(mentoringFeedback).where(eq(mentoringFeedback.userId, userId));
    const checkIns = await db.select().from(mentoringCheckIns).where(eq(mentoringCheckIns.userId, userId));
    return {
      mentorProfile: profile && {
        relation: profile.relation,
        childAgeYears: profile.childAgeYears,
        region: profile.region,
        municipality: profile.municipality,
        languages: profile.languages,
        topics: profile.topics,
        capacity: profile.capacity,
        bio: profile.bio,
        shareNote: profile.shareNote,
        approvedAt: iso(profile.approvedAt),
        trainingCompletedAt: iso(profile.trainingCompletedAt),
        createdAt: iso(profile.createdAt),
      },
      requests: requests.map((request) => ({
        id: request.id,
        status: request.status,
        diagnosisText: request.diagnosisText,
        region: request.region,
        municipality: request.municipality,
        languages: request.languages,
        topics: request.topics,
        needs: request.needs,
        createdAt: iso(request.createdAt),
        coordinatorNotes: notes
          .filter((note) => note.requestId === request.id)
          .map((note) => ({ body: note.body, createdAt: iso(note.createdAt) })),
      })),
      matches: matches.map((match) => ({
        id: match.id,
        myRole: match.mentorId === userId ? 'mentor' : 'family',
        status: match.status,
        proposedAt: iso(match.proposedAt),
        closedAt: iso(match.closedAt),
      })),
      feedback: feedback.map((row) => ({
        matchId: row.matchId,
        feedback: row.feedback,
        createdAt: iso(row.createdAt),
      })),
      checkIns: checkIns.map((row) => ({
        matchId: row.matchId,
        mood: row.mood,
        note: row.note,
        createdAt: iso(row.createdAt),
      })),
    };
  },
};

/**
 * The documented effect of withdrawing consent to health data in mentoring: open requests are withdrawn and the
 * mentor profile is removed. Someone in an active mentorship must close it first (409 `mentoring.has_matches`).
 */
export function leaveMentoring(deps: {
  repository: MentoringRepository;
  mentoring: ReturnType<typeof createMentoringService>;
}) {
  return async (actor: Actor): Promise<void> => {
    const mine = await deps.repository.requestsOf(actor.user.id);
    if (mine.some((request) => request.status === 'active')) throw new AppError('mentoring.has_matches');
    if ((await deps.repository.loads([actor.user.id])).get(actor.user.id))
      throw new AppError('mentoring.has_matches');
    for (const request of mine)
      if (['requested', 'clarifying', 'proposed'].includes(request.status))
        await deps.mentoring.withdrawRequest(actor, request.id);
    if (await deps.repository.findProfile(actor.user.id)) await deps.mentoring.deleteProfile(actor);
  };
}
