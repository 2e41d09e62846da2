import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './index.ts';
import { databaseBefore } from './upgrade-testing.ts';

// Groups keep their member and pending-request counts in columns, maintained by triggers (0030_group_counts), so a
// group list costs no count per group. An upgraded database gets its counts filled in, and every kind of write keeps
// them equal to a real count: one row, many rows in one statement, several groups at once, a cascade from a deleted
// person, a request changing status. PGlite, and PostgreSQL with TEST_DATABASE_URL.

let database: DatabaseHandle;
let close = async () => {};
const query = (text: string, params: unknown[] = []) => database.raw.query(text, params);

const person = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const group = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;

async function addPeople(from: number, to: number) {
  const values = Array.from({ length: to - from + 1 }, (_, index) => from + index)
    .map((n) => `('${person(n)}', 'p${n}@example.test', 'x', 'P ${n}')`)
    .join(',');
  await query(`insert into users (id, email, password_hash, display_name) values ${values}`);
}

/** The kept counts beside the real ones, per group. */
async function counts() {
  const { rows } = await query(
    `select g.slug, g.member_count as "members", g.pending_count as "pending",
            (select count(*)::int from group_memberships m where m.group_id = g.id) as "realMembers",
            (select count(*)::int from group_join_requests r where r.group_id = g.id and r.status = 'pending') as "realPending"
       from groups g order by g.slug`,
  );
  return rows as Array<{
    slug: string;
    members: number;
    pending: number;
    realMembers: number;
    realPending: number;
  }>;
}

async function expectCountsTrue() {
  const rows = await counts();
  for (const row of rows)
    expect({ slug: row.slug, members: row.members, pending: row.pending }).toEqual({
      slug: row.slug,
      members: row.realMembers,
      pending: row.realPending,
    });
  return rows;
}

beforeAll(async () => {
  ({ database, close } = await databaseBefore('group_counts'));
  await addPeople(1, 30);
  await query(`insert into groups (id, name, slug, kind) values
    ('${group(1)}', 'A', 'a', 'diagnosis'), ('${group(2)}', 'B', 'b', 'network'), ('${group(3)}', 'C', 'c', 'diagnosis')`);
  // Before the upgrade: 5 members and 2 pending requests in A, 1 member in B, nothing in C.
  for (const n of [1, 2, 3, 4, 5])
    await query('insert into group_memberships (group_id, user_id) values ($1, $2)', [group(1), person(n)]);
  await query('insert into group_memberships (group_id, user_id) values ($1, $2)', [group(2), person(1)]);
  for (const n of [6, 7])
    await query('insert into group_join_requests (group_id, user_id) values ($1, $2)', [group(1), person(n)]);
  await query(`insert into group_join_requests (group_id, user_id, status) values ($1, $2, 'declined')`, [
    group(1),
    person(8),
  ]);
  await database.migrate();
}, 60_000);
afterAll(async () => {
  await close();
});

describe('group counts kept in columns', () => {
  it('fills in the counts of a database upgraded with members and requests in it', async () => {
    const rows = await expectCountsTrue();
    expect(rows.map((row) => [row.slug, row.members, row.pending])).toEqual([
      ['a', 5, 2],
      ['b', 1, 0],
      ['c', 0, 0],
    ]);
  });

  it('counts one join, many joins in one statement across groups, and leaving', async () => {
    await query('insert into group_memberships (group_id, user_id) values ($1, $2)', [group(3), person(9)]);
    const many = [10, 11, 12, 13, 14, 15]
      .map((n) => `('${n % 2 === 0 ? group(2) : group(3)}', '${person(n)}')`)
      .join(',');
    await query(`insert into group_memberships (group_id, user_id) values ${many}`);
    await query('delete from group_memberships where group_id = $1 and user_id = $2', [group(1), person(5)]);
    const rows = await expectCountsTrue();
    expect(rows.map((row) => row.members)).toEqual([4, 4, 4]);
  });

  it('counts a deleted person out of every group, through the cascade', async () => {
    await query('delete from users where id = $1', [person(1)]);
    const rows = await expectCountsTrue();
    expect(rows.map((row) => row.members)).toEqual([3, 3, 4]);
  });

  it('counts pending requests as they are made, approved, declined, withdrawn and deleted', async () => {
    await query('insert into group_join_requests (group_id, user_id) values ($1, $2), ($1, $3)', [
      group(3),
      person(20),
      person(21),
    ]);
    expect((await expectCountsTrue()).map((row) => row.pending)).toEqual([2, 0, 2]);
    await query(`update group_join_requests set status = 'approved' where group_id = $1 and user_id = $2`, [
      group(1),
      person(6),
    ]);
    await query(`update group_join_requests set status = 'withdrawn' where group_id = $1`, [group(3)]);
    // An update that leaves the status alone changes nothing.
    await query('update group_join_requests set created_at = created_at where group_id = $1', [group(1)]);
    expect((await expectCountsTrue()).map((row) => row.pending)).toEqual([1, 0, 0]);
    await query('delete from group_join_requests where group_id = $1 and user_id = $2', [
      group(1),
      person(7),
    ]);
    expect((await expectCountsTrue()).map((row) => row.pending)).toEqual([0, 0, 0]);
  });

  it('keeps other groups right when a group is deleted with its members', async () => {
    await query('delete from groups where id = $1', [group(2)]);
    const rows = await expectCountsTrue();
    expect(rows.map((row) => [row.slug, row.members])).toEqual([
      ['a', 3],
      ['c', 4],
    ]);
  });
});
