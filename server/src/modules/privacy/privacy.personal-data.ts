import {
  accessRecords,
  consents,
  type Database,
  groupInvites,
  groupJoinRequests,
  groupMembershipEvents,
  groupMemberships,
  groups,
  messageEdits,
  messageReactions,
  messages,
  notifications,
  readPositions,
  sessions,
  userPreferences,
  users,
} from '@spejl/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { preferencesOf } from '../preferences/preferences.service.ts';

type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

/** What a deleted person's messages become: kept without a name, or emptied. */
export type MessageChoice = 'anonymise' | 'delete';

/**
 * One domain's part of a person's data (GDPR Articles 15, 17 and 20). Every domain that stores personal data adds a
 * section: `export` returns what the person may take with them, `erase` removes or anonymises it inside the
 * deletion's transaction, before the account row itself is deleted.
 */
export interface PersonalDataSection {
  readonly name: string;
  export(db: Database, userId: string): Promise<unknown>;
  erase?(tx: Executor, subject: ErasureSubject): Promise<void>;
}

export interface ErasureSubject {
  userId: string;
  email: string;
  displayName: string;
  /** Every name the person used: the account's and their group profile names. */
  names: string[];
  messages: MessageChoice;
  now: Date;
  /** How the person is called once gone ("Tidligere medlem"). */
  formerMember: string;
}

const iso = (value: Date | null | undefined) => value?.toISOString() ?? null;

/** A word-boundary pattern for PostgreSQL (`\m…\M`) that matches the name literally. */
export function wordPattern(name: string): string {
  return `\\m${name.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}\\M`;
}

export const accountSection: PersonalDataSection = {
  name: 'account',
  async export(db, userId) {
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    const preferences = await db.select().from(userPreferences).where(eq(userPreferences.userId, userId));
    const sessionRows = await db.select().from(sessions).where(eq(sessions.userId, userId));
    const consentRows = await db
      .select()
      .from(consents)
      .where(eq(consents.userId, userId))
      .orderBy(asc(consents.givenAt));
    return {
      profile: user && {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        locale: user.locale,
        platformRole: user.platformRole,
        emailVerifiedAt: iso(user.emailVerifiedAt),
        twoStepVerification: user.totpEnabledAt !== null,
        createdAt: iso(user.createdAt),
        lastActiveAt: iso(user.lastActiveAt),
      },
      preferences: preferences[0] && preferencesOf(preferences[0]),
      sessions: sessionRows.map((row) => ({
        createdAt: iso(row.createdAt),
        lastSeenAt: iso(row.lastSeenAt),
        expiresAt: iso(row.expiresAt),
        userAgent: row.userAgent,
      })),
      consents: consentRows.map((row) => ({
        kind: row.kind,
        version: row.version,
        givenAt: iso(row.givenAt),
        withdrawnAt: iso(row.withdrawnAt),
      })),
    };
  },
  async erase(tx, subject) {
    // Mails to the person, and the person's name in mails to others (a moderator told of a join request).
    await tx.execute(sql`delete from mail_outbox where lower("to") = lower(${subject.email})`);
    for (const name of subject.names)
      await tx.execute(
        sql`update mail_outbox set text = regexp_replace(text, ${wordPattern(name)}, ${subject.formerMember}, 'g'),
            subject = regexp_replace(subject, ${wordPattern(name)}, ${subject.formerMember}, 'g')
            where text ~ ${wordPattern(name)} or subject ~ ${wordPattern(name)}`,
      );
    // Live events too large for a notification wait here for a few minutes; they may carry the name.
    await tx.execute(sql`delete from bus_payloads where payload like ${`%${subject.userId}%`}`);
  },
};

export const groupsSection: PersonalDataSection = {
  name: 'groups',
  async export(db, userId) {
    const memberships = await db
      .select({ membership: groupMemberships, groupName: groups.name })
      .from(groupMemberships)
      .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
      .where(eq(groupMemberships.userId, userId));
    const requests = await db
      .select({ request: groupJoinRequests, groupName: groups.name })
      .from(groupJoinRequests)
      .innerJoin(groups, eq(groups.id, groupJoinRequests.groupId))
      .where(eq(groupJoinRequests.userId, userId));
    const events = await db
      .select({ event: groupMembershipEvents, groupName: groups.name })
      .from(groupMembershipEvents)
      .innerJoin(groups, eq(groups.id, groupMembershipEvents.groupId))
      .where(eq(groupMembershipEvents.userId, userId))
      .orderBy(asc(groupMembershipEvents.seq));
    const invites = await db.select().from(groupInvites).where(eq(groupInvites.createdBy, userId));
    return {
      memberships: memberships.map(({ membership, groupName }) => ({
        group: groupName,
        groupId: membership.groupId,
        role: membership.role,
        joinedAt: iso(membership.joinedAt),
        profileName: membership.profileName,
        bio: membership.bio,
        familyRole: membership.familyRole,
      })),
      joinRequests: requests.map(({ request, groupName }) => ({
        group: groupName,
        status: request.status,
        message: request.message,
        reason: request.reason,
        createdAt: iso(request.createdAt),
        decidedAt: iso(request.decidedAt),
      })),
      membershipRecord: events.map(({ event, groupName }) => ({
        group: groupName,
        kind: event.kind,
        fromRole: event.fromRole,
        toRole: event.toRole,
        reason: event.reason,
        byMe: event.actorId === userId,
        createdAt: iso(event.createdAt),
      })),
      invitesCreated: invites.map((invite) => ({
        groupId: invite.groupId,
        maxUses: invite.maxUses,
        uses: invite.uses,
        createdAt: iso(invite.createdAt),
        expiresAt: iso(invite.expiresAt),
        revokedAt: iso(invite.revokedAt),
      })),
    };
  },
};

