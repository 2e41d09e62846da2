import { createHash } from 'node:crypto';
import {
  accountDeletions,
  consents,
  type Database,
  dataExports,
  groups,
  groupJoinRequests,
  groupMemberships,
  users,
} from '@spejl/db';
import { type ConsentKind, consentKinds, consentVersions, translate } from '@spejl/shared';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { verifyPassword } from '../auth/auth.password.ts';
import { generateToken, hashToken } from '../auth/auth.tokens.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import type { AccessLog } from './privacy.access-log.ts';
import { hasConsent as hasConsentIn } from './privacy.consents.ts';
import { type MessageChoice, namesOf, type PersonalDataSection } from './privacy.personal-data.ts';
import { canDownloadExport } from './privacy.policy.ts';
import { announceAccountChange } from '../auth/auth.session-cache.ts';
import { publishDirectoryChange } from '../groups/groups.list-memory.ts';

export const deletionSweepQueue = 'privacy.deletion-sweep';
export const exportQueue = 'privacy.export';
const exportLinkDays = 7;

export interface PrivacyServiceDeps {
  db: Database;
  clock: Clock;
  bus: Bus;
  jobs: Jobs;
  notifications: NotificationService;
  accessLog: AccessLog;
  sections: PersonalDataSection[];
  publicOrigin: string;
  /**
   * Today's version of a consent's text and when it was published (null: from the start). The terms' version comes
   * from the pages: a new terms or privacy policy version that needs consent asks everyone again.
   */
  currentConsent?: (kind: ConsentKind) => Promise<{ version: string; since: Date | null }>;
  /** What withdrawing a consent does, per kind (for example: leave the diagnosis groups). */
  onWithdraw: Partial<Record<ConsentKind, (actor: Actor) => Promise<void>>>;
  /** Runs once an erasure has committed: removes stored files that lost their owner (chat attachments). */
  afterErase?: () => Promise<unknown>;
}

const emailHash = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

