import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postgresTemplateName, throwawayDatabaseName } from '@spejl/db/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startServer } from '../support/server.ts';

/** Runs `pnpm spejl …` the way an operator does (node server/src/cli.ts is what the script calls). */
let env: Record<string, string>;
let cleanup: () => Promise<void>;
const spejl = (...args: string[]) =>
  spawnSync(process.execPath, ['server/src/cli.ts', ...args], { cwd: repoRoot, env, encoding: 'utf8' });

beforeAll(async () => {
  const base = { ...(process.env as Record<string, string>) };
  delete base.TEST_DATABASE_URL;
  const testUrl = process.env.TEST_DATABASE_URL;
  if (testUrl) {
    const name = throwawayDatabaseName('cli');
    const admin = postgres(testUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${postgresTemplateName}"`);
    await admin.end();
    const url = new URL(testUrl);
    url.pathname = `/${name}`;
    env = { ...base, DATABASE_URL: url.toString() };
    cleanup = async () => {
      const dropper = postgres(testUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    };
  } else {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'spejl-cli-'));
    env = { ...base, SPEJL_DATA_DIR: dataDir };
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  }
});
afterAll(async () => {
  await cleanup();
});

describe('pnpm spejl (operations CLI)', () => {
  it('migrates, creates the first admin, changes a role and locks an account', () => {
    const migrate = spejl('db:migrate');
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/Migrations applied \((pglite|postgres)\)/);

    const create = spejl(
      'user:create',
      '--email',
      'Chef@Example.test',
      '--display-name',
      'Chef',
      '--role',
      'admin',
    );
    expect(create.status, create.stderr).toBe(0);
    expect(create.stdout).toContain('Created admin chef@example.test');
    expect(create.stdout).toMatch(/http:\/\/localhost:3000\/reset-password\?token=[A-Za-z0-9_-]{20,}/);

    const again = spejl('user:create', '--email', 'chef@example.test', '--display-name', 'Chef');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');

    const role = spejl('user:role', '--email', 'chef@example.test', '--role', 'coordinator');
    expect(role.status, role.stderr).toBe(0);
    expect(role.stdout).toContain('is now coordinator (was admin)');

    const lock = spejl('user:lock', '--email', 'chef@example.test', '--hours', '2');
    expect(lock.status, lock.stderr).toBe(0);
    expect(lock.stdout).toContain('locked until');
  });

  it('ends the sessions of one person or of everyone, and resets a lost authenticator', async () => {
    const create = spejl('user:create', '--email', 'tabt@example.test', '--display-name', 'Tabt');
    expect(create.status, create.stderr).toBe(0);
    const { createDb, sessions, users } = await import('@spejl/db');
    const { eq } = await import('drizzle-orm');
    const open = () => createDb({ databaseUrl: env.DATABASE_URL, dataDir: env.SPEJL_DATA_DIR, poolSize: 1 });
    let database = await open();
    const [user] = await database.db.select().from(users).where(eq(users.email, 'tabt@example.test'));
    const now = new Date();
    const later = new Date(now.getTime() + 60 * 60 * 1000);
    for (const hash of ['a'.repeat(64), 'b'.repeat(64)])
      await database.db.insert(sessions).values({
        tokenHash: hash,
        userId: user!.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: later,
        absoluteExpiresAt: later,
      });
    await database.db
      .update(users)
      .set({ totpEnabledAt: now, totpKey: Buffer.alloc(20) })
      .where(eq(users.id, user!.id));
    await database.close();

    const one = spejl('sessions:end', '--email', 'tabt@example.test');
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).toContain('Ended 2 sessions of tabt@example.test');
    const reset = spejl('user:mfa-reset', '--email', 'tabt@example.test');
    expect(reset.status, reset.stderr).toBe(0);
    database = await open();
    const [after] = await database.db.select().from(users).where(eq(users.id, user!.id));
    expect(after?.totpEnabledAt).toBeNull();
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, user!.id))).toEqual([]);
    await database.close();
    const both = spejl('sessions:end', '--email', 'tabt@example.test', '--all');
    expect(both.status).toBe(1);
    expect(both.stderr).toContain('not both');
    const all = spejl('sessions:end', '--all');
    expect(all.status, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/Ended all \d+ sessions/);
  });

  it('seeds the demo data once', () => {
    const first = spejl('db:seed');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('medlem@spejl.test');
    const second = spejl('db:seed');
    expect(second.stdout).toContain('already there');
  });

  it('exits non-zero with a clear message on bad input', () => {
    const cases: Array<[string[], string]> = [
      [['user:create', '--email', 'nope', '--display-name', 'X'], '--email'],
      [['user:create', '--email', 'a@b.dk', '--display-name', ''], '--display-name'],
      // An operator never chooses a person's password (ASVS 6.4.1): the link is the only way in.
      [
        ['user:create', '--email', 'a@b.dk', '--password', 'en lang sætning', '--display-name', 'X'],
        'not accepted',
      ],
      [['user:role', '--email', 'ghost@example.test', '--role', 'admin'], 'No account'],
      [['user:role', '--email', 'chef@example.test', '--role', 'emperor'], '--role'],
      [['frobnicate'], 'Unknown command'],
      [['user:create', '--wat'], "Unknown option '--wat'"],
    ];
    for (const [args, message] of cases) {
      const result = spejl(...args);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toContain(message);
    }
    const refusedInProduction = spawnSync(process.execPath, ['server/src/cli.ts', 'db:seed'], {
      cwd: repoRoot,
      env: { ...env, NODE_ENV: 'production' },
      encoding: 'utf8',
    });
    expect(refusedInProduction.status).toBe(1);
    expect(refusedInProduction.stderr).toContain('production');
  });

  it('opens the new account only through its link: the person chooses the password, and the link works once', async () => {
    const create = spejl(
      'user:create',
      '--email',
      'koordinator@example.test',
      '--display-name',
      'Koordinator',
    );
    expect(create.status, create.stderr).toBe(0);
    const token = /\/reset-password\?token=(\S+)/.exec(create.stdout)?.[1] ?? '';
    const server = await startServer({
      dataDir: env.SPEJL_DATA_DIR,
      ...(env.DATABASE_URL ? { env: { DATABASE_URL: env.DATABASE_URL } } : {}),
    });
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${server.url}/api${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: server.url },
          body: JSON.stringify(body),
        });
      const login = { email: 'koordinator@example.test', password: 'min egen lange sætning' };
      expect((await post('/auth/login', login)).status).toBe(401);
      expect((await post('/auth/password-reset', { token, password: login.password })).status).toBe(204);
      expect((await post('/auth/login', login)).status).toBe(200);
      const reused = await post('/auth/password-reset', {
        token,
        password: 'en helt anden sætning',
      });
      expect(((await reused.json()) as { error: { code: string } }).error.code).toBe('auth.token_invalid');
    } finally {
      await server.stop();
    }
  });
});
