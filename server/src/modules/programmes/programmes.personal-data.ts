import {
  type Database,
  programmeEnrolments,
  programmeEvaluations,
  programmeProgress,
  programmes,
} from '@spejl/db';
import { asc, eq, inArray } from 'drizzle-orm';
import type { PersonalDataSection } from '../privacy/privacy.personal-data.ts';

/**
 * A person's programmes for their export: enrolments, steps done and their own questionnaire answers. On deletion
 * all of it goes with the account (the foreign keys cascade); programmes they wrote stay without an owner.
 */
export const programmesSection: PersonalDataSection = {
  name: 'programmes',
  async export(db: Database, userId: string) {
    const enrolments = await db
      .select({ enrolment: programmeEnrolments, title: programmes.title })
      .from(programmeEnrolments)
      .innerJoin(programmes, eq(programmes.id, programmeEnrolments.programmeId))
      .where(eq(programmeEnrolments.userId, userId))
      .orderBy(asc(programmeEnrolments.enrolledAt));
    const ids = enrolments.map((row) => row.enrolment.id);
    const [progress, evaluations] = ids.length
      ? await Promise.all([
          db.select().from(programmeProgress).where(inArray(programmeProgress.enrolmentId, ids)),
          db.select().from(programmeEvaluations).where(inArray(programmeEvaluations.enrolmentId, ids)),
        ])
      : [[], []];
    return {
      enrolments: enrolments.map(({ enrolment, title }) => ({
        programme: title,
        familyLabel: enrolment.familyLabel,
        status: enrolment.status,
        enrolledAt: enrolment.enrolledAt.toISOString(),
        completedAt: enrolment.completedAt?.toISOString() ?? null,
        stepsDone: progress
          .filter((row) => row.enrolmentId === enrolment.id)
          .map((row) => ({ stepId: row.stepId, doneAt: row.doneAt.toISOString(), how: row.how })),
        evaluations: evaluations
          .filter((row) => row.enrolmentId === enrolment.id)
          .map((row) => ({
            phase: row.phase,
            answers: row.answers,
            comment: row.comment,
            at: row.createdAt.toISOString(),
          })),
      })),
    };
  },
};
