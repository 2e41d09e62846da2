import type { GroupRole } from '@spejl/shared';
import { type Actor, hasVerifiedMfa, hasPlatformPower } from '../auth/auth.policy.ts';

/** Who is reading a group's messages, as far as message rights go. */
export interface Reader {
  userId: string;
  role: GroupRole | null;
  /** Moderator or owner with TOTP, or a platform admin with TOTP. */
  moderates: boolean;
}

export function readerOf(actor: Actor, role: GroupRole | null): Reader {
  const moderates =
    hasPlatformPower(actor, 'admin') || ((role === 'moderator' || role === 'owner') && hasVerifiedMfa(actor));
  return { userId: actor.user.id, role, moderates };
}

interface MessageFacts {
  authorId: string | null;
  deletedAt: Date | null;
}

/** Only the author edits, and not after deletion. */
export function canEditMessage(reader: Reader, message: MessageFacts): boolean {
  return message.deletedAt === null && message.authorId !== null && message.authorId === reader.userId;
}

/** The author or the group's moderators delete. */
export function canDeleteMessage(reader: Reader, message: MessageFacts): boolean {
  return message.deletedAt === null && (message.authorId === reader.userId || reader.moderates);
}

/** Edit history is for moderators. */
export function canViewEditHistory(reader: Reader): boolean {
  return reader.moderates;
}

/** Posting and reacting need membership of the group. */
export function canPost(reader: Reader): boolean {
  return reader.role !== null;
}