export const messagesSection: PersonalDataSection = {
  name: 'messages',
  async export(db, userId) {
    const written = await db
      .select({ message: messages, groupName: groups.name })
      .from(messages)
      .innerJoin(groups, eq(groups.id, messages.groupId))
      .where(eq(messages.authorId, userId))
      .orderBy(asc(messages.createdAt));
    const ids = written.map(({ message }) => message.id);
    const edits = ids.length
      ? await db.select().from(messageEdits).where(inArray(messageEdits.messageId, ids))
      : [];
    const reactions = await db
      .select({ reaction: messageReactions, groupId: messages.groupId })
      .from(messageReactions)
      .innerJoin(messages, eq(messages.id, messageReactions.messageId))
      .where(eq(messageReactions.userId, userId));
    const positions = await db.select().from(readPositions).where(eq(readPositions.userId, userId));
    return {
      written: written.map(({ message, groupName }) => ({
        id: message.id,
        group: groupName,
        groupId: message.groupId,
        seq: message.seq,
        threadId: message.threadId,
        body: message.deletedAt ? null : message.body,
        createdAt: iso(message.createdAt),
        editedAt: iso(message.editedAt),
        deletedAt: iso(message.deletedAt),
        earlierVersions: edits
          .filter((edit) => edit.messageId === message.id)
          .map((edit) => ({ body: edit.previousBody, replacedAt: iso(edit.editedAt) })),
      })),
      reactions: reactions.map(({ reaction, groupId }) => ({
        messageId: reaction.messageId,
        groupId,
        emoji: reaction.emoji,
        createdAt: iso(reaction.createdAt),
      })),
      readPositions: positions.map((row) => ({
        groupId: row.groupId,
        lastReadSeq: row.lastReadSeq,
        updatedAt: iso(row.updatedAt),
      })),
    };
  },
  async erase(tx, subject) {
    const own = eq(messages.authorId, subject.userId);
    if (subject.messages === 'delete') {
      const ids = (await tx.select({ id: messages.id }).from(messages).where(own)).map((row) => row.id);
      if (ids.length > 0) await tx.delete(messageEdits).where(inArray(messageEdits.messageId, ids));
      // The rows stay as "deleted" so seq stays gapless and threads keep their shape; the words are gone.
      await tx
        .update(messages)
        .set({ body: '', mentions: [], deletedAt: subject.now, authorId: null, deletedBy: null })
        .where(own);
    } else {
      await tx.update(messages).set({ authorId: null }).where(own);
    }
    // Mentions of the person in other people's messages and their earlier versions.
    const token = `<@${subject.userId}>`;
    const replacement = `@${subject.formerMember}`;
    await tx.execute(
      sql`update messages set body = replace(body, ${token}, ${replacement}),
          mentions = array_remove(mentions, ${subject.userId}::uuid)
          where ${subject.userId}::uuid = any(mentions) or body like ${`%${token}%`}`,
    );
    await tx.execute(
      sql`update message_edits set previous_body = replace(previous_body, ${token}, ${replacement})
          where previous_body like ${`%${token}%`}`,
    );
  },
};

export const notificationsSection: PersonalDataSection = {
  name: 'notifications',
  async export(db, userId) {
    const rows = await db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(asc(notifications.seq));
    return rows.map((row) => ({
      type: row.type,
      data: row.data,
      createdAt: iso(row.createdAt),
      readAt: iso(row.readAt),
    }));
  },
  async erase(tx, subject) {
    // Other people's notifications name the person (a mention, a join request, a mentor who applied): every value
    // that is one of the person's names becomes "Tidligere medlem"; the event stays.
    for (const name of subject.names)
      await tx.execute(
        sql`update notifications set data = (
              select jsonb_object_agg(key, case when value = to_jsonb(${name}::text) then to_jsonb(${subject.formerMember}::text) else value end)
              from jsonb_each(data))
            where jsonb_typeof(data) = 'object'
              and exists (select 1 from jsonb_each(data) field where field.value = to_jsonb(${name}::text))`,
      );
    await tx.execute(
      sql`update notifications set data = regexp_replace(data::text, ${subject.userId}, '', 'g')::jsonb
          where data::text like ${`%${subject.userId}%`}`,
    );
  },
};

export const accessRecordsSection: PersonalDataSection = {
  name: 'accessRecords',
  async export(db, userId) {
    const rows = await db
      .select({ record: accessRecords, actorName: users.displayName })
      .from(accessRecords)
      .leftJoin(users, eq(users.id, accessRecords.actorId))
      .where(eq(accessRecords.subjectId, userId))
      .orderBy(asc(accessRecords.createdAt));
    return rows.map(({ record, actorName }) => ({
      by: actorName,
      role: record.actorRole,
      kind: record.kind,
      reason: record.reason,
      groupId: record.groupId,
      createdAt: iso(record.createdAt),
    }));
  },
};

/** The sections of the domains in this module's reach; other domains add theirs in app.ts. */
export const coreSections: PersonalDataSection[] = [
  accountSection,
  groupsSection,
  messagesSection,
  notificationsSection,
  accessRecordsSection,
];

/** The group profile names a person used, for scrubbing them from others' texts. */
export async function namesOf(db: Executor, userId: string, displayName: string): Promise<string[]> {
  const rows = await db
    .select({ name: groupMemberships.profileName })
    .from(groupMemberships)
    .where(and(eq(groupMemberships.userId, userId)));
  return [...new Set([displayName, ...rows.map((row) => row.name).filter((name): name is string => !!name)])];
}
