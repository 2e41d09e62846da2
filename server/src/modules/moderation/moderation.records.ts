import type { AuditEntry, TransparencyReport } from '@spejl/shared';
import { AppError } from '../../http/errors.ts';
import { toPage } from '../../http/pagination.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { type ModerationDeps, standingIn } from './moderation.context.ts';
import { groupModerationRefusal, mentoringReviewRefusal, platformRefusal } from './moderation.policy.ts';
import type { Range } from './moderation.records.repository.ts';

interface Page {
  offset: number;
  limit: number;
}

const csvRowsMax = 50_000;
const periodsMax = 36;

const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);

/**
 * One CSV cell: quoted when needed, and a leading = + - @ (or tab/return) neutralised with an apostrophe, so a
 * spreadsheet never runs a formula someone typed as a reason (CSV injection).
 */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The start of the period holding `at`, in UTC. */
function periodStart(at: Date, period: 'month' | 'quarter' | 'year'): Date {
  const month =
    period === 'month'
      ? at.getUTCMonth()
      : period === 'quarter'
        ? at.getUTCMonth() - (at.getUTCMonth() % 3)
        : 0;
  return new Date(Date.UTC(at.getUTCFullYear(), month, 1));
}

function nextPeriod(start: Date, period: 'month' | 'quarter' | 'year'): Date {
  const months = period === 'month' ? 1 : period === 'quarter' ? 3 : 12;
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
}

const defaultPeriods = { month: 6, quarter: 4, year: 3 } as const;

