import { users } from '@spejl/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../testing/app.ts';
import { createAuthRepository } from './auth.repository.ts';
import { hashToken } from './auth.tokens.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** The session token in a test client's cookie. */
const tokenOf = (cookie: string | undefined) => decodeURIComponent(cookie!.slice(cookie!.indexOf('=') + 1));

describe('session lookups asked in one turn of the event loop (one statement for all of them)', () => {
  it('answer each token with its own session and person, and a token nobody holds with nothing', async () => {
    const people = await Promise.all(
      ['Anna', 'Bent', 'Cilla', 'Dorte'].map((name) => signUp(t.app, { displayName: `${name} Andersen` })),
    );
    // Dorte's account is deleted: her session no longer answers.
    await t.database.db
      .update(users)
      .set({ deletedAt: t.clock.now() })
      .where(eq(users.id, people[3]!.user.id));
    const repository = createAuthRepository(t.database.db);
    const asked = [...people.map((person) => hashToken(tokenOf(person.client.cookie))), hashToken('nobody')];
    // All at once, twice over and in another order: each answer is its own token's.
    const found = await Promise.all([...asked, ...[...asked].reverse()].map(repository.findSessionWithUser));
    const names = found.map((row) => row?.user.displayName ?? null);
    const expected = ['Anna Andersen', 'Bent Andersen', 'Cilla Andersen', null, null];
    expect(names).toEqual([...expected, ...[...expected].reverse()]);
    expect(found[0]?.session.tokenHash).toBe(asked[0]);
  });

  it('let many people in at once over HTTP, each as themselves', async () => {
    const people = await Promise.all(
      Array.from({ length: 12 }, (_, n) => signUp(t.app, { displayName: `Person nummer ${n + 1}` })),
    );
    const answers = await Promise.all(people.map((person) => person.client.get('/api/me')));
    expect(answers.map((answer) => answer.json().user?.displayName)).toEqual(
      people.map((_, n) => `Person nummer ${n + 1}`),
    );
  });
});
