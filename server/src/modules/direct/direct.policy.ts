import type { DirectConversation, DirectStatus, ErrorCode } from '@spejl/shared';

/** What decides what one of the pair may do in their conversation. */
export interface ConversationFacts {
  status: DirectStatus;
  requestedBy: string | null;
  /** When the request's first message was written; null until then. */
  firstMessageAt: Date | null;
  /** The other one of the pair; null once their account is gone. */
  otherId: string | null;
  blockedByMe: boolean;
  blockedByOther: boolean;
}

/** Whether the conversation still goes on for this reader: not declined, nobody blocked, the other still here. */
export function isAvailable(facts: ConversationFacts): boolean {
  return facts.status !== 'declined' && facts.otherId !== null && !facts.blockedByMe && !facts.blockedByOther;
}

/**
 * May this person write in the conversation now? Once accepted, both may, until either blocks the other. While it
 * waits, only the one who asked writes, and only the first message; the one asked reads it and answers.
 */
export function writeRefusal(
  userId: string,
  facts: ConversationFacts,
): 'direct.pending' | 'direct.unavailable' | null {
  if (!isAvailable(facts)) return 'direct.unavailable';
  if (facts.status === 'pending')
    return facts.requestedBy === userId && facts.firstMessageAt === null ? null : 'direct.pending';
  return null;
}

/** Accepting or declining: only the person asked, only while the request waits. */
export function respondRefusal(userId: string, facts: ConversationFacts): ErrorCode | null {
  if (facts.requestedBy === userId) return 'auth.forbidden';
  if (facts.status !== 'pending' || !isAvailable(facts)) return 'direct.not_pending';
  return null;
}

/** What the reader may do with the conversation, from the same rules the service enforces. */
export function conversationPermissions(
  userId: string,
  facts: ConversationFacts,
): DirectConversation['permissions'] {
  return {
    canWrite: facts.status === 'accepted' && writeRefusal(userId, facts) === null,
    canRespond: respondRefusal(userId, facts) === null,
    canBlock: facts.otherId !== null && !facts.blockedByMe,
    canReport: true,
  };
}

/** The facts a request is decided on. */
export interface RequestFacts {
  /** Asking oneself. */
  self: boolean;
  /** The asker has direct messages on. */
  askerEnabled: boolean;
  /** The person asked exists, is active and has direct messages on. */
  recipientReachable: boolean;
  /** They share a group that allows direct messages. */
  sharedGroup: boolean;
  /** Either has blocked the other. */
  blocked: boolean;
  /** Their conversation, if they ever had one. */
  existing: { status: DirectStatus; requestedBy: string | null } | null;
}

/**
 * What a request does: refused (`dm.not_allowed`, one answer for every reason, so nothing about the other person's
 * setting, blocks or groups is revealed), a new conversation, a declined one asked again by the person who declined
 * it, the other person's waiting request accepted by asking back, or the conversation they already have.
 */
export type RequestDecision =
  | { refusal: 'dm.not_allowed' }
  | { open: 'new' | 'reopen' | 'accept_theirs' | 'existing' };

export function requestDecision(askerId: string, facts: RequestFacts): RequestDecision {
  if (facts.self || !facts.askerEnabled || !facts.recipientReachable || !facts.sharedGroup || facts.blocked)
    return { refusal: 'dm.not_allowed' };
  const existing = facts.existing;
  if (!existing) return { open: 'new' };
  const mine = existing.requestedBy === askerId;
  if (existing.status === 'declined') return mine ? { refusal: 'dm.not_allowed' } : { open: 'reopen' };
  if (existing.status === 'pending' && !mine) return { open: 'accept_theirs' };
  return { open: 'existing' };
}
