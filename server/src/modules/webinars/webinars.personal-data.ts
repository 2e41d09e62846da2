import {
  calendarFeeds,
  type Database,
  webinarAttendance,
  webinarChatMessages,
  webinarQuestions,
  webinarRegistrations,
  webinars,
  webinarStaff,
} from '@spejl/db';
import { asc, eq } from 'drizzle-orm';
import type { PersonalDataSection } from '../privacy/privacy.personal-data.ts';

const iso = (value: Date | null | undefined) => value?.toISOString() ?? null;

/**
 * The person's part of events for their export: registrations with their answers, roles as host or presenter,
 * what they wrote in live rooms, and when they were there. On deletion the rows about them cascade; what they wrote
 * in rooms loses their name, or its text too when they chose to delete their messages.
 */
export const webinarsSection: PersonalDataSection = {
  name: 'events',
  async export(db: Database, userId: string) {
    const registrations = await db
      .select({ registration: webinarRegistrations, title: webinars.title, startsAt: webinars.startsAt })
      .from(webinarRegistrations)
      .innerJoin(webinars, eq(webinars.id, webinarRegistrations.webinarId))
      .where(eq(webinarRegistrations.userId, userId));
    const roles = await db
      .select({ role: webinarStaff.role, title: webinars.title, webinarId: webinarStaff.webinarId })
      .from(webinarStaff)
      .innerJoin(webinars, eq(webinars.id, webinarStaff.webinarId))
      .where(eq(webinarStaff.userId, userId));
    const chat = await db
      .select()
      .from(webinarChatMessages)
      .where(eq(webinarChatMessages.userId, userId))
      .orderBy(asc(webinarChatMessages.createdAt));
    const questions = await db.select().from(webinarQuestions).where(eq(webinarQuestions.userId, userId));
    const attendance = await db.select().from(webinarAttendance).where(eq(webinarAttendance.userId, userId));
    const feeds = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
    return {
      registrations: registrations.map(({ registration, title, startsAt }) => ({
        event: title,
        webinarId: registration.webinarId,
        startsAt: iso(startsAt),
        status: registration.status,
        answers: registration.answers,
        createdAt: iso(registration.createdAt),
      })),
      roles: roles.map((row) => ({ event: row.title, webinarId: row.webinarId, role: row.role })),
      roomChat: chat.map((row) => ({
        webinarId: row.webinarId,
        body: row.body,
        createdAt: iso(row.createdAt),
      })),
      questions: questions.map((row) => ({
        webinarId: row.webinarId,
        body: row.body,
        status: row.status,
        createdAt: iso(row.createdAt),
      })),
      attendance: attendance.map((row) => ({
        webinarId: row.webinarId,
        role: row.role,
        joinedAt: iso(row.joinedAt),
        leftAt: iso(row.leftAt),
      })),
      calendarFeed: feeds.length > 0,
    };
  },
  async erase(tx, subject) {
    if (subject.messages !== 'delete') return;
    await tx.delete(webinarChatMessages).where(eq(webinarChatMessages.userId, subject.userId));
    await tx.delete(webinarQuestions).where(eq(webinarQuestions.userId, subject.userId));
  },
};
