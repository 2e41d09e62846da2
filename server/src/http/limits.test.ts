import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { createSharedPostgres } from '../testing/app.ts';
import { registerErrorHandler } from './error-handler.ts';
import { AppError } from './errors.ts';
import { createLimitStore, type LimitStore, limitRule, storedKey } from './limits.ts';
import { registerRouteLimits } from './route-limits.ts';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** A rule name no other run on the same Redis or database uses. */
const fresh = (points = 10, seconds = 900) =>
  limitRule(`test-${randomBytes(6).toString('hex')}`, points, seconds);

describe.each(['memory', 'postgres', 'redis'] as const)('the %s store', (kind) => {
  let database: Awaited<ReturnType<typeof createSharedPostgres>> | undefined;
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  const stores: LimitStore[] = [];
  const open = async () => {
    const store = await createLimitStore({
      kind,
      clock,
      ...(database ? { raw: database.raw } : {}),
      redisUrl,
    });
    stores.push(store);
    return store;
  };
  beforeAll(async () => {
    if (kind === 'postgres') database = await createSharedPostgres();
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    await database?.close();
  });

  it('lets exactly the limit through when 50 attempts arrive at once', async () => {
    const store = await open();
    const rule = fresh(10);
    const decisions = await Promise.all(
      Array.from({ length: 50 }, () => store.consume(rule, ['anna@example.test'])),
    );
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
    const refused = decisions.find((decision) => !decision.allowed)!;
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(900);
    // Other keys have their own budget.
    expect((await store.consume(rule, ['bo@example.test'])).allowed).toBe(true);
  });

  it('gives an attempt back, forgets a key, and never goes below zero', async () => {
    const store = await open();
    const rule = fresh(2);
    const key = ['10.0.0.1'];
    await store.consume(rule, key);
    await store.consume(rule, key);
    expect((await store.consume(rule, key)).allowed).toBe(false);
    await store.refund(rule, key);
    await store.refund(rule, key);
    expect((await store.consume(rule, key)).allowed).toBe(true);
    await store.clear(rule, key);
    for (let i = 0; i < 5; i++) await store.refund(rule, key);
    expect((await store.consume(rule, key)).allowed).toBe(true);
    expect((await store.consume(rule, key)).allowed).toBe(true);
    expect((await store.consume(rule, key)).allowed).toBe(false);
  });

  // Memory and PostgreSQL count windows on the app's clock; Redis expires keys on its own clock, in real time.
  it(`ends the window when ${kind === 'redis' ? 'Redis’s clock' : 'the app clock'} says so`, async () => {
    const store = await open();
    const rule = fresh(1, kind === 'redis' ? 1 : 60);
    expect((await store.consume(rule, ['k'])).allowed).toBe(true);
    expect((await store.consume(rule, ['k'])).allowed).toBe(false);
    if (kind === 'redis') await new Promise((resolve) => setTimeout(resolve, 1200));
    else clock.advance(61_000);
    expect((await store.consume(rule, ['k'])).allowed).toBe(true);
  });

  it(
    kind === 'memory'
      ? 'is a budget per process (why BUS=postgres or redis moves counters out)'
      : 'is one budget for two processes',
    async () => {
      const [first, second] = [await open(), await open()];
      const rule = fresh(10);
      const decisions = await Promise.all(
        Array.from({ length: 40 }, (_, index) => (index % 2 ? first : second).consume(rule, ['shared'])),
      );
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(kind === 'memory' ? 20 : 10);
    },
  );

  it('refuses two rules with one name and different numbers', async () => {
    const store = await open();
    const rule = fresh(10);
    await store.consume(rule, ['x']);
    await expect(store.consume({ ...rule, points: 11 }, ['x'])).rejects.toThrow(/different numbers/);
  });
});

it('keeps no email or address in the stored key', () => {
  const key = storedKey(['anna@example.test', '10.0.0.1']);
  expect(key).not.toContain('anna');
  expect(key).not.toContain('10.0.0.1');
  expect(key).toBe(storedKey(['anna@example.test', '10.0.0.1']));
  expect(key).not.toBe(storedKey(['anna@example.test10.0.0.1']));
});

describe('limits declared on a route', () => {
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  let store: LimitStore;
  let app: FastifyInstance;
  let evaluated = 0;
  const guesses = {
    rule: limitRule('guesses', 3, 60),
    key: () => ['one'],
    countsOnly: ['auth.invalid_credentials'],
  } as const;
  const perCaller = { rule: limitRule('calls', 5, 60), key: () => ['one'] };
  beforeAll(async () => {
    store = await createLimitStore({ kind: 'memory', clock });
    app = Fastify();
    registerErrorHandler(app);
    registerRouteLimits(app, store, (error) => {
      throw error;
    });
    app.decorateRequest('locale', 'da');
    app.post<{ Body: { secret: string } }>(
      '/guess',
      { config: { limits: [{ ...guesses, clearOnSuccess: true }] } },
      async (request) => {
        evaluated += 1;
        if (request.body.secret !== 'right') throw new AppError('auth.invalid_credentials');
        return { ok: true };
      },
    );
    app.post('/call', { config: { limits: [perCaller] } }, async () => ({ ok: true }));
    app.post<{ Body: { secret: string } }>(
      '/mail',
      {
        config: {
          limits: [{ rule: limitRule('mails', 2, 60), key: () => ['one'], countsOnly: ['success'] }],
        },
      },
      async (request) => {
        if (request.body.secret !== 'right') throw new AppError('auth.password_common');
        return { sent: true };
      },
    );
    app.post('/fail', { config: { limits: [{ ...guesses, rule: limitRule('fails', 3, 60) }] } }, async () => {
      throw new AppError('auth.mfa_required');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });
  const post = (url: string, secret = 'wrong') => app.inject({ method: 'POST', url, payload: { secret } });

  it('counts before the handler runs, so simultaneous guesses cannot pass the limit', async () => {
    evaluated = 0;
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('/guess')));
    expect(evaluated).toBe(3);
    expect(answers.filter((answer) => answer.statusCode === 429)).toHaveLength(17);
    expect(answers.find((answer) => answer.statusCode === 429)!.headers['retry-after']).toBe('60');
    expect((await post('/guess', 'right')).statusCode).toBe(429);
    clock.advance(61_000);
  });

  it('gives back attempts that end in another answer, and forgets failures after a success', async () => {
    for (let i = 0; i < 10; i++) expect((await post('/fail')).statusCode).toBe(401);
    await post('/guess');
    await post('/guess');
    expect((await post('/guess', 'right')).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) expect((await post('/guess')).statusCode).toBe(401);
    expect((await post('/guess')).statusCode).toBe(429);
    clock.advance(61_000);
  });

  it('counts only successes when told so (a refused sign-up sends no mail)', async () => {
    for (let i = 0; i < 5; i++) expect((await post('/mail')).statusCode).toBe(400);
    expect((await post('/mail', 'right')).statusCode).toBe(200);
    expect((await post('/mail', 'right')).statusCode).toBe(200);
    expect((await post('/mail', 'right')).statusCode).toBe(429);
  });

  it('counts every call when no outcome is named', async () => {
    for (let i = 0; i < 5; i++) expect((await post('/call')).statusCode).toBe(200);
    expect((await post('/call')).statusCode).toBe(429);
  });
});
