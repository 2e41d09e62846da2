import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { looseDanish } from '@spejl/shared/search-fold';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DatabaseHandle, migrationsFolder } from './index.ts';
import { throwawayDatabaseName } from './testing.ts';

// An existing database with messages, upgraded: the migration that adds the folded search column fills it in for the
// messages already there, on PGlite and (with TEST_DATABASE_URL) on PostgreSQL.

const folded = 'messages_search_folded';
let database: DatabaseHandle;
let dropDatabase = async () => {};
let scratch: string;

/** The committed migrations up to, not including, the one tagged `tag`. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'spejl-migrations-'));
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  const index = journal.entries.findIndex((entry) => entry.tag.endsWith(tag));
  expect(index).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, index);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

beforeAll(async () => {
  scratch = migrationsBefore(folded);
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = throwawayDatabaseName('upgrade');
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    database = await createDb({ databaseUrl: target.toString(), poolSize: 2 });
    const client = postgres(target.toString(), { max: 1, onnotice: () => {} });
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: scratch });
    await client.end();
    dropDatabase = async () => {
      const dropper = postgres(url, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    };
  } else {
    database = await createDb({ dataDir: 'memory://' });
    if (!database.pglite) throw new Error('expected PGlite');
    await migratePglite(drizzlePglite(database.pglite), { migrationsFolder: scratch });
  }
});
afterAll(async () => {
  await database?.close();
  await dropDatabase();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe(`upgrading a database with messages through ${folded}`, () => {
  it('folds the messages already there, so old messages are found as new ones are', async () => {
    const before = await database.raw.query(
      "select 1 from information_schema.columns where table_name = 'messages' and column_name = 'search_folded'",
    );
    expect(before.rows).toEqual([]);
    await database.raw.query(
      "insert into users (id, email, password_hash, display_name) values ('00000000-0000-4000-8000-000000000001', 'a@b.dk', 'x', 'A')",
    );
    await database.raw.query(
      "insert into groups (id, name, slug, kind) values ('00000000-0000-4000-8000-000000000002', 'G', 'g', 'diagnosis')",
    );
    await database.raw.query(
      `insert into messages (group_id, seq, author_id, client_id, body)
       values ('00000000-0000-4000-8000-000000000002', 1, '00000000-0000-4000-8000-000000000001', 'c1', 'Husk årsmødet på Ærø')`,
    );

    await database.migrate();

    const found = await database.raw.query(
      "select body from messages where search_folded @@ websearch_to_tsquery('danish', $1)",
      [looseDanish('aarsmoedet paa aeroe')],
    );
    expect(found.rows).toEqual([{ body: 'Husk årsmødet på Ærø' }]);
    const indexes = await database.raw.query(
      "select indexname from pg_indexes where tablename = 'messages' and indexname like 'messages_search%' order by indexname",
    );
    expect(indexes.rows.map((row) => row.indexname)).toEqual([
      'messages_search_folded_idx',
      'messages_search_idx',
    ]);
  });
});
