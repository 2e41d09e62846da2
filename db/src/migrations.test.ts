import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createDb, type DatabaseHandle } from './index.ts';
import { createTestDatabase, throwawayDatabaseName } from './testing.ts';

const dbFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(dbFolder, '..');

describe('migrations', () => {
  it('match the drizzle schema: generating again produces nothing new', () => {
    // drizzle-kit only understands an `out` relative to its working folder, and exits 0 even when it fails,
    // so the scratch copy lives inside db/ and the test requires drizzle-kit's own "No schema changes".
    const scratch = mkdtempSync(path.join(dbFolder, '.drift-'));
    try {
      cpSync(path.join(dbFolder, 'migrations'), path.join(scratch, 'migrations'), { recursive: true });
      const config = path.join(dbFolder, 'drizzle.drift.config.ts');
      writeFileSync(
        config,
        `export default { dialect: 'postgresql', schema: './src/schema/index.ts', out: ${JSON.stringify(`./${path.relative(dbFolder, scratch)}/migrations`)} };\n`,
      );
      try {
        const before = readdirSync(path.join(scratch, 'migrations')).sort();
        const result = spawnSync(
          path.join(dbFolder, 'node_modules/.bin/drizzle-kit'),
          ['generate', '--config', config, '--name', 'drift'],
          { cwd: dbFolder, encoding: 'utf8' },
        );
        const output = `${result.stdout}${result.stderr}`;
        expect(output).toContain('No schema changes');
        const after = readdirSync(path.join(scratch, 'migrations')).sort();
        expect(after, `schema and committed migrations differ; run pnpm db:generate.\n${output}`).toEqual(
          before,
        );
      } finally {
        rmSync(config, { force: true });
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('a migrated database', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(repoRoot);
  });
  afterAll(async () => {
    await database.close();
  });

  it('has every table of the schema, with the keys that protect data', async () => {
    const { rows } = await database.raw.query(
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
    );
    const tables = rows.map((row) => row.table_name);
    for (const table of [
      'users',
      'sessions',
      'user_tokens',
      'consents',
      'mail_outbox',
      'organisations',
      'groups',
      'group_memberships',
    ]) {
      expect(tables).toContain(table);
    }
    const { rows: indexes } = await database.raw.query(
      "select indexname from pg_indexes where schemaname = 'public'",
    );
    const names = indexes.map((row) => row.indexname);
    expect(names).toContain('users_email_key');
    expect(names).toContain('sessions_token_hash_key');
  });

  it('refuses a second user with the same email at the database level', async () => {
    await database.raw.query(
      "insert into users (email, password_hash, display_name) values ('a@b.dk', 'x', 'A')",
    );
    await expect(
      database.raw.query(
        "insert into users (email, password_hash, display_name) values ('a@b.dk', 'y', 'B')",
      ),
    ).rejects.toThrow();
  });
});

describe('migrating PostgreSQL from several processes at once', () => {
  it('lets one migrate while the others wait, so every start succeeds', async () => {
    const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = throwawayDatabaseName('migrate');
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handles = await Promise.all(
      Array.from({ length: 4 }, () => createDb({ databaseUrl: url.toString(), poolSize: 3 })),
    );
    try {
      // Without the lock, concurrent "CREATE SCHEMA IF NOT EXISTS drizzle" and table creation collide.
      await Promise.all(handles.map((handle) => handle.migrate()));
      const applied = await handles[0]!.raw.query(
        'select count(*)::int as n from drizzle.__drizzle_migrations',
      );
      expect(applied.rows[0]?.n).toBe(
        readdirSync(path.join(dbFolder, 'migrations')).filter((f) => f.endsWith('.sql')).length,
      );
    } finally {
      await Promise.all(handles.map((handle) => handle.close()));
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});
