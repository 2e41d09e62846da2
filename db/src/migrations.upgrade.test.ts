import { looseDanish } from '@spejl/shared/search-fold';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './index.ts';
import { databaseBefore } from './upgrade-testing.ts';

// An existing database with messages, upgraded: the migration that adds the folded search column fills it in for the
// messages already there, on PGlite and (with TEST_DATABASE_URL) on PostgreSQL.

const folded = 'messages_search_folded';
let database: DatabaseHandle;
let close = async () => {};

beforeAll(async () => {
  ({ database, close } = await databaseBefore(folded));
});
afterAll(async () => {
  await close();
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
