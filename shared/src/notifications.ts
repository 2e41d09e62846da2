import { z } from 'zod';
import { isoDate, listQuery } from './common.ts';
import type { NotificationChannelKey } from './notification-types.ts';
import { groupRoles } from './groups.ts';
import { appealOutcomes, moderationActions } from './moderation.ts';
import { staffRoles } from './webinars.ts';

/*
 * Every notification type is one member of `notificationPayload`, with the data its readers (the in-app list, mail,
 * push, digests) need: ids, names, titles and the moderators' reasons, never what a member wrote or anything about
 * someone's health. Ids are plain strings: erasing an account blanks its id wherever another person's notification
 * holds it.
 */

const id = z.string();
const name = z.string();
/** A private conversation is named as such, never by its group's name. */
const conversationSpace = z.enum(['mentorship', 'direct']);

const member = <Type extends string, Shape extends z.ZodRawShape>(type: Type, data: Shape) =>
  z.object({ type: z.literal(type), data: z.strictObject(data) });

const chatMessage = {
  groupId: id,
  groupName: name,
  messageId: id,
  authorName: name,
  /** Set for a direct conversation, which is opened at /messages. */
  space: z.literal('direct').optional(),
};
const joinOutcome = { groupId: id, groupSlug: z.string(), groupName: name, reason: z.string().nullable() };
const direct = { conversationId: id, name };
const match = { matchId: id };
const webinar = { webinarId: id, title: z.string(), startsAt: z.string() };
const moderationAlert = {
  itemId: id,
  space: conversationSpace.optional(),
  groupId: id.optional(),
  groupName: name.optional(),
};

/** What a notification is and says, one member per type; `data` is strict, so a wrong shape is refused. */
export const notificationPayload = z.discriminatedUnion('type', [
  member('mention', chatMessage),
  member('reply', chatMessage),
  member('join_request.created', { groupId: id, groupName: name, requesterName: name }),
  member('join_request.approved', joinOutcome),
  member('join_request.declined', joinOutcome),
  member('membership.added', { groupId: id, groupSlug: z.string(), groupName: name }),
  member('membership.removed', { groupId: id, groupName: name, reason: z.string().nullable() }),
  member('membership.role_changed', { groupId: id, groupName: name, role: z.enum(groupRoles) }),
  member('direct.request', direct),
  member('direct.accepted', direct),
  member('privacy.export_ready', { exportId: id, url: z.string(), sizeBytes: z.number() }),
  member('mentoring.request_created', { requestId: id }),
  member('mentoring.mentor_applied', { mentorName: name, userId: id }),
  member('mentoring.approved', {}),
  member('mentoring.proposed', match),
  member('mentoring.proposal_withdrawn', match),
  member('mentoring.accepted', { ...match, mentorName: name }),
  member('mentoring.declined', { requestId: id, mentorName: name }),
  member('mentoring.first_contact_overdue', { ...match, requestId: id, mentorName: name }),
  member('mentoring.first_contact_reminder', match),
  member('mentoring.check_in', { ...match, weeks: z.number() }),
  member('mentoring.check_in_hard', match),
  member('mentoring.closed', match),
  member('mentoring.call_started', { ...match, name }),
  member('webinar.reminder', { ...webinar, kind: z.enum(['day', 'hour']) }),
  member('webinar.offered', { ...webinar, deadline: z.string() }),
  member('webinar.offer_expired', webinar),
  member('webinar.cancelled', { ...webinar, reason: z.string().optional() }),
  member('webinar.changed', webinar),
  member('webinar.followup', webinar),
  member('webinar.staff', { ...webinar, role: z.enum(staffRoles) }),
  /** A step of the new-family programme open for a while and not done (one reminder per step). */
  member('programme.step_reminder', { programmeId: id, programmeTitle: name, stepId: id, stepTitle: name }),
  member('moderation.action', {
    /** Null for a platform decision (a suspension). */
    groupId: id.nullable(),
    groupName: name.nullable(),
    space: conversationSpace.optional(),
    action: z.enum(moderationActions),
    reason: z.string(),
    /** The moderators' own words to the member (the decision page shows them too). */
    messageToUser: z.string().nullable(),
    actionId: id.nullable(),
    expiresAt: z.string().nullable(),
    appealableUntil: z.string().nullable(),
  }),
  member('report.resolved', {
    groupId: id,
    groupName: name,
    space: conversationSpace.optional(),
    outcome: z.enum(['upheld', 'dismissed']),
    action: z.enum(moderationActions),
    flagIds: z.array(id),
  }),
  member('moderation.escalated', moderationAlert),
  member('moderation.self_harm', moderationAlert),
  member('moderation.support', { groupId: id, groupName: name, space: conversationSpace.optional() }),
  member('moderation.appeal', {
    appealId: id,
    space: conversationSpace.optional(),
    /** Who decides: a mentorship's reviewers or the platform's admins; a group's moderators when absent. */
    scope: z.enum(['mentoring', 'platform']).optional(),
    groupId: id.nullable().optional(),
    groupName: name.nullable().optional(),
  }),
  member('appeal.decided', {
    groupId: id.nullable(),
    groupName: name.nullable(),
    outcome: z.enum(appealOutcomes),
    reason: z.string(),
    actionId: id,
  }),
]);
export type NotificationPayload = z.infer<typeof notificationPayload>;
export type NotificationType = NotificationPayload['type'];
/** Each type's data, by type: `NotificationDataMap['mention']`. */
export type NotificationDataMap = { [Payload in NotificationPayload as Payload['type']]: Payload['data'] };
export type NotificationData<Type extends NotificationType> = NotificationDataMap[Type];

