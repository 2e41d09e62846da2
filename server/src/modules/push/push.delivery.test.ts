import { pushSubscriptions, userActivity } from '@spejl/db';
import { pushPayload, translate } from '@spejl/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupWith, createTestApp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';
import { activeMentorship, signUpCoordinator } from '../mentoring/mentoring.testing.ts';
import { connect, socketUrl } from '../moderation/moderation.test-support.ts';
import { localMinutes } from './push.sender.ts';
import { type PushReceiver, startPushReceiver, type TestSubscription } from '../../testing/push-receiver.ts';

/**
 * Push end to end: the app sends to a real Web Push receiver on 127.0.0.1, which checks the VAPID signature and
 * decrypts the body with the subscription's own keys, as a browser's push service and the browser do.
 */
let t: TestApp;
let receiver: PushReceiver;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let anna: Person;
let groupId: string;
let counter = 0;

const groupName = 'Cystisk fibrose';
/** What Anna writes: it may say something about a child's health, so it must never leave the app in a push. */
const secret = 'Vores søn fik svar på svedtesten i dag';

beforeAll(async () => {
  t = await createTestApp();
  receiver = await startPushReceiver();
  admin = await signUpAdmin(t);
  anna = await signUp(t.app, { displayName: 'Anna Andersen' });
  groupId = await createGroupWith(admin, { name: groupName }, [{ person: anna }]);
});
afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

/** A member of the group with push on in one browser. */
async function subscribedMember(options: { locale?: 'da' | 'en' } = {}) {
  const person = await signUp(t.app, { displayName: `Bo ${++counter}`, ...options });
  const added = await admin.client.post(`/api/groups/${groupId}/members`, { email: person.user.email });
  expect(added.statusCode, added.body).toBe(201);
  const subscription = receiver.subscription();
  const response = await person.client.post('/api/me/push-subscriptions', subscription);
  expect(response.statusCode, response.body).toBe(201);
  return { ...person, subscription };
}

async function mention(person: Person, from: Person = anna) {
  const response = await from.client.post(`/api/groups/${groupId}/messages`, {
    clientId: `push-${++counter}-message`,
    body: `<@${person.user.id}> ${secret}`,
  });
  expect(response.statusCode, response.body).toBe(201);
  await t.app.services.push.sender.settled();
  return response.json().message.id as string;
}

const preferences = async (person: Person, changes: Record<string, unknown>) => {
  const response = await person.client.patch('/api/me/preferences', changes);
  expect(response.statusCode, response.body).toBe(200);
};
const subscriptionRow = async (subscription: TestSubscription) =>
  (
    await t.database.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, subscription.endpoint))
  )[0];

describe('a push for a mention', () => {
  it('arrives at the member’s browser, signed and encrypted, saying where but never what was written nor by whom', async () => {
    const bo = await subscribedMember();
    const messageId = await mention(bo);
    const [push] = receiver.to(bo.subscription);
    expect(receiver.refused).toEqual([]);
    expect(push).toBeDefined();
    const { publicKey } = (await bo.client.get('/api/push/key')).json() as { publicKey: string };
    expect(push?.vapidKey).toBe(publicKey);
    expect(push?.claims.aud).toBe(receiver.origin);
    const [note] = (await bo.client.get('/api/notifications')).json().items as Array<{
      id: string;
      type: string;
    }>;
    expect(note?.type).toBe('mention');
    expect(pushPayload.parse(push?.payload)).toEqual({
      v: 1,
      title: translate('da', 'push.title.messageIn', { group: groupName }),
      url: `/groups/${groupId}/chat?message=${messageId}`,
      tag: `conversation:${groupId}`,
      notificationId: note?.id,
    });
    expect(push?.text).not.toContain('svedtesten');
    expect(push?.text).not.toContain('Anna');
    expect(push?.ttl).toBe(24 * 60 * 60);
    expect(push?.urgency).toBe('normal');
    const row = await subscriptionRow(bo.subscription);
    expect(row?.lastSuccessAt?.toISOString()).toBe(t.clock.now().toISOString());
  });

  it('says who and where when the person chose previews, still never the text', async () => {
    const bo = await subscribedMember({ locale: 'en' });
    await preferences(bo, { pushPreviews: true });
    await mention(bo);
    const [push] = receiver.to(bo.subscription);
    expect(push?.payload.title).toBe(
      translate('en', 'notification.mention', { name: 'Anna Andersen', group: groupName }),
    );
    expect(push?.text).not.toContain('svedtesten');
  });

  it('is not sent when the person chose mentions without push', async () => {
    const bo = await subscribedMember();
    await preferences(bo, { channels: { mention: ['mail'] } });
    await mention(bo);
    expect(receiver.to(bo.subscription)).toEqual([]);
    await preferences(bo, { channels: { mention: ['push'] } });
    await mention(bo);
    expect(receiver.to(bo.subscription)).toHaveLength(1);
  });

  it('waits out quiet hours that cover now in the person’s time zone', async () => {
    const bo = await subscribedMember();
    const now = localMinutes(t.clock.now(), 'Europe/Copenhagen');
    const clock = (minutes: number) => {
      const wrapped = (minutes + 24 * 60) % (24 * 60);
      return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
    };
    await preferences(bo, {
      timeZone: 'Europe/Copenhagen',
      quietHours: { start: clock(now - 60), end: clock(now + 60) },
    });
    await mention(bo);
    expect(receiver.to(bo.subscription)).toEqual([]);
    t.clock.advance(2 * 60 * 60 * 1000);
    await mention(bo);
    expect(receiver.to(bo.subscription)).toHaveLength(1);
  });
});

