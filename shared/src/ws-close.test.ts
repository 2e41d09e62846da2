import { describe, expect, it } from 'vitest';
import { closeAction, wsClose } from './ws-close.ts';

describe('WebSocket close codes', () => {
  it('gives every reason its own code, in the private range except the standard ones', () => {
    const codes = Object.values(wsClose);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of [
      wsClose.sessionEnded,
      wsClose.tooSlow,
      wsClose.tooManyForUser,
      wsClose.tooManyForAddress,
    ])
      expect(code >= 4000 && code <= 4999).toBe(true);
  });

  it('tells a client to stop only for an ended session, to wait and say so for a cap, else to reconnect', () => {
    expect(closeAction(wsClose.sessionEnded)).toBe('signedOut');
    expect(closeAction(wsClose.tooManyForUser)).toBe('limited');
    expect(closeAction(wsClose.tooManyForAddress)).toBe('limited');
    for (const code of [wsClose.tooSlow, wsClose.goingAway, wsClose.frameTooLarge, 1005, 1006, 1011])
      expect(closeAction(code)).toBe('reconnect');
  });
});
