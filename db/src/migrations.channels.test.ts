import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './index.ts';
import { databaseBefore } from './upgrade-testing.ts';

// Upgrading through push_digests: the old list of mailed notification types becomes the per-kind channels, and whoever
// had turned mail off for a kind keeps it off.

let database: DatabaseHandle;
let close = async () => {};

beforeAll(async () => {
  ({ database, close } = await databaseBefore('push_digests'));
});
afterAll(async () => {
  await close();
});

const person = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

describe('upgrading the mail choices to channels', () => {
  it('keeps mail where the old list had the type, and push on for everyone', async () => {
    for (const n of [1, 2, 3])
      await database.raw.query(
        'insert into users (id, email, password_hash, display_name) values ($1, $2, $3, $4)',
        [person(n), `p${n}@spejl.test`, 'x', `P${n}`],
      );
    // 1 kept the old default; 2 mailed replies only; 3 has no row (never chose).
    await database.raw.query('insert into user_preferences (user_id) values ($1)', [person(1)]);
    await database.raw.query(
      "insert into user_preferences (user_id, email_notification_types) values ($1, ARRAY['reply'])",
      [person(2)],
    );

    await database.migrate();

    const rows = await database.raw.query(
      'select user_id, notification_channels from user_preferences order by user_id',
    );
    const [kept, replies] = (rows.rows as Array<{ notification_channels: Record<string, string[]> }>).map(
      (row) => row.notification_channels,
    );
    expect(kept).toMatchObject({
      mention: ['push', 'mail'],
      reply: ['push'],
      direct: ['push', 'mail'],
      membership: ['push', 'mail'],
    });
    expect(replies).toMatchObject({
      mention: ['push'],
      reply: ['push', 'mail'],
      direct: ['push'],
      membership: ['push'],
      // Kinds the old list did not cover keep the default.
      event: ['push', 'mail'],
    });
    const columns = await database.raw.query(
      "select 1 from information_schema.columns where table_name = 'user_preferences' and column_name = 'email_notification_types'",
    );
    expect(columns.rows).toEqual([]);
  });
});
