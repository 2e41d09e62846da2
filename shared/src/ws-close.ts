/**
 * Why the server closed a WebSocket: the close codes the gateway uses and every web client acts on. Zod-free, so the
 * web imports it at runtime (`@spejl/shared/ws-close`).
 */
export const wsClose = {
  /** The server is stopping or restarting. */
  goingAway: 1001,
  /** A frame over the size limit (`ws` closes with it). */
  frameTooLarge: 1009,
  /** The session ended (signed out, revoked, expired, account locked): reconnecting would only be refused. */
  sessionEnded: 4001,
  /** The client read too slowly and what it had not read passed the server's limit; nothing it missed is lost. */
  tooSlow: 4008,
  /** This person already has as many sockets open as the server allows (other tabs and windows). */
  tooManyForUser: 4029,
  /** As many sockets are open from this network address as the server allows. */
  tooManyForAddress: 4030,
} as const;

export type WsCloseCode = (typeof wsClose)[keyof typeof wsClose];

/**
 * What a client does after a close with this code:
 * - `reconnect`: open again after a backoff and resubscribe from its cursors (also for codes without a meaning here,
 *   such as 1006 for a connection that simply dropped);
 * - `limited`: a cap refused the socket; tell the person why, and try again only slowly;
 * - `signedOut`: stop, the session is gone.
 */
export function closeAction(code: number): 'reconnect' | 'limited' | 'signedOut' {
  if (code === wsClose.sessionEnded) return 'signedOut';
  if (code === wsClose.tooManyForUser || code === wsClose.tooManyForAddress) return 'limited';
  return 'reconnect';
}
