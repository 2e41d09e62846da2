import { z } from 'zod';
import { clientId, hasContent, message, messageAttachmentIds } from './messages.ts';
import { limits } from './limits.ts';
import { notification } from './notifications.ts';
import { findControlCharacter } from './text.ts';
import { videoClientFrames, videoServerFrames } from './video.ts';
import { webinarsClientFrames, webinarsServerFrames } from './webinars.ts';
import { moderationClientFrames, moderationServerFrames } from './moderation.ts';
import { pushClientFrames } from './push.ts';

const id = z.string().min(1).max(64);

/**
 * The chat's client frames. Each domain declares its own frames (in its own file) and adds them to the unions
 * below, so the gateway validates every frame against one union per direction.
 */
export const chatClientFrames = [
  z.strictObject({ type: z.literal('subscribe'), groupId: id, sinceSeq: z.number().int().min(0).optional() }),
  z.strictObject({ type: z.literal('unsubscribe'), groupId: id }),
  z
    .strictObject({
      type: z.literal('message.send'),
      groupId: id,
      clientId,
      body: z.string().max(limits.messageMax),
      threadId: id.optional(),
      attachments: messageAttachmentIds.optional(),
    })
    .refine(hasContent, { message: 'empty', path: ['body'] }),
  z.strictObject({ type: z.literal('typing'), groupId: id }),
  z.strictObject({ type: z.literal('read'), groupId: id, seq: z.number().int().min(0) }),
] as const;

/**
 * Every frame a client may send over /api/ws. Anything else is answered with an `error` frame, and so is a frame
 * with a control character in any of its strings (U+0000 would reach PostgreSQL, which refuses it).
 */
export const clientFrame = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('ping') }),
    ...chatClientFrames,
    ...webinarsClientFrames,
    ...moderationClientFrames,
    ...videoClientFrames,
    ...pushClientFrames,
  ])
  .superRefine((frame, context) => {
    const at = findControlCharacter(frame);
    if (at) context.addIssue({ code: 'custom', path: at, message: 'must not contain control characters' });
  });
export type ClientFrame = z.infer<typeof clientFrame>;

/** The chat's server frames, and the ones every connection gets (notifications, errors, pong). */
export const chatServerFrames = [
  z.object({ type: z.literal('message.created'), groupId: z.string(), seq: z.number().int(), message }),
  z.object({ type: z.literal('message.updated'), groupId: z.string(), seq: z.number().int(), message }),
  z.object({ type: z.literal('message.deleted'), groupId: z.string(), seq: z.number().int(), message }),
  z.object({ type: z.literal('ack'), clientId: z.string(), messageId: z.string(), seq: z.number().int() }),
  z.object({ type: z.literal('subscribed'), groupId: z.string(), lastSeq: z.number().int() }),
  z.object({ type: z.literal('typing'), groupId: z.string(), userId: z.string(), displayName: z.string() }),
  z.object({ type: z.literal('presence'), groupId: z.string(), online: z.array(z.string()) }),
  // Above `limits.presenceListMax` online, a change is told as what changed since the list a socket last had (its
  // `presence` snapshot plus the changes since): 2,000 people do not each get 2,000 ids for every one who comes.
  z.object({
    type: z.literal('presence.changed'),
    groupId: z.string(),
    count: z.number().int(),
    joined: z.array(z.string()),
    left: z.array(z.string()),
  }),
  z.object({ type: z.literal('read'), groupId: z.string(), userId: z.string(), seq: z.number().int() }),
  z.object({ type: z.literal('notification'), notification }),
  z.object({ type: z.literal('membership.ended'), groupId: z.string() }),
  // `ref` names what the error is about (the frame's clientId, else its groupId or roomId); `frame` is the type of
  // the client frame it answers, so a client knows which frame to send again (a refused `subscribe`, a `message.send`).
  z.object({
    type: z.literal('error'),
    code: z.string(),
    message: z.string(),
    ref: z.string().optional(),
    frame: z.string().optional(),
  }),
  z.object({ type: z.literal('pong') }),
] as const;

/** Every frame the server sends. */
export const serverFrame = z.discriminatedUnion('type', [
  ...chatServerFrames,
  ...webinarsServerFrames,
  ...moderationServerFrames,
  ...videoServerFrames,
]);
export type ServerFrame = z.infer<typeof serverFrame>;
