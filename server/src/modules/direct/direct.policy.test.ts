import { describe, expect, it } from 'vitest';
import {
  type ConversationFacts,
  conversationPermissions,
  type RequestFacts,
  requestDecision,
  respondRefusal,
  writeRefusal,
} from './direct.policy.ts';

const asker = 'asker';
const asked = 'asked';
const open: RequestFacts = {
  self: false,
  askerEnabled: true,
  recipientReachable: true,
  sharedGroup: true,
  blocked: false,
  existing: null,
};
const waiting: ConversationFacts = {
  status: 'pending',
  requestedBy: asker,
  firstMessageAt: null,
  otherId: asked,
  blockedByMe: false,
  blockedByOther: false,
};

describe('asking', () => {
  it('refuses every reason with the one code, and opens a new conversation otherwise', () => {
    for (const reason of [
      { self: true },
      { askerEnabled: false },
      { recipientReachable: false },
      { sharedGroup: false },
      { blocked: true },
    ])
      expect(requestDecision(asker, { ...open, ...reason })).toEqual({ refusal: 'dm.not_allowed' });
    expect(requestDecision(asker, open)).toEqual({ open: 'new' });
  });

  it('never lets the one declined ask again, but lets the one who declined ask back', () => {
    const declined = { status: 'declined' as const, requestedBy: asker };
    expect(requestDecision(asker, { ...open, existing: declined })).toEqual({ refusal: 'dm.not_allowed' });
    expect(requestDecision(asked, { ...open, existing: declined })).toEqual({ open: 'reopen' });
  });

  it('answers a waiting request by asking back, and gives back what the two already have', () => {
    const pending = { status: 'pending' as const, requestedBy: asker };
    expect(requestDecision(asked, { ...open, existing: pending })).toEqual({ open: 'accept_theirs' });
    expect(requestDecision(asker, { ...open, existing: pending })).toEqual({ open: 'existing' });
    const accepted = { status: 'accepted' as const, requestedBy: asker };
    expect(requestDecision(asked, { ...open, existing: accepted })).toEqual({ open: 'existing' });
  });
});

describe('writing', () => {
  it('lets the one who asked write the first message only, and the one asked nothing until they accept', () => {
    expect(writeRefusal(asker, waiting)).toBeNull();
    expect(writeRefusal(asker, { ...waiting, firstMessageAt: new Date() })).toBe('direct.pending');
    expect(writeRefusal(asked, { ...waiting, otherId: asker })).toBe('direct.pending');
  });

  it('lets both write once accepted, until either blocks, a decline, or the other is gone', () => {
    const accepted = { ...waiting, status: 'accepted' as const, firstMessageAt: new Date() };
    expect(writeRefusal(asker, accepted)).toBeNull();
    expect(writeRefusal(asker, { ...accepted, blockedByMe: true })).toBe('direct.unavailable');
    expect(writeRefusal(asker, { ...accepted, blockedByOther: true })).toBe('direct.unavailable');
    expect(writeRefusal(asker, { ...accepted, otherId: null })).toBe('direct.unavailable');
    expect(writeRefusal(asker, { ...accepted, status: 'declined' })).toBe('direct.unavailable');
  });
});

describe('answering', () => {
  it('is for the one asked, while the request waits', () => {
    expect(respondRefusal(asker, waiting)).toBe('auth.forbidden');
    expect(respondRefusal(asked, { ...waiting, otherId: asker })).toBeNull();
    expect(respondRefusal(asked, { ...waiting, otherId: asker, status: 'accepted' })).toBe(
      'direct.not_pending',
    );
    expect(respondRefusal(asked, { ...waiting, otherId: asker, blockedByMe: true })).toBe(
      'direct.not_pending',
    );
  });

  it('sends the web the same rights the service enforces', () => {
    expect(conversationPermissions(asked, { ...waiting, otherId: asker })).toEqual({
      canWrite: false,
      canRespond: true,
      canBlock: true,
      canReport: true,
    });
    expect(conversationPermissions(asker, { ...waiting, blockedByMe: true }).canBlock).toBe(false);
  });
});
