import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPostgresBus } from '../../bus/postgres-bus.ts';
import { ManualClock } from '../../clock.ts';
import {
  Client,
  createSharedPostgres,
  createTestApp,
  signUp,
  type TestApp,
  testOrigin,
} from '../../testing/app.ts';
import { testClockStart } from '../../testing/time.ts';
import { totpCodeAt } from './auth.totp.ts';

// Every password and TOTP code the service evaluates passes through these two functions: counting their calls
// counts the guesses that were actually tried, whatever the answers say.
const evaluated = vi.hoisted(() => ({ passwords: 0, totpCodes: 0 }));
vi.mock('./auth.password.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./auth.password.ts')>();
  return {
    ...actual,
    verifyPassword: async (storedHash: string, password: string) => {
      evaluated.passwords += 1;
      return actual.verifyPassword(storedHash, password);
    },
  };
});
vi.mock('./auth.totp.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./auth.totp.ts')>();
  return {
    ...actual,
    matchTotpStep: (...args: Parameters<typeof actual.matchTotpStep>) => {
      evaluated.totpCodes += 1;
      return actual.matchTotpStep(...args);
    },
  };
});

const wrongPassword = 'forkert forkert';
const failuresPerAccountAndAddress = 10;

beforeEach(() => {
  evaluated.passwords = 0;
  evaluated.totpCodes = 0;
});

/** A code that is not the right one now (nor one step either side). */
function wrongCode(key: Uint8Array, clock: { now(): Date }): string {
  const near = [-30_000, 0, 30_000].map((shift) => totpCodeAt(key, new Date(clock.now().getTime() + shift)));
  for (let candidate = 0; ; candidate++) {
    const code = String(candidate).padStart(6, '0');
    if (!near.includes(code)) return code;
  }
}

async function withTotp(t: TestApp) {
  const person = await signUp(t.app);
  const { secret } = (await person.client.post('/api/me/mfa/totp')).json();
  const key = decodeBase32IgnorePadding(secret as string);
  const confirm = await person.client.post('/api/me/mfa/totp/confirm', {
    code: totpCodeAt(key, t.clock.now()),
  });
  expect(confirm.statusCode).toBe(200);
  t.clock.advance(31_000);
  return { ...person, key };
}

describe('sign-in limits under simultaneous attempts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('tries at most 10 of 50 wrong passwords sent at once, then refuses the right one with 429', async () => {
    const { user, password } = await signUp(t.app);
    const attacker = new Client(t.app);
    evaluated.passwords = 0;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        attacker.post('/api/auth/login', { email: user.email, password: wrongPassword }),
      ),
    );
    expect(evaluated.passwords).toBeLessThanOrEqual(failuresPerAccountAndAddress);
    const codes = answers.map((answer) => answer.statusCode);
    expect(codes.filter((code) => code === 401)).toHaveLength(evaluated.passwords);
    expect(codes.filter((code) => code === 429)).toHaveLength(50 - evaluated.passwords);
    const right = await attacker.post('/api/auth/login', { email: user.email, password });
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(evaluated.passwords).toBeLessThanOrEqual(failuresPerAccountAndAddress);
  });

  it('holds over real sockets too: 50 connections at once against a listening server', async () => {
    const { user, password } = await signUp(t.app);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const login = (body: object) =>
      fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: testOrigin },
        body: JSON.stringify(body),
      });
    evaluated.passwords = 0;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => login({ email: user.email, password: wrongPassword })),
    );
    expect(evaluated.passwords).toBeLessThanOrEqual(failuresPerAccountAndAddress);
    expect(answers.filter((answer) => answer.status === 429).length).toBe(50 - evaluated.passwords);
    expect((await login({ email: user.email, password })).status).toBe(429);
  });

  it('tries at most 10 of 50 wrong TOTP codes sent at once with the right password, then refuses the right code', async () => {
    const { user, password, key } = await withTotp(t);
    const attacker = new Client(t.app);
    evaluated.totpCodes = 0;
    const code = wrongCode(key, t.clock);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        attacker.post('/api/auth/login', { email: user.email, password, totp: code }),
      ),
    );
    expect(evaluated.totpCodes).toBeLessThanOrEqual(failuresPerAccountAndAddress);
    expect(answers.filter((answer) => answer.statusCode === 429)).toHaveLength(50 - evaluated.totpCodes);
    const right = await attacker.post('/api/auth/login', {
      email: user.email,
      password,
      totp: totpCodeAt(key, t.clock.now()),
    });
    expect(right.statusCode).toBe(429);
  });

  it('tries at most 10 of 50 TOTP confirmation codes sent at once', async () => {
    const { client } = await signUp(t.app);
    const { secret } = (await client.post('/api/me/mfa/totp')).json();
    const key = decodeBase32IgnorePadding(secret as string);
    evaluated.totpCodes = 0;
    const code = wrongCode(key, t.clock);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => client.post('/api/me/mfa/totp/confirm', { code })),
    );
    expect(evaluated.totpCodes).toBeLessThanOrEqual(10);
    expect(answers.filter((answer) => answer.statusCode === 429)).toHaveLength(50 - evaluated.totpCodes);
    const right = await client.post('/api/me/mfa/totp/confirm', { code: totpCodeAt(key, t.clock.now()) });
    expect(right.statusCode).toBe(429);
  });

  it('does not count a right password and a successful sign-in against the person', async () => {
    const { user, password } = await signUp(t.app);
    const owner = new Client(t.app);
    for (let i = 0; i < 9; i++)
      expect(
        (await owner.post('/api/auth/login', { email: user.email, password: wrongPassword })).statusCode,
      ).toBe(401);
    expect((await owner.post('/api/auth/login', { email: user.email, password })).statusCode).toBe(200);
    // The success cleared this address's failures for the account: ten more mistakes are allowed again.
    for (let i = 0; i < 10; i++)
      expect(
        (await owner.post('/api/auth/login', { email: user.email, password: wrongPassword })).statusCode,
      ).toBe(401);
    expect((await owner.post('/api/auth/login', { email: user.email, password })).statusCode).toBe(429);
  });
});

