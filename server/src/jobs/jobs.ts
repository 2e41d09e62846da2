import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '@spejl/db';
import { fromPglite, PgBoss } from 'pg-boss';

/** A job's handler: gets the data it was sent with. Throwing makes the queue retry it later. */
export type JobHandler<T> = (data: T) => Promise<void>;

export interface SendOptions {
  /** Run no earlier than this time. */
  startAfter?: Date;
  /**
   * At most one queued job per key: sending the same key again while one waits does nothing. Use it to make
   * "schedule the reminder" safe to call twice.
   */
  singletonKey?: string;
  /** Retries after a failure (default 5, with backoff). */
  retryLimit?: number;
}

/**
 * The durable job queue (pg-boss) in the application's own database, over PGlite or PostgreSQL. Jobs survive a
 * restart; handlers must still be idempotent, because a job that was running when the process died runs again.
 */
export interface Jobs {
  /** Registers the handler for a queue (creating the queue). Call before `start`, or after: both work. */
  work<T extends object>(queue: string, handler: JobHandler<T>): Promise<void>;
  /** Sends a job; returns its id, or null when a job with the same singletonKey is already waiting. */
  send(queue: string, data: object, options?: SendOptions): Promise<string | null>;
  /** Cancels waiting jobs with this singletonKey (for example the reminders of a cancelled event). */
  cancelByKey(queue: string, singletonKey: string): Promise<void>;
  /** Sends a job on a cron schedule (UTC), once across all processes; needs `scheduling` on. */
  schedule(queue: string, cron: string, data?: object): Promise<void>;
  /** Jobs that are waiting or running in a queue (for tests and the admin overview). */
  pending(queue: string): Promise<Array<{ id: string; data: unknown; startAfter: Date; state: string }>>;
  stop(): Promise<void>;
}

export interface JobsOptions {
  /** How often idle workers look for due jobs, in seconds (tests shorten it). */
  pollingIntervalSeconds?: number;
  onError?: (error: unknown) => void;
  /** Runs the cron scheduler (the server does; tests send jobs themselves). */
  scheduling?: boolean;
}

/** Starts pg-boss on the application's database: its own small pool on PostgreSQL, PGlite's one connection otherwise. */
export async function startJobs(database: DatabaseHandle, options: JobsOptions = {}): Promise<Jobs> {
  const polling = options.pollingIntervalSeconds ?? 2;
  const common = {
    schema: 'pgboss',
    // The cron scheduler keeps timers running; only the server wants it.
    schedule: options.scheduling ?? false,
    monitorIntervalSeconds: 60,
  } as const;
  let boss: PgBoss;
  if (database.kind === 'postgres') {
    if (!database.url) throw new Error('the job queue needs the PostgreSQL connection string');
    boss = new PgBoss({ ...common, connectionString: database.url, max: 3 });
  } else {
    if (!database.pglite) throw new Error('the job queue needs the PGlite instance');
    boss = new PgBoss({ ...common, db: fromPglite(database.pglite), backend: 'pglite' });
  }
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();

  const created = new Set<string>();
  async function ensureQueue(queue: string) {
    if (created.has(queue)) return;
    // `short`: at most one waiting job per singletonKey. Jobs sent without a key get a unique one.
    await boss.createQueue(queue, { policy: 'short' });
    created.add(queue);
  }

  return {
    async work(queue, handler) {
      await ensureQueue(queue);
      await boss.work<object>(queue, { pollingIntervalSeconds: polling, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) await handler(job.data as never);
      });
    },
    async send(queue, data, sendOptions = {}) {
      await ensureQueue(queue);
      return boss.send(queue, data, {
        ...(sendOptions.startAfter ? { startAfter: sendOptions.startAfter } : {}),
        singletonKey: sendOptions.singletonKey ?? randomUUID(),
        retryLimit: sendOptions.retryLimit ?? 5,
        retryBackoff: true,
        retryDelay: 5,
      });
    },
    async schedule(queue, cron, data = {}) {
      await ensureQueue(queue);
      await boss.schedule(queue, cron, data, { tz: 'UTC' });
    },
    async cancelByKey(queue, singletonKey) {
      await ensureQueue(queue);
      const waiting = await boss.findJobs(queue, { key: singletonKey, queued: true });
      if (waiting.length > 0)
        await boss.cancel(
          queue,
          waiting.map((job) => job.id),
        );
    },
    async pending(queue) {
      await ensureQueue(queue);
      const jobs = await boss.findJobs(queue, { queued: true });
      return jobs.map((job) => ({
        id: job.id,
        data: job.data,
        startAfter: job.startAfter,
        state: job.state,
      }));
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
}
