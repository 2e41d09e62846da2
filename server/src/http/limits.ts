import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { RawSql } from '@spejl/db';
import {
  type RateLimiterAbstract,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterStoreAbstract as StoreAbstractType,
} from 'rate-limiter-flexible';
import type { Clock } from '../clock.ts';

// The README's extension point for stores ("must be extended from RateLimiterStoreAbstract") is declared in the
// package's types but missing from its index, so it is loaded from its file.
const RateLimiterStoreAbstract: typeof StoreAbstractType = createRequire(import.meta.url)(
  'rate-limiter-flexible/lib/RateLimiterStoreAbstract.js',
);

/** A named counter: at most `points` attempts per key in a fixed window of `durationSeconds`. */
export interface LimitRule {
  readonly name: string;
  readonly points: number;
  readonly durationSeconds: number;
}

/** A rule, for declaring next to a route: `limitRule('sign-in-failures:account', 100, 15 * 60)`. */
export function limitRule(name: string, points: number, durationSeconds: number): LimitRule {
  return { name, points, durationSeconds };
}

export interface LimitDecision {
  allowed: boolean;
  /** Seconds until the window ends; what a 429 puts in Retry-After. */
  retryAfterSeconds: number;
}

/**
 * Where every process counts: counting is one atomic step in the store (increment, then compare), so two requests
 * can never both take the last attempt, in one process or across several.
 */
export interface LimitStore {
  readonly kind: 'memory' | 'postgres' | 'redis';
  /** Takes one attempt from the key's budget; refused when the budget was already spent. */
  consume(rule: LimitRule, key: readonly string[]): Promise<LimitDecision>;
  /** Gives one attempt back (it turned out not to count, such as a right password). */
  refund(rule: LimitRule, key: readonly string[]): Promise<void>;
  /** Forgets the key's attempts (a reset proved who the person is). */
  clear(rule: LimitRule, key: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The key as stored: a hash, so the store holds no email or address (counters are personal data too, and a
 * PostgreSQL or Redis store is read by more people than the process memory is).
 */
export function storedKey(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 32);
}

interface Counter {
  points: number;
  /** Milliseconds since the epoch, on the app's clock. */
  expiresAt: number;
}

/** Turns a stored counter into the library's answer. */
function toResult(limiter: RateLimiterAbstract, counter: Counter, changedPoints: number, now: number) {
  return new RateLimiterRes(
    Math.max(limiter.points - counter.points, 0),
    Math.max(counter.expiresAt - now, 0),
    counter.points,
    counter.points === changedPoints,
  );
}

/**
 * One process's counters, on the library's store extension point rather than RateLimiterMemory: that class reads
 * `Date.now()`, and here the app's clock decides when a window ends, as it decides every other deadline (tests move
 * it). JavaScript runs the increment in one step, so it is atomic within the process.
 */
class ClockedMemoryLimiter extends RateLimiterStoreAbstract {
  private readonly counters: Map<string, Counter>;
  private readonly clock: Clock;
  constructor(rule: LimitRule, clock: Clock) {
    const counters = new Map<string, Counter>();
    super({
      storeClient: counters,
      keyPrefix: rule.name,
      points: rule.points,
      duration: rule.durationSeconds,
    });
    this.counters = counters;
    this.clock = clock;
  }

  _getRateLimiterRes(_key: string, changedPoints: number, counter: Counter) {
    return toResult(this, counter, changedPoints, this.clock.now().getTime());
  }

  async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<Counter> {
    const now = this.clock.now().getTime();
    const current = this.counters.get(key);
    const fresh = forceExpire || !current || current.expiresAt <= now;
    // Never below zero: a refund that arrives after its window ended (or after a clear) gives nothing extra.
    const counter = fresh
      ? { points: Math.max(points, 0), expiresAt: now + msDuration }
      : { points: Math.max(current.points + points, 0), expiresAt: current.expiresAt };
    this.counters.set(key, counter);
    if (fresh && this.counters.size > 50_000) this.sweep(now);
    return counter;
  }

  async _get(key: string): Promise<Counter | null> {
    const counter = this.counters.get(key);
    return counter && counter.expiresAt > this.clock.now().getTime() ? counter : null;
  }

