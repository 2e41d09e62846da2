import {
  type Database,
  groups,
  organisations,
  programmeCohorts,
  programmeEnrolments,
  programmeEvaluations,
  programmeProgress,
  programmeReminders,
  programmes,
  programmeStepResources,
  programmeSteps,
  programmeStepWebinars,
  resources,
  users,
  webinarAttendance,
  webinars,
} from '@spejl/db';
import type { ProgrammeStatus } from '@spejl/shared';
import { and, asc, count, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { isUuid } from '../groups/groups.repository.ts';
import type { Executor } from '../moderation/moderation.repository.ts';

export type ProgrammeRow = typeof programmes.$inferSelect;
export type StepRow = typeof programmeSteps.$inferSelect;
export type StepInsert = typeof programmeSteps.$inferInsert;
export type CohortRow = typeof programmeCohorts.$inferSelect;
export type EnrolmentRow = typeof programmeEnrolments.$inferSelect;
export type ProgressRow = typeof programmeProgress.$inferSelect;
export type EvaluationRow = typeof programmeEvaluations.$inferSelect;

/** A step with what it points to: its resources and webinars in order, its group's name. */
export interface StepRecord {
  step: StepRow;
  resourceIds: string[];
  webinarIds: string[];
  groupName: string | null;
}

/** The programmes' tables: programmes, steps, cohorts, enrolments, progress, reminders sent, questionnaires. */
export function createProgrammesRepository(db: Database) {
  return {
    transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
      return db.transaction((tx) => work(tx));
    },

    /** Programmes in the given states, newest first, with their step counts. */
    async list(statuses: ProgrammeStatus[], page: { offset: number; limit: number }) {
      const stepCount = db
        .select({ programmeId: programmeSteps.programmeId, steps: count().as('steps') })
        .from(programmeSteps)
        .groupBy(programmeSteps.programmeId)
        .as('step_count');
      return db
        .select({ programme: programmes, steps: sql<number>`coalesce(${stepCount.steps}, 0)::int` })
        .from(programmes)
        .leftJoin(stepCount, eq(stepCount.programmeId, programmes.id))
        .where(inArray(programmes.status, statuses))
        .orderBy(desc(programmes.createdAt), asc(programmes.id))
        .offset(page.offset)
        .limit(page.limit + 1);
    },

    async find(id: string, executor: Executor = db): Promise<ProgrammeRow | null> {
      if (!isUuid(id)) return null;
      const [row] = await executor.select().from(programmes).where(eq(programmes.id, id));
      return row ?? null;
    },

    async insert(values: typeof programmes.$inferInsert, tx: Executor): Promise<ProgrammeRow> {
      const [row] = await tx.insert(programmes).values(values).returning();
      if (!row) throw new Error('programme insert returned nothing');
      return row;
    },

    async update(
      id: string,
      values: Partial<typeof programmes.$inferInsert>,
      tx: Executor,
    ): Promise<ProgrammeRow> {
      const [row] = await tx.update(programmes).set(values).where(eq(programmes.id, id)).returning();
      if (!row) throw new Error('programme update returned nothing');
      return row;
    },

    /** The group's name, or null when it does not exist (or is archived). */
    async groupName(groupId: string, executor: Executor = db): Promise<string | null> {
      if (!isUuid(groupId)) return null;
      const [row] = await executor
        .select({ name: groups.name })
        .from(groups)
        .where(and(eq(groups.id, groupId), isNull(groups.archivedAt)));
      return row?.name ?? null;
    },

    async associationExists(associationId: string): Promise<boolean> {
      if (!isUuid(associationId)) return false;
      const [row] = await db
        .select({ id: organisations.id })
        .from(organisations)
        .where(and(eq(organisations.id, associationId), isNull(organisations.archivedAt)));
      return row !== undefined;
    },

    /** How many of these ids are webinars that exist. */
    async webinarsExist(ids: string[]): Promise<boolean> {
      if (ids.length === 0) return true;
      if (!ids.every(isUuid)) return false;
      const rows = await db.select({ id: webinars.id }).from(webinars).where(inArray(webinars.id, ids));
      return rows.length === new Set(ids).size;
    },

    /** True when every id is a published resource of the kit. */
    async resourcesExist(ids: string[]): Promise<boolean> {
      if (ids.length === 0) return true;
      if (!ids.every(isUuid)) return false;
      const rows = await db
        .select({ id: resources.id })
        .from(resources)
        .where(and(inArray(resources.id, ids), eq(resources.status, 'published')));
      return rows.length === new Set(ids).size;
    },

    /** A programme's steps in order, with their resources, webinars and group names. */
    async steps(programmeId: string, executor: Executor = db): Promise<StepRecord[]> {
      const rows = await executor
        .select({ step: programmeSteps, groupName: groups.name })
        .from(programmeSteps)
        .leftJoin(groups, eq(groups.id, programmeSteps.groupId))
        .where(eq(programmeSteps.programmeId, programmeId))
        .orderBy(asc(programmeSteps.position), asc(programmeSteps.createdAt));
      const ids = rows.map((row) => row.step.id);
      if (ids.length === 0) return [];
      const [resourceLinks, webinarLinks] = await Promise.all([
        executor
          .select()
          .from(programmeStepResources)
          .where(inArray(programmeStepResources.stepId, ids))
          .orderBy(asc(programmeStepResources.position)),
        executor
          .select()
          .from(programmeStepWebinars)
          .where(inArray(programmeStepWebinars.stepId, ids))
          .orderBy(asc(programmeStepWebinars.position)),
      ]);
      return rows.map((row) => ({
        step: row.step,
        groupName: row.groupName,
        resourceIds: resourceLinks
          .filter((link) => link.stepId === row.step.id)
          .map((link) => link.resourceId),
        webinarIds: webinarLinks.filter((link) => link.stepId === row.step.id).map((link) => link.webinarId),
      }));
    },

    async insertStep(values: StepInsert, tx: Executor): Promise<StepRow> {
      const [row] = await tx.insert(programmeSteps).values(values).returning();
      if (!row) throw new Error('step insert returned nothing');
      return row;
    },

    async updateStep(stepId: string, values: Partial<StepInsert>, tx: Executor): Promise<void> {
      await tx.update(programmeSteps).set(values).where(eq(programmeSteps.id, stepId));
    },

    async deleteStep(stepId: string, tx: Executor): Promise<void> {
      await tx.delete(programmeSteps).where(eq(programmeSteps.id, stepId));
    },

    /** Gives the steps positions 0…n-1 in the order given. */
    async reorder(stepIds: string[], tx: Executor): Promise<void> {
      for (const [position, stepId] of stepIds.entries())
        await tx.update(programmeSteps).set({ position }).where(eq(programmeSteps.id, stepId));
    },

    async setStepResources(stepId: string, resourceIds: string[], tx: Executor): Promise<void> {
      await tx.delete(programmeStepResources).where(eq(programmeStepResources.stepId, stepId));
      if (resourceIds.length > 0)
        await tx
          .insert(programmeStepResources)
          .values(resourceIds.map((resourceId, position) => ({ stepId, resourceId, position })));
    },

    async setStepWebinars(stepId: string, webinarIds: string[], tx: Executor): Promise<void> {
      await tx.delete(programmeStepWebinars).where(eq(programmeStepWebinars.stepId, stepId));
      if (webinarIds.length > 0)
        await tx
          .insert(programmeStepWebinars)
          .values(webinarIds.map((webinarId, position) => ({ stepId, webinarId, position })));
    },

    async cohorts(programmeId: string): Promise<CohortRow[]> {
      return db
        .select()
        .from(programmeCohorts)
        .where(eq(programmeCohorts.programmeId, programmeId))
        .orderBy(asc(programmeCohorts.startsOn), asc(programmeCohorts.name));
    },

    async findCohort(programmeId: string, cohortId: string): Promise<CohortRow | null> {
      if (!isUuid(cohortId)) return null;
      const [row] = await db
        .select()
        .from(programmeCohorts)
        .where(and(eq(programmeCohorts.id, cohortId), eq(programmeCohorts.programmeId, programmeId)));
      return row ?? null;
    },

    async insertCohort(values: typeof programmeCohorts.$inferInsert, tx: Executor): Promise<CohortRow> {
      const [row] = await tx.insert(programmeCohorts).values(values).returning();
      if (!row) throw new Error('cohort insert returned nothing');
      return row;
    },

    async enrolmentOf(
      programmeId: string,
      userId: string,
      executor: Executor = db,
    ): Promise<EnrolmentRow | null> {
      const [row] = await executor
        .select()
        .from(programmeEnrolments)
        .where(and(eq(programmeEnrolments.programmeId, programmeId), eq(programmeEnrolments.userId, userId)));
      return row ?? null;
    },

    async findEnrolment(enrolmentId: string, executor: Executor = db): Promise<EnrolmentRow | null> {
      if (!isUuid(enrolmentId)) return null;
      const [row] = await executor
        .select()
        .from(programmeEnrolments)
        .where(eq(programmeEnrolments.id, enrolmentId));
      return row ?? null;
    },

    /** Inserts the enrolment unless the person has one; returns it and whether it is new. */
    async enrol(
      values: typeof programmeEnrolments.$inferInsert,
      tx: Executor,
    ): Promise<{ enrolment: EnrolmentRow; created: boolean }> {
      const [row] = await tx
        .insert(programmeEnrolments)
        .values(values)
        .onConflictDoNothing({ target: [programmeEnrolments.programmeId, programmeEnrolments.userId] })
        .returning();
      if (row) return { enrolment: row, created: true };
      const existing = await this.enrolmentOf(values.programmeId, values.userId, tx);
      if (!existing) throw new Error('enrolment neither inserted nor found');
      return { enrolment: existing, created: false };
    },

    async updateEnrolment(
      enrolmentId: string,
      values: Partial<typeof programmeEnrolments.$inferInsert>,
      executor: Executor = db,
    ): Promise<EnrolmentRow> {
      const [row] = await executor
        .update(programmeEnrolments)
        .set(values)
        .where(eq(programmeEnrolments.id, enrolmentId))
        .returning();
      if (!row) throw new Error('enrolment update returned nothing');
      return row;
    },

    /** A person's enrolments (not the ones they left), newest first, with the programme's title. */
    async enrolmentsOfUser(userId: string, page: { offset: number; limit: number }) {
      return db
        .select({ enrolment: programmeEnrolments, programme: programmes })
        .from(programmeEnrolments)
        .innerJoin(programmes, eq(programmes.id, programmeEnrolments.programmeId))
        .where(and(eq(programmeEnrolments.userId, userId), ne(programmeEnrolments.status, 'left')))
        .orderBy(desc(programmeEnrolments.enrolledAt), asc(programmeEnrolments.id))
        .offset(page.offset)
        .limit(page.limit + 1);
    },

    /** A programme's families (optionally one cohort's) with their display names, oldest enrolment first. */
    async enrolmentsOfProgramme(
      programmeId: string,
      filter: { cohortId?: string | undefined },
      page: { offset: number; limit: number },
    ) {
      const conditions = [eq(programmeEnrolments.programmeId, programmeId)];
      if (filter.cohortId !== undefined)
        conditions.push(
          isUuid(filter.cohortId) ? eq(programmeEnrolments.cohortId, filter.cohortId) : sql`false`,
        );
      return db
        .select({ enrolment: programmeEnrolments, displayName: users.displayName })
        .from(programmeEnrolments)
        .innerJoin(users, eq(users.id, programmeEnrolments.userId))
        .where(and(...conditions))
        .orderBy(asc(programmeEnrolments.enrolledAt), asc(programmeEnrolments.id))
        .offset(page.offset)
        .limit(page.limit + 1);
    },

    async progress(enrolmentIds: string[], executor: Executor = db): Promise<ProgressRow[]> {
      if (enrolmentIds.length === 0) return [];
      return executor
        .select()
        .from(programmeProgress)
        .where(inArray(programmeProgress.enrolmentId, enrolmentIds));
    },

    /** Records a step done; a step already done keeps its first record. True when this call recorded it. */
    async markDone(values: typeof programmeProgress.$inferInsert, executor: Executor = db): Promise<boolean> {
      const rows = await executor
        .insert(programmeProgress)
        .values(values)
        .onConflictDoNothing()
        .returning({ stepId: programmeProgress.stepId });
      return rows.length > 0;
    },

    /**
     * The earliest time the person was in the room of any of these webinars, by webinar: the webinars module's
     * attendance record, read only.
     */
    async attendance(userId: string, webinarIds: string[]): Promise<Map<string, Date>> {
      if (webinarIds.length === 0) return new Map();
      const rows = await db
        .select({
          webinarId: webinarAttendance.webinarId,
          joinedAt: sql<Date>`min(${webinarAttendance.joinedAt})`,
        })
        .from(webinarAttendance)
        .where(and(eq(webinarAttendance.userId, userId), inArray(webinarAttendance.webinarId, webinarIds)))
        .groupBy(webinarAttendance.webinarId);
      return new Map(rows.map((row) => [row.webinarId, new Date(row.joinedAt)]));
    },

    /** Claims a reminder: true for the first caller only, so a job that runs twice sends once. */
    async claimReminder(
      values: { enrolmentId: string; stepId: string; kind: string; sentAt: Date },
      tx: Executor,
    ): Promise<boolean> {
      const rows = await tx
        .insert(programmeReminders)
        .values(values)
        .onConflictDoNothing()
        .returning({ stepId: programmeReminders.stepId });
      return rows.length > 0;
    },

    async evaluationsOf(enrolmentIds: string[]): Promise<EvaluationRow[]> {
      if (enrolmentIds.length === 0) return [];
      return db
        .select()
        .from(programmeEvaluations)
        .where(inArray(programmeEvaluations.enrolmentId, enrolmentIds));
    },

    /** Inserts a questionnaire unless this phase has one; true when inserted. */
    async insertEvaluation(values: typeof programmeEvaluations.$inferInsert): Promise<boolean> {
      const rows = await db
        .insert(programmeEvaluations)
        .values(values)
        .onConflictDoNothing()
        .returning({ id: programmeEvaluations.id });
      return rows.length > 0;
    },

    async evaluationsOfProgramme(programmeId: string): Promise<EvaluationRow[]> {
      return db
        .select()
        .from(programmeEvaluations)
        .where(eq(programmeEvaluations.programmeId, programmeId))
        .orderBy(desc(programmeEvaluations.createdAt));
    },

    /** Enrolments that run (active) in open or closed programmes: the reminder job's start-up sweep. */
    async runningEnrolments(): Promise<EnrolmentRow[]> {
      return db
        .select({ enrolment: programmeEnrolments })
        .from(programmeEnrolments)
        .innerJoin(programmes, eq(programmes.id, programmeEnrolments.programmeId))
        .where(
          and(
            eq(programmeEnrolments.status, 'active'),
            or(eq(programmes.status, 'open'), eq(programmes.status, 'closed')),
          ),
        )
        .then((rows) => rows.map((row) => row.enrolment));
    },
  };
}

export type ProgrammesRepository = ReturnType<typeof createProgrammesRepository>;
