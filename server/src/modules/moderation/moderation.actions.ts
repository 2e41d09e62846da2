import { type ActionBody, type Locale, type ModerationAction, translate } from '@spejl/shared';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { generateToken, hashToken } from '../auth/auth.tokens.ts';
import type { NotificationInput } from '../notifications/notifications.service.ts';
import {
  outcomeLabel,
  formatTime,
  type ModerationDeps,
  type PreparedCommand,
  mailTo,
  publishMessages,
  publishQueue,
  scopeOf,
} from './moderation.context.ts';
import { actionRefusal, appealDeadline, spaceOf, suspensionTargetRefusal } from './moderation.policy.ts';
import type { ActionRow } from './moderation.repository.ts';
import type { ModerationService } from './moderation.service.ts';
import { buildItemDetail } from './moderation.view.ts';
import { announceAccountChange } from '../auth/auth.session-cache.ts';

const hour = 60 * 60 * 1000;
/** Each suspension lasts longer than the one before: a day, a week, a month, then until an admin lifts it. */
export const suspensionLadderHours = [24, 7 * 24, 30 * 24, null] as const;
/** The end of "until an admin lifts it", the same far date the CLI's user:lock uses. */
const indefinitely = new Date('9999-12-31T00:00:00Z');

type MessageChange = 'hide' | 'unhide' | 'delete' | null;

/** What an action does to the reported message: dismissing shows it again, removals and bans keep it hidden. */
function messageChangeFor(
  action: ModerationAction,
  message: { hiddenAt: Date | null; deletedAt: Date | null } | undefined,
): MessageChange {
  if (!message || message.deletedAt) return null;
  if (action === 'dismiss') return message.hiddenAt ? 'unhide' : null;
  if (action === 'delete') return 'delete';
  if (['hide', 'remove_member', 'ban_member', 'suspend'].includes(action))
    return message.hiddenAt ? null : 'hide';
  return null;
}

