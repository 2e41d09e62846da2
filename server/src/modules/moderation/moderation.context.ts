import { type Locale, type MessageKey, type ModerationAction, translate } from '@spejl/shared';
import type { Bus } from '../../bus/bus.ts';
import type { Clock } from '../../clock.ts';
import type { AuthRepository } from '../auth/auth.repository.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { loadGroup } from '../groups/groups.context.ts';
import type { GroupsRepository } from '../groups/groups.repository.ts';
import type { GroupsService } from '../groups/groups.service.ts';
import type { AccessLog } from '../privacy/privacy.access-log.ts';
import type { Mailer } from '../mail/mail.service.ts';
import type { MessagesRepository } from '../messages/messages.repository.ts';
import { type MessageEvent, type MessagesService, toBaseMessage } from '../messages/messages.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import type { GroupStanding } from './moderation.policy.ts';
import type { ModerationRecordsRepository } from './moderation.records.repository.ts';
import type { Executor, ModerationRepository } from './moderation.repository.ts';
import type { RulesCache } from './moderation.rules-cache.ts';

/** Everything the moderation services use, passed in by app.ts. */
export interface ModerationDeps {
  repository: ModerationRepository;
  records: ModerationRecordsRepository;
  groupsRepository: GroupsRepository;
  /** Removal and re-admission go through the groups service, so the membership record stays right. */
  groups: GroupsService;
  messages: MessagesService;
  messagesRepository: MessagesRepository;
  /** Suspensions lock the account and end its sessions. */
  authRepository: AuthRepository;
  notifications: NotificationService;
  mailer: Mailer;
  clock: Clock;
  bus: Bus;
  publicOrigin: string;
  /** Opening a case shows another person's message, its context and history: that access is recorded for them. */
  accessLog?: AccessLog;
  /** The mentoring module's side of reports from a mentorship's private conversation. */
  mentorships: MentorshipModeration;
  /** Removes the stored files of messages a moderator deleted (the chat's attachments sweep), after commit. */
  removeDetachedFiles?: () => Promise<unknown>;
  /** The chat gate's copy of each group's settings and filters: told of every change (moderation.rules-cache.ts). */
  rules?: RulesCache;
}

/** A mentorship as moderation sees it: its match and the pair. */
export interface MentorshipFacts {
  matchId: string;
  status: 'proposed' | 'declined' | 'cancelled' | 'active' | 'closed';
  mentor: { id: string; displayName: string };
  family: { id: string; displayName: string };
}

/** A command of another module, checked before moderation's transaction and run inside it. */
export interface PreparedCommand {
  run(tx: Executor): Promise<void>;
  afterCommit?(): Promise<void>;
}

/**
 * What moderation needs from the mentoring module (declared here, implemented in mentoring.moderation.ts): the
 * mentorship behind a conversation, who reviews its reports, and the module's own pause and close.
 */
export interface MentorshipModeration {
  /** The mentorships whose conversations are these groups, by group id. */
  byConversation(groupIds: string[]): Promise<Map<string, MentorshipFacts>>;
  /** Who reviews mentorships' reports: coordinators with TOTP, or the administrators when there are none. */
  reviewerIds(): Promise<string[]>;
  /** The coordinator's pause of a mentor: no new families until approved again. */
  preparePause(actor: Actor, mentorId: string, reason: string): Promise<PreparedCommand>;
  /** Closes an active mentorship; the conversation becomes read-only. */
  prepareClose(actor: Actor, matchId: string, reason: string): Promise<PreparedCommand>;
}

/** The bus channel of a queue: `moderation:<groupId>` or `moderation:platform`. */
export const queueChannel = (scope: string) => `moderation:${scope}`;

/** What the bus carries on a queue channel; the gateway forwards it as a `moderation.queue` frame. */
export interface QueueEvent {
  type: 'moderation.queue';
  scope: string;
  itemId: string | null;
  change: 'opened' | 'updated' | 'resolved' | 'claimed' | 'appeal';
  urgent: boolean;
}

/** The live queue an item belongs to: a group's id, `platform` or `mentoring`. */
export function scopeOf(item: { queue: 'group' | 'platform' | 'mentoring'; groupId: string }): string {
  return item.queue === 'group' ? item.groupId : item.queue;
}

/** Tells moderators online that a queue changed. Call after commit. */
export async function publishQueue(bus: Bus, event: Omit<QueueEvent, 'type'>): Promise<void> {
  await bus.publish(queueChannel(event.scope), { type: 'moderation.queue', ...event } satisfies QueueEvent);
}

/** Publishes messages whose moderation state changed, so open chats update live. Call after commit. */
export async function publishMessages(
  deps: Pick<ModerationDeps, 'messagesRepository' | 'bus'>,
  type: MessageEvent['type'],
  ids: string[],
): Promise<void> {
  for (const record of await deps.messagesRepository.findRecords(ids)) {
    const event: MessageEvent = {
      type,
      groupId: record.row.groupId,
      seq: record.row.seq,
      message: toBaseMessage(record),
    };
    await deps.bus.publish(`group:${record.row.groupId}`, event);
  }
}

/** The group and the actor's role in it; 404 when the group does not exist or is hidden from the actor. */
export async function standingIn(
  groupsRepository: GroupsRepository,
  actor: Actor,
  groupId: string,
): Promise<{ standing: GroupStanding; group: { id: string; name: string; slug: string } }> {
  const context = await loadGroup(groupsRepository, actor, groupId);
  const group = context.row.group;
  return {
    standing: { group, role: context.standing.role },
    group: { id: group.id, name: group.name, slug: group.slug },
  };
}

/** A person for whom we write mail. */
export interface Recipient {
  email: string;
  displayName: string;
  locale: Locale;
}

/** Sends a mail in the recipient's language with the usual greeting and signature. */
export async function mailTo(
  mailer: Mailer,
  recipient: Recipient,
  subject: MessageKey,
  body: string,
  params: Record<string, string> = {},
): Promise<void> {
  const locale = recipient.locale;
  await mailer.send({
    to: recipient.email,
    subject: translate(locale, subject, params),
    text: `${translate(locale, 'mail.greeting', { name: recipient.displayName })}\n\n${body}\n\n${translate(locale, 'mail.signature')}`,
  });
}

/** "3. december 2026 kl. 14.00" in the reader's language, Danish time. */
export function formatTime(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'da' ? 'da-DK' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  }).format(at);
}

/** What happened, in the member's words ("Advarsel"), as the in-app notification says it: not the moderators' button. */
export const outcomeLabel = (locale: Locale, action: ModerationAction) =>
  translate(locale, `moderation.outcome.${action}`);
