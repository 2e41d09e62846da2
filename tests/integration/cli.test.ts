import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, mailOutbox } from '@spejl/db';
import { postgresTemplateName, throwawayDatabaseName } from '@spejl/db/testing';
import { sql } from 'drizzle-orm';
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

    const alone = spejl('user:role', '--email', 'chef@example.test', '--role', 'coordinator');
    expect(alone.status).toBe(1);
    expect(alone.stderr).toContain('at least one admin');
    const second = spejl(
      'user:create',
      '--email',
      'vice@example.test',
      '--display-name',
      'Vice',
      '--role',
      'admin',
    );
    expect(second.status, second.stderr).toBe(0);
    const role = spejl('user:role', '--email', 'chef@example.test', '--role', 'coordinator');
    expect(role.status, role.stderr).toBe(0);
    expect(role.stdout).toContain('is now coordinator (was admin)');

    expect(spejl('user:lock', '--email', 'chef@example.test').stderr).toContain('--reason');
    const lock = spejl(
      'user:lock',
      '--email',
      'chef@example.test',
      '--hours',
      '2',
      '--reason',
      'Tjek af adgang',
    );
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
    const reset = spejl(
      'user:mfa-reset',
      '--email',
      'tabt@example.test',
      '--reason',
      'Mistet telefon, ringet op',
    );
    expect(reset.status, reset.stderr).toBe(0);
    database = await open();
    const [after] = await database.db.select().from(users).where(eq(users.id, user!.id));
    expect(after?.totpEnabledAt).toBeNull();
    const { mailOutbox, moderationAuditLog } = await import('@spejl/db');
    const [entry] = await database.db
      .select()
      .from(moderationAuditLog)
      .where(eq(moderationAuditLog.targetUserId, user!.id));
    expect(entry).toMatchObject({ action: 'account.sessions_ended', actorId: null, after: { via: 'cli' } });
    const audited = await database.db
      .select()
      .from(moderationAuditLog)
      .where(eq(moderationAuditLog.action, 'account.mfa_reset'));
    expect(audited.map((row) => row.reason)).toEqual(['Mistet telefon, ringet op']);
    const mails = await database.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'tabt@example.test'));
    expect(mails.some((mail) => mail.text.includes('Mistet telefon, ringet op'))).toBe(true);
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, user!.id))).toEqual([]);
    await database.close();
    const both = spejl('sessions:end', '--email', 'tabt@example.test', '--all');
    expect(both.status).toBe(1);
    expect(both.stderr).toContain('not both');
    const all = spejl('sessions:end', '--all');
    expect(all.status, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/Ended all \d+ sessions/);
  });

  it('creates, lists, edits and archives an association, as the web does', async () => {
    const create = spejl(
      'association:create',
      '--name',
      'Foreningen for Sjældne Hudsygdomme',
      '--short-name',
      'FSH',
      '--website',
      'https://fsh.dk',
    );
    expect(create.status, create.stderr).toBe(0);
    expect(create.stdout).toContain('foreningen-for-sjaeldne-hudsygdomme');

    const refused = spejl(
      'association:create',
      '--name',
      'Usikker forening',
      '--website',
      'http://usikker.dk',
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--website');

    const update = spejl(
      'association:update',
      '--slug',
      'foreningen-for-sjaeldne-hudsygdomme',
      '--contact-email',
      'kontakt@fsh.dk',
      '--short-name',
      '',
      '--reason',
      'Ny kontakt',
    );
    expect(update.status, update.stderr).toBe(0);
    expect(update.stdout).toContain('Updated foreningen-for-sjaeldne-hudsygdomme');
    // The emptied short name is cleared.
    expect(update.stdout).not.toContain('(FSH)');

    const noReason = spejl('association:archive', '--slug', 'foreningen-for-sjaeldne-hudsygdomme');
    expect(noReason.status).toBe(1);
    expect(noReason.stderr).toContain('--reason');
    const archive = spejl(
      'association:archive',
      '--slug',
      'foreningen-for-sjaeldne-hudsygdomme',
      '--reason',
      'Slået sammen',
    );
    expect(archive.status, archive.stderr).toBe(0);
    expect(spejl('association:list').stdout).not.toContain('foreningen-for-sjaeldne-hudsygdomme');
    expect(spejl('association:list', '--status', 'archived').stdout).toContain('[archived]');
    const unknown = spejl('association:archive', '--slug', 'findes-ikke', '--reason', 'Prøve');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No association');
  });

  it('creates, updates, moves and archives groups, as the web does', () => {
    const created = spejl(
      'group:create',
      '--name',
      'Marfan syndrom',
      '--slug',
      'marfan',
      '--kind',
      'diagnosis',
      '--terms',
      'Marfan;Q87.4',
      '--owner',
      'chef@example.test',
    );
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toContain('Created marfan');
    const sub = spejl(
      'group:create',
      '--name',
      'Unge med Marfan',
      '--slug',
      'marfan-unge',
      '--kind',
      'subgroup',
      '--parent',
      'marfan',
    );
    expect(sub.status, sub.stderr).toBe(0);
    expect(sub.stdout).toContain('under Marfan syndrom');

    const update = spejl(
      'group:update',
      '--slug',
      'marfan',
      '--history',
      'off',
      '--description',
      'For familier',
    );
    expect(update.status, update.stderr).toBe(0);
    const cycle = spejl('group:move', '--slug', 'marfan', '--parent', 'marfan-unge', '--reason', 'Prøve');
    expect(cycle.status).toBe(1);
    expect(cycle.stderr).toContain('cannot move under itself');
    const noReason = spejl('group:move', '--slug', 'marfan-unge', '--parent', 'none', '--kind', 'network');
    expect(noReason.status).toBe(1);
    expect(noReason.stderr).toContain('--reason');
    const moved = spejl(
      'group:move',
      '--slug',
      'marfan-unge',
      '--parent',
      'none',
      '--kind',
      'network',
      '--reason',
      'Selvstændig',
    );
    expect(moved.status, moved.stderr).toBe(0);
    expect(moved.stdout).not.toContain('under Marfan');

    const archive = spejl('group:archive', '--slug', 'marfan-unge', '--reason', 'Ikke brugt');
    expect(archive.status, archive.stderr).toBe(0);
    expect(spejl('group:list', '--search', 'marfan').stdout).not.toContain('marfan-unge');
    expect(spejl('group:list', '--archived', 'true').stdout).toContain('marfan-unge');
    const back = spejl('group:unarchive', '--slug', 'marfan-unge', '--reason', 'Brugt igen');
    expect(back.status, back.stderr).toBe(0);
    const unknown = spejl('group:update', '--slug', 'findes-ikke', '--name', 'Ny');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No active group');
  });

  it('seeds the demo data once', () => {
    const first = spejl('db:seed');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('medlem@spejl.test');
    const second = spejl('db:seed');
    expect(second.stdout).toContain('already there');
  });

  it('sends the digests that are due with mail:digests --now, each once', async () => {
    // Everyone's digest on since two days ago, in a zone where it is midday now, so each is due.
    const offset = 12 - new Date().getUTCHours();
    const zone = offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
    const database = await createDb({ databaseUrl: env.DATABASE_URL, dataDir: env.SPEJL_DATA_DIR });
    try {
      await database.raw.query(
        `insert into user_preferences (user_id, digest, digest_since, time_zone)
           select id, 'daily', now() - interval '2 days', $1 from users
         on conflict (user_id) do update
           set digest = 'daily', digest_since = excluded.digest_since, time_zone = excluded.time_zone`,
        [zone],
      );
    } finally {
      await database.close();
    }
    const first = spejl('mail:digests', '--now');
    expect(first.status, first.stderr).toBe(0);
    const sent = Number(/^Sent (\d+) digests? to the outbox/.exec(first.stdout)?.[1]);
    expect(sent, first.stdout).toBeGreaterThan(0);
    const second = spejl('mail:digests', '--now');
    expect(second.stdout).toContain('Sent 0 digests');
    const missing = spejl('mail:digests');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('--now');

    const reopened = await createDb({ databaseUrl: env.DATABASE_URL, dataDir: env.SPEJL_DATA_DIR });
    try {
      const digests = await reopened.db
        .select()
        .from(mailOutbox)
        .where(sql`${mailOutbox.headers} ? 'List-Unsubscribe'`);
      expect(digests).toHaveLength(sent);
      for (const mail of digests) expect(mail.html).toContain('<html lang=');
    } finally {
      await reopened.close();
    }
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
