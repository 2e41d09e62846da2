import { describe, expect, it } from 'vitest';
import { limits } from './limits.ts';
import { clientFrame, serverFrame } from './ws.ts';

const groupId = '3f2c8a90-1b2c-4d5e-8f90-123456789abc';

describe('the WebSocket protocol', () => {
  it('accepts every client frame of the contract', () => {
    const frames = [
      { type: 'subscribe', groupId },
      { type: 'subscribe', groupId, sinceSeq: 41 },
      { type: 'unsubscribe', groupId },
      { type: 'message.send', groupId, clientId: 'client-0001', body: 'Hej' },
      { type: 'message.send', groupId, clientId: 'client-0002', body: 'Svar', threadId: groupId },
      { type: 'typing', groupId },
      { type: 'read', groupId, seq: 7 },
      { type: 'ping' },
    ];
    for (const frame of frames)
      expect(clientFrame.safeParse(frame).success, JSON.stringify(frame)).toBe(true);
  });

  it('refuses unknown types, unknown fields, bad values and oversized bodies', () => {
    const refused = [
      { type: 'shout', groupId },
      { type: 'ping', extra: true },
      { type: 'subscribe', groupId, sinceSeq: -1 },
      { type: 'subscribe', groupId, sinceSeq: 1.5 },
      { type: 'subscribe' },
      { type: 'message.send', groupId, clientId: 'short', body: 'Hej' },
      { type: 'message.send', groupId, clientId: 'client 0001!', body: 'Hej' },
      { type: 'message.send', groupId, clientId: 'client-0001', body: '   ' },
      { type: 'message.send', groupId, clientId: 'client-0001', body: 'x'.repeat(limits.messageMax + 1) },
      { type: 'read', groupId, seq: '7' },
      { groupId },
      null,
      'ping',
    ];
    for (const frame of refused)
      expect(clientFrame.safeParse(frame).success, JSON.stringify(frame)).toBe(false);
  });

  it('describes the frames the server sends', () => {
    expect(
      serverFrame.safeParse({ type: 'ack', clientId: 'client-0001', messageId: 'm1', seq: 3 }).success,
    ).toBe(true);
    expect(serverFrame.safeParse({ type: 'presence', groupId, online: ['u1'] }).success).toBe(true);
    expect(serverFrame.safeParse({ type: 'error', code: 'rate_limited', message: 'Vent lidt' }).success).toBe(
      true,
    );
    expect(serverFrame.safeParse({ type: 'pong', extra: 1 }).success).toBe(true);
    expect(serverFrame.safeParse({ type: 'typing', groupId }).success).toBe(false);
  });
});