/** Actions on queue items: each needs a reason, tells the member and the reporters, and is written to the audit log. */
export function createActionsService(deps: ModerationDeps, service: ModerationService) {
  const { repository, clock, notifications } = deps;

  async function act(actor: Actor, itemId: string, body: ActionBody) {
    const { item, groupKind } = await service.loadItem(actor, itemId);
    const now = clock.now();
    const action = body.action;
    const space = spaceOf(groupKind);
    const refusal = actionRefusal(actor, item, action, now, space);
    if (refusal) throw new AppError(refusal);
    const group = (await deps.groupsRepository.findGroup(item.groupId))!.group;
    // What members are told: a private conversation is named as such, in their language, never by its id.
    const placeName = (locale: Locale) =>
      space === 'mentorship'
        ? translate(locale, 'moderation.mentoring.conversation')
        : space === 'direct'
          ? translate(locale, 'direct.moderation.place')
          : group.name;
    const message = item.messageId ? await deps.messagesRepository.findRow(item.messageId) : undefined;
    const target = item.subjectUserId ? await repository.findUser(item.subjectUserId) : undefined;
    const aboutMember = !['dismiss', 'hide', 'delete', 'escalate', 'close_mentorship'].includes(action);
    if (aboutMember && !target)
      throw new AppError('validation.failed', {
        details: [{ path: ['action'], message: 'the author is gone' }],
      });
    if (action === 'suspend') {
      const targetRefusal = suspensionTargetRefusal(item, target!);
      if (targetRefusal) throw new AppError(targetRefusal);
    }

    // The mentoring module's own pause and close: checked now, written inside this decision's transaction.
    let command: PreparedCommand | null = null;
    if (action === 'pause_mentor' || action === 'close_mentorship') {
      const mentorship = (await deps.mentorships.byConversation([item.groupId])).get(item.groupId);
      if (!mentorship) throw new AppError('validation.failed');
      if (action === 'pause_mentor') {
        if (target?.id !== mentorship.mentor.id)
          throw new AppError('validation.failed', {
            details: [{ path: ['action'], message: 'the reported message is not the mentor’s' }],
          });
        command = await deps.mentorships.preparePause(actor, mentorship.mentor.id, body.reason);
      } else {
        command = await deps.mentorships.prepareClose(actor, mentorship.matchId, body.reason);
      }
    }

    // Removal goes through the groups service: it checks the actor may remove this member, writes the membership
    // record and tells live connections. A ban also blocks new join requests and invites.
    if ((action === 'remove_member' || action === 'ban_member') && target) {
      try {
        // Silent: the member hears it once, as this decision (with its reason and how to appeal).
        await deps.groups.removeMember(
          actor,
          group.id,
          target.id,
          { reason: body.reason, block: action === 'ban_member' },
          { silent: true },
        );
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'not_found' && action === 'remove_member'))
          throw error;
      }
    }

    let expiresAt: Date | null = null;
    let durationHours: number | null = null;
    let appealToken: string | null = null;
    if (action === 'mute') {
      durationHours = body.durationHours!;
      expiresAt = new Date(now.getTime() + durationHours * hour);
    }
    if (action === 'suspend') {
      const prior = await repository.suspensionCount(target!.id);
      durationHours = suspensionLadderHours[Math.min(prior, suspensionLadderHours.length - 1)] ?? null;
      expiresAt = durationHours === null ? indefinitely : new Date(now.getTime() + durationHours * hour);
      appealToken = generateToken();
    }
    const change = messageChangeFor(action, message);
    const scope = scopeOf(item);
    // Read before the transaction: PGlite has one connection, so a query outside the transaction would wait on it.
    const admins = action === 'escalate' ? await repository.platformAdminIds() : [];

    const outcome = await repository.transaction(async (tx) => {
      if (action === 'escalate') {
        const before = item.queue;
        await repository.updateItem(
          item.id,
          {
            queue: 'platform',
            claimedBy: null,
            claimedAt: null,
            firstReviewedAt: item.firstReviewedAt ?? now,
            updatedAt: now,
          },
          tx,
        );
        await repository.audit(
          [
            {
              groupId: group.id,
              actorId: actor.user.id,
              targetUserId: item.subjectUserId,
              itemId: item.id,
              messageId: item.messageId,
              action,
              reason: body.reason,
              before: { queue: before },
              after: { queue: 'platform' },
              createdAt: now,
            },
          ],
          tx,
        );
        const written = await notifications.create(
          admins
            .filter((id) => id !== actor.user.id)
            .map((userId) => ({
              userId,
              type: 'moderation.escalated',
              data:
                space === 'mentorship'
                  ? { space: 'mentorship', itemId: item.id }
                  : { groupId: group.id, groupName: group.name, itemId: item.id },
            })),
          tx,
        );
        return { record: null as ActionRow | null, written };
      }

      const resolved = await repository.resolveItem(
        item.id,
        {
          resolvedAt: now,
          resolvedBy: actor.user.id,
          resolution: action,
          resolutionReason: body.reason,
          firstReviewedAt: now,
        },
        tx,
      );
      if (!resolved) throw new AppError('moderation.item_resolved');
      if (message && change === 'hide')
        await deps.messagesRepository.update(message.id, { hiddenAt: now }, tx);
      if (message && change === 'unhide')
        await deps.messagesRepository.update(message.id, { hiddenAt: null }, tx);
      if (message && change === 'delete')
        await deps.messagesRepository.update(message.id, { deletedAt: now, deletedBy: actor.user.id }, tx);
      if (action === 'suspend') await repository.lockAccount(target!.id, expiresAt!, tx);
      if (command) await command.run(tx);

      const record =
        action === 'dismiss'
          ? null
          : await repository.insertAction(
              {
                itemId: item.id,
                groupId: action === 'suspend' ? null : group.id,
                messageId: item.messageId,
                targetUserId: item.subjectUserId,
                actorId: actor.user.id,
                action,
                reason: body.reason,
                messageToUser: body.messageToUser || null,
                durationHours,
                expiresAt,
                appealTokenHash: appealToken ? hashToken(appealToken) : null,
                createdAt: now,
              },
              tx,
            );
      const closed = await repository.closeFlags(
        item.id,
        action === 'dismiss' ? 'dismissed' : 'upheld',
        now,
        tx,
      );
      await repository.audit(
        [
          {
            groupId: action === 'suspend' ? null : group.id,
            actorId: actor.user.id,
            targetUserId: item.subjectUserId,
            itemId: item.id,
            messageId: item.messageId,
            action,
            reason: body.reason,
            before: auditBefore(change, action, target?.lockedUntil ?? null),
            after: auditAfter(change, action, expiresAt, body.messageToUser),
            createdAt: now,
          },
        ],
        tx,
      );

      const deadline = record ? appealDeadline(record) : null;
      const toMember: NotificationInput[] =
        target && (record || change === 'unhide')
          ? [
              {
                userId: target.id,
                type: 'moderation.action',
                data: {
                  groupId: action === 'suspend' ? null : group.id,
                  groupName: action === 'suspend' ? null : group.name,
                  ...(space !== 'group' ? { space } : {}),
                  action,
                  reason: body.reason,
                  messageToUser: body.messageToUser || null,
                  actionId: record?.id ?? null,
                  expiresAt: expiresAt?.toISOString() ?? null,
                  appealableUntil: deadline?.toISOString() ?? null,
                },
              },
            ]
          : [];
      const reporters = [
        ...new Set(closed.map((flag) => flag.reporterId).filter((id): id is string => id !== null)),
      ];
      const toReporters = reporters.map(
        (userId): NotificationInput => ({
          userId,
          type: 'report.resolved',
          data: {
            groupId: group.id,
            groupName: group.name,
            ...(space !== 'group' ? { space } : {}),
            outcome: action === 'dismiss' ? 'dismissed' : 'upheld',
            action,
            flagIds: closed.filter((flag) => flag.reporterId === userId).map((flag) => flag.id),
          },
        }),
      );
      const written = await notifications.create([...toMember, ...toReporters], tx);
      return { record, written };
    });

    // The chat gate keeps each group's mutes with its rules (moderation.rules-cache.ts).
    if (action === 'mute') await deps.rules?.changed(group.id);
    if (action === 'suspend') {
      await deps.authRepository.deleteUserSessions(target!.id);
      await announceAccountChange(deps.bus, target!.id);
      await deps.bus.publish(`user:${target!.id}`, { type: 'session.ended' });
    }
    await notifications.deliver(outcome.written);
    await command?.afterCommit?.();
    if (message && change)
      await publishMessages(deps, change === 'delete' ? 'message.deleted' : 'message.updated', [message.id]);
    if (message && change === 'delete') await deps.removeDetachedFiles?.();
    await publishQueue(deps.bus, {
      scope,
      itemId: item.id,
      change: action === 'escalate' ? 'updated' : 'resolved',
      urgent: item.urgent,
    });
    if (action === 'escalate')
      await publishQueue(deps.bus, {
        scope: 'platform',
        itemId: item.id,
        change: 'opened',
        urgent: item.urgent,
      });
    if (target && outcome.record)
      await mailMember(target, placeName(target.locale), outcome.record, appealToken);
    // The item as the action left it, even when it has moved out of the actor's sight (escalated to admins).
    return buildItemDetail(deps, actor, (await repository.findItem(item.id))!, clock.now());
  }

  /** Tells the member what happened and why, in their language, with the way to appeal. */
  async function mailMember(
    target: { email: string; displayName: string; locale: Locale },
    groupName: string,
    record: ActionRow,
    appealToken: string | null,
  ) {
    const locale = target.locale;
    const deadline = appealDeadline(record);
    const params = {
      group: groupName,
      action: outcomeLabel(locale, record.action),
      reason: record.reason,
      message: record.messageToUser
        ? translate(locale, 'mail.moderationAction.messageLine', { message: record.messageToUser })
        : '',
      until:
        record.expiresAt && record.expiresAt < indefinitely
          ? translate(locale, 'mail.moderationAction.untilLine', {
              until: formatTime(record.expiresAt, locale),
            })
          : record.action === 'suspend'
            ? translate(locale, 'mail.suspension.indefinite')
            : '',
      deadline: deadline ? formatTime(deadline, locale) : '',
    };
    if (record.action === 'suspend') {
      const url = `${deps.publicOrigin}/appeal/${appealToken}`;
      await mailTo(
        deps.mailer,
        target,
        'mail.suspension.subject',
        translate(locale, 'mail.suspension.body', { ...params, url }),
      );
      return;
    }
    const url = `${deps.publicOrigin}/decisions/${record.id}`;
    const text = deadline
      ? translate(locale, 'mail.moderationAction.body', { ...params, url })
      : translate(locale, 'mail.moderationAction.bodyNoAppeal', params);
    await mailTo(deps.mailer, target, 'mail.moderationAction.subject', text);
  }

  return {
    act,

    /** The same action on many items at once (a spam wave); each item succeeds or fails on its own. */
    async bulk(actor: Actor, itemIds: string[], body: ActionBody) {
      const results: Array<{ itemId: string; ok: boolean; code: string | null }> = [];
      for (const itemId of new Set(itemIds)) {
        try {
          await act(actor, itemId, body);
          results.push({ itemId, ok: true, code: null });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          results.push({ itemId, ok: false, code: error.code });
        }
      }
      return { results };
    },
  };
}

function auditBefore(change: MessageChange, action: ModerationAction, lockedUntil: Date | null) {
  if (change === 'hide') return { hidden: false };
  if (change === 'unhide') return { hidden: true };
  if (change === 'delete') return { deleted: false };
  if (action === 'suspend') return { lockedUntil: lockedUntil?.toISOString() ?? null };
  return null;
}

function auditAfter(change: MessageChange, action: ModerationAction, expiresAt: Date | null, note?: string) {
  const after: Record<string, unknown> = {};
  if (change === 'hide') after.hidden = true;
  if (change === 'unhide') after.hidden = false;
  if (change === 'delete') after.deleted = true;
  if (action === 'mute') after.mutedUntil = expiresAt?.toISOString();
  if (action === 'suspend') after.lockedUntil = expiresAt?.toISOString();
  if (action === 'ban_member') after.blocked = true;
  if (note) after.messageToUser = note;
  return Object.keys(after).length > 0 ? after : null;
}
