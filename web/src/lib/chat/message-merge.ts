/**
 * The pure part of a conversation's state: keeping messages in seq order whatever order they arrive in (history
 * pages, live frames, replays after a reconnect, our own sends confirmed over REST), and settling the messages
 * the person is still sending.
 */

type Sequenced = { id: string; seq: number };

/** A message the person wrote that the server has not confirmed yet. */
export interface PendingMessage {
  clientId: string;
  body: string;
  threadId: string | null;
  /** Ids of the uploads sent with it. */
  attachments?: string[];
  status: 'sending' | 'failed';
  error: string | null;
}

/** Puts a message in its place by seq; one already there (same id) is replaced, never doubled. */
export function insertBySeq<M extends Sequenced>(list: readonly M[], message: M): M[] {
  const existing = list.findIndex((item) => item.id === message.id);
  if (existing >= 0) {
    const copy = [...list];
    copy[existing] = message;
    return copy;
  }
  // Live messages land at the end, so look from there.
  let at = list.length;
  while (at > 0 && list[at - 1]!.seq > message.seq) at -= 1;
  return [...list.slice(0, at), message, ...list.slice(at)];
}

/** Merges a page of messages (older history, or a replay) into a list. */
export function mergeBySeq<M extends Sequenced>(list: readonly M[], page: readonly M[]): M[] {
  let merged = [...list];
  for (const message of page) merged = insertBySeq(merged, message);
  return merged;
}

/** Replaces a message the list already holds (an edit, a reaction, a delete); one it does not hold is ignored. */
export function replaceKnown<M extends Sequenced>(list: readonly M[], message: M): M[] {
  return list.some((item) => item.id === message.id) ? insertBySeq(list, message) : [...list];
}

/** The waiting messages left once the server confirmed the one sent with `clientId`. */
export function settlePending(pending: readonly PendingMessage[], clientId: string): PendingMessage[] {
  return pending.filter((entry) => entry.clientId !== clientId);
}

/** Marks a waiting message as refused, with the reason to show; "try again" sends it with the same clientId. */
export function failPending(
  pending: readonly PendingMessage[],
  clientId: string,
  error: string,
): PendingMessage[] {
  return pending.map((entry) =>
    entry.clientId === clientId ? { ...entry, status: 'failed', error } : entry,
  );
}

/** Marks a refused message as being sent again. */
export function resendPending(pending: readonly PendingMessage[], clientId: string): PendingMessage[] {
  return pending.map((entry) =>
    entry.clientId === clientId ? { ...entry, status: 'sending', error: null } : entry,
  );
}