const dataShapes = new Map<string, z.ZodObject>(
  notificationPayload.options.map((option) => [option.shape.type.value, option.shape.data]),
);
/**
 * Which of the person's channel choices (push, mail, both or neither) governs each type. A type missing here does not
 * compile.
 */
export const channelOf: { [Type in NotificationType]: NotificationChannelKey } = {
  mention: 'mention',
  reply: 'reply',
  'join_request.created': 'moderation',
  'join_request.approved': 'membership',
  'join_request.declined': 'membership',
  'membership.added': 'membership',
  'membership.removed': 'membership',
  'membership.role_changed': 'membership',
  'direct.request': 'direct',
  'direct.accepted': 'direct',
  'privacy.export_ready': 'account',
  'mentoring.request_created': 'mentorship',
  'mentoring.mentor_applied': 'mentorship',
  'mentoring.approved': 'mentorship',
  'mentoring.proposed': 'mentorship',
  'mentoring.proposal_withdrawn': 'mentorship',
  'mentoring.accepted': 'mentorship',
  'mentoring.declined': 'mentorship',
  'mentoring.first_contact_overdue': 'mentorship',
  'mentoring.first_contact_reminder': 'mentorship',
  'mentoring.check_in': 'mentorship',
  'mentoring.check_in_hard': 'mentorship',
  'mentoring.closed': 'mentorship',
  'mentoring.call_started': 'call',
  'webinar.reminder': 'event',
  'webinar.offered': 'event',
  'webinar.offer_expired': 'event',
  'webinar.cancelled': 'event',
  'webinar.changed': 'event',
  'webinar.followup': 'event',
  'webinar.staff': 'event',
  'programme.step_reminder': 'event',
  'moderation.action': 'account',
  'report.resolved': 'account',
  'moderation.escalated': 'moderation',
  'moderation.self_harm': 'moderation',
  'moderation.support': 'moderation',
  'moderation.appeal': 'moderation',
  'appeal.decided': 'account',
};

/** Every notification type, in the union's order. */
export const notificationTypes = [...dataShapes.keys()] as NotificationType[];

/**
 * Reads a stored notification: the union's member for its type, keeping only the fields that member knows (a row
 * written before a field was dropped still reads). Null for an unknown type or data that does not fit.
 */
export function parseNotificationPayload(type: string, data: unknown): NotificationPayload | null {
  const shape = dataShapes.get(type);
  if (!shape || typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const known = Object.fromEntries(Object.entries(data).filter(([key]) => Object.hasOwn(shape.shape, key)));
  const parsed = notificationPayload.safeParse({ type, data: known });
  return parsed.success ? parsed.data : null;
}

/** A notification on the wire: `{id, type, data, readAt, createdAt}`, `data` as its type's member says. */
export const notification = z
  .intersection(
    z.object({ id: z.string(), createdAt: isoDate, readAt: isoDate.nullable() }),
    notificationPayload,
  )
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notification>;
export const notificationListQuery = listQuery.extend({ unread: z.enum(['true', 'false']).optional() });
export const markNotificationsBody = z.union([
  z.strictObject({ ids: z.array(z.string().min(1).max(64)).min(1).max(100) }),
  z.strictObject({ all: z.literal(true) }),
]);
