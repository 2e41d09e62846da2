import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { Reader } from '../messages/messages.policy.ts';
import type { MessageScreening, ScreeningVerdict } from '../messages/messages.service.ts';
import { publishQueue } from './moderation.context.ts';
import { countLinks, matchFilters, type WatchedFilter } from './moderation.filters.ts';
import type { Executor, ModerationRepository } from './moderation.repository.ts';
import { createRulesCache, type RulesCache } from './moderation.rules-cache.ts';

/** Nothing to hide or record: the post needs no transaction of its own (messages.service.ts). */
const pass: ScreeningVerdict = { hidden: false };

/**
 * Moderation's gate in front of the chat: messages.service.ts asks it about every post and edit. It refuses a
 * muted member (`moderation.muted`), a post too soon in slow mode (`moderation.slow_mode`), a blocked word
 * (`moderation.blocked`) and a new member's extra links (`moderation.link_limit`); it holds a message for review
 * (hidden until a moderator decides) for a watched word or a new member's first messages, and sends a message with
 * a "flag" word to the queue without hiding it. Moderators are held to blocked words only. In a private
 * conversation (a mentorship's or a direct one) only blocked words apply.
 */
export function createMessageGate(deps: {
  repository: ModerationRepository;
  clock: Clock;
  bus: Bus;
  /** The groups' settings and filters, kept between posts (moderation.rules-cache.ts). */
  rules?: RulesCache;
}): MessageScreening {
  const { repository, clock } = deps;
  const rules = deps.rules ?? createRulesCache({ repository, bus: deps.bus });

  async function refuseBlocked(actor: Actor, groupId: string, blocked: WatchedFilter[]) {
    await repository.audit([
      {
        groupId,
        actorId: null,
        targetUserId: actor.user.id,
        action: 'filter.block',
        reason: null,
        after: { patterns: blocked.map((filter) => filter.pattern) },
        createdAt: clock.now(),
      },
    ]);
    throw new AppError('moderation.blocked');
  }

  return {
    async screen(actor: Actor, reader: Reader, groupId: string, body: string, kind: 'post' | 'edit') {
      const now = clock.now();
      // The group's rules, mutes among them, usually from memory. A moderator's mute and settings go unused.
      const groupRules = await rules.of(groupId, now);
      const { filters } = groupRules;
      const settings = reader.moderates ? undefined : groupRules.settings;
      const matched = matchFilters(filters, body);
      const blocked = matched.filter((filter) => filter.action === 'block');
      if (reader.moderates || !settings) {
        if (blocked.length > 0) await refuseBlocked(actor, groupId, blocked);
        return pass;
      }
      const mutedUntil = groupRules.mutes.get(actor.user.id);
      if (mutedUntil && mutedUntil.getTime() > now.getTime())
        throw new AppError('moderation.muted', { details: { until: mutedUntil.toISOString() } });
      if (kind === 'post' && settings.slowModeSeconds > 0) {
        const last = await repository.lastPostAt(groupId, actor.user.id);
        const waitMs = last ? last.getTime() + settings.slowModeSeconds * 1000 - now.getTime() : 0;
        if (waitMs > 0) {
          const seconds = Math.ceil(waitMs / 1000);
          throw new AppError('moderation.slow_mode', {
            headers: { 'retry-after': String(seconds) },
            details: { retryAfterSeconds: seconds },
          });
        }
      }
      if (blocked.length > 0) await refuseBlocked(actor, groupId, blocked);
      const isNew =
        settings.newMemberMessageCount > 0 &&
        (await repository.visiblePostCount(groupId, actor.user.id)) < settings.newMemberMessageCount;
      if (isNew && settings.newMemberLinkLimit !== null && countLinks(body) > settings.newMemberLinkLimit)
        throw new AppError('moderation.link_limit', { details: { limit: settings.newMemberLinkLimit } });

      const holding = matched.filter((filter) => filter.action === 'hold');
      const flagging = matched.filter((filter) => filter.action === 'flag');
      const holdNew = kind === 'post' && isNew && settings.holdNewMemberMessages;
      if (holding.length === 0 && flagging.length === 0 && !holdNew) return pass;
      // A private conversation (a mentorship's, a direct one) is the pair's alone: a watched word never puts a
      // message nobody reported in front of a reviewer. Blocked words still refuse the post (nothing is stored).
      if (await repository.isConversation(groupId)) return pass;
      const hidden = holding.length > 0 || holdNew;
      const source =
        holding.length > 0 || flagging.length > 0 ? ('filter' as const) : ('new_member' as const);
      const patterns = [...holding, ...flagging].map((filter) => filter.pattern);

      return {
        hidden,
        async record(tx: Executor, messageId: string) {
          const at = clock.now();
          const existing = await repository.openItemFor(messageId, tx);
          const item =
            existing ??
            (await repository.insertItem(
              { groupId, messageId, subjectUserId: actor.user.id, source, createdAt: at, updatedAt: at },
              tx,
            ));
          await repository.insertFlag(
            {
              itemId: item.id,
              messageId,
              reporterId: null,
              reason: 'other',
              note: patterns.length > 0 ? patterns.join(', ') : null,
              weight: 0,
              automatic: true,
              createdAt: at,
            },
            tx,
          );
          await repository.audit(
            [
              {
                groupId,
                actorId: null,
                targetUserId: actor.user.id,
                itemId: item.id,
                messageId,
                action: source === 'new_member' ? 'new_member.hold' : hidden ? 'filter.hold' : 'filter.flag',
                reason: null,
                before: hidden ? { hidden: false } : null,
                after: hidden ? { hidden: true, patterns } : { patterns },
                createdAt: at,
              },
            ],
            tx,
          );
          return () =>
            publishQueue(deps.bus, {
              scope: item.queue === 'platform' ? 'platform' : groupId,
              itemId: item.id,
              change: existing ? 'updated' : 'opened',
              urgent: item.urgent,
            });
        },
      };
    },
  };
}
