import type { Clock } from '../clock.ts';
import { AppError } from './errors.ts';

export interface RateRule {
  limit: number;
  windowMs: number;
}

/**
 * Counts hits per key in fixed windows, in this process's memory, synchronously, so a hit costs no round trip. Kept
 * for two kinds of counter (`rateRules` below, and video.gateway.ts's `videoRateRules`): those that belong to one
 * connection (video signalling), and the per-person send limits on the chat's and the live room's hot paths. Every
 * other limit is declared on its route (`config.limits`, route-limits.ts) and counted in the store BUS chooses, so
 * all processes share it; N processes allow N times what these say.
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
 * The per-person send limits, counted in one process's memory on purpose: they run on every chat message and
 * reaction (REST and the WebSocket share them) and on the live room's chat, questions and polls, where a shared
 * counter would add a PostgreSQL or Redis round trip to each. With N processes a person may send N times these; on
 * the socket each process also holds them to the socket cap per person (20) and each connection's frame bucket.
 */
export const rateRules = {
  /** Chat messages per person, over REST and the WebSocket (messages.service.ts): generous for people, not scripts. */
  messageSendsPerPerson: { limit: 60, windowMs: 60_000 },
  /** Reactions added or removed per person, over REST and the WebSocket (messages.service.ts `react`). */
  reactionsPerPerson: { limit: 60, windowMs: 60_000 },
  /** Live-room chat messages per person (webinars.room.ts). */
  roomChatPerPerson: { limit: 20, windowMs: 60_000 },
  /** Questions asked in a live room per person (webinars.room.ts). */
  roomQuestionsPerPerson: { limit: 10, windowMs: 60_000 },
  /** Polls a host starts in a live room (webinars.room.ts). */
  roomPollsPerPerson: { limit: 30, windowMs: 60 * 60_000 },
} as const satisfies Record<string, RateRule>;
