import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { acquireFolderLock, type FolderLock } from './lock.ts';
import * as schema from './schema/index.ts';

export { schema };
export * from './schema/index.ts';
export { FolderLockedError } from './lock.ts';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

/** Runs raw SQL on the underlying driver; used by the job queue and LISTEN/NOTIFY helpers. */
/** The rows of `db.execute(sql…)`: postgres.js answers with an array, PGlite with `{rows}`. */
export const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];

/**
 * A statement per query shape, prepared on first use and kept: the shapes a hot read can take (which filters, which
 * order) each get their own SQL text, so the order stays in it for the index, and drizzle builds each text once.
 */
export function preparedPerShape<Shape, Statement>(
  key: (shape: Shape) => string,
  build: (shape: Shape) => Statement,
): (shape: Shape) => Statement {
  const built = new Map<string, Statement>();
  return (shape) => {
    const name = key(shape);
    let statement = built.get(name);
    if (statement === undefined) {
      statement = build(shape);
      built.set(name, statement);
    }
    return statement;
  };
}

export interface RawSql {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  exec(text: string): Promise<Array<{ rows: Record<string, unknown>[] }>>;
}

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  raw: RawSql;
  /** The connection string, when the database is PostgreSQL (the job queue opens its own small pool). */
  url?: string;
  /** The embedded instance, when the database is PGlite (the job queue shares its one connection). */
  pglite?: PGlite;
  /** Applies the committed migrations. */
  migrate(): Promise<void>;
  /** PGlite only: a dump of the data folder (used for test templates). */
  dump?: () => Promise<Blob>;
  close(): Promise<void>;
}

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface CreateDbOptions {
  /** postgres://… to use PostgreSQL; unset for the embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Folder for PGlite's files (default ./data). `memory://` keeps it in memory. */
  dataDir?: string | undefined;
  /** A PGlite data-dir dump to start from (tests use a migrated template). */
  loadDataDir?: Blob | undefined;
  /** Max pool size for postgres.js. */
  poolSize?: number | undefined;
}

/** Opens the database: PostgreSQL when a URL is given, otherwise the embedded PGlite. */
export async function createDb(options: CreateDbOptions = {}): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? './data', options.loadDataDir);
}

function openPostgres(url: string, max: number): DatabaseHandle {
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    url,
    raw: {
      async query(text, values) {
        const rows = await client.unsafe(text, (values ?? []) as never[]);
        return { rows: [...rows] as Record<string, unknown>[] };
      },
      async exec(text) {
        const results = (await client.unsafe(text).simple()) as unknown;
        const list = Array.isArray(results) && Array.isArray(results[0]) ? results : [results];
        return (list as Record<string, unknown>[][]).map((rows) => ({ rows: [...(rows ?? [])] }));
      },
    },
    async migrate() {
      // Several app processes may start at once (replicas, or two nodes in a test): one migrates while the others
      // wait for its advisory lock, instead of racing on CREATE SCHEMA and failing to start. The lock is held on a
      // connection of its own, so a pool of one is still free for the migrations.
      const lock = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await lock`select pg_advisory_lock(hashtext('spejl:migrate'))`;
        await migratePostgres(drizzlePostgres(client), { migrationsFolder });
      } finally {
        await lock`select pg_advisory_unlock(hashtext('spejl:migrate'))`.catch(() => {});
        await lock.end({ timeout: 5 });
      }
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  let lock: FolderLock | null = null;
  let client: PGlite;
  if (dataDir === 'memory://') {
    client = new PGlite({ loadDataDir });
  } else {
    const folder = path.resolve(dataDir, 'pglite');
    mkdirSync(folder, { recursive: true });
    lock = acquireFolderLock(path.resolve(dataDir));
    try {
      client = new PGlite(folder);
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    raw: {
      async query(text, values) {
        const result = await client.query(text, values);
        return { rows: result.rows as Record<string, unknown>[] };
      },
      async exec(text) {
        const results = await client.exec(text);
        return results.map((result) => ({ rows: result.rows as Record<string, unknown>[] }));
      },
    },
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    async dump() {
      return client.dumpDataDir('gzip');
    },
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
