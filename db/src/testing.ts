import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, type DatabaseHandle } from './index.ts';

/** Where the migrated PGlite template lives; written once per test run by the global setup. */
export const templateDumpPath = (root: string) => `${root}/tests/.tmp/pglite-template.tar.gz`;
/**
 * Throwaway test databases are named `<prefix>_t_…` and the template `<prefix>_test_template`. Two checkouts that
 * test against the same PostgreSQL at once set SPEJL_TEST_DB_PREFIX differently, so neither drops the other's.
 */
const testDbPrefix = process.env.SPEJL_TEST_DB_PREFIX ?? 'spejl';
export const postgresTemplateName = `${testDbPrefix}_test_template`;

/** A fresh name for a throwaway test database; `label` helps when reading pg_database. */
export function throwawayDatabaseName(label = ''): string {
  return `${testDbPrefix}_t_${label ? `${label}_` : ''}${randomBytes(6).toString('hex')}`;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Builds the migrated templates once per test run (PGlite dump, and a PostgreSQL template database). */
export async function prepareTemplates(root: string): Promise<void> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  await mkdir(`${root}/tests/.tmp`, { recursive: true });
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const stale =
        await admin`select datname from pg_database where datname like ${`${testDbPrefix}_t_%`} or datname = ${postgresTemplateName}`;
      for (const row of stale) await admin.unsafe(`drop database if exists "${row.datname}" with (force)`);
      await admin.unsafe(`create database "${postgresTemplateName}"`);
    } finally {
      await admin.end();
    }
    const template = await createDb({ databaseUrl: withDatabase(url, postgresTemplateName), poolSize: 1 });
    await template.migrate();
    await template.close();
    return;
  }
  const template = await createDb({ dataDir: 'memory://' });
  await template.migrate();
  const dump = await dumpPglite(template);
  await writeFile(templateDumpPath(root), Buffer.from(await dump.arrayBuffer()));
  await template.close();
}

async function dumpPglite(handle: DatabaseHandle): Promise<Blob> {
  if (!handle.dump) throw new Error('PGlite handle cannot dump');
  return handle.dump();
}

/** A fresh, migrated database for one test file: PGlite in memory, or a throwaway PostgreSQL database. */
export async function createTestDatabase(root: string): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = throwawayDatabaseName();
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${postgresTemplateName}"`);
    await admin.end();
    const handle = await createDb({ databaseUrl: withDatabase(url, name), poolSize: 4 });
    const close = handle.close;
    handle.close = async () => {
      await close();
      const dropper = postgres(url, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    };
    return handle;
  }
  const dump = new Blob([await readFile(templateDumpPath(root))]);
  return createDb({ dataDir: 'memory://', loadDataDir: dump });
}
