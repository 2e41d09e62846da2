import type { ErrorCode } from '@spejl/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import type { LimitRule, LimitStore } from './limits.ts';

/**
 * A rate limit as a route declares it, in its `config.limits`, so the route's numbers are read where it is
 * declared (docs/SECURITY.md's table lists them all).
 */
export interface RouteLimit {
  rule: LimitRule;
  /** What the counter is kept per, read from the validated request (an address, an account, a person); null skips it. */
  key: (request: FastifyRequest) => readonly string[] | null;
  /**
   * Only attempts that end in one of these outcomes stay counted: an error code (a wrong password), or `success`
   * (a mail that was sent); any other outcome gives its attempt back. Unset: every attempt counts, whatever its answer.
   */
  countsOnly?: readonly (ErrorCode | 'success')[];
  /** A success forgets the counter: the owner proved the secret, so their earlier mistakes from here stop counting. */
  clearOnSuccess?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Counted in `registerRouteLimits`, before the handler runs. */
    limits?: readonly RouteLimit[];
  }
}

interface Taken {
  counted: Array<{ limit: RouteLimit; key: readonly string[] }>;
  errorCode?: string;
}

/**
 * Enforces every route's `config.limits`. An attempt is counted before it is evaluated, in one atomic step of the
 * store, and refused once the budget is spent; so of 50 simultaneous wrong passwords at most the limit reach the
 * password check, in one process or in several. Once the answer is known, attempts that turned out not to count
 * are given back.
 */
export function registerRouteLimits(
  app: FastifyInstance,
  store: LimitStore,
  onError: (error: unknown) => void,
): void {
  const taken = new WeakMap<FastifyRequest, Taken>();

  app.addHook('preHandler', async (request) => {
    const limits = request.routeOptions.config.limits;
    if (!limits || limits.length === 0) return;
    const entry: Taken = { counted: [] };
    for (const limit of limits) {
      const key = limit.key(request);
      if (!key) continue;
      const decision = await store.consume(limit.rule, key);
      if (!decision.allowed) {
        // A refused request is no attempt: it gives back what it took, the refusing counter's point included.
        await Promise.all(
          [...entry.counted, { limit, key }].map(({ limit: taken, key: takenKey }) =>
            store.refund(taken.rule, takenKey),
          ),
        );
        throw new AppError('rate_limited', {
          headers: { 'retry-after': String(decision.retryAfterSeconds) },
        });
      }
      entry.counted.push({ limit, key });
    }
    taken.set(request, entry);
  });

  // Runs before the error handler answers: the code decides which attempts stay counted.
  app.addHook('onError', async (request, _reply, error) => {
    const entry = taken.get(request);
    if (entry) entry.errorCode = (error as { code?: string }).code;
  });

  app.addHook('onSend', async (request, reply) => {
    const entry = taken.get(request);
    if (!entry) return;
    taken.delete(request);
    const succeeded = reply.statusCode < 400;
    const outcome = succeeded ? 'success' : (entry.errorCode as ErrorCode | undefined);
    try {
      await Promise.all(
        entry.counted.map(({ limit, key }) => {
          if (succeeded && limit.clearOnSuccess) return store.clear(limit.rule, key);
          const counts = !limit.countsOnly || (outcome !== undefined && limit.countsOnly.includes(outcome));
          return counts ? undefined : store.refund(limit.rule, key);
        }),
      );
    } catch (error) {
      // The answer stands; a refund that failed leaves an attempt counted, which errs on the safe side.
      onError(error);
    }
  });
}
