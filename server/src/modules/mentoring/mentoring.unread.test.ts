import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupWith, createTestApp, signUpAdmin, type TestApp } from '../../testing/app.ts';
import { activeMentorship, type Person, signUpCoordinator } from './mentoring.testing.ts';

let t: TestApp;
let coordinator: Person;
let groupId: string;
let counter = 0;

type Unread = { count: number; lastSeq: number; lastReadSeq: number } | null;

/** The reader's unread state of one mentorship, from their overview and from the match itself. */
async function unreadOf(person: Person, matchId: string): Promise<Unread> {
  const me = await person.client.get('/api/mentoring/me');
  expect(me.statusCode, me.body).toBe(200);
  const listed = me.json().matches.find((match: { id: string }) => match.id === matchId);
  const detail = await person.client.get(`/api/mentoring/matches/${matchId}`);
  expect(detail.statusCode, detail.body).toBe(200);
  expect(detail.json().match.unread).toEqual(listed?.unread);
  return listed?.unread;
}

async function write(person: Person, conversationId: string, body: string): Promise<number> {
  const response = await person.client.post(`/api/groups/${conversationId}/messages`, {
    clientId: `unread-${++counter}`,
    body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().message.seq as number;
}

beforeAll(async () => {
  t = await createTestApp();
  const admin = await signUpAdmin(t);
  coordinator = await signUpCoordinator(t);
  groupId = await createGroupWith(admin, { name: 'Noonan syndrom' });
});
afterAll(async () => {
  await t?.close();
});

describe('a mentorship’s unread count', () => {
  it('rises when the other one writes, not for one’s own messages, and drops once read', async () => {
    const pair = await activeMentorship(t, coordinator, {
      family: 'Familien Holm',
      mentor: 'Mentor Lise',
      groupId,
    });
    expect(await unreadOf(pair.family, pair.matchId)).toMatchObject({ count: 0 });

    await write(pair.mentor, pair.groupId, 'Hej, jeg er jeres mentor.');
    const last = await write(pair.mentor, pair.groupId, 'Skriv, når det passer jer.');
    expect(await unreadOf(pair.family, pair.matchId)).toEqual({ count: 2, lastSeq: last, lastReadSeq: 0 });
    // The writer has nothing unread from their own messages.
    expect(await unreadOf(pair.mentor, pair.matchId)).toMatchObject({ count: 0, lastSeq: last });

    // Read up to the first message: one left.
    const read = await pair.family.client.put(`/api/groups/${pair.groupId}/read`, { seq: last - 1 });
    expect(read.statusCode, read.body).toBe(200);
    expect(await unreadOf(pair.family, pair.matchId)).toEqual({
      count: 1,
      lastSeq: last,
      lastReadSeq: last - 1,
    });
    await pair.family.client.put(`/api/groups/${pair.groupId}/read`, { seq: last });
    expect(await unreadOf(pair.family, pair.matchId)).toEqual({ count: 0, lastSeq: last, lastReadSeq: last });

    // The family answers: now the mentor has one unread.
    const answer = await write(pair.family, pair.groupId, 'Tak! Vi skriver i aften.');
    expect(await unreadOf(pair.mentor, pair.matchId)).toMatchObject({ count: 1, lastSeq: answer });
  });

  it('is null for a coordinator, who is not in the pair’s conversation', async () => {
    const pair = await activeMentorship(t, coordinator, {
      family: 'Familien Bruun',
      mentor: 'Mentor Jonas',
      groupId,
    });
    await write(pair.mentor, pair.groupId, 'Hej');
    const detail = await coordinator.client.get(`/api/mentoring/matches/${pair.matchId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().match).toMatchObject({ conversationId: null, unread: null });
  });
});
