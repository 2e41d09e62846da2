import { z } from 'zod';
import { id, isoDate, listOf, listQuery } from './common.ts';
import { clientId, messageBody } from './messages.ts';

/**
 * Direct messages between two members who share a group. A conversation is a group of kind `direct` (its id is the
 * group's), so its messages, history, reactions, threads, typing and read state are the chat's own
 * (`/api/groups/:id/messages`, the WebSocket's `subscribe{groupId}`).
 */
export const directStatuses = ['pending', 'accepted', 'declined'] as const;
export type DirectStatus = (typeof directStatuses)[number];

/** How many requests one person may send in a day. */
export const directLimits = { requestsPerDay: 20 } as const;

/** `GET|PATCH /api/me/direct-settings`: whether others may ask to write to me (off until I turn it on). */
export const directSettings = z.object({ enabled: z.boolean() }).meta({ id: 'DirectSettings' });
export const directSettingsBody = z.strictObject({ enabled: z.boolean() });

/** Another person as a conversation shows them: the name they use where we met, nothing else. */
export const directPerson = z.object({ id: z.string(), displayName: z.string() });

export const directConversation = z
  .object({
    /** The conversation's group id: its messages are read and written as the group's. */
    id: z.string(),
    /** Null once the other person has deleted their account. */
    other: directPerson.nullable(),
    status: z.enum(directStatuses),
    requestedByMe: z.boolean(),
    /**
     * False once the conversation has ended for the reader: declined, blocked by either of the two, or the other
     * person is gone. It never says which.
     */
    available: z.boolean(),
    /** The reader blocked the other person (only ever told to the one who blocked). */
    blockedByMe: z.boolean(),
    /** Messages by the other person I have not read (counted up to 100). */
    unreadCount: z.number().int(),
    lastMessageAt: isoDate.nullable(),
    createdAt: isoDate,
    permissions: z.object({
      /** Write now: accepted and available (the one who asked writes nothing more until then). */
      canWrite: z.boolean(),
      /** Accept or decline: the person asked, while the request waits. */
      canRespond: z.boolean(),
      canBlock: z.boolean(),
      canReport: z.boolean(),
    }),
  })
  .meta({ id: 'DirectConversation' });
export type DirectConversation = z.infer<typeof directConversation>;
export const directConversationResponse = z.object({ conversation: directConversation });
export const directConversationList = listOf(directConversation);
export const directListQuery = listQuery;

/**
 * `POST /api/direct`: ask someone, with the first message. `groupId` names the group we share where the request
 * starts (the names come from there); without it, any group we share that allows direct messages.
 */
export const directRequestBody = z.strictObject({
  userId: id,
  body: messageBody,
  clientId: clientId.optional(),
  groupId: id.optional(),
});
export type DirectRequestBody = z.input<typeof directRequestBody>;
export const directIdParams = z.strictObject({ id });
export const personParams = z.strictObject({ userId: id });
/** The contract's `/api/users/:id/block`. */
export const userIdParams = z.strictObject({ id });

/** Someone I blocked, named as they showed themselves where we met (null when we share nothing any more). */
export const blockedPerson = z
  .object({ id: z.string(), displayName: z.string().nullable(), blockedAt: isoDate })
  .meta({ id: 'BlockedPerson' });
export type BlockedPerson = z.infer<typeof blockedPerson>;
export const blockedPersonList = listOf(blockedPerson);
export const blockResponse = z.object({ blocked: z.boolean() });