/** Consent records, export, deletion and access records: the person's rights over their data (GDPR). */
export function createPrivacyService(deps: PrivacyServiceDeps) {
  const { db, clock } = deps;

  async function consentRows(userId: string) {
    return db.select().from(consents).where(eq(consents.userId, userId)).orderBy(asc(consents.givenAt));
  }

  const hasConsent = (userId: string, kind: ConsentKind) => hasConsentIn(db, userId, kind);
  const currentConsent =
    deps.currentConsent ?? (async (kind: ConsentKind) => ({ version: consentVersions[kind], since: null }));

  async function buildExport(userId: string) {
    const sections: Record<string, unknown> = {};
    for (const section of deps.sections) sections[section.name] = await section.export(db, userId);
    return {
      format: 'spejl-export/1',
      exportedAt: clock.now().toISOString(),
      about:
        'Alt, hvad Spejl har gemt om dig. Everything Spejl holds about you (GDPR Articles 15 and 20). Other people appear only as you could see them.',
      ...sections,
    };
  }

  deps.jobs
    .work<{ exportId: string }>(exportQueue, async ({ exportId }) => {
      const [row] = await db.select().from(dataExports).where(eq(dataExports.id, exportId));
      if (row?.status !== 'preparing') return;
      const archive = await buildExport(row.userId);
      const token = generateToken();
      const now = clock.now();
      const size = Buffer.byteLength(JSON.stringify(archive));
      await db
        .update(dataExports)
        .set({
          status: 'ready',
          archive,
          sizeBytes: size,
          tokenHash: hashToken(token),
          readyAt: now,
          expiresAt: new Date(now.getTime() + exportLinkDays * 24 * 60 * 60_000),
        })
        .where(eq(dataExports.id, exportId));
      const written = await deps.notifications.create([
        {
          userId: row.userId,
          type: 'privacy.export_ready',
          data: { exportId, url: `${deps.publicOrigin}/api/me/exports/${token}`, sizeBytes: size },
        },
      ]);
      await deps.notifications.deliver(written);
    })
    .catch(() => {});

  deps.jobs
    .work<{ deletionId: string }>(deletionSweepQueue, async ({ deletionId }) => {
      const [deletion] = await db.select().from(accountDeletions).where(eq(accountDeletions.id, deletionId));
      if (!deletion || deletion.completedAt) return;
      // Mails written after the deletion (a reply that was already on its way) are swept too.
      await db.execute(
        sql`delete from mail_outbox where encode(sha256(convert_to(lower("to"), 'UTF8')), 'hex') = ${deletion.emailHash}`,
      );
      await db
        .update(accountDeletions)
        .set({ completedAt: clock.now() })
        .where(eq(accountDeletions.id, deletionId));
    })
    .catch(() => {});

  /**
   * Erases an account: every domain removes or anonymises its part and the account row goes, in one transaction;
   * then every socket of the person closes, and a durable job sweeps what can only be found later.
   */
  async function eraseUser(userId: string, messages: MessageChoice) {
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    if (!user) throw new AppError('not_found');
    const now = clock.now();
    const subject = {
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      names: await namesOf(db, user.id, user.displayName),
      messages,
      now,
      formerMember: translate('da', 'privacy.formerMember'),
    };
    const groupIds = (
      await db
        .select({ groupId: groupMemberships.groupId })
        .from(groupMemberships)
        .where(eq(groupMemberships.userId, user.id))
    ).map((row) => row.groupId);
    const deletionId = await db.transaction(async (tx) => {
      for (const section of deps.sections) await section.erase?.(tx, subject);
      await tx.delete(users).where(eq(users.id, user.id));
      const [deletion] = await tx
        .insert(accountDeletions)
        .values({ emailHash: emailHash(user.email), messages, requestedAt: now })
        .returning({ id: accountDeletions.id });
      return deletion!.id;
    });
    // Jobs waiting for the person (a reminder) would carry their id; they have nobody to go to now.
    await db.execute(sql`delete from pgboss.job where data::text like ${`%${user.id}%`}`);
    await announceAccountChange(deps.bus, user.id);
    // Their join requests are gone too: the counts waiting in others' group lists.
    await publishDirectoryChange(deps.bus);
    await deps.bus.publish(`user:${user.id}`, { type: 'session.ended' });
    for (const groupId of groupIds)
      await deps.bus.publish(`group:${groupId}`, {
        type: 'membership.changed',
        groupId,
        userId: user.id,
        role: null,
      });
    await deps.afterErase?.();
    await deps.jobs.send(deletionSweepQueue, { deletionId }, { singletonKey: deletionId });
    return { deletionId };
  }

  return {
    hasConsent,

    async consents(actor: Actor) {
      const rows = await consentRows(actor.user.id);
      const current = await Promise.all(consentKinds.map((kind) => currentConsent(kind)));
      return {
        current: consentKinds.map((kind, index) => {
          const active = [...rows].reverse().find((row) => row.kind === kind && row.withdrawnAt === null);
          const today = current[index]!;
          // A consent given after today's version was published covers it (sign-up records it by its start date).
          const covered =
            active !== undefined &&
            (active.version === today.version || (today.since !== null && active.givenAt >= today.since));
          return {
            kind,
            given: active !== undefined,
            version: active?.version ?? null,
            since: active?.givenAt.toISOString() ?? null,
            outdated: active !== undefined && !covered,
            currentVersion: today.version,
          };
        }),
        history: rows.map((row) => ({
          kind: row.kind,
          version: row.version,
          givenAt: row.givenAt.toISOString(),
          withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
        })),
      };
    },

    /** Gives or withdraws a consent. Withdrawing is as easy as giving, and has the documented effect at once. */
    async setConsent(actor: Actor, kind: ConsentKind, given: boolean) {
      const now = clock.now();
      const active = await hasConsent(actor.user.id, kind);
      const outdated =
        (await this.consents(actor)).current.find((row) => row.kind === kind)?.outdated ?? false;
      if (given && (!active || outdated)) {
        // Accepting a new version adds a record; the older one stays in the history.
        const { version } = await currentConsent(kind);
        await db.insert(consents).values({ userId: actor.user.id, kind, version, givenAt: now });
      } else if (!given && active) {
        // The effect runs first: if it cannot happen (the last owner of a group), the consent stays as it was.
        await deps.onWithdraw[kind]?.(actor);
        await db
          .update(consents)
          .set({ withdrawnAt: now })
          .where(
            and(eq(consents.userId, actor.user.id), eq(consents.kind, kind), isNull(consents.withdrawnAt)),
          );
      }
      return this.consents(actor);
    },

    /** Everything about the person, as one JSON document. */
    async export(actor: Actor) {
      return buildExport(actor.user.id);
    },

    /** Prepares the export as a durable job and offers it once by a link (for large accounts). */
    async requestArchive(actor: Actor) {
      const [row] = await db
        .insert(dataExports)
        .values({ userId: actor.user.id, status: 'preparing', createdAt: clock.now() })
        .returning();
      await deps.jobs.send(exportQueue, { exportId: row!.id }, { singletonKey: row!.id });
      return row!;
    },

    async archives(actor: Actor) {
      return db
        .select()
        .from(dataExports)
        .where(eq(dataExports.userId, actor.user.id))
        .orderBy(desc(dataExports.createdAt))
        .limit(10);
    },

    /** The archive behind a single-use link: only its owner, only once, only before it expires. */
    async downloadArchive(actor: Actor, token: string) {
      const [row] = await db
        .select()
        .from(dataExports)
        .where(eq(dataExports.tokenHash, hashToken(token)));
      if (!row || !canDownloadExport(actor, row, clock.now())) throw new AppError('not_found');
      const [claimed] = await db
        .update(dataExports)
        .set({ status: 'downloaded', archive: null, tokenHash: null })
        .where(and(eq(dataExports.id, row.id), eq(dataExports.status, 'ready')))
        .returning({ id: dataExports.id });
      if (!claimed) throw new AppError('not_found');
      return row.archive;
    },

    /**
     * Deletes the account after the password is given again: every session ends at once, messages are anonymised
     * or emptied as the person chose, every domain erases its part, and the account row goes. A durable job
     * sweeps what can only be found later (mails still on their way).
     */
    async deleteAccount(actor: Actor, password: string, messages: MessageChoice) {
      // Counted on the route, with re-authentication's counter (privacy.routes.ts, `passwordChecks`).
      if (!(await verifyPassword(actor.user.passwordHash, password)))
        throw new AppError('auth.invalid_credentials', { details: { field: 'password' } });
      return eraseUser(actor.user.id, messages);
    },

    eraseUser,

    async accessRecords(actor: Actor, options: { before?: Date | undefined; limit: number }) {
      const rows = await deps.accessLog.about(actor.user.id, options);
      const more = rows.length > options.limit;
      const items = rows.slice(0, options.limit);
      return {
        items: items.map(({ record, actorName, groupName }) => ({
          id: record.id,
          actorName,
          actorRole: record.actorRole,
          kind: record.kind,
          reason: record.reason,
          group: record.groupId && groupName ? { id: record.groupId, name: groupName } : null,
          createdAt: record.createdAt.toISOString(),
        })),
        nextCursor: more && items.length > 0 ? items.at(-1)!.record.createdAt.toISOString() : null,
      };
    },

    /** Groups where the person is the only owner: they must hand over before leaving all groups. */
    async soleOwnerships(userId: string) {
      const rows = await db.execute(sql`
        select g.id, g.name from group_memberships m join groups g on g.id = m.group_id
        where m.user_id = ${userId} and m.role = 'owner'
          and (select count(*) from group_memberships o where o.group_id = m.group_id and o.role = 'owner') = 1`);
      return (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Array<{
        id: string;
        name: string;
      }>;
    },

    /** Pending join requests of the person (withdrawn with consent). */
    async pendingRequests(userId: string) {
      return db
        .select({ groupId: groupJoinRequests.groupId })
        .from(groupJoinRequests)
        .innerJoin(groups, eq(groups.id, groupJoinRequests.groupId))
        .where(and(eq(groupJoinRequests.userId, userId), eq(groupJoinRequests.status, 'pending')));
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
