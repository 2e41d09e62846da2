import { type DatabaseHandle, schema } from '@spejl/db';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupWith, createTestApp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';

/**
 * A hidden group must not be told apart from a missing one by how long its 404 takes. Wall-clock tests of a
 * millisecond are noise, so this one checks the cause instead: the database work. Every statement the app sends
 * is recorded, and a guessed hidden group must cost exactly the statements of an id or slug that does not exist.
 */
const statements: string[] = [];

function withStatementLog(database: DatabaseHandle): DatabaseHandle {
  const logger = { logQuery: (query: string) => void statements.push(query) };
  const db =
    database.kind === 'pglite'
      ? drizzlePglite(database.pglite as NonNullable<DatabaseHandle['pglite']>, { schema, logger })
      : drizzlePostgres((database.db as unknown as { $client: Sql }).$client, { schema, logger });
  return { ...database, db: db as unknown as DatabaseHandle['db'] };
}

let t: TestApp;
let base: DatabaseHandle;
let outsider: Awaited<ReturnType<typeof signUp>>;
let hidden: { id: string; slug: string };

beforeAll(async () => {
  const { createTestDatabase } = await import('@spejl/db/testing');
  const { repoRoot } = await import('../../testing/app.ts');
  base = await createTestDatabase(repoRoot);
  t = await createTestApp({ database: withStatementLog(base) });
  const admin = await signUpAdmin(t);
  outsider = await signUp(t.app);
  const slug = `skjult-${Date.now()}`;
  const id = await createGroupWith(admin, { name: 'Skjult gruppe', slug, visibility: 'hidden' });
  hidden = { id, slug };
});
afterAll(async () => {
  await t?.close();
  await base?.close();
});

async function statementsOf(request: () => Promise<{ statusCode: number; body: string }>) {
  statements.length = 0;
  const response = await request();
  return { response, statements: [...statements] };
}

describe('a guessed hidden group costs the same database work as a group that does not exist', () => {
  const unknownId = '00000000-0000-4000-8000-000000000000';

  it.each([
    ['GET /api/groups/:id', 'GET', (ref: string) => `/api/groups/${ref}`],
    ['POST /api/groups/:id/join-requests', 'POST', (ref: string) => `/api/groups/${ref}/join-requests`],
    ['GET /api/groups/:id/members', 'GET', (ref: string) => `/api/groups/${ref}/members`],
  ] as const)('%s', async (_name, method, path) => {
    const call = (ref: string) => () =>
      method === 'GET' ? outsider.client.get(path(ref)) : outsider.client.post(path(ref), {});
    for (const [hiddenRef, unknownRef] of [
      [hidden.id, unknownId],
      [hidden.slug, `${hidden.slug}-finnes-ikke`],
    ]) {
      const missing = await statementsOf(call(unknownRef!));
      const guessed = await statementsOf(call(hiddenRef!));
      expect(missing.response.statusCode).toBe(404);
      expect(guessed.response.statusCode).toBe(404);
      expect(guessed.response.body).toBe(missing.response.body);
      expect(missing.statements.length).toBeGreaterThan(0);
      expect(guessed.statements).toEqual(missing.statements);
    }
  });
});
