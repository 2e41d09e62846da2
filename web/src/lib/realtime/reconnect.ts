import { closeAction, wsClose } from '@spejl/shared/ws-close';

/** What a socket client does after the server (or the network) closed it. */
export type AfterClose =
  | { action: 'reconnect'; delayMs: number }
  /** A cap refused the socket: the person is told why (`reason`), and it is tried again only slowly. */
  | { action: 'limited'; reason: 'user' | 'address'; delayMs: number }
  | { action: 'signedOut' };

/** After a cap refusal, wait about a minute: long enough not to hammer, short enough to come back by itself. */
const limitedDelayMs = 60_000;
/** A socket closed for reading too slowly comes back after at least this, so a busy device gets a moment. */
const tooSlowMinimumMs = 2000;

/** Reconnect waits grow 0.5 s, 1 s, 2 s … up to 15 s, with jitter so a restarted server is not hit all at once. */
export function backoff(attempt: number): number {
  const base = Math.min(15_000, 500 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

/**
 * One decision for every WebSocket client in the web (the shared socket, the webinar room, the video call), from the
 * close code the server sent (`@spejl/shared/ws-close`) and how many attempts in a row failed. Whoever reconnects
 * subscribes again from its cursors, so a close for being too slow loses nothing.
 */
export function afterClose(code: number, attempt: number): AfterClose {
  switch (closeAction(code)) {
    case 'signedOut':
      return { action: 'signedOut' };
    case 'limited':
      return {
        action: 'limited',
        reason: code === wsClose.tooManyForUser ? 'user' : 'address',
        delayMs: limitedDelayMs / 2 + Math.random() * (limitedDelayMs / 2),
      };
    default:
      return {
        action: 'reconnect',
        delayMs: code === wsClose.tooSlow ? Math.max(tooSlowMinimumMs, backoff(attempt)) : backoff(attempt),
      };
  }
}

/**
 * An error frame that refused one frame for a reason that passes (too many frames at once, the server busy or
 * failing): the client sends the same frame again after a backoff (a subscribe from its cursor, a send with its
 * clientId), instead of waiting for an answer that will not come.
 */
export function isPassingRefusal(code: string): boolean {
  return code === 'rate_limited' || code === 'internal' || code === 'service.unavailable';
}

/** The catalogue key that tells the person why a cap refused their connection. */
export function limitedMessageKey(reason: 'user' | 'address') {
  return reason === 'user'
    ? ('chat.connection.tooManyForUser' as const)
    : ('chat.connection.tooManyForAddress' as const);
}