describe('no push while the person is in the app', () => {
  it('holds back while a visible tab says so over the socket, and sends again once it is hidden', async () => {
    const bo = await subscribedMember();
    const socket = await connect(await socketUrl(t), bo);
    try {
      const activity = async () =>
        (await t.database.db.select().from(userActivity).where(eq(userActivity.userId, bo.user.id)))[0]
          ?.activeAt;
      socket.send({ type: 'activity', visible: true });
      await expect.poll(activity).toEqual(t.clock.now());
      await mention(bo);
      expect(receiver.to(bo.subscription)).toEqual([]);

      socket.send({ type: 'activity', visible: false });
      await expect.poll(activity).toBeNull();
      await mention(bo);
      expect(receiver.to(bo.subscription)).toHaveLength(1);

      // A tab left visible but silent (closed without a word) stops holding pushes back after 90 seconds.
      socket.send({ type: 'activity', visible: true });
      await expect.poll(activity).toEqual(t.clock.now());
      t.clock.advance(91_000);
      await mention(bo);
      expect(receiver.to(bo.subscription)).toHaveLength(2);
    } finally {
      socket.close();
    }
  });

  it('sends again as soon as the last visible tab is closed', async () => {
    const bo = await subscribedMember();
    const activity = async () =>
      (await t.database.db.select().from(userActivity).where(eq(userActivity.userId, bo.user.id)))[0]
        ?.activeAt;
    const [phone, laptop] = [await connect(await socketUrl(t), bo), await connect(await socketUrl(t), bo)];
    phone.send({ type: 'activity', visible: true });
    laptop.send({ type: 'activity', visible: true });
    await expect.poll(activity).toEqual(t.clock.now());
    // One of two visible tabs closes: still reading in the other.
    phone.close();
    await mention(bo);
    expect(receiver.to(bo.subscription)).toEqual([]);
    laptop.close();
    await expect.poll(activity).toBeNull();
    await mention(bo);
    expect(receiver.to(bo.subscription)).toHaveLength(1);
  });

  it('refuses an activity frame that is not one', async () => {
    const bo = await subscribedMember();
    const socket = await connect(await socketUrl(t), bo);
    try {
      socket.send({ type: 'activity', visible: 'yes' });
      const error = await socket.next('error');
      expect(error).toMatchObject({ code: 'ws.bad_frame', frame: 'activity' });
    } finally {
      socket.close();
    }
  });
});

describe('subscriptions that stop working', () => {
  it('one answered 410 Gone is removed at once', async () => {
    const bo = await subscribedMember();
    receiver.answer(bo.subscription, 410);
    await mention(bo);
    expect(receiver.to(bo.subscription)).toHaveLength(1);
    expect(await subscriptionRow(bo.subscription)).toBeUndefined();
  });

  it('one failing for over a day is removed; a success in between starts the day again', async () => {
    const bo = await subscribedMember();
    const hour = 60 * 60 * 1000;
    receiver.answer(bo.subscription, 500);
    await mention(bo);
    const failing = await subscriptionRow(bo.subscription);
    expect(failing).toMatchObject({ failureCount: 1, failingSince: t.clock.now() });

    t.clock.advance(12 * hour);
    receiver.answer(bo.subscription, 201);
    await mention(bo);
    expect(await subscriptionRow(bo.subscription)).toMatchObject({ failureCount: 0, failingSince: null });

    receiver.answer(bo.subscription, 500);
    await mention(bo);
    const since = t.clock.now();
    t.clock.advance(23 * hour);
    await mention(bo);
    expect(await subscriptionRow(bo.subscription)).toMatchObject({ failureCount: 2, failingSince: since });
    t.clock.advance(2 * hour);
    await mention(bo);
    expect(await subscriptionRow(bo.subscription)).toBeUndefined();
  });
});

