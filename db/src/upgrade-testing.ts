import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { createDb, type DatabaseHandle, migrationsFolder } from './index.ts';
import { throwawayDatabaseName } from './testing.ts';

/** A copy of the committed migrations up to, not including, the one whose tag ends with `tag`. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'spejl-migrations-'));
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  const index = journal.entries.findIndex((entry) => entry.tag.endsWith(tag));
  if (index <= 0) throw new Error(`no migration tagged …${tag} after the first`);
  journal.entries = journal.entries.slice(0, index);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

/**
 * A database migrated up to (not including) the migration tagged `tag`, to test what that migration does to data
 * already there: PGlite in memory, or a throwaway database on the PostgreSQL of TEST_DATABASE_URL. `database.migrate()`
 * then runs the rest; `close` drops everything.
 */
export async function databaseBefore(
  tag: string,
): Promise<{ database: DatabaseHandle; close: () => Promise<void> }> {
  const scratch = migrationsBefore(tag);
  const url = process.env.TEST_DATABASE_URL;
  let database: DatabaseHandle;
  let dropDatabase = async () => {};
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
  return {
    database,
    async close() {
      await database.close();
      await dropDatabase();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