  async _delete(key: string): Promise<boolean> {
    return this.counters.delete(key);
  }

  private sweep(now: number) {
    for (const [key, counter] of this.counters) if (counter.expiresAt <= now) this.counters.delete(key);
  }
}

const counterTable = 'rate_limit_counters';

/** The library's increment script, kept from going below zero as the other stores are. */
const redisIncrement = `redis.call('set', KEYS[1], 0, 'EX', ARGV[2], 'NX')
local consumed = redis.call('incrby', KEYS[1], ARGV[1])
if consumed < 0 then
  redis.call('set', KEYS[1], 0, 'KEEPTTL')
  consumed = 0
end
local ttl = redis.call('pttl', KEYS[1])
if ttl == -1 then
  redis.call('expire', KEYS[1], ARGV[2])
  ttl = 1000 * ARGV[2]
end
return {consumed, ttl}`;

/**
 * Counters in PostgreSQL, shared by every process on the database. The library's RateLimiterPostgres wants a `pg`
 * client (it calls `query({name, text, values})` and reads `rowCount`); the app speaks postgres.js, so this is the
 * same atomic upsert written on the store extension point, over the app's pool, on the app's clock. The table is
 * created on start as the library does, not by a migration: it is the limiter's own scratch space, UNLOGGED
 * (no WAL for a hot write path; a crash forgets some failures, which only forgives them).
 */
class PostgresLimiter extends RateLimiterStoreAbstract {
  private readonly raw: RawSql;
  private readonly clock: Clock;
  constructor(rule: LimitRule, raw: RawSql, clock: Clock) {
    super({ storeClient: raw, keyPrefix: rule.name, points: rule.points, duration: rule.durationSeconds });
    this.raw = raw;
    this.clock = clock;
  }

  _getRateLimiterRes(_key: string, changedPoints: number, counter: Counter) {
    return toResult(this, counter, changedPoints, this.clock.now().getTime());
  }

  async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<Counter> {
    const now = this.clock.now().getTime();
    // One statement: a concurrent insert of the same key waits for the row lock and then adds to it.
    const { rows } = await this.raw.query(
      `insert into ${counterTable} as counter (key, points, expires_at)
       values ($1, greatest(0, $2::integer), $3::bigint)
       on conflict (key) do update set
         points = greatest(0, case when counter.expires_at <= $4::bigint or $5::boolean then $2::integer
                                   else counter.points + $2::integer end),
         expires_at = case when counter.expires_at <= $4::bigint or $5::boolean then excluded.expires_at
                           else counter.expires_at end
       returning points, expires_at`,
      [key, points, now + msDuration, now, forceExpire],
    );
    const row = rows[0]!;
    return { points: Number(row.points), expiresAt: Number(row.expires_at) };
  }

  async _get(key: string): Promise<Counter | null> {
    const { rows } = await this.raw.query(
      `select points, expires_at from ${counterTable} where key = $1 and expires_at > $2::bigint`,
      [key, this.clock.now().getTime()],
    );
    const row = rows[0];
    return row ? { points: Number(row.points), expiresAt: Number(row.expires_at) } : null;
  }

