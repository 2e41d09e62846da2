import { describe, expect, it } from 'vitest';
import {
  failPending,
  insertBySeq,
  mergeBySeq,
  type PendingMessage,
  replaceKnown,
  resendPending,
  settlePending,
} from './message-merge.ts';

const message = (seq: number, body = `message ${seq}`) => ({ id: `m${seq}`, seq, body });
const seqs = (list: Array<{ seq: number }>) => list.map((item) => item.seq);

describe('insertBySeq', () => {
  it('keeps seq order whatever order messages arrive in', () => {
    let list: Array<ReturnType<typeof message>> = [];
    for (const seq of [3, 1, 5, 2, 4]) list = insertBySeq(list, message(seq));
    expect(seqs(list)).toEqual([1, 2, 3, 4, 5]);
  });

  it('replaces a message it already holds instead of doubling it, in its place', () => {
    const list = [message(1), message(2), message(3)];
    const edited = insertBySeq(list, message(2, 'edited'));
    expect(seqs(edited)).toEqual([1, 2, 3]);
    expect(edited[1]?.body).toBe('edited');
    // The list it was given is left as it was: the rune class assigns the new one.
    expect(list[1]?.body).toBe('message 2');
  });
});

describe('mergeBySeq', () => {
  it('merges a stale page and a replay that overlap into one gapless, doubled-free list', () => {
    const stale = [message(4), message(5), message(6)];
    const replay = [message(6, 'edited while away'), message(7), message(8)];
    const older = [message(1), message(2), message(3), message(4)];
    const merged = mergeBySeq(mergeBySeq(stale, replay), older);
    expect(seqs(merged)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(merged.find((item) => item.seq === 6)?.body).toBe('edited while away');
  });
});

describe('replaceKnown', () => {
  it('updates a message on screen and ignores one that is not (an update to an older page)', () => {
    const list = [message(5), message(6)];
    expect(replaceKnown(list, message(6, 'reacted'))[1]?.body).toBe('reacted');
    expect(seqs(replaceKnown(list, message(2)))).toEqual([5, 6]);
  });
});

describe('pending messages', () => {
  const waiting: PendingMessage[] = [
    { clientId: 'one', body: 'Hej', threadId: null, status: 'sending', error: null },
    { clientId: 'two', body: 'Svar', threadId: 'm1', status: 'sending', error: null },
  ];

  it('drops the one the server confirmed, and only that one', () => {
    expect(settlePending(waiting, 'one').map((entry) => entry.clientId)).toEqual(['two']);
    expect(settlePending(waiting, 'unknown')).toEqual(waiting);
  });

  it('shows a refusal with its reason, and sends it again with the same clientId', () => {
    const failed = failPending(waiting, 'two', 'For lang');
    expect(failed[1]).toEqual({ ...waiting[1], status: 'failed', error: 'For lang' });
    expect(failed[0]).toBe(waiting[0]);
    const again = resendPending(failed, 'two');
    expect(again[1]).toEqual({ ...waiting[1], status: 'sending', error: null });
  });
});
