import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, enableTotp, signUp, type TestApp } from '../../testing/app.ts';
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

  it('refuses the queue to a session that signed in without TOTP, with the code REST answers', async () => {
    const { admin, author, reporter, groupId } = world;
    const person = await signUp(t.app, { displayName: 'Sofie Sand' });
    const added = await admin.client.post(`/api/groups/${groupId}/members`, {
      email: person.user.email,
      role: 'moderator',
    });
    expect(added.statusCode, added.body).toBe(201);
    // A second session, signed in with the password alone before TOTP was turned on in the first.
    const older = new Client(t.app);
    expect(
      (await older.post('/api/auth/login', { email: person.user.email, password: person.password }))
        .statusCode,
    ).toBe(200);
    await enableTotp(person.client, t.clock);

    const rest = await older.get(`/api/moderation/queue?groupId=${groupId}`);
    expect(rest.json().error.code).toBe('auth.mfa_step_up_required');
    expect((await older.get('/api/moderation/summary')).json()).toMatchObject({
      needsMfa: true,
      needsStepUp: true,
      openCount: 0,
      groups: [],
    });

    const refused = await connect(url, { ...person, client: older });
    refused.send({ type: 'moderation.subscribe' });
    expect((await refused.next('error')).code).toBe('auth.mfa_step_up_required');
    const verified = await connect(url, person);
    verified.send({ type: 'moderation.subscribe' });
    expect((await verified.next('moderation.subscribed')).scopes).toContain(groupId);

    const message = await post(author, groupId, 'Kun for den verificerede session');
    await flag(reporter, message.id, 'spam');
    await verified.next('moderation.queue', (frame) => frame.scope === groupId);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(refused.frames.filter((frame) => frame.type === 'moderation.queue')).toEqual([]);
    expect(refused.frames.some((frame) => frame.type === 'moderation.subscribed')).toBe(false);
    refused.close();
    verified.close();
  });
});
