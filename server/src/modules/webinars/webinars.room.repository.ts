import {
  type Database,
  users,
  webinarAttendance,
  webinarChatMessages,
  webinarHands,
  webinarPolls,
  webinarPollVotes,
  webinarQuestions,
  webinarQuestionVotes,
  webinarRemovals,
  webinars,
} from '@spejl/db';
import type { RoomRole } from '@spejl/shared';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { isUuid } from '../groups/groups.repository.ts';
import type { Executor } from './webinars.repository.ts';

export type QuestionRow = typeof webinarQuestions.$inferSelect;
export type PollRow = typeof webinarPolls.$inferSelect;

/** Database access for the live room: chat, Q&A, hands, polls, attendance and removals. */
export function createRoomRepository(db: Database) {
  return {
    transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
      return db.transaction((tx) => work(tx));
    },

    async setStatus(
      webinarId: string,
      values: Partial<
        Pick<typeof webinars.$inferInsert, 'roomStatus' | 'roomOpenedAt' | 'roomClosedAt' | 'chatPolicy'>
      >,
    ) {
      await db.update(webinars).set(values).where(eq(webinars.id, webinarId));
    },

    async isRemoved(webinarId: string, userId: string): Promise<boolean> {
      const [row] = await db
        .select({ userId: webinarRemovals.userId })
        .from(webinarRemovals)
        .where(and(eq(webinarRemovals.webinarId, webinarId), eq(webinarRemovals.userId, userId)));
      return row !== undefined;
    },

    async remove(webinarId: string, userId: string, removedBy: string, at: Date) {
      await db.transaction(async (tx) => {
        await tx
          .insert(webinarRemovals)
          .values({ webinarId, userId, removedBy, createdAt: at })
          .onConflictDoNothing();
        await tx
          .delete(webinarHands)
          .where(and(eq(webinarHands.webinarId, webinarId), eq(webinarHands.userId, userId)));
        await tx
          .update(webinarAttendance)
          .set({ leftAt: at, lastSeenAt: at })
          .where(
            and(
              eq(webinarAttendance.webinarId, webinarId),
              eq(webinarAttendance.userId, userId),
              isNull(webinarAttendance.leftAt),
            ),
          );
      });
    },

    // Attendance

    async startStay(values: {
      webinarId: string;
      userId: string;
      role: RoomRole;
      at: Date;
    }): Promise<string> {
      const [row] = await db
        .insert(webinarAttendance)
        .values({
          webinarId: values.webinarId,
          userId: values.userId,
          role: values.role,
          joinedAt: values.at,
          lastSeenAt: values.at,
        })
        .returning({ id: webinarAttendance.id });
      if (!row) throw new Error('attendance insert returned nothing');
      return row.id;
    },

    async endStays(ids: string[], at: Date) {
      if (ids.length === 0) return;
      await db
        .update(webinarAttendance)
        .set({ leftAt: at, lastSeenAt: at })
        .where(and(inArray(webinarAttendance.id, ids), isNull(webinarAttendance.leftAt)));
    },

    async touchStays(ids: string[], at: Date) {
      if (ids.length === 0) return;
      await db
        .update(webinarAttendance)
        .set({ lastSeenAt: at })
        .where(and(inArray(webinarAttendance.id, ids), isNull(webinarAttendance.leftAt)));
    },

    /** Who these people are in the room: their latest stay's role and their name. */
    async participants(webinarId: string, userIds: string[]) {
      if (userIds.length === 0) return [];
      return db
        .selectDistinctOn([webinarAttendance.userId], {
          userId: webinarAttendance.userId,
          role: webinarAttendance.role,
          displayName: users.displayName,
        })
        .from(webinarAttendance)
        .innerJoin(users, eq(users.id, webinarAttendance.userId))
        .where(and(eq(webinarAttendance.webinarId, webinarId), inArray(webinarAttendance.userId, userIds)))
        .orderBy(webinarAttendance.userId, desc(webinarAttendance.joinedAt));
    },

    async stays(webinarId: string) {
      return db
        .select({
          userId: webinarAttendance.userId,
          role: webinarAttendance.role,
          joinedAt: webinarAttendance.joinedAt,
          lastSeenAt: webinarAttendance.lastSeenAt,
          leftAt: webinarAttendance.leftAt,
          displayName: users.displayName,
        })
        .from(webinarAttendance)
        .innerJoin(users, eq(users.id, webinarAttendance.userId))
        .where(eq(webinarAttendance.webinarId, webinarId))
        .orderBy(asc(webinarAttendance.joinedAt));
    },

    // Chat

    async insertChat(values: {
      webinarId: string;
      userId: string;
      role: RoomRole;
      clientId: string;
      body: string;
      at: Date;
    }) {
      const [inserted] = await db
        .insert(webinarChatMessages)
        .values({ ...values, createdAt: values.at })
        .onConflictDoNothing()
        .returning();
      return inserted ? { row: inserted, created: true } : { row: undefined, created: false };
    },

    async findChat(webinarId: string, messageId: string) {
      const [row] = await db
        .select({ message: webinarChatMessages, displayName: users.displayName })
        .from(webinarChatMessages)
        .leftJoin(users, eq(users.id, webinarChatMessages.userId))
        .where(and(eq(webinarChatMessages.webinarId, webinarId), eq(webinarChatMessages.id, messageId)))
        .limit(1);
      return row;
    },

    /** Empties a message's text and marks it deleted; undefined when it was deleted already (or is not there). */
    async deleteChat(webinarId: string, messageId: string, by: string, at: Date) {
      const [row] = await db
        .update(webinarChatMessages)
        .set({ body: '', deletedAt: at, deletedBy: by })
        .where(
          and(
            eq(webinarChatMessages.webinarId, webinarId),
            eq(webinarChatMessages.id, messageId),
            isNull(webinarChatMessages.deletedAt),
          ),
        )
        .returning();
      return row;
    },

    async recentChat(webinarId: string, limit: number) {
      const rows = await db
        .select({ message: webinarChatMessages, displayName: users.displayName })
        .from(webinarChatMessages)
        .leftJoin(users, eq(users.id, webinarChatMessages.userId))
        .where(eq(webinarChatMessages.webinarId, webinarId))
        .orderBy(desc(webinarChatMessages.seq))
        .limit(limit);
      return rows.reverse();
    },

    // Q&A

    async insertQuestion(values: {
      webinarId: string;
      userId: string;
      clientId: string;
      body: string;
      anonymous: boolean;
      at: Date;
    }): Promise<QuestionRow | undefined> {
      const [row] = await db
        .insert(webinarQuestions)
        .values({ ...values, createdAt: values.at })
        .onConflictDoNothing()
        .returning();
      return row;
    },

    async findQuestion(webinarId: string, questionId: string, executor: Executor = db) {
      if (!isUuid(questionId)) return undefined;
      const [row] = await executor
        .select({ question: webinarQuestions, displayName: users.displayName })
        .from(webinarQuestions)
        .leftJoin(users, eq(users.id, webinarQuestions.userId))
        .where(and(eq(webinarQuestions.id, questionId), eq(webinarQuestions.webinarId, webinarId)));
      return row;
    },

    async questions(webinarId: string) {
      return db
        .select({ question: webinarQuestions, displayName: users.displayName })
        .from(webinarQuestions)
        .leftJoin(users, eq(users.id, webinarQuestions.userId))
        .where(eq(webinarQuestions.webinarId, webinarId))
        .orderBy(asc(webinarQuestions.createdAt));
    },

    async questionVotesOf(webinarId: string, userId: string): Promise<string[]> {
      const rows = await db
        .select({ questionId: webinarQuestionVotes.questionId })
        .from(webinarQuestionVotes)
        .innerJoin(webinarQuestions, eq(webinarQuestions.id, webinarQuestionVotes.questionId))
        .where(and(eq(webinarQuestions.webinarId, webinarId), eq(webinarQuestionVotes.userId, userId)));
      return rows.map((row) => row.questionId);
    },

    /** Adds or takes back a vote and keeps the count in step; false when nothing changed. */
    async setQuestionVote(questionId: string, userId: string, up: boolean): Promise<boolean> {
      return db.transaction(async (tx) => {
        const changed = up
          ? await tx
              .insert(webinarQuestionVotes)
              .values({ questionId, userId })
              .onConflictDoNothing()
              .returning()
          : await tx
              .delete(webinarQuestionVotes)
              .where(
                and(eq(webinarQuestionVotes.questionId, questionId), eq(webinarQuestionVotes.userId, userId)),
              )
              .returning();
        if (changed.length === 0) return false;
        await tx
          .update(webinarQuestions)
          .set({ votes: sql`${webinarQuestions.votes} + ${up ? 1 : -1}` })
          .where(eq(webinarQuestions.id, questionId));
        return true;
      });
    },

    async markQuestion(questionId: string, status: QuestionRow['status'], at: Date) {
      await db
        .update(webinarQuestions)
        .set({ status, decidedAt: status === 'open' ? null : at })
        .where(eq(webinarQuestions.id, questionId));
    },

    // Hands

    async raiseHand(webinarId: string, userId: string, at: Date) {
      await db.insert(webinarHands).values({ webinarId, userId, raisedAt: at }).onConflictDoNothing();
    },

    async lowerHand(webinarId: string, userId: string): Promise<boolean> {
      const rows = await db
        .delete(webinarHands)
        .where(and(eq(webinarHands.webinarId, webinarId), eq(webinarHands.userId, userId)))
        .returning();
      return rows.length > 0;
    },

    async inviteHand(webinarId: string, userId: string, at: Date): Promise<boolean> {
      if (!isUuid(userId)) return false;
      const rows = await db
        .update(webinarHands)
        .set({ invitedAt: at })
        .where(and(eq(webinarHands.webinarId, webinarId), eq(webinarHands.userId, userId)))
        .returning();
      return rows.length > 0;
    },

    async hands(webinarId: string) {
      return db
        .select({
          userId: webinarHands.userId,
          raisedAt: webinarHands.raisedAt,
          invitedAt: webinarHands.invitedAt,
          displayName: users.displayName,
        })
        .from(webinarHands)
        .innerJoin(users, eq(users.id, webinarHands.userId))
        .where(eq(webinarHands.webinarId, webinarId))
        .orderBy(asc(webinarHands.raisedAt));
    },

    // Polls

    async insertPoll(values: typeof webinarPolls.$inferInsert): Promise<PollRow> {
      const [row] = await db.insert(webinarPolls).values(values).returning();
      if (!row) throw new Error('poll insert returned nothing');
      return row;
    },

    async findPoll(webinarId: string, pollId: string): Promise<PollRow | undefined> {
      if (!isUuid(pollId)) return undefined;
      const [row] = await db
        .select()
        .from(webinarPolls)
        .where(and(eq(webinarPolls.id, pollId), eq(webinarPolls.webinarId, webinarId)));
      return row;
    },

    async updatePoll(pollId: string, values: Partial<typeof webinarPolls.$inferInsert>) {
      const [row] = await db.update(webinarPolls).set(values).where(eq(webinarPolls.id, pollId)).returning();
      return row;
    },

    async polls(webinarId: string) {
      return db
        .select()
        .from(webinarPolls)
        .where(eq(webinarPolls.webinarId, webinarId))
        .orderBy(asc(webinarPolls.createdAt));
    },

    /** A vote replaces the person's earlier vote in the same poll. */
    async votePoll(pollId: string, userId: string, optionIds: string[], at: Date) {
      await db
        .insert(webinarPollVotes)
        .values({ pollId, userId, optionIds, votedAt: at })
        .onConflictDoUpdate({
          target: [webinarPollVotes.pollId, webinarPollVotes.userId],
          set: { optionIds, votedAt: at },
        });
    },

    async pollVotes(pollIds: string[]) {
      if (pollIds.length === 0) return [];
      return db
        .select({
          pollId: webinarPollVotes.pollId,
          userId: webinarPollVotes.userId,
          optionIds: webinarPollVotes.optionIds,
        })
        .from(webinarPollVotes)
        .where(inArray(webinarPollVotes.pollId, pollIds));
    },
  };
}

export type RoomRepository = ReturnType<typeof createRoomRepository>;
