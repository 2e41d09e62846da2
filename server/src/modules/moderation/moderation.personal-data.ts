import {
  type Database,
  moderationActions,
  moderationAppeals,
  moderationAuditLog,
  moderationFlags,
  moderationItems,
} from '@spejl/db';
import { asc, eq, or, sql } from 'drizzle-orm';
import { type PersonalDataSection, wordPattern } from '../privacy/privacy.personal-data.ts';

const iso = (value: Date | null | undefined) => value?.toISOString() ?? null;

/**
 * Moderation's part of a person's data: the reports they made (with outcomes), the decisions about them and their
 * appeals. On deletion the audit log keeps every action but loses the person's id and name (the one update its
 * append-only trigger allows, inside an erasure); rows that point at the account cascade or lose the reference.
 */
export const moderationSection: PersonalDataSection = {
  name: 'moderation',
  async export(db: Database, userId: string) {
    const flags = await db
      .select({
        flag: moderationFlags,
        status: moderationItems.status,
        resolution: moderationItems.resolution,
      })
      .from(moderationFlags)
      .innerJoin(moderationItems, eq(moderationItems.id, moderationFlags.itemId))
      .where(eq(moderationFlags.reporterId, userId))
      .orderBy(asc(moderationFlags.createdAt));
    const actions = await db
      .select()
      .from(moderationActions)
      .where(eq(moderationActions.targetUserId, userId))
      .orderBy(asc(moderationActions.createdAt));
    const appeals = await db
      .select()
      .from(moderationAppeals)
      .where(eq(moderationAppeals.appellantId, userId));
    return {
      reportsMade: flags.map(({ flag, status, resolution }) => ({
        reason: flag.reason,
        note: flag.note,
        status: flag.status,
        caseStatus: status,
        outcome: resolution,
        createdAt: iso(flag.createdAt),
      })),
      decisionsAboutMe: actions.map((action) => ({
        action: action.action,
        reason: action.reason,
        messageToMe: action.messageToUser,
        groupId: action.groupId,
        createdAt: iso(action.createdAt),
      })),
      appeals: appeals.map((appeal) => ({
        statement: appeal.statement,
        status: appeal.status,
        decisionReason: appeal.decisionReason,
        createdAt: iso(appeal.createdAt),
      })),
    };
  },
  async erase(tx, subject) {
    await tx.execute(sql`select set_config('spejl.erasure', 'on', true)`);
    await tx
      .update(moderationAuditLog)
      .set({
        actorId: sql`case when ${moderationAuditLog.actorId} = ${subject.userId} then null else ${moderationAuditLog.actorId} end`,
        targetUserId: sql`case when ${moderationAuditLog.targetUserId} = ${subject.userId} then null else ${moderationAuditLog.targetUserId} end`,
      })
      .where(
        or(
          eq(moderationAuditLog.actorId, subject.userId),
          eq(moderationAuditLog.targetUserId, subject.userId),
        ),
      );
    for (const needle of [subject.userId, ...subject.names]) {
      const pattern = needle === subject.userId ? needle : wordPattern(needle);
      await tx.execute(sql`update moderation_audit_log set
          reason = regexp_replace(reason, ${pattern}, ${subject.formerMember}, 'g'),
          before = regexp_replace(before::text, ${pattern}, ${subject.formerMember}, 'g')::jsonb,
          after = regexp_replace(after::text, ${pattern}, ${subject.formerMember}, 'g')::jsonb
        where reason ~ ${pattern} or before::text ~ ${pattern} or after::text ~ ${pattern}`);
    }
    // Reasons and notes written by moderators and reporters may name the person.
    const texts: Array<[string, string]> = [
      ['moderation_items', 'resolution_reason'],
      ['moderation_actions', 'reason'],
      ['moderation_actions', 'message_to_user'],
      ['moderation_flags', 'note'],
      ['moderation_appeals', 'decision_reason'],
    ];
    for (const name of subject.names)
      for (const [table, column] of texts)
        await tx.execute(
          sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = regexp_replace(${sql.identifier(column)}, ${wordPattern(name)}, ${subject.formerMember}, 'g') where ${sql.identifier(column)} ~ ${wordPattern(name)}`,
        );
    // What the person wrote in their own appeals goes with them; the decision stays.
    await tx
      .update(moderationAppeals)
      .set({ statement: '' })
      .where(eq(moderationAppeals.appellantId, subject.userId));
  },
};
