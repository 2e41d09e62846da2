import { type Database, groupRetention, inactivityWarnings, retentionSettings, users } from '@spejl/db';
import {
  inactivityGraceDays,
  type RetentionKey,
  retentionDefaults,
  retentionKeys,
  translate,
  translateCount,
} from '@spejl/shared';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { authorize, loadGroup, publishGroupChange } from '../groups/groups.context.ts';
import type { GroupsRepository } from '../groups/groups.repository.ts';
import type { Mailer } from '../mail/mail.service.ts';
import type { AuditInsert, Executor } from '../moderation/moderation.repository.ts';
import { retentionRefusal } from './privacy.policy.ts';

export const retentionQueue = 'privacy.retention';
const day = 24 * 60 * 60_000;
// Kept in shared so the administration's page says the same number; the pages' defaults import it from here.
export { inactivityGraceDays };

export type RetentionSettings = Record<RetentionKey, number | null>;
/** A change to the platform's rules: any of them, and why (for the audit log). */
export type RetentionChanges = Partial<RetentionSettings> & { reason?: string | undefined };

/** What one retention run removed, for the log and for tests. */
export interface RetentionReport {
  messages: number;
  declinedRequests: number;
  outboxMails: number;
  warnedAccounts: number;
  deletedAccounts: number;
}

function rowsOf(result: unknown): unknown[] {
  return Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
}

function countOf(result: unknown): number {
  return rowsOf(result).length;
}

