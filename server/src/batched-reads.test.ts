import { describe, expect, it } from 'vitest';
import { batchedReads } from './batched-reads.ts';

/** A read that answers each key with its double, after a moment, and records which keys each call was given. */
function doubling(delayMs = 20) {
  const calls: number[][] = [];
  const read = batchedReads(async (keys: readonly number[]) => {
    calls.push([...keys]);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return keys.map((key) => (key < 0 ? undefined : key * 2));
  });
  return { calls, read };
}

describe('batchedReads', () => {
  it('reads a key asked alone at once, by itself', async () => {
    const { calls, read } = doubling();
    expect(await read(4)).toBe(8);
    expect(calls).toEqual([[4]]);
  });

  it('sends the keys asked while a read is on its way together in the next read, each answered with its own', async () => {
    const { calls, read } = doubling();
    const first = read(1);
    // Asked in later turns of the event loop, while the first read is on its way.
    const later: Array<Promise<number | undefined>> = [];
    for (const key of [2, 3, -1, 5]) {
      await new Promise((resolve) => setImmediate(resolve));
      later.push(read(key));
    }
    expect(await first).toBe(2);
    expect(await Promise.all(later)).toEqual([4, 6, undefined, 10]);
    expect(calls).toEqual([[1], [2, 3, -1, 5]]);
  });

  it('passes a failed read’s error to each of its keys, and reads the next ones afresh', async () => {
    let fail = true;
    const read = batchedReads(async (keys: readonly string[]) => {
      if (fail) throw new Error('database gone');
      return keys.map((key) => key.toUpperCase());
    });
    await expect(Promise.all([read('a'), read('b')])).rejects.toThrow('database gone');
    fail = false;
    expect(await Promise.all([read('c'), read('d')])).toEqual(['C', 'D']);
  });
});
