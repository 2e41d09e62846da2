import { z } from 'zod';
import { attachment, attachmentLimits } from './attachments.ts';
import { isoDate } from './common.ts';
import { limits } from './limits.ts';
import { deliveryChannels, digestFrequencies, notificationChannelKeys } from './notification-types.ts';

export * from './notification-types.ts';

const id = z.string().min(1).max(64);
/** The sender's own id for a message (a UUID or similar), so retries are idempotent. */
export const clientId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
export const messageBody = z
  .string()
  .max(limits.messageMax)
  .refine((value) => value.trim().length > 0, 'empty');
/** Uploads (from `POST /api/groups/:id/attachments`) a new message carries; the sender's own, not yet sent. */
export const messageAttachmentIds = z.array(id).max(attachmentLimits.perMessage);
/** A new message's text: may be empty when it carries files. */
const newMessageText = z.string().max(limits.messageMax);

/** A message needs words or files (or both). */
export function hasContent(value: { body: string; attachments?: string[] | undefined }): boolean {
  return value.body.trim().length > 0 || (value.attachments?.length ?? 0) > 0;
}
export const emoji = z
  .string()
  .min(1)
  .max(limits.emojiMax)
  .regex(/^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\u200d|\ufe0f)+$/u, 'one emoji');

export const reactionSummary = z.object({
  emoji: z.string(),
  count: z.number().int(),
  /** Whether the reader is among those who reacted. */
  mine: z.boolean(),
});

export const message = z
  .object({
    id: z.string(),
    groupId: z.string(),
    seq: z.number().int(),
    author: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    clientId: z.string(),
    /** Safe Markdown source; null once the message is deleted. */
    body: z.string().nullable(),
    threadId: z.string().nullable(),
    replyCount: z.number().int(),
    lastReplyAt: isoDate.nullable(),
    mentions: z.array(z.string()),
    reactions: z.array(reactionSummary),
    createdAt: isoDate,
    editedAt: isoDate.nullable(),
    deleted: z.boolean(),
    /**
     * Hidden pending moderators' review (held for approval, or flagged past the group's threshold). Its author and
     * the group's moderators still read it; everyone else gets it with `body: null`.
     */
    hidden: z.boolean(),
    /** Photos and PDFs, in the order sent; empty once deleted, and for whoever may not read a hidden one. */
    attachments: z.array(attachment),
    /** What the reader may do with it. */
    permissions: z.object({ canEdit: z.boolean(), canDelete: z.boolean(), canViewHistory: z.boolean() }),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof message>;
export const messageResponse = z.object({ message });

export const messageListQuery = z.strictObject({
  before: z.coerce.number().int().min(1).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(limits.listMax).default(50),
  threadId: id.optional(),
});
export const messageList = z.object({
  items: z.array(message),
  nextCursor: z.string().nullable(),
  /** The highest seq in the group, so a client knows whether it is up to date. */
  lastSeq: z.number().int(),
  /** The oldest seq this reader may see (the group's history setting for new members). */
  firstVisibleSeq: z.number().int(),
});

export const postMessageBody = z
  .strictObject({
    clientId,
    body: newMessageText,
    threadId: id.optional(),
    attachments: messageAttachmentIds.optional(),
  })
  .refine(hasContent, { message: 'empty', path: ['body'] });
export const editMessageBody = z.strictObject({ body: messageBody });
export const reactionBody = z.strictObject({ emoji });
export const messageIdParams = z.strictObject({ id });
export const reactionParams = z.strictObject({ id, emoji });
export const messageSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(limits.listMax).default(30),
});

export const messageEdit = z.object({
  previousBody: z.string(),
  editedAt: isoDate,
  editedBy: z.string().nullable(),
});

export const readPositionBody = z.strictObject({ seq: z.number().int().min(0) });
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
/** Push, mail, both or neither for each kind of notification: `{mention: ["push", "mail"], reply: []…}`. */
export const notificationChannels = z.strictObject(
  Object.fromEntries(
    notificationChannelKeys.map((key) => [
      key,
      z.array(z.enum(deliveryChannels)).max(deliveryChannels.length),
    ]),
  ) as Record<
    (typeof notificationChannelKeys)[number],
    z.ZodArray<z.ZodEnum<{ push: 'push'; mail: 'mail' }>>
  >,
);
/** No push between these local times (the end may be the next morning); null when the person wants none. */
export const quietHours = z.strictObject({ start: clockTime, end: clockTime }).nullable();
export const preferences = z
  .object({
    /** Others do not see when I am online. */
    hidePresence: z.boolean(),
    /** Others see how far I have read (and I see theirs). */
    readReceipts: z.boolean(),
    /** Other members who share a group with me may ask to write to me directly (off until I turn it on). */
    directMessages: z.boolean(),
    channels: notificationChannels,
    /** Unread activity in one mail, daily or weekly (off until chosen). */
    digest: z.enum(digestFrequencies),
    quietHours,
    /** An IANA time zone for quiet hours and the digest's hour. */
    timeZone: z.string(),
    /** Push says who wrote and where on the lock screen, instead of only "new activity in Spejl". */
    pushPreviews: z.boolean(),
  })
  .meta({ id: 'Preferences' });
/** An IANA time zone this runtime knows ("Europe/Copenhagen"). */
export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'unknown time zone');
export const updatePreferencesBody = z.strictObject({
  hidePresence: z.boolean().optional(),
  readReceipts: z.boolean().optional(),
  directMessages: z.boolean().optional(),
  /** Only the keys given change. */
  channels: notificationChannels.partial().optional(),
  digest: z.enum(digestFrequencies).optional(),
  quietHours: quietHours.optional(),
  timeZone: timeZone.optional(),
  pushPreviews: z.boolean().optional(),
});