function previousPeriods(start: Date, period: 'month' | 'quarter' | 'year', count: number): Date {
  const months = (period === 'month' ? 1 : period === 'quarter' ? 3 : 12) * count;
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - months, 1));
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The audit log, its CSV export and the transparency report: for a group's moderators, or for admins. */
export function createRecordsService(deps: ModerationDeps) {
  const { records, clock } = deps;

  /** The coordinators' record of mentorships' reports: the mentoring reviewers only. */
  async function mentoringScope(actor: Actor, groupId: string | undefined) {
    if (groupId !== undefined) throw new AppError('validation.failed');
    const refusal = mentoringReviewRefusal(actor, await deps.mentorships.reviewerIds());
    if (refusal) throw new AppError(refusal);
    return 'mentoring' as const;
  }

  /** The group an actor may read records of, or null for the platform (admins). */
  async function scopeFor(actor: Actor, groupId: string | undefined) {
    if (groupId === undefined) {
      const refusal = platformRefusal(actor);
      if (refusal) throw new AppError(refusal);
      return null;
    }
    const { standing, group } = await standingIn(deps.groupsRepository, actor, groupId);
    const refusal = groupModerationRefusal(actor, standing);
    if (refusal) throw new AppError(refusal);
    return group;
  }

  type AuditRow = Awaited<ReturnType<typeof records.auditPage>>[number];
  const toEntry = (row: AuditRow): AuditEntry => ({
    id: row.entry.id,
    seq: row.entry.seq,
    createdAt: row.entry.createdAt.toISOString(),
    groupId: row.entry.groupId,
    actor: person(row.entry.actorId, row.actorName),
    action: row.entry.action,
    target: person(row.entry.targetUserId, row.targetName),
    reason: row.entry.reason,
    before: row.entry.before ?? null,
    after: row.entry.after ?? null,
    itemId: row.entry.itemId,
    messageId: row.entry.messageId,
  });

  return {
    async auditLog(
      actor: Actor,
      query: { groupId?: string | undefined; scope?: 'mentoring' | undefined },
      page: Page,
    ) {
      const scope =
        query.scope === 'mentoring'
          ? await mentoringScope(actor, query.groupId)
          : ((await scopeFor(actor, query.groupId))?.id ?? null);
      const rows = await records.auditPage(scope, page);
      const { items, nextCursor } = toPage(rows, page);
      return { items: items.map(toEntry), nextCursor };
    },

    /** The audit log as CSV (UTF-8 with BOM, so Excel reads æ, ø and å), oldest first. */
    async auditCsv(
      actor: Actor,
      query: {
        groupId?: string | undefined;
        scope?: 'mentoring' | undefined;
        from?: string | undefined;
        to?: string | undefined;
      },
    ) {
      const mentoring = query.scope === 'mentoring' ? await mentoringScope(actor, query.groupId) : null;
      const group = mentoring ? null : await scopeFor(actor, query.groupId);
      const rows = await records.auditRange(
        mentoring ?? group?.id ?? null,
        {
          ...(query.from ? { from: new Date(query.from) } : {}),
          ...(query.to ? { to: new Date(query.to) } : {}),
        },
        csvRowsMax,
      );
      const header = [
        'time_utc',
        'action',
        'actor_id',
        'actor',
        'target_id',
        'target',
        'reason',
        'before',
        'after',
        'group_id',
        'item_id',
        'message_id',
      ];
      const lines = rows.map((row) => {
        const entry = toEntry(row);
        return [
          entry.createdAt,
          entry.action,
          entry.actor?.id,
          entry.actor?.displayName,
          entry.target?.id,
          entry.target?.displayName,
          entry.reason,
          entry.before,
          entry.after,
          entry.groupId,
          entry.itemId,
          entry.messageId,
        ]
          .map(csvCell)
          .join(',');
      });
      const slug = mentoring ?? group?.slug ?? 'platform';
      return {
        filename: `spejl-audit-${slug}.csv`,
        body: `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`,
      };
    },

    /**
     * Counts for associations and for Digital Services Act reporting, per period: reports by reason, actions by
     * kind, items opened and resolved, automatic detections, and the median minutes from an item opening to its
     * first review (a claim or an action).
     */
    async transparency(
      actor: Actor,
      query: {
        groupId?: string | undefined;
        period: 'month' | 'quarter' | 'year';
        from?: string | undefined;
        to?: string | undefined;
      },
    ): Promise<TransparencyReport> {
      const group = await scopeFor(actor, query.groupId);
      const groupId = group?.id ?? null;
      const now = clock.now();
      const to = query.to ? new Date(query.to) : now;
      // Without a start: the current period and the ones before it (half a year, a year, three years).
      let start = query.from
        ? periodStart(new Date(query.from), query.period)
        : previousPeriods(periodStart(to, query.period), query.period, defaultPeriods[query.period] - 1);
      const ranges: Range[] = [];
      while (start < to && ranges.length < periodsMax) {
        const end = nextPeriod(start, query.period);
        ranges.push({ from: start, to: end });
        start = end;
      }
      if (ranges.length === 0) return { group, period: query.period, periods: [] };
      const all: Range = { from: ranges[0]!.from, to: ranges.at(-1)!.to };
      const [flags, actions, items, blocks, appeals] = await Promise.all([
        records.flagsIn(groupId, all),
        records.actionsIn(groupId, all),
        records.itemsIn(groupId, all),
        records.blocksIn(groupId, all),
        records.appealsIn(groupId, all),
      ]);
      const within = (at: Date | null, range: Range) => at !== null && at >= range.from && at < range.to;
      const tally = (values: string[]) => {
        const counts: Record<string, number> = {};
        for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
        return counts;
      };
      return {
        group,
        period: query.period,
        periods: ranges.map((range) => {
          const opened = items.filter((item) => within(item.createdAt, range));
          const reviewMinutes = opened
            .filter((item) => item.firstReviewedAt !== null)
            .map((item) => (item.firstReviewedAt!.getTime() - item.createdAt.getTime()) / 60_000);
          const periodAppeals = appeals.filter((appeal) => within(appeal.createdAt, range));
          const middle = median(reviewMinutes);
          return {
            from: range.from.toISOString(),
            to: range.to.toISOString(),
            flagsByReason: tally(
              flags.filter((flag) => within(flag.createdAt, range)).map((flag) => flag.reason),
            ),
            actionsByAction: tally(
              actions.filter((action) => within(action.createdAt, range)).map((action) => action.action),
            ),
            itemsOpened: opened.length,
            itemsResolved: items.filter((item) => within(item.resolvedAt, range)).length,
            automaticItems: opened.filter((item) => item.source !== 'flags').length,
            blockedPosts: blocks.filter((block) => within(block.createdAt, range)).length,
            medianMinutesToFirstReview: middle === null ? null : Math.round(middle * 10) / 10,
            appealsReceived: periodAppeals.length,
            appealsOverturned: periodAppeals.filter((appeal) => appeal.status === 'overturned').length,
          };
        }),
      };
    },
  };
}
