import type { ModerationItem, ModerationItemDetail } from '@spejl/shared';
import type { Actor } from '../auth/auth.policy.ts';
import type { MessageRecord, MessagesRepository } from '../messages/messages.repository.ts';
import { actionRefusal, claimRefusal, isPlatformAdmin } from './moderation.policy.ts';
import type { ActionRow, ItemWithNames, ModerationRepository } from './moderation.repository.ts';

const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);

function toContext(record: MessageRecord) {
  const { row } = record;
  return {
    id: row.id,
    seq: row.seq,
    author: person(row.authorId, record.authorName),
    body: row.deletedAt ? null : row.body,
    createdAt: row.createdAt.toISOString(),
    deleted: row.deletedAt !== null,
    hidden: row.hiddenAt !== null,
  };
}

export function toActionSummary(row: { action: ActionRow; actorName: string | null }) {
  return {
    id: row.action.id,
    action: row.action.action,
    reason: row.action.reason,
    actor: person(row.action.actorId, row.actorName),
    createdAt: row.action.createdAt.toISOString(),
    expiresAt: row.action.expiresAt?.toISOString() ?? null,
    revokedAt: row.action.revokedAt?.toISOString() ?? null,
  };
}

/** Turns queue rows into the API's items for one moderator: the message, flags, context and what they may do. */
export async function buildItems(
  deps: { repository: ModerationRepository; messagesRepository: MessagesRepository },
  actor: Actor,
  rows: ItemWithNames[],
  options: { contextSize: number; now: Date },
): Promise<ModerationItem[]> {
  const messageIds = rows.map((row) => row.item.messageId).filter((id): id is string => id !== null);
  const records = new Map(
    (await deps.messagesRepository.findRecords(messageIds)).map((record) => [record.row.id, record]),
  );
  const flags = await deps.repository.flagsOf(rows.map((row) => row.item.id));
  const thresholds = new Map<string, number>();
  for (const groupId of new Set(rows.map((row) => row.item.groupId)))
    thresholds.set(groupId, (await deps.repository.settingsOf(groupId)).hideThreshold);

  const items: ModerationItem[] = [];
  for (const row of rows) {
    const { item } = row;
    const record = item.messageId ? records.get(item.messageId) : undefined;
    let context: ModerationItem['context'] = { before: [], after: [] };
    if (record && options.contextSize > 0) {
      const around = {
        groupId: item.groupId,
        threadId: record.row.threadId,
        minSeq: 1,
        limit: options.contextSize,
      };
      const before = await deps.messagesRepository.page({ ...around, before: record.row.seq });
      const after = await deps.messagesRepository.page({ ...around, after: record.row.seq });
      context = { before: before.map(toContext), after: after.map(toContext) };
    }
    const canAct = actionRefusal(actor, item, 'hide', options.now) === null;
    items.push({
      id: item.id,
      group: { id: item.groupId, name: row.groupName, slug: row.groupSlug },
      queue: item.queue,
      status: item.status,
      source: item.source,
      score: Math.round(item.score * 100) / 100,
      threshold: thresholds.get(item.groupId) ?? 2,
      urgent: item.urgent,
      subject: person(item.subjectUserId, row.subjectName),
      // Moderators read what was written even after deletion: the soft-deleted text is kept for this.
      message: record
        ? {
            id: record.row.id,
            seq: record.row.seq,
            body: record.row.body,
            threadId: record.row.threadId,
            createdAt: record.row.createdAt.toISOString(),
            editedAt: record.row.editedAt?.toISOString() ?? null,
            deleted: record.row.deletedAt !== null,
            hidden: record.row.hiddenAt !== null,
          }
        : null,
      flags: flags
        .filter((flag) => flag.flag.itemId === item.id)
        .map(({ flag, reporterName }) => ({
          id: flag.id,
          reason: flag.reason,
          note: flag.note,
          reporter: person(flag.reporterId, reporterName),
          automatic: flag.automatic,
          weight: Math.round(flag.weight * 100) / 100,
          status: flag.status,
          createdAt: flag.createdAt.toISOString(),
        })),
      context,
      claimedBy: person(item.claimedBy, row.claimerName),
      claimedAt: item.claimedAt?.toISOString() ?? null,
      createdAt: item.createdAt.toISOString(),
      resolvedAt: item.resolvedAt?.toISOString() ?? null,
      resolution: item.resolution
        ? {
            action: item.resolution,
            reason: item.resolutionReason,
            actor: person(item.resolvedBy, row.resolverName),
          }
        : null,
      permissions: {
        canAct,
        canClaim: claimRefusal(actor, item, options.now) === null && item.claimedBy !== actor.user.id,
        canEscalate: canAct && item.queue === 'group',
        canSuspend: canAct && isPlatformAdmin(actor),
        aboutMe: item.subjectUserId === actor.user.id,
      },
    });
  }
  return items;
}

/** One item with everything a moderator needs to decide: edit history and the author's record in the group. */
export async function buildItemDetail(
  deps: { repository: ModerationRepository; messagesRepository: MessagesRepository },
  actor: Actor,
  row: ItemWithNames,
  now: Date,
): Promise<ModerationItemDetail> {
  const [item] = await buildItems(deps, actor, [row], { contextSize: 5, now });
  const edits = row.item.messageId ? await deps.messagesRepository.edits(row.item.messageId) : [];
  const history = row.item.subjectUserId
    ? await deps.repository.actionsAbout(row.item.subjectUserId, row.item.groupId)
    : [];
  return {
    ...item!,
    edits: edits.map((edit) => ({ previousBody: edit.previousBody, editedAt: edit.editedAt.toISOString() })),
    authorHistory: history.map(toActionSummary),
  };
}
