import { createTestDatabase } from '@spejl/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../testing/app.ts';
import { type Jobs, startJobs } from './jobs.ts';

describe('the job queue', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let jobs: Jobs;

  beforeAll(async () => {
    database = await createTestDatabase(repoRoot);
    jobs = await startJobs(database, { pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await jobs.stop();
    await database.close();
  });

  it('runs a job that was sent, with its data', async () => {
    const seen: unknown[] = [];
    await jobs.work<{ n: number }>('test-run', async (data) => {
      seen.push(data.n);
    });
    await jobs.send('test-run', { n: 7 });
    await expect.poll(() => seen, { timeout: 10_000 }).toEqual([7]);
  });

  it('waits until startAfter', async () => {
    const seen: number[] = [];
    await jobs.work<{ at: number }>('test-later', async () => {
      seen.push(Date.now());
    });
    const sentAt = Date.now();
    await jobs.send('test-later', { at: sentAt }, { startAfter: new Date(sentAt + 2000) });
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(1);
    expect(seen[0]! - sentAt).toBeGreaterThanOrEqual(1900);
  });

  it('keeps one waiting job per singletonKey, and cancels by key', async () => {
    const later = new Date(Date.now() + 60 * 60 * 1000);
    const first = await jobs.send('test-key', { a: 1 }, { startAfter: later, singletonKey: 'k1' });
    const second = await jobs.send('test-key', { a: 2 }, { startAfter: later, singletonKey: 'k1' });
    const other = await jobs.send('test-key', { a: 3 }, { startAfter: later, singletonKey: 'k2' });
    expect(first).toBeTruthy();
    expect(second).toBeNull();
    expect(other).toBeTruthy();
    expect((await jobs.pending('test-key')).map((job) => job.data)).toEqual([{ a: 1 }, { a: 3 }]);
    await jobs.cancelByKey('test-key', 'k1');
    expect((await jobs.pending('test-key')).map((job) => job.data)).toEqual([{ a: 3 }]);
  });

  it('retries a job whose handler throws', async () => {
    let attempts = 0;
    await jobs.work('test-retry', async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('first attempt fails');
    });
    await jobs.send('test-retry', {}, { retryLimit: 2 });
    await expect.poll(() => attempts, { timeout: 30_000 }).toBe(2);
  });
});
