import type { ModerationAction, ModerationItem, ModerationItemDetail } from '@spejl/shared';
import type { Actor } from '../auth/auth.policy.ts';
import type { MessageRecord, MessagesRepository } from '../messages/messages.repository.ts';
import type { MentorshipFacts, MentorshipModeration } from './moderation.context.ts';
import { actionRefusal, actionsFor, claimRefusal, spaceOf } from './moderation.policy.ts';
import type { ActionRow, ItemWithNames, ModerationRepository } from './moderation.repository.ts';

interface ViewDeps {
  repository: ModerationRepository;
  messagesRepository: MessagesRepository;
  mentorships: Pick<MentorshipModeration, 'byConversation'>;
}

const aboutMember: readonly ModerationAction[] = ['warn', 'mute', 'remove_member', 'ban_member', 'suspend'];

/** Whether an action can apply to this item at all: one about the author needs an author, and so on. */
function applies(
  action: ModerationAction,
  item: ItemWithNames['item'],
  mentorship: MentorshipFacts | null,
): boolean {
  if (aboutMember.includes(action) && item.subjectUserId === null) return false;
  if (action === 'pause_mentor') return mentorship !== null && item.subjectUserId === mentorship.mentor.id;
  if (action === 'close_mentorship') return mentorship?.status === 'active';
  return true;
}

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

/**
 * Turns queue rows into the API's items for one moderator: the message, flags, context and what they may do. An item
 * from a mentorship or a direct conversation carries the reported message alone: nobody who reviews it may read the
 * pair's conversation.
 */
export async function buildItems(
  deps: ViewDeps,
  actor: Actor,
  rows: ItemWithNames[],
  options: { contextSize: number; now: Date },
): Promise<ModerationItem[]> {
  const messageIds = rows.map((row) => row.item.messageId).filter((id): id is string => id !== null);
  const records = new Map(
    (await deps.messagesRepository.findRecords(messageIds)).map((record) => [record.row.id, record]),
  );
  const flags = await deps.repository.flagsOf(rows.map((row) => row.item.id));
  const mentorships = await deps.mentorships.byConversation(
    rows.filter((row) => row.groupKind === 'mentorship').map((row) => row.item.groupId),
  );
  const thresholds = new Map<string, number>();
  for (const groupId of new Set(rows.map((row) => row.item.groupId)))
    thresholds.set(groupId, (await deps.repository.settingsOf(groupId)).hideThreshold);

  const items: ModerationItem[] = [];
  for (const row of rows) {
    const { item } = row;
    const record = item.messageId ? records.get(item.messageId) : undefined;
    const space = spaceOf(row.groupKind);
    const mentorship = space === 'mentorship' ? (mentorships.get(item.groupId) ?? null) : null;
    let context: ModerationItem['context'] = { before: [], after: [] };
    if (record && options.contextSize > 0 && space === 'group') {
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
    const canAct = actionRefusal(actor, item, 'dismiss', options.now, space) === null;
    const actions = canAct
      ? actionsFor(space).filter(
          (action) =>
            applies(action, item, mentorship) &&
            actionRefusal(actor, item, action, options.now, space) === null,
        )
      : [];
    items.push({
      id: item.id,
      group: { id: item.groupId, name: row.groupName, slug: row.groupSlug },
      space,
      mentorship,
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
            attachments: record.attachments,
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
        canEscalate: actions.includes('escalate'),
        canSuspend: actions.includes('suspend'),
        aboutMe: item.subjectUserId === actor.user.id,
        actions: [...actions],
      },
    });
  }
  return items;
}

/** One item with everything a moderator needs to decide: edit history and the author's record in the group. */
export async function buildItemDetail(
  deps: ViewDeps,
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