  async _delete(key: string): Promise<boolean> {
    const { rows } = await this.raw.query(`delete from ${counterTable} where key = $1 returning key`, [key]);
    return rows.length > 0;
  }
}

async function createCounterTable(raw: RawSql) {
  try {
    await raw.query(
      `create unlogged table if not exists ${counterTable} (
         key text primary key,
         points integer not null,
         expires_at bigint not null
       )`,
    );
  } catch (error) {
    // Two processes starting at once: PostgreSQL can refuse the loser's CREATE ... IF NOT EXISTS.
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42P07') throw error;
  }
}

export interface LimitStoreOptions {
  /** Where the bus runs decides where counters live: one process (memory) or all of them (postgres, redis). */
  kind: 'memory' | 'postgres' | 'redis';
  clock: Clock;
  /** The app's database, for `postgres`. */
  raw?: RawSql;
  /** For `redis`. */
  redisUrl?: string | undefined;
  /**
   * Which deployment the counters belong to (its public origin): several Spejl installs, or test servers, may share
   * one Redis, and must not share each other's budgets. PostgreSQL's counters live in the deployment's own database.
   */
  namespace?: string;
  /** Failures nobody awaits: a dropped Redis connection, a failed sweep of old counters. */
  onError?: (error: unknown, context: string) => void;
}

/** Opens the store the deployment needs: memory for one process, PostgreSQL or Redis when BUS says several. */
export async function createLimitStore(options: LimitStoreOptions): Promise<LimitStore> {
  const onError = options.onError ?? ((error, context) => console.error(`rate limits: ${context}`, error));
  const limiters = new Map<string, { rule: LimitRule; limiter: RateLimiterAbstract }>();
  let close = async () => {};
  let make: (rule: LimitRule) => RateLimiterAbstract;

  switch (options.kind) {
    case 'memory':
      make = (rule) => new ClockedMemoryLimiter(rule, options.clock);
      break;
    case 'postgres': {
      const raw = options.raw;
      if (!raw) throw new Error('Rate limits in PostgreSQL need the database.');
      await createCounterTable(raw);
      make = (rule) => new PostgresLimiter(rule, raw, options.clock);
      // Expired counters are only overwritten when their key comes back; the rest are swept now and then.
      const sweep = setInterval(() => {
        raw
          .query(`delete from ${counterTable} where expires_at < $1::bigint`, [options.clock.now().getTime()])
          .catch((error) => onError(error, 'sweeping expired counters'));
      }, 5 * 60_000);
      sweep.unref();
      close = async () => clearInterval(sweep);
      break;
    }
    case 'redis': {
      if (!options.redisUrl) throw new Error('Rate limits in Redis need REDIS_URL.');
      // Loaded only when chosen, as the Redis bus is.
      const { createClient } = await import('redis');
      let connected = false;
      const client = createClient({
        url: options.redisUrl,
        name: 'spejl-limits',
        // As the Redis bus: once connected, reconnect forever; before that, give up soon so a start does not hang.
        socket: {
          reconnectStrategy: (retries, cause) =>
            !connected && retries >= 5 ? cause : Math.min(2 ** retries * 50, 2000),
        },
      });
      client.on('error', (error) => onError(error, 'redis connection'));
      await client.connect();
      connected = true;
      const deployment = createHash('sha256')
        .update(options.namespace ?? '')
        .digest('hex')
        .slice(0, 16);
      make = (rule) =>
        new RateLimiterRedis({
          storeClient: client,
          useRedisPackage: true,
          rejectIfRedisNotReady: true,
          customIncrTtlLuaScript: redisIncrement,
          keyPrefix: `spejl-limit:${deployment}:${rule.name}`,
          points: rule.points,
          duration: rule.durationSeconds,
          // While Redis is away each process counts on its own rather than refusing every sign-in.
          insuranceLimiter: new ClockedMemoryLimiter(rule, options.clock),
        });
      close = async () => {
        await client.close();
      };
      break;
    }
  }

  function limiterFor(rule: LimitRule): RateLimiterAbstract {
    const known = limiters.get(rule.name);
    if (known) {
      if (known.rule.points !== rule.points || known.rule.durationSeconds !== rule.durationSeconds)
        throw new Error(`Two rate-limit rules are named ${rule.name} with different numbers.`);
      return known.limiter;
    }
    const limiter = make(rule);
    limiters.set(rule.name, { rule, limiter });
    return limiter;
  }

  return {
    kind: options.kind,
    async consume(rule, key) {
      try {
        const result = await limiterFor(rule).consume(storedKey(key));
        return { allowed: true, retryAfterSeconds: secondsOf(result) };
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes)
          return { allowed: false, retryAfterSeconds: secondsOf(refusal) };
        throw refusal;
      }
    },
    async refund(rule, key) {
      await limiterFor(rule).reward(storedKey(key));
    },
    async clear(rule, key) {
      await limiterFor(rule).delete(storedKey(key));
    },
    close: () => close(),
  };
}

function secondsOf(result: RateLimiterRes): number {
  return Math.max(1, Math.ceil(result.msBeforeNext / 1000));
}