/**
 * Two app instances on one database, as two processes behind a load balancer: an attacker who spreads guesses
 * over both still gets 10 in total, not 10 per process.
 */
describe.each(['postgres', 'redis'] as const)(
  'sign-in limits shared by two app instances, bus=%s',
  (kind) => {
    const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    let database: Awaited<ReturnType<typeof createSharedPostgres>>;
    let first: TestApp;
    let second: TestApp;
    beforeAll(async () => {
      database = await createSharedPostgres();
      const clock = new ManualClock(testClockStart());
      // Redis keeps counters between test runs (for up to an hour): this run's two instances share a budget of their own.
      const limitNamespace = `auth-limits-${randomBytes(8).toString('hex')}`;
      const open = async () => {
        const prefix = `spejl-test-${randomBytes(4).toString('hex')}:`;
        const bus =
          kind === 'postgres'
            ? await createPostgresBus({ databaseUrl: database.url, raw: database.raw })
            : await (await import('../../bus/redis-bus.ts')).createRedisBus({
                url: redisUrl,
                channelPrefix: prefix,
              });
        return createTestApp({ database, bus, clock, redisUrl, limitNamespace });
      };
      first = await open();
      second = await open();
    });
    afterAll(async () => {
      await first?.close();
      await second?.close();
      await database?.close();
    });

    it('lets 10 wrong passwords through in total, spread over both, and then refuses the right one on either', async () => {
      const { user, password } = await signUp(first.app);
      const address = '10.200.0.1';
      const viaFirst = new Client(first.app, address);
      const viaSecond = new Client(second.app, address);
      evaluated.passwords = 0;
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          (index % 2 === 0 ? viaFirst : viaSecond).post('/api/auth/login', {
            email: user.email,
            password: wrongPassword,
          }),
        ),
      );
      expect(evaluated.passwords).toBeLessThanOrEqual(failuresPerAccountAndAddress);
      expect(answers.filter((answer) => answer.statusCode === 429)).toHaveLength(30 - evaluated.passwords);
      expect((await viaFirst.post('/api/auth/login', { email: user.email, password })).statusCode).toBe(429);
      expect((await viaSecond.post('/api/auth/login', { email: user.email, password })).statusCode).toBe(429);
      // From another address the owner still signs in, on either instance.
      expect(
        (await new Client(second.app).post('/api/auth/login', { email: user.email, password })).statusCode,
      ).toBe(200);
    });
  },
);