describe('a new message in a direct conversation', () => {
  it('pushes to the other person, one tag per conversation, without the text or (no previews) the name', async () => {
    const mette = await subscribedMember();
    const niels = await subscribedMember();
    for (const person of [mette, niels])
      expect((await person.client.patch('/api/me/direct-settings', { enabled: true })).statusCode).toBe(200);
    const asked = await mette.client.post('/api/direct', {
      userId: niels.user.id,
      body: secret,
      clientId: `push-${++counter}-ask`,
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const conversationId = asked.json().conversation.id as string;
    await t.app.services.push.sender.settled();
    // The request is one push (direct.request), not a second for the message that came with it.
    const asking = receiver
      .to(niels.subscription)
      .filter((entry) => entry.payload.tag === `conversation:${conversationId}`);
    expect(asking).toHaveLength(1);
    expect(asking[0]?.payload.notificationId).toEqual(expect.any(String));
    expect((await niels.client.post(`/api/direct/${conversationId}/accept`)).statusCode).toBe(200);
    await t.app.services.push.sender.settled();
    const before = receiver.to(niels.subscription).length;

    const written = await mette.client.post(`/api/conversations/${conversationId}/messages`, {
      clientId: `push-${++counter}-direct`,
      body: secret,
    });
    expect(written.statusCode, written.body).toBe(201);
    await t.app.services.push.sender.settled();
    const pushes = receiver.to(niels.subscription);
    expect(pushes).toHaveLength(before + 1);
    const push = pushes.at(-1);
    expect(pushPayload.parse(push?.payload)).toEqual({
      v: 1,
      title: translate('da', 'push.title.message'),
      url: `/messages/${conversationId}`,
      tag: `conversation:${conversationId}`,
    });
    expect(push?.topic).toBe(conversationId.replaceAll('-', ''));
    expect(push?.text).not.toContain('svedtesten');
    expect(push?.text).not.toContain('Bo ');
    // Every push about the conversation (the request, its messages) shares the tag, so a phone shows one.
    for (const earlier of pushes.slice(0, before))
      expect(earlier.payload.tag).toBe(`conversation:${conversationId}`);
    // The writer is not told about their own message.
    const mine = receiver
      .to(mette.subscription)
      .filter((entry) => entry.payload.tag === `conversation:${conversationId}`);
    expect(mine.every((entry) => entry.payload.notificationId !== undefined)).toBe(true);
  });

  it('is not pushed when the person chose direct messages without push', async () => {
    const mette = await subscribedMember();
    const niels = await subscribedMember();
    for (const person of [mette, niels])
      expect((await person.client.patch('/api/me/direct-settings', { enabled: true })).statusCode).toBe(200);
    await preferences(niels, { channels: { direct: ['mail'] } });
    const asked = await mette.client.post('/api/direct', {
      userId: niels.user.id,
      body: secret,
      clientId: `push-${++counter}-ask`,
    });
    const conversationId = asked.json().conversation.id as string;
    expect((await niels.client.post(`/api/direct/${conversationId}/accept`)).statusCode).toBe(200);
    await mette.client.post(`/api/conversations/${conversationId}/messages`, {
      clientId: `push-${++counter}-direct`,
      body: secret,
    });
    await t.app.services.push.sender.settled();
    expect(receiver.to(niels.subscription)).toEqual([]);
  });
});

describe('a new message in a mentorship conversation', () => {
  it('pushes to the other one of the pair, leading to the conversation, without the text', async () => {
    const coordinator = await signUpCoordinator(t);
    const pair = await activeMentorship(t, coordinator, {
      family: 'Familien Friis',
      mentor: 'Mona Mentor',
      groupId,
    });
    const subscription = receiver.subscription();
    expect((await pair.family.client.post('/api/me/push-subscriptions', subscription)).statusCode).toBe(201);
    const written = await pair.mentor.client.post(`/api/groups/${pair.groupId}/messages`, {
      clientId: `push-${++counter}-mentor`,
      body: secret,
    });
    expect(written.statusCode, written.body).toBe(201);
    await t.app.services.push.sender.settled();
    const [push] = receiver.to(subscription);
    expect(pushPayload.parse(push?.payload)).toEqual({
      v: 1,
      title: translate('da', 'push.title.message'),
      url: `/mentoring/matches/${pair.matchId}/conversation`,
      tag: `conversation:${pair.groupId}`,
    });
    expect(push?.text).not.toContain('svedtesten');
    expect(push?.text).not.toContain('Mona');
  });
});