/** Retention rules and the run that applies them; runs daily as a durable job. */
export function createRetention(deps: {
  db: Database;
  clock: Clock;
  mailer: Mailer;
  publicOrigin: string;
  groups: GroupsRepository;
  /** Deletes one inactive account the way a person's own deletion does (messages anonymised). */
  deleteAccount: (userId: string) => Promise<void>;
  /** The moderation module's audit log (insert only), in the same transaction as the change. */
  audit: (entries: AuditInsert[], executor: Executor) => Promise<void>;
  /** Removes the stored files of the messages just deleted (chat attachments); they go with their messages. */
  removeDetachedFiles?: () => Promise<unknown>;
  /** Tells each group whose messages went (`group.changed`), so no process keeps them in memory (messages.memory.ts). */
  bus?: Bus;
}) {
  const { db, clock } = deps;

  async function settings(executor: Executor = db): Promise<RetentionSettings> {
    const rows = await executor.select().from(retentionSettings);
    const result = { ...retentionDefaults };
    for (const row of rows) result[row.key] = row.value;
    return result;
  }

  async function groupRule(groupId: string, executor: Executor = db): Promise<number | null> {
    const [row] = await executor.select().from(groupRetention).where(eq(groupRetention.groupId, groupId));
    return row?.messageMonths ?? null;
  }

  function assertAdmin(actor: Actor) {
    const refusal = retentionRefusal(actor);
    if (refusal) throw new AppError(refusal);
  }

  /** The group's rule as its owner sees it; owners and admins only (a hidden group answers 404 to others). */
  async function groupRuleFor(actor: Actor, groupRef: string) {
    const context = await loadGroup(deps.groups, actor, groupRef);
    authorize(actor, 'edit', context);
    const groupId = context.row.group.id;
    return {
      groupId,
      messageMonths: await groupRule(groupId),
      platformMessageMonths: (await settings()).message_months,
    };
  }

  return {
    settings,
    groupRuleFor,

    async settingsFor(actor: Actor) {
      assertAdmin(actor);
      return settings();
    },

    /** Changes the platform's rules (admins with TOTP); the audit log keeps the rules that changed, and why. */
    async updateSettings(actor: Actor, changes: RetentionChanges) {
      assertAdmin(actor);
      const actorId = actor.user.id;
      const now = clock.now();
      await db.transaction(async (tx) => {
        const current = await settings(tx);
        const before: Record<string, number | null> = {};
        const after: Record<string, number | null> = {};
        for (const key of retentionKeys) {
          if (!(key in changes)) continue;
          const value = changes[key] ?? null;
          if (value === current[key]) continue;
          before[key] = current[key];
          after[key] = value;
          await tx
            .insert(retentionSettings)
            .values({ key, value, updatedAt: now, updatedBy: actorId })
            .onConflictDoUpdate({
              target: retentionSettings.key,
              set: { value, updatedAt: now, updatedBy: actorId },
            });
        }
        if (Object.keys(after).length === 0) return;
        await deps.audit(
          [
            {
              groupId: null,
              actorId,
              action: 'retention.updated',
              reason: changes.reason ?? null,
              before,
              after,
              createdAt: now,
            },
          ],
          tx,
        );
      });
      return settings();
    },

    /** Sets a group's own rule for its messages (owners and admins); the change is in the group's audit log. */
    async setGroupRule(actor: Actor, groupRef: string, messageMonths: number | null, reason?: string) {
      const { groupId } = await groupRuleFor(actor, groupRef);
      const now = clock.now();
      await db.transaction(async (tx) => {
        const before = await groupRule(groupId, tx);
        await tx
          .insert(groupRetention)
          .values({ groupId, messageMonths, updatedAt: now })
          .onConflictDoUpdate({
            target: groupRetention.groupId,
            set: { messageMonths, updatedAt: now },
          });
        if (before === messageMonths) return;
        await deps.audit(
          [
            {
              groupId,
              actorId: actor.user.id,
              action: 'retention.group_updated',
              reason: reason ?? null,
              before: { messageMonths: before },
              after: { messageMonths },
              createdAt: now,
            },
          ],
          tx,
        );
      });
      return groupRuleFor(actor, groupId);
    },

    /** Applies every rule once. Safe to run again: each step deletes only what is past its limit. */
    async run(): Promise<RetentionReport> {
      const rules = await settings();
      const now = clock.now();
      const report: RetentionReport = {
        messages: 0,
        declinedRequests: 0,
        outboxMails: 0,
        warnedAccounts: 0,
        deletedAccounts: 0,
      };

      // Messages: the group's own rule, else the platform's. Replies go with their thread's first message.
      const platformMonths = rules.message_months;
      const expired = await db.execute(sql`
        with limits as (
          select g.id as group_id, coalesce(r.message_months, ${platformMonths}::int) as months
          from groups g left join group_retention r on r.group_id = g.id
        ), doomed as (
          select m.id from messages m join limits l on l.group_id = m.group_id
          where l.months is not null and m.created_at < ${now.toISOString()}::timestamptz - make_interval(months => l.months)
            and (m.thread_id is null or m.thread_id in (
              select root.id from messages root join limits rl on rl.group_id = root.group_id
              where rl.months is not null and root.created_at < ${now.toISOString()}::timestamptz - make_interval(months => rl.months)))
        )
        delete from messages where id in (select id from doomed) returning id, group_id as "groupId"`);
      report.messages = countOf(expired);
      await deps.removeDetachedFiles?.();
      const touched = new Set(rowsOf(expired).map((row) => String((row as { groupId: unknown }).groupId)));
      for (const groupId of touched) await publishGroupChange(deps.bus, groupId);

      if (rules.declined_request_days !== null) {
        const cutoff = new Date(now.getTime() - rules.declined_request_days * day);
        const removed = await db.execute(
          sql`delete from group_join_requests where status = 'declined' and coalesce(decided_at, created_at) < ${cutoff.toISOString()}::timestamptz returning id`,
        );
        report.declinedRequests = countOf(removed);
      }

      if (rules.outbox_days !== null) {
        const cutoff = new Date(now.getTime() - rules.outbox_days * day);
        const removed = await db.execute(
          sql`delete from mail_outbox where created_at < ${cutoff.toISOString()}::timestamptz returning id`,
        );
        report.outboxMails = countOf(removed);
      }

      if (rules.inactive_account_years !== null) {
        const cutoff = new Date(now.getTime() - rules.inactive_account_years * 365 * day);
        // Someone who came back after the warning is no longer warned.
        await db.execute(sql`delete from inactivity_warnings w using users u
          where u.id = w.user_id and u.last_active_at > w.warned_at`);
        const due = await db
          .select({ userId: inactivityWarnings.userId })
          .from(inactivityWarnings)
          .where(lt(inactivityWarnings.deleteAfter, now));
        for (const { userId } of due) {
          await deps.deleteAccount(userId);
          report.deletedAccounts += 1;
        }
        const toWarn = await db
          .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
          .from(users)
          .leftJoin(inactivityWarnings, eq(inactivityWarnings.userId, users.id))
          .where(
            and(lt(users.lastActiveAt, cutoff), isNull(inactivityWarnings.userId), isNull(users.deletedAt)),
          );
        for (const person of toWarn) {
          const deleteAfter = new Date(now.getTime() + inactivityGraceDays * day);
          const [claimed] = await db
            .insert(inactivityWarnings)
            .values({ userId: person.id, warnedAt: now, deleteAfter })
            .onConflictDoNothing()
            .returning();
          if (!claimed) continue;
          const locale = person.locale;
          await deps.mailer.send({
            to: person.email,
            subject: translate(locale, 'privacy.mail.inactive.subject'),
            text: `${translate(locale, 'mail.greeting', { name: person.displayName })}\n\n${translateCount(locale, 'privacy.mail.inactive.body', rules.inactive_account_years, { days: inactivityGraceDays, url: `${deps.publicOrigin}/sign-in` })}\n\n${translate(locale, 'mail.signature')}`,
          });
          report.warnedAccounts += 1;
        }
      }
      return report;
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
