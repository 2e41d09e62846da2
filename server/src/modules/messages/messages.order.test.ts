import { afterEach, describe, expect, it, vi } from 'vitest';
import { SeqOrder } from './messages.order.ts';

describe('SeqOrder', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function collect(waitMs = 100) {
    const released: number[] = [];
    const order = new SeqOrder<{ seq: number }>((event) => released.push(event.seq), waitMs);
    return { released, push: (seq: number) => order.push({ seq }), order };
  }

  it('passes events that arrive in order straight through', () => {
    const { released, push } = collect();
    for (const seq of [4, 5, 6]) push(seq);
    expect(released).toEqual([4, 5, 6]);
  });

  it('holds an event that overtook the one before it until that one arrives', () => {
    const { released, push } = collect();
    push(1);
    push(3);
    push(4);
    expect(released).toEqual([1]);
    push(2);
    expect(released).toEqual([1, 2, 3, 4]);
  });

  it('lets old events and resends through at once; the sockets drop what they already have', () => {
    const { released, push } = collect();
    push(5);
    push(6);
    push(3);
    push(6);
    expect(released).toEqual([5, 6, 3, 6]);
  });

  it('gives up waiting after a while and releases what it holds, in order', () => {
    vi.useFakeTimers();
    const { released, push } = collect(100);
    push(1);
    push(4);
    push(3);
    vi.advanceTimersByTime(99);
    expect(released).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(released).toEqual([1, 3, 4]);
    push(2);
    push(5);
    expect(released).toEqual([1, 3, 4, 2, 5]);
  });

  it('forgets what it holds when stopped', () => {
    vi.useFakeTimers();
    const { released, push, order } = collect(100);
    push(1);
    push(3);
    order.stop();
    vi.advanceTimersByTime(500);
    expect(released).toEqual([1]);
  });
});
