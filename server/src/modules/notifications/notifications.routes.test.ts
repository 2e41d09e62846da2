import { notifications } from '@spejl/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp, type TestApp } from '../../testing/app.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let person: Person;

beforeAll(async () => {
  t = await createTestApp();
  person = await signUp(t.app, { displayName: 'Nina Nielsen' });
});
afterAll(async () => t?.close());

/** Writes a row as an older version (or a bug) may have left it, past the typed service. */
async function storeRaw(type: string, data: unknown, minutesAgo: number) {
  await t.database.db.insert(notifications).values({
    userId: person.user.id,
    type,
    data: data as Record<string, unknown>,
    createdAt: new Date(t.clock.now().getTime() - minutesAgo * 60_000),
  });
}

describe('GET /api/notifications', () => {
  it('answers 401 without a session', async () => {
    const response = await new Client(t.app).get('/api/notifications');
    expect(response.statusCode).toBe(401);
  });

  it('lists what fits its type, reads an older shape, and leaves out rows that no longer fit', async () => {
    const service = t.app.services.notifications;
    await service.deliver(
      await service.create([
        {
          userId: person.user.id,
          type: 'mention',
          data: { groupId: 'g1', groupName: 'Cystisk fibrose', messageId: 'm1', authorName: 'Anna' },
        },
      ]),
    );
    await storeRaw('direct.request', { conversationId: 'c1', name: 'Mette', body: 'Et gammelt felt' }, 1);
    await storeRaw('retired.type', { groupId: 'g1' }, 2);
    await storeRaw('membership.role_changed', { groupId: 'g1', groupName: 'CF', role: 7 }, 3);
    await storeRaw('mentoring.approved', [], 4);
    await storeRaw('mentoring.proposed', { matchId: 'x1' }, 5);

    const response = await person.client.get('/api/notifications');
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as Array<{ type: string; data: unknown; readAt: string | null }>;
    // Newest first: the row written last comes first.
    expect(items.map((item) => item.type)).toEqual(['mentoring.proposed', 'direct.request', 'mention']);
    expect(items.find((item) => item.type === 'direct.request')?.data).toEqual({
      conversationId: 'c1',
      name: 'Mette',
    });
    expect(items.find((item) => item.type === 'mention')).toMatchObject({
      data: { groupId: 'g1', groupName: 'Cystisk fibrose', messageId: 'm1', authorName: 'Anna' },
      readAt: null,
    });

    const unread = await person.client.get('/api/notifications?unread=true&limit=2');
    expect(unread.statusCode, unread.body).toBe(200);
    expect(unread.json().nextCursor).not.toBeNull();
  });

  it('refuses to write a notification whose data does not fit its type', async () => {
    const service = t.app.services.notifications;
    await expect(
      service.create([
        // @ts-expect-error a mention needs its message and author: a wrong shape does not compile
        { userId: person.user.id, type: 'mention', data: { groupId: 'g1', groupName: 'CF' } },
      ]),
    ).rejects.toThrow();
    const smuggled = { matchId: 'm1', body: 'Vores datter har lige fået diagnosen' };
    await expect(
      service.create([{ userId: person.user.id, type: 'mentoring.proposed', data: smuggled }]),
    ).rejects.toThrow();
  });
});
