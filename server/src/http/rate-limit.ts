import type { Clock } from '../clock.ts';
import { AppError } from './errors.ts';

export interface RateRule {
  limit: number;
  windowMs: number;
}

/** Counts hits per key in fixed windows. In memory: per process (see docs/SECURITY.md for scale-out). */
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

export const rateRules = {
  /** Failed sign-ins for one account from one address. */
  loginPerAccount: { limit: 10, windowMs: 15 * 60_000 },
  /** Failed sign-ins for one account from anywhere: high, so nobody can lock an owner out. */
  loginPerAccountAnywhere: { limit: 100, windowMs: 15 * 60_000 },
  loginPerIp: { limit: 50, windowMs: 15 * 60_000 },
  signupPerIp: { limit: 10, windowMs: 60 * 60_000 },
  mailPerAccount: { limit: 5, windowMs: 60 * 60_000 },
  mailPerIp: { limit: 20, windowMs: 60 * 60_000 },
  totpPerUser: { limit: 10, windowMs: 15 * 60_000 },
  passwordPerUser: { limit: 10, windowMs: 15 * 60_000 },
  joinRequestsPerUser: { limit: 20, windowMs: 60 * 60_000 },
  inviteUsePerUser: { limit: 30, windowMs: 60 * 60_000 },
  groupActionsPerUser: { limit: 120, windowMs: 60 * 60_000 },
} as const satisfies Record<string, RateRule>;
