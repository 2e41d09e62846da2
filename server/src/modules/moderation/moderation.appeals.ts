import { type Appeal, type MyModerationAction, type NotificationData, translate } from '@spejl/shared';
import { AppError } from '../../http/errors.ts';
import { toPage } from '../../http/pagination.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { hashToken } from '../auth/auth.tokens.ts';
import { isUuid } from '../groups/groups.repository.ts';
import {
  type ModerationDeps,
  mailTo,
  publishMessages,
  publishQueue,
  standingIn,
} from './moderation.context.ts';
import {
  type ActionFacts,
  appealDeadline,
  appealDecisionRefusal,
  appealRefusal,
  groupModerationRefusal,
  mentoringReviewRefusal,
  platformRefusal,
} from './moderation.policy.ts';
import type { ActionRow } from './moderation.repository.ts';

interface Page {
  offset: number;
  limit: number;
}

const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);

/** Appeals: the affected member asks once, within 20 days; another moderator or an admin decides. */
export function createAppealsService(deps: ModerationDeps) {
  const { repository, records, clock, notifications } = deps;

  type Scope = 'group' | 'platform' | 'mentoring';
  function scopeOfAction(action: ActionRow, queue: 'group' | 'platform' | 'mentoring' | null): Scope {
    if (action.groupId === null || queue === 'platform') return 'platform';
    return queue === 'mentoring' ? 'mentoring' : 'group';
  }

  /** The live queue an appeal shows in: the group's, the platform's or the mentoring queue. */
  const liveScope = (scope: Scope, groupId: string | null) => (scope === 'group' ? groupId! : scope);

  /** Who decides, as the policy needs it: the actor's place in the group, or the mentoring reviewers. */
  async function accessFor(actor: Actor, scope: Scope, groupId: string | null) {
    if (scope === 'mentoring') return { standing: null, reviewerIds: await deps.mentorships.reviewerIds() };
    return { standing: await standingFor(actor, groupId) };
  }

  async function standingFor(actor: Actor, groupId: string | null) {
    if (!groupId) return null;
    try {
      return (await standingIn(deps.groupsRepository, actor, groupId)).standing;
    } catch {
      return null;
    }
  }

  type AppealRecord = NonNullable<Awaited<ReturnType<typeof records.findAppeal>>>;
  async function toAppeal(actor: Actor, row: AppealRecord): Promise<Appeal> {
    const scope = scopeOfAction(row.action, row.queue);
    const refusal = appealDecisionRefusal(
      actor,
      row.action,
      scope,
      await accessFor(actor, scope, row.action.groupId),
    );
    return {
      id: row.appeal.id,
      group:
        row.action.groupId && row.groupName && row.groupSlug
          ? { id: row.action.groupId, name: row.groupName, slug: row.groupSlug }
          : null,
      appellant: person(row.appeal.appellantId, row.appellantName),
      statement: row.appeal.statement,
      status: row.appeal.status,
      createdAt: row.appeal.createdAt.toISOString(),
      decidedAt: row.appeal.decidedAt?.toISOString() ?? null,
      decidedBy: person(row.appeal.decidedBy, row.deciderName),
      decisionReason: row.appeal.decisionReason,
      action: {
        id: row.action.id,
        action: row.action.action,
        reason: row.action.reason,
        messageToUser: row.action.messageToUser,
        itemId: row.action.itemId,
        actor: person(row.action.actorId, row.actorName),
        createdAt: row.action.createdAt.toISOString(),
        expiresAt: row.action.expiresAt?.toISOString() ?? null,
        revokedAt: row.action.revokedAt?.toISOString() ?? null,
      },
      permissions: { canDecide: row.appeal.status === 'open' && refusal === null },
    };
  }

  type MineRow = Awaited<ReturnType<typeof records.actionsAgainst>>[number];
  function toMine(actor: Actor, row: MineRow, now: Date): MyModerationAction {
    const deadline = appealDeadline(row.action);
    return {
      id: row.action.id,
      action: row.action.action,
      reason: row.action.reason,
      messageToUser: row.action.messageToUser,
      group:
        row.action.groupId && row.groupName && row.groupSlug
          ? { id: row.action.groupId, name: row.groupName, slug: row.groupSlug }
          : null,
      createdAt: row.action.createdAt.toISOString(),
      expiresAt: row.action.expiresAt?.toISOString() ?? null,
      revokedAt: row.action.revokedAt?.toISOString() ?? null,
      appealableUntil: deadline?.toISOString() ?? null,
      appeal: row.appeal
        ? {
            id: row.appeal.id,
            status: row.appeal.status,
            decisionReason: row.appeal.decisionReason,
            createdAt: row.appeal.createdAt.toISOString(),
            decidedAt: row.appeal.decidedAt?.toISOString() ?? null,
          }
        : null,
      permissions: {
        canAppeal: appealRefusal(actor.user.id, row.action, row.appeal !== null, now) === null,
      },
    };
  }

  /** Writes the appeal and tells those who can decide it. */
  async function file(appellantId: string, action: ActionRow, statement: string) {
    const now = clock.now();
    const existing = await records.appealOf(action.id);
    const refusal = appealRefusal(appellantId, action, existing !== undefined, now);
    if (refusal) throw new AppError(refusal);
    const item = action.itemId ? await repository.findItem(action.itemId) : undefined;
    const scope = scopeOfAction(action, item?.item.queue ?? null);
    const deciders =
      scope === 'platform'
        ? await repository.platformAdminIds()
        : scope === 'mentoring'
          ? await deps.mentorships.reviewerIds()
          : await deps.groupsRepository.moderatorIds(action.groupId!);
    const groupName = item?.groupName ?? null;
    // A private conversation is never named or linked as a group: its appeals are decided in their review queue.
    const conversation = item?.groupKind === 'mentorship' || item?.groupKind === 'direct';
    const where: Omit<NotificationData<'moderation.appeal'>, 'appealId'> = scope === 'mentoring'
      ? { space: 'mentorship', scope: 'mentoring' }
      : conversation && scope === 'platform'
        ? { space: item.groupKind === 'mentorship' ? 'mentorship' : 'direct', scope: 'platform' }
        : { groupId: action.groupId, groupName };
    const { appeal, written } = await repository.transaction(async (tx) => {
      const appeal = await records.insertAppeal(
        { actionId: action.id, appellantId, statement, createdAt: now },
        tx,
      );
      if (!appeal) throw new AppError('moderation.appeal_exists');
      await repository.audit(
        [
          {
            groupId: action.groupId,
            actorId: appellantId,
            targetUserId: appellantId,
            itemId: action.itemId,
            messageId: action.messageId,
            action: 'appeal.created',
            reason: null,
            after: { actionId: action.id, appealId: appeal.id },
            createdAt: now,
          },
        ],
        tx,
      );
      const written = await notifications.create(
        deciders
          .filter((id) => id !== action.actorId && id !== appellantId)
          .map((userId) => ({
            userId,
            type: 'moderation.appeal',
            data: { ...where, appealId: appeal.id },
          })),
        tx,
      );
      return { appeal, written };
    });
    await notifications.deliver(written);
    await publishQueue(deps.bus, {
      scope: liveScope(scope, action.groupId),
      itemId: null,
      change: 'appeal',
      urgent: false,
    });
    return appeal;
  }

  /** Undoes what an overturned action did. */
  async function overturn(decider: Actor, action: ActionRow, now: Date) {
    const messageId = action.messageId;
    await repository.transaction(async (tx) => {
      await repository.revokeAction(action.id, now, tx);
      if (messageId && action.action === 'hide')
        await deps.messagesRepository.update(messageId, { hiddenAt: null }, tx);
      if (messageId && action.action === 'delete')
        await deps.messagesRepository.update(
          messageId,
          { deletedAt: null, deletedBy: null, hiddenAt: null },
          tx,
        );
      if (action.action === 'suspend' && action.targetUserId)
        await repository.unlockAccount(action.targetUserId, action.expiresAt, tx);
      if (action.action === 'ban_member' && action.groupId && action.targetUserId) {
        await repository.unblock(action.groupId, action.targetUserId, tx);
        await deps.groupsRepository.recordEvent(
          {
            groupId: action.groupId,
            userId: action.targetUserId,
            actorId: decider.user.id,
            kind: 'unblocked',
            reason: null,
            createdAt: now,
          },
          tx,
        );
      }
    });
    if (action.action === 'mute' && action.groupId) await deps.rules?.changed(action.groupId);
    if (messageId && (action.action === 'hide' || action.action === 'delete'))
      await publishMessages(deps, 'message.updated', [messageId]);
    // Back into the group through the groups service, which records it and tells the member.
    if (
      (action.action === 'remove_member' || action.action === 'ban_member') &&
      action.groupId &&
      action.targetUserId
    ) {
      const target = await repository.findUser(action.targetUserId);
      if (target) {
        try {
          await deps.groups.addMember(decider, action.groupId, { email: target.email });
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'group.already_member')) throw error;
        }
      }
    }
  }

  return {
    /** The member's own decisions (GET /api/me/moderation-actions), with whether and until when they may appeal. */
    async mine(actor: Actor, page: Page) {
      const rows = await records.actionsAgainst(actor.user.id, page);
      const { items, nextCursor } = toPage(rows, page);
      const now = clock.now();
      return { items: items.map((row) => toMine(actor, row, now)), nextCursor };
    },

    /** One decision about the actor, for the page their notification and mail link to. */
    async mineOne(actor: Actor, actionId: string) {
      const [row] = isUuid(actionId)
        ? await records.actionsAgainst(actor.user.id, { offset: 0, limit: 1 }, actionId)
        : [];
      if (!row) throw new AppError('not_found');
      return toMine(actor, row, clock.now());
    },

    async appeal(actor: Actor, actionId: string, statement: string) {
      const action = isUuid(actionId) ? await repository.findAction(actionId) : undefined;
      if (!action || action.targetUserId !== actor.user.id) throw new AppError('not_found');
      const appeal = await file(actor.user.id, action, statement);
      return toAppeal(actor, (await records.findAppeal(appeal.id))!);
    },

    /** What a suspended member sees through their mail's link; the token is the only credential. */
    async previewByToken(token: string) {
      const action = await repository.findActionByToken(hashToken(token));
      if (action?.action !== 'suspend') throw new AppError('not_found');
      return {
        reason: action.reason,
        messageToUser: action.messageToUser,
        createdAt: action.createdAt.toISOString(),
        expiresAt: action.expiresAt?.toISOString() ?? null,
        appealableUntil: appealDeadline(action)!.toISOString(),
        appealed: (await records.appealOf(action.id)) !== undefined,
      };
    },

    async appealByToken(token: string, statement: string) {
      const action = await repository.findActionByToken(hashToken(token));
      if (action?.action !== 'suspend' || !action.targetUserId) throw new AppError('not_found');
      await file(action.targetUserId, action, statement);
    },

    /** Appeals to decide: a group's (its moderators) or the platform's (admins). */
    async list(
      actor: Actor,
      query: { groupId?: string | undefined; scope?: 'mentoring' | undefined; status: 'open' | 'decided' },
      page: Page,
    ) {
      let rows: AppealRecord[];
      if (query.scope === 'mentoring') {
        if (query.groupId !== undefined) throw new AppError('validation.failed');
        const refusal = mentoringReviewRefusal(actor, await deps.mentorships.reviewerIds());
        if (refusal) throw new AppError(refusal);
        rows = await records.listAppeals({ mentoring: true }, query.status, page);
      } else if (query.groupId !== undefined) {
        const { standing, group } = await standingIn(deps.groupsRepository, actor, query.groupId);
        const refusal = groupModerationRefusal(actor, standing);
        if (refusal) throw new AppError(refusal);
        rows = await records.listAppeals({ groupId: group.id }, query.status, page);
      } else {
        const refusal = platformRefusal(actor);
        if (refusal) throw new AppError(refusal);
        rows = await records.listAppeals({ platform: true }, query.status, page);
      }
      const { items, nextCursor } = toPage(rows, page);
      const appeals: Appeal[] = [];
      for (const row of items) appeals.push(await toAppeal(actor, row));
      return { items: appeals, nextCursor };
    },

    async decide(actor: Actor, appealId: string, body: { outcome: 'upheld' | 'overturned'; reason: string }) {
      const row = isUuid(appealId) ? await records.findAppeal(appealId) : undefined;
      if (!row) throw new AppError('not_found');
      const scope = scopeOfAction(row.action, row.queue);
      const refusal = appealDecisionRefusal(
        actor,
        row.action as ActionFacts & ActionRow,
        scope,
        await accessFor(actor, scope, row.action.groupId),
      );
      if (refusal) throw new AppError(refusal);
      if (row.appeal.status !== 'open') throw new AppError('moderation.appeal_decided');
      const now = clock.now();
      const written = await repository.transaction(async (tx) => {
        const decided = await records.decideAppeal(
          row.appeal.id,
          { status: body.outcome, decidedBy: actor.user.id, decisionReason: body.reason, decidedAt: now },
          tx,
        );
        if (!decided) throw new AppError('moderation.appeal_decided');
        await repository.audit(
          [
            {
              groupId: row.action.groupId,
              actorId: actor.user.id,
              targetUserId: row.action.targetUserId,
              itemId: row.action.itemId,
              messageId: row.action.messageId,
              action: `appeal.${body.outcome}`,
              reason: body.reason,
              before: { appeal: 'open', action: row.action.action },
              after: { appeal: body.outcome, revoked: body.outcome === 'overturned' },
              createdAt: now,
            },
          ],
          tx,
        );
        return notifications.create(
          row.appeal.appellantId
            ? [
                {
                  userId: row.appeal.appellantId,
                  type: 'appeal.decided',
                  data: {
                    groupId: row.action.groupId,
                    groupName: row.groupName,
                    outcome: body.outcome,
                    reason: body.reason,
                    actionId: row.action.id,
                  },
                },
              ]
            : [],
          tx,
        );
      });
      if (body.outcome === 'overturned') await overturn(actor, row.action, now);
      await notifications.deliver(written);
      const appellant = row.appeal.appellantId
        ? await repository.findUser(row.appeal.appellantId)
        : undefined;
      if (appellant)
        await mailTo(
          deps.mailer,
          appellant,
          'mail.appealDecided.subject',
          translate(appellant.locale, `mail.appealDecided.${body.outcome}`, { reason: body.reason }),
        );
      await publishQueue(deps.bus, {
        scope: liveScope(scope, row.action.groupId),
        itemId: null,
        change: 'appeal',
        urgent: false,
      });
      return toAppeal(actor, (await records.findAppeal(row.appeal.id))!);
    },
  };
}
