import type { Clock } from '../clock.ts';
import { AppError } from './errors.ts';

export interface RateRule {
  limit: number;
  windowMs: number;
}

/**
 * Counts hits per key in fixed windows, in this process's memory, synchronously: for counters that belong to one
 * connection (video signalling, live rooms) and for service limits not yet declared on their routes. What must
 * hold across processes is declared on the route instead (route-limits.ts).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly clock: Clock;
  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** Records a hit; throws 429 `rate_limited` with Retry-After once the rule's limit is passed. */
  hit(key: string, rule: RateRule): void {
    const wait = this.consume(key, rule);
    if (wait > 0) throw new AppError('rate_limited', { headers: { 'retry-after': String(wait) } });
  }

  /** Throws 429 if the key is already over its limit, without counting a hit. */
  check(key: string, rule: RateRule): void {
    const now = this.clock.now().getTime();
    const window = this.windows.get(key);
    if (window && window.resetAt > now && window.count >= rule.limit) {
      const wait = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
      throw new AppError('rate_limited', { headers: { 'retry-after': String(wait) } });
    }
  }

  /** Records a hit and returns the seconds to wait (0 when allowed). */
  consume(key: string, rule: RateRule): number {
    const now = this.clock.now().getTime();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + rule.windowMs };
      this.windows.set(key, window);
      if (this.windows.size > 50_000) this.sweep(now);
    }
    window.count += 1;
    if (window.count > rule.limit) return Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    return 0;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

/**
 * Rules still counted in one process's memory. Limits that routes declare (`config.limits`, route-limits.ts) count
 * in the store BUS chooses and are shared by every process; these are the ones not yet moved there.
 */
export const rateRules = {
  /** Suspension appeal links per address (moderation.appeals.ts). */
  inviteUsePerUser: { limit: 30, windowMs: 60 * 60_000 },
  /** Consent changes per person (privacy.service.ts). */
  groupActionsPerUser: { limit: 120, windowMs: 60 * 60_000 },
} as const satisfies Record<string, RateRule>;
