import { type Database, directConversations, personBlocks } from '@spejl/db';
import { asc, eq, or } from 'drizzle-orm';
import type { PersonalDataSection } from '../privacy/privacy.personal-data.ts';

/**
 * Direct messages in a person's export: their conversations (the messages themselves are in the messages section,
 * as every group's are) and the people they blocked. On deletion their blocks go, both ways; their conversations
 * stay for the other person, without their id (the foreign keys set it null).
 */
export const directSection: PersonalDataSection = {
  name: 'directMessages',
  async export(db: Database, userId: string) {
    const conversations = await db
      .select()
      .from(directConversations)
      .where(or(eq(directConversations.firstUserId, userId), eq(directConversations.secondUserId, userId)))
      .orderBy(asc(directConversations.createdAt));
    const blocks = await db
      .select()
      .from(personBlocks)
      .where(eq(personBlocks.blockerId, userId))
      .orderBy(asc(personBlocks.createdAt));
    return {
      conversations: conversations.map((row) => ({
        conversationId: row.groupId,
        withUserId: row.firstUserId === userId ? row.secondUserId : row.firstUserId,
        status: row.status,
        askedByMe: row.requestedBy === userId,
        createdAt: row.createdAt.toISOString(),
        answeredAt: row.respondedAt?.toISOString() ?? null,
      })),
      blocked: blocks.map((row) => ({ userId: row.blockedId, blockedAt: row.createdAt.toISOString() })),
    };
  },
  async erase(tx, subject) {
    await tx
      .delete(personBlocks)
      .where(or(eq(personBlocks.blockerId, subject.userId), eq(personBlocks.blockedId, subject.userId)));
  },
};
