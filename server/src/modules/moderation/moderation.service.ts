import {
  type FlagBody,
  type FlagReason,
  type ModerationSummary,
  type MyReport,
  moderationLimits,
  translate,
} from '@spejl/shared';
import { AppError } from '../../http/errors.ts';
import { toPage } from '../../http/pagination.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { hasVerifiedMfa, mfaRefusal } from '../auth/auth.policy.ts';
import { isUuid } from '../groups/groups.repository.ts';
import { type NotificationInput, notificationFor } from '../notifications/notifications.service.ts';
import {
  type ModerationDeps,
  mailTo,
  publishMessages,
  publishQueue,
  scopeOf,
  standingIn,
} from './moderation.context.ts';
import {
  claimRefusal,
  flagRefusal,
  groupModerationRefusal,
  type ItemAccess,
  isPlatformAdmin,
  itemViewRefusal,
  mentoringReviewRefusal,
  platformRefusal,
  spaceOf,
} from './moderation.policy.ts';
import type { ItemWithNames } from './moderation.repository.ts';
import { buildItemDetail, buildItems } from './moderation.view.ts';

const day = 24 * 60 * 60 * 1000;

/** How much one flag weighs before the reporter's track record: plain disagreements weigh a little less. */
const reasonWeight: Record<FlagReason, number> = {
  spam: 1,
  harassment: 1,
  misinformation: 0.75,
  privacy: 1,
  self_harm: 1,
  illegal: 1,
  other: 0.75,
};

/**
 * A reporter's track record scales their flags from 0.5 to 1.5: the share of their earlier flags that moderators
 * upheld, smoothed so a newcomer starts at 1 (Laplace: (upheld + 1) / (decided + 2) + 0.5).
 */
export function trackRecordFactor(record: { upheld: number; dismissed: number }): number {
  return (record.upheld + 1) / (record.upheld + record.dismissed + 2) + 0.5;
}

interface Page {
  offset: number;
  limit: number;
}

