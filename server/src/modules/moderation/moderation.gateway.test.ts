import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, enableTotp, type TestApp } from '../../testing/app.ts';
import { act, connect, flag, itemFor, moderationWorld, post, socketUrl } from './moderation.test-support.ts';

let t: TestApp;
let url: string;
let world: Awaited<ReturnType<typeof moderationWorld>>;

beforeAll(async () => {
  t = await createTestApp();
  url = await socketUrl(t);
  world = await moderationWorld(t);
});
afterAll(async () => {
  await t?.close();
});

describe('the live queue', () => {
  it('tells moderators online about new, changed and resolved items in the queues they review', async () => {
    const { moderator, admin, member, author, reporter, groupId } = world;
    const moderatorSocket = await connect(url, moderator);
    moderatorSocket.send({ type: 'moderation.subscribe' });
    const subscribed = await moderatorSocket.next('moderation.subscribed');
    expect(subscribed.scopes).toContain(groupId);
    expect(subscribed.scopes).not.toContain('platform');

    const adminSocket = await connect(url, admin);
    adminSocket.send({ type: 'moderation.subscribe' });
    expect((await adminSocket.next('moderation.subscribed')).scopes).toContain('platform');

    const memberSocket = await connect(url, member);
    memberSocket.send({ type: 'moderation.subscribe' });
    expect((await memberSocket.next('moderation.subscribed')).scopes).toEqual([]);

    const message = await post(author, groupId, 'Live i køen');
    await flag(reporter, message.id, 'self_harm');
    const opened = await moderatorSocket.next('moderation.queue', (frame) => frame.change === 'opened');
    expect(opened).toMatchObject({ scope: groupId, urgent: true });
    const item = await itemFor(moderator, message.id, `?groupId=${groupId}`);
    expect(opened.itemId).toBe(item.id);

    await act(moderator, item.id, { action: 'escalate', reason: 'Til administratorerne' });
    await moderatorSocket.next(
      'moderation.queue',
      (frame) => frame.itemId === item.id && frame.change === 'updated',
    );
    await adminSocket.next(
      'moderation.queue',
      (frame) => frame.scope === 'platform' && frame.itemId === item.id,
    );
    // The socket carries only that something changed; the content stays behind the API's permissions.
    expect(JSON.stringify(moderatorSocket.frames)).not.toContain('Live i køen');
    expect(memberSocket.frames.filter((frame) => frame.type === 'moderation.queue')).toEqual([]);

    moderatorSocket.send({ type: 'moderation.unsubscribe' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = moderatorSocket.frames.length;
    const next = await post(author, groupId, 'Efter afmelding');
    await flag(reporter, next.id, 'spam');
    await adminSocket.next('moderation.queue', () => true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(moderatorSocket.frames.length).toBe(before);
    for (const socket of [moderatorSocket, adminSocket, memberSocket]) socket.close();
  });

  it('follows role changes: a new moderator starts hearing the group’s queue without reconnecting', async () => {
    const { member, admin, author, reporter, groupId } = world;
    await enableTotp(member.client, t.clock);
    const socket = await connect(url, member);
    socket.send({ type: 'moderation.subscribe' });
    await socket.next('moderation.subscribed', (frame) => frame.scopes.length === 0);
    await admin.client.patch(`/api/groups/${groupId}/members/${member.user.id}`, { role: 'moderator' });
    await socket.next('moderation.subscribed', (frame) => frame.scopes.includes(groupId));
    const message = await post(author, groupId, 'Til den nye moderator');
    await flag(reporter, message.id, 'spam');
    await socket.next('moderation.queue', (frame) => frame.scope === groupId);
    socket.close();
  });
});
