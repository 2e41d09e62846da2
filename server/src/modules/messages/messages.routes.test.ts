import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  createGroupWith,
  createTestApp,
  enableTotp,
  signUp,
  signUpAdmin,
  type TestApp,
} from '../../testing/app.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let moderator: Person;
let anna: Person;
let bo: Person;
let outsider: Person;
let groupId: string;
let hiddenId: string;
let counter = 0;
const clientId = () => `test-client-${++counter}`;
const missing = '00000000-0000-4000-8000-000000000000';

async function post(person: Person, body: string, extra: Record<string, unknown> = {}, group = groupId) {
  const response = await person.client.post(`/api/groups/${group}/messages`, {
    clientId: clientId(),
    body,
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().message as { id: string; seq: number; body: string | null; replyCount: number };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  moderator = await signUp(t.app, { displayName: 'Mads' });
  await enableTotp(moderator.client, t.clock);
  anna = await signUp(t.app, { displayName: 'Anna' });
  bo = await signUp(t.app, { displayName: 'Bo' });
  outsider = await signUp(t.app, { displayName: 'Udenfor' });
  groupId = await createGroupWith(admin, {}, [
    { person: moderator, role: 'moderator' },
    { person: anna },
    { person: bo },
  ]);
  hiddenId = await createGroupWith(admin, { visibility: 'hidden' }, [{ person: anna }]);
});
afterAll(async () => {
  await t?.close();
});

describe('access', () => {
  it('answers 401 without a session, 404 for hidden or missing groups and messages, 403 for non-members', async () => {
    const message = await post(anna, 'Til adgangstest');
    const anonymous = new Client(t.app);
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/api/groups/${groupId}/messages`],
      ['POST', `/api/groups/${groupId}/messages`, { clientId: clientId(), body: 'x' }],
      ['GET', `/api/groups/${groupId}/search?q=x`],
      ['PUT', `/api/groups/${groupId}/read`, { seq: 1 }],
      ['PATCH', `/api/messages/${message.id}`, { body: 'y' }],
      ['DELETE', `/api/messages/${message.id}`],
      ['GET', `/api/messages/${message.id}/edits`],
      ['POST', `/api/messages/${message.id}/reactions`, { emoji: '👍' }],
      ['DELETE', `/api/messages/${message.id}/reactions/👍`],
    ];
    for (const [method, url, body] of routes) {
      expect((await anonymous.request(method as 'GET', encodeURI(url), body)).statusCode, url).toBe(401);
      const outside = await outsider.client.request(method as 'GET', encodeURI(url), body);
      expect(outside.statusCode, url).toBe(403);
      expect(outside.json().error.code).toBe('group.not_member');
    }
    const hiddenMessage = await post(anna, 'Skjult', {}, hiddenId);
    for (const url of [
      `/api/groups/${hiddenId}/messages`,
      `/api/groups/${missing}/messages`,
      `/api/messages/${hiddenMessage.id}/edits`,
      `/api/messages/${missing}/edits`,
    ]) {
      const response = await outsider.client.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
  });

  it('rejects bad bodies with 400', async () => {
    for (const body of [
      { clientId: clientId(), body: 'x'.repeat(4001) },
      { clientId: clientId(), body: '   ' },
      { clientId: 'kort', body: 'hej' },
      { clientId: clientId(), body: 'hej', html: '<b>' },
    ]) {
      const response = await anna.client.post(`/api/groups/${groupId}/messages`, body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    const message = await post(anna, 'Reager på mig');
    expect(
      (await anna.client.post(`/api/messages/${message.id}/reactions`, { emoji: 'not an emoji' })).statusCode,
    ).toBe(400);
  });
});

describe('messages', () => {
  it('posts idempotently by clientId and pages history oldest to newest', async () => {
    const id = clientId();
    const first = await anna.client.post(`/api/groups/${groupId}/messages`, {
      clientId: id,
      body: 'Én gang',
    });
    const second = await anna.client.post(`/api/groups/${groupId}/messages`, {
      clientId: id,
      body: 'Én gang',
    });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().message.id).toBe(first.json().message.id);
    const posted = [];
    for (let i = 0; i < 5; i++) posted.push(await post(bo, `Side ${i}`));
    const latest = (await anna.client.get(`/api/groups/${groupId}/messages?limit=3`)).json();
    expect(latest.items.map((item: { body: string }) => item.body)).toEqual(['Side 2', 'Side 3', 'Side 4']);
    expect(latest.lastSeq).toBe(posted.at(-1)!.seq);
    const older = (
      await anna.client.get(`/api/groups/${groupId}/messages?limit=2&before=${latest.nextCursor}`)
    ).json();
    expect(older.items.map((item: { body: string }) => item.body)).toEqual(['Side 0', 'Side 1']);
    const after = (await anna.client.get(`/api/groups/${groupId}/messages?after=${posted[2]!.seq}`)).json();
    expect(after.items.map((item: { body: string }) => item.body)).toEqual(['Side 3', 'Side 4']);
  });

  it('makes one message of two concurrent sends with the same clientId, and leaves no gap in seq', async () => {
    const id = clientId();
    const [first, second] = await Promise.all(
      [0, 1].map(() =>
        anna.client.post(`/api/groups/${groupId}/messages`, { clientId: id, body: 'Samtidig' }),
      ),
    );
    expect([first!.statusCode, second!.statusCode].sort()).toEqual([200, 201]);
    expect(second!.json().message.id).toBe(first!.json().message.id);
    const next = await post(anna, 'Bagefter');
    expect(next.seq).toBe(first!.json().message.seq + 1);
  });

  it('keeps threads apart and tells the thread author about replies and members about mentions', async () => {
    const root = await post(anna, 'Hvordan søger I merudgifter?');
    await post(bo, `Vi fik hjælp af kommunen, <@${moderator.user.id}> ved mere`, { threadId: root.id });
    const thread = (await anna.client.get(`/api/groups/${groupId}/messages?threadId=${root.id}`)).json();
    expect(thread.items).toHaveLength(1);
    const main = (await anna.client.get(`/api/groups/${groupId}/messages?limit=100`)).json();
    expect(main.items.find((item: { id: string }) => item.id === root.id).replyCount).toBe(1);
    expect(main.items.some((item: { threadId: string | null }) => item.threadId !== null)).toBe(false);
    const annaNotes = (await anna.client.get('/api/notifications')).json().items;
    expect(annaNotes[0]).toMatchObject({ type: 'reply', data: { authorName: 'Bo' } });
    const modNotes = (await moderator.client.get('/api/notifications')).json().items;
    expect(modNotes[0]).toMatchObject({ type: 'mention' });
    const badThread = await bo.client.post(`/api/groups/${groupId}/messages`, {
      clientId: clientId(),
      body: 'x',
      threadId: missing,
    });
    expect(badThread.statusCode).toBe(400);
  });

  it('lets the author edit (history for moderators only) and delete softly; moderators delete too', async () => {
    const message = await post(anna, 'Første udgave');
    expect((await bo.client.patch(`/api/messages/${message.id}`, { body: 'Bo prøver' })).statusCode).toBe(
      403,
    );
    const edited = await anna.client.patch(`/api/messages/${message.id}`, { body: 'Anden udgave' });
    expect(edited.json().message).toMatchObject({ body: 'Anden udgave', editedAt: expect.any(String) });
    expect((await anna.client.get(`/api/messages/${message.id}/edits`)).statusCode).toBe(403);
    const edits = (await moderator.client.get(`/api/messages/${message.id}/edits`)).json().items;
    expect(edits).toEqual([
      expect.objectContaining({ previousBody: 'Første udgave', editedBy: anna.user.id }),
    ]);

    expect((await bo.client.delete(`/api/messages/${message.id}`)).statusCode).toBe(403);
    expect((await anna.client.delete(`/api/messages/${message.id}`)).statusCode).toBe(204);
    const after = (
      await bo.client.get(`/api/groups/${groupId}/messages?after=${message.seq - 1}&limit=1`)
    ).json().items[0];
    expect(after).toMatchObject({ id: message.id, deleted: true, body: null });
    const other = await post(bo, 'Spam');
    expect((await moderator.client.delete(`/api/messages/${other.id}`)).statusCode).toBe(204);
  });

  it('adds and removes reactions, counted per emoji with the reader’s own marked', async () => {
    const message = await post(anna, 'Tak for hjælpen');
    await bo.client.post(`/api/messages/${message.id}/reactions`, { emoji: '❤️' });
    const both = await anna.client.post(`/api/messages/${message.id}/reactions`, { emoji: '❤️' });
    expect(both.json().message.reactions).toEqual([{ emoji: '❤️', count: 2, mine: true }]);
    const removed = await anna.client.delete(
      `/api/messages/${message.id}/reactions/${encodeURIComponent('❤️')}`,
    );
    expect(removed.json().message.reactions).toEqual([{ emoji: '❤️', count: 1, mine: false }]);
  });

  it('searches in Danish and English within the group only', async () => {
    await post(anna, 'Behandlingen med enzymer virker godt for os');
    await post(bo, 'The physiotherapy exercises helped a lot');
    await post(anna, 'Skjult behandling', {}, hiddenId);
    const danish = (await bo.client.get(`/api/groups/${groupId}/search?q=behandling`)).json().items;
    expect(danish.map((item: { body: string }) => item.body)).toEqual([
      'Behandlingen med enzymer virker godt for os',
    ]);
    const english = (await anna.client.get(`/api/groups/${groupId}/search?q=exercise`)).json().items;
    expect(english).toHaveLength(1);
  });

  it('moves the read position forward only', async () => {
    const message = await post(bo, 'Læst?');
    const read = await anna.client.put(`/api/groups/${groupId}/read`, { seq: message.seq });
    expect(read.json()).toEqual({ groupId, seq: message.seq });
    const capped = await anna.client.put(`/api/groups/${groupId}/read`, { seq: 1_000_000 });
    expect(capped.json().seq).toBe(message.seq);
  });
});

describe('unread counts in the group list', () => {
  it('counts messages by others after my read position, for members only', async () => {
    const own = await createGroupWith(admin, {}, [{ person: anna }, { person: bo }]);
    const mine = await post(bo, 'Mit eget indlæg', {}, own);
    await post(anna, 'Første', {}, own);
    await post(anna, 'Anden', {}, own);
    const last = await post(anna, 'Tredje', {}, own);
    const unreadFor = async (person: Person) => {
      const list = (await person.client.get('/api/groups?mine=true')).json().items as Array<{
        id: string;
        unread: { count: number; lastSeq: number; lastReadSeq: number } | null;
      }>;
      return list.find((group) => group.id === own)?.unread;
    };
    // Writing moves my own read position to my message.
    expect(await unreadFor(bo)).toEqual({ count: 3, lastSeq: last.seq, lastReadSeq: mine.seq });
    expect((await bo.client.put(`/api/groups/${own}/read`, { seq: last.seq - 1 })).statusCode).toBe(200);
    expect(await unreadFor(bo)).toMatchObject({ count: 1, lastReadSeq: last.seq - 1 });
    expect((await bo.client.get(`/api/groups/${own}`)).json().group.unread.count).toBe(1);
    expect((await outsider.client.get(`/api/groups/${own}`)).json().group.unread).toBeNull();
  });
});

describe('names in a group', () => {
  it('shows the name the author chose for the group, not their account name', async () => {
    const own = await createGroupWith(admin, {}, [{ person: anna }, { person: bo }]);
    const profile = await anna.client.patch(`/api/groups/${own}/profile`, { profileName: 'Mor til Ida' });
    expect(profile.statusCode, profile.body).toBe(200);
    const posted = await post(anna, 'Hej fra mig', {}, own);
    expect((await bo.client.get(`/api/groups/${own}/messages`)).json().items.at(-1)).toMatchObject({
      id: posted.id,
      author: { id: anna.user.id, displayName: 'Mor til Ida' },
    });
  });
});
