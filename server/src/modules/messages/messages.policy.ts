import type { ErrorCode, GroupRole } from '@spejl/shared';
import { type Actor, hasVerifiedMfa, hasPlatformPower } from '../auth/auth.policy.ts';

/** Who is reading a group's messages, as far as message rights go. */
export interface Reader {
  userId: string;
  role: GroupRole | null;
  /** Moderator or owner with TOTP, or a platform admin with TOTP. */
  moderates: boolean;
  /** The group is read-only (a closed mentorship): nobody posts, edits or reacts. */
  readOnly: boolean;
  /**
   * Why it is read-only for this reader, when the group itself does not say: a direct conversation that waits for
   * an answer (`direct.pending`) or has ended (`direct.unavailable`).
   */
  readOnlyCode?: ErrorCode;
}

/** `writeRefusal`: why this reader may not write in a direct conversation now, if anything stops them. */
export function readerOf(
  actor: Actor,
  role: GroupRole | null,
  readOnly = false,
  writeRefusal: ErrorCode | null = null,
): Reader {
  const moderates =
    hasPlatformPower(actor, 'admin') || ((role === 'moderator' || role === 'owner') && hasVerifiedMfa(actor));
  return {
    userId: actor.user.id,
    role,
    moderates,
    readOnly: readOnly || writeRefusal !== null,
    ...(writeRefusal ? { readOnlyCode: writeRefusal } : {}),
  };
}

interface MessageFacts {
  authorId: string | null;
  deletedAt: Date | null;
}

/** Only the author edits, and not after deletion or in a read-only group. */
export function canEditMessage(reader: Reader, message: MessageFacts): boolean {
  return (
    !reader.readOnly &&
    message.deletedAt === null &&
    message.authorId !== null &&
    message.authorId === reader.userId
  );
}

/** The author or the group's moderators delete. */
export function canDeleteMessage(reader: Reader, message: MessageFacts): boolean {
  return message.deletedAt === null && (message.authorId === reader.userId || reader.moderates);
}

/** Edit history is for moderators. */
export function canViewEditHistory(reader: Reader): boolean {
  return reader.moderates;
}

/** Posting and reacting need membership of the group, and a group that is not read-only. */
export function canPost(reader: Reader): boolean {
  return reader.role !== null && !reader.readOnly;
}

/** Why the reader may not post: not a member, the group is read-only, or a direct conversation says why not. */
export function postRefusal(reader: Reader): ErrorCode | null {
  if (reader.role === null) return 'group.not_member';
  return reader.readOnly ? (reader.readOnlyCode ?? 'group.read_only') : null;
}