/** Flags, the review queues, items, claims, the moderator's overview and the member's own reports. */
export function createModerationService(deps: ModerationDeps) {
  const { repository, records, clock, notifications, messages } = deps;

  /**
   * How the actor stands to an item's space. A mentorship's conversation is never opened as a group for someone
   * outside the pair (it would answer 404): its items go by the mentoring reviewers instead.
   */
  async function accessTo(actor: Actor, row: ItemWithNames): Promise<ItemAccess> {
    // A direct conversation is its pair's alone too: its items are the platform queue's, for admins only.
    if (row.groupKind === 'direct') return { space: 'direct' };
    if (row.groupKind === 'mentorship')
      return { space: 'mentorship', reviewerIds: await deps.mentorships.reviewerIds() };
    const { standing } = await standingIn(deps.groupsRepository, actor, row.item.groupId);
    return { space: 'group', standing };
  }

  /** An item the actor may see, with the facts the policies need; 404 for everyone else. */
  async function loadItem(actor: Actor, id: string): Promise<ItemWithNames> {
    const row = isUuid(id) ? await repository.findItem(id) : undefined;
    if (!row) throw new AppError('not_found');
    const refusal = itemViewRefusal(actor, row.item, await accessTo(actor, row));
    if (refusal) throw new AppError(refusal);
    return row;
  }

  return {
    loadItem,

    /**
     * Whether the actor reviews an open report of this message: they see its photos and PDFs with the report, also
     * in a mentorship or direct conversation they cannot otherwise read.
     */
    async reviewsMessage(actor: Actor, messageId: string): Promise<boolean> {
      const open = await repository.openItemFor(messageId, repository.db);
      if (!open) return false;
      try {
        await loadItem(actor, open.id);
        return true;
      } catch (error) {
        if (error instanceof AppError) return false;
        throw error;
      }
    },

    /** A member reports a message. Past the group's threshold the message is hidden pending review. */
    async flag(actor: Actor, messageId: string, body: FlagBody) {
      const { row, reader, context } = await messages.openMessage(actor, messageId);
      const refusal = flagRefusal(actor, reader, row);
      if (refusal) throw new AppError(refusal);
      if (row.deletedAt !== null || (row.hiddenAt !== null && !reader.moderates))
        throw new AppError('not_found');
      const now = clock.now();
      const recent = await repository.flagsSince(actor.user.id, new Date(now.getTime() - day));
      if (recent.count >= moderationLimits.flagsPerDay) {
        const wait = recent.oldest
          ? Math.max(1, Math.ceil((recent.oldest.getTime() + day - now.getTime()) / 1000))
          : 3600;
        throw new AppError('moderation.flag_limit', { headers: { 'retry-after': String(wait) } });
      }
      const group = context.row.group;
      // A mentorship has no moderators: its reports go to the mentoring reviewers (coordinators), whatever the reason.
      // A direct conversation has none either: its reports go to the platform's admins.
      const space = spaceOf(group.kind);
      const mentorship = space === 'mentorship';
      const direct = space === 'direct';
      const settings = await repository.settingsOf(group.id);
      // A moderator's flag is as good as their decision: it hides the message at once.
      const weight = reader.moderates
        ? settings.hideThreshold
        : reasonWeight[body.reason] * trackRecordFactor(await repository.trackRecord(actor.user.id));
      const subjectRole = row.authorId ? await repository.roleIn(group.id, row.authorId) : null;
      const moderators = (
        mentorship
          ? await deps.mentorships.reviewerIds()
          : direct
            ? await repository.platformAdminIds()
            : await deps.groupsRepository.moderatorIds(group.id)
      ).filter((id) => id !== row.authorId);

      const outcome = await repository.transaction(async (tx) => {
        const existing = await repository.openItemFor(row.id, tx);
        const item =
          existing ??
          (await repository.insertItem(
            {
              groupId: group.id,
              messageId: row.id,
              subjectUserId: row.authorId,
              source: 'flags',
              createdAt: now,
              updatedAt: now,
            },
            tx,
          ));
        const flag = await repository.insertFlag(
          {
            itemId: item.id,
            messageId: row.id,
            reporterId: actor.user.id,
            reason: body.reason,
            note: body.note || null,
            weight,
            createdAt: now,
          },
          tx,
        );
        if (!flag) throw new AppError('moderation.already_flagged');
        const score = await repository.openScore(item.id, tx);
        // Reports about the group's own moderators, and illegal content, go to the platform's admins; a mentorship's
        // reports go to the coordinators, who escalate to the admins when they need to.
        const platform =
          item.queue === 'platform' ||
          direct ||
          (!mentorship &&
            (subjectRole === 'moderator' || subjectRole === 'owner' || body.reason === 'illegal'));
        const becameUrgent = body.reason === 'self_harm' && !item.urgent;
        const updated = (await repository.updateItem(
          item.id,
          {
            score,
            urgent: item.urgent || becameUrgent,
            queue: platform ? 'platform' : mentorship ? 'mentoring' : 'group',
            updatedAt: now,
          },
          tx,
        ))!;
        const hide = row.hiddenAt === null && score >= settings.hideThreshold;
        if (hide) {
          await deps.messagesRepository.update(row.id, { hiddenAt: now }, tx);
          await repository.audit(
            [
              {
                groupId: group.id,
                actorId: null,
                targetUserId: row.authorId,
                itemId: item.id,
                messageId: row.id,
                action: 'auto_hide',
                reason: null,
                before: { hidden: false },
                after: { hidden: true, score, threshold: settings.hideThreshold },
                createdAt: now,
              },
            ],
            tx,
          );
        }
        // A mentorship's name says nothing and its id opens nothing for a coordinator: the alert names the space only.
        const where =
          mentorship || direct
            ? { space, itemId: item.id }
            : { groupId: group.id, groupName: group.name, itemId: item.id };
        const alerts: NotificationInput[] = becameUrgent
          ? [
              ...moderators.map((userId) => notificationFor(userId, 'moderation.self_harm', where)),
              ...(row.authorId
                ? [
                    notificationFor(row.authorId, 'moderation.support', {
                      groupId: group.id,
                      groupName: group.name,
                      ...(mentorship || direct ? { space } : {}),
                    }),
                  ]
                : []),
            ]
          : [];
        const written = await notifications.create(alerts, tx);
        return { item: updated, flag, hide, written, opened: !existing, becameUrgent };
      });

      await notifications.deliver(outcome.written);
      if (outcome.hide) await publishMessages(deps, 'message.updated', [row.id]);
      await publishQueue(deps.bus, {
        scope: scopeOf(outcome.item),
        itemId: outcome.item.id,
        change: outcome.opened ? 'opened' : 'updated',
        urgent: outcome.item.urgent,
      });
      if (outcome.becameUrgent) {
        const url = `${deps.publicOrigin}/moderation/items/${outcome.item.id}`;
        for (const moderator of await repository.usersByIds(moderators))
          if (mentorship)
            await mailTo(
              deps.mailer,
              moderator,
              'mail.mentorshipSelfHarm.subject',
              translate(moderator.locale, 'mail.mentorshipSelfHarm.body', { url }),
            );
          else {
            // A direct conversation's name says nothing; the mail names the kind of place only.
            const place = direct ? translate(moderator.locale, 'direct.moderation.place') : group.name;
            await mailTo(
              deps.mailer,
              moderator,
              'mail.moderationSelfHarm.subject',
              translate(moderator.locale, 'mail.moderationSelfHarm.body', { group: place, url }),
              { group: place },
            );
          }
      }
      return {
        flag: {
          id: outcome.flag.id,
          reason: outcome.flag.reason,
          status: outcome.flag.status,
          createdAt: outcome.flag.createdAt.toISOString(),
        },
        support: body.reason === 'self_harm',
      };
    },

    /** A group's queue (its moderators; admins see its platform items too), or the platform queue (admins). */
    async queue(
      actor: Actor,
      query: { groupId?: string | undefined; scope?: 'mentoring' | undefined; status: 'open' | 'resolved' },
      page: Page,
    ) {
      let rows: ItemWithNames[];
      if (query.scope === 'mentoring') {
        if (query.groupId !== undefined) throw new AppError('validation.failed');
        const refusal = mentoringReviewRefusal(actor, await deps.mentorships.reviewerIds());
        if (refusal) throw new AppError(refusal);
        rows = await repository.listItems({ queue: 'mentoring', status: query.status }, page);
      } else if (query.groupId !== undefined) {
        const { standing, group } = await standingIn(deps.groupsRepository, actor, query.groupId);
        const refusal = groupModerationRefusal(actor, standing);
        if (refusal) throw new AppError(refusal);
        rows = await repository.listItems(
          { groupId: group.id, queue: isPlatformAdmin(actor) ? 'any' : 'group', status: query.status },
          page,
        );
      } else {
        const refusal = platformRefusal(actor);
        if (refusal) throw new AppError(refusal);
        rows = await repository.listItems({ queue: 'platform', status: query.status }, page);
      }
      const { items, nextCursor } = toPage(rows, page);
      return {
        items: await buildItems(deps, actor, items, { contextSize: 2, now: clock.now() }),
        nextCursor,
      };
    },

    async item(actor: Actor, id: string) {
      const row = await loadItem(actor, id);
      const role =
        row.item.queue === 'platform'
          ? 'admin'
          : row.item.queue === 'mentoring'
            ? 'coordinator'
            : 'moderator';
      if (row.item.subjectUserId)
        await deps.accessLog?.record(actor, role, [
          {
            subjectId: row.item.subjectUserId,
            kind: 'moderation.case',
            reason: 'review_report',
            groupId: row.item.groupId,
            resourceId: row.item.id,
          },
        ]);
      return buildItemDetail(deps, actor, row, clock.now());
    },

    /** Takes an item, so other moderators see someone is on it; the first claim counts as the first review. */
    async claim(actor: Actor, id: string, take: boolean) {
      const row = await loadItem(actor, id);
      const now = clock.now();
      if (take) {
        const refusal = claimRefusal(actor, row.item, now);
        if (refusal) throw new AppError(refusal);
        await repository.updateItem(row.item.id, {
          claimedBy: actor.user.id,
          claimedAt: now,
          firstReviewedAt: row.item.firstReviewedAt ?? now,
          updatedAt: now,
        });
      } else if (row.item.claimedBy === actor.user.id || (row.item.claimedBy && isPlatformAdmin(actor))) {
        await repository.updateItem(row.item.id, { claimedBy: null, claimedAt: null, updatedAt: now });
      }
      await publishQueue(deps.bus, {
        scope: scopeOf(row.item),
        itemId: row.item.id,
        change: 'claimed',
        urgent: row.item.urgent,
      });
      return this.item(actor, row.item.id);
    },

    /**
     * The moderator's overview and the badge: open items per group they moderate, the platform's for admins and the
     * mentoring queue for its reviewers. Powers count only in a session that passed TOTP, as in every REST answer.
     */
    async summary(actor: Actor): Promise<ModerationSummary> {
      const groups = await records.moderatedGroups(actor.user.id);
      const reviewers = actor.user.platformRole === 'member' ? [] : await deps.mentorships.reviewerIds();
      const reviews = reviewers.includes(actor.user.id) || actor.user.platformRole === 'coordinator';
      const holdsPower = groups.length > 0 || actor.user.platformRole === 'admin' || reviews;
      if (holdsPower && !hasVerifiedMfa(actor))
        return {
          moderates: true,
          needsMfa: true,
          needsStepUp: mfaRefusal(actor) === 'auth.mfa_step_up_required',
          openCount: 0,
          groups: [],
          platform: null,
          mentoring: null,
        };
      const admin = isPlatformAdmin(actor);
      const platform = admin ? await records.platformCounts(actor.user.id) : null;
      const mentoring =
        mentoringReviewRefusal(actor, reviewers) === null
          ? await records.mentoringCounts(actor.user.id)
          : null;
      const listed = groups.map((group) => ({
        ...group,
        openCount: Number(group.openCount),
        urgentCount: Number(group.urgentCount),
        openAppeals: Number(group.openAppeals),
      }));
      const openCount =
        listed.reduce((sum, group) => sum + group.openCount + group.openAppeals, 0) +
        (platform ? platform.openCount + platform.openAppeals : 0) +
        (mentoring ? mentoring.openCount + mentoring.openAppeals : 0);
      return {
        moderates: admin || groups.length > 0 || mentoring !== null,
        needsMfa: false,
        needsStepUp: false,
        openCount,
        groups: listed,
        platform,
        mentoring,
      };
    },

    /** The actor's own flags with their outcome (GET /api/me/reports). */
    async myReports(actor: Actor, page: Page) {
      const rows = await records.reportsOf(actor.user.id, page);
      const { items, nextCursor } = toPage(rows, page);
      return {
        items: items.map(
          (row): MyReport => ({
            id: row.flag.id,
            reason: row.flag.reason,
            note: row.flag.note,
            createdAt: row.flag.createdAt.toISOString(),
            status: row.flag.status === 'open' ? 'open' : 'resolved',
            outcome: row.flag.status === 'open' ? null : row.flag.status,
            action: row.flag.status === 'open' ? null : row.item.resolution,
            resolvedAt: row.flag.resolvedAt?.toISOString() ?? null,
            messageId: row.flag.messageId,
            group:
              row.groupName && row.groupSlug
                ? { id: row.item.groupId, name: row.groupName, slug: row.groupSlug }
                : null,
            // Only while the reporter may still read it: a member who has left no longer sees the group's messages.
            excerpt:
              row.body !== null && row.hiddenAt === null && row.deletedAt === null && row.stillMember
                ? row.body.length > 160
                  ? `${row.body.slice(0, 157)}…`
                  : row.body
                : null,
          }),
        ),
        nextCursor,
      };
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
