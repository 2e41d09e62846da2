import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createGroupWith, createTestApp, signUp, type TestApp } from '../../testing/app.ts';
import {
  act,
  flag,
  itemFor,
  mailsTo,
  moderationWorld,
  nextClientId,
  notificationsOf,
  type Person,
  post,
  readMessage,
} from './moderation.test-support.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof moderationWorld>>;
const day = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  t = await createTestApp();
  world = await moderationWorld(t);
});
afterAll(async () => {
  await t?.close();
});

/** Posts, flags and acts, and returns the action the member can appeal. */
async function decided(
  target: Person,
  groupId: string,
  body: Record<string, unknown>,
  moderator: Person = world.moderator,
): Promise<{ actionId: string; messageId: string; seq: number }> {
  const message = await post(target, groupId, `Sag ${nextClientId()}`);
  await flag(world.reporter, message.id, 'harassment');
  const item = await itemFor(moderator, message.id, `?groupId=${groupId}`);
  const response = await act(moderator, item.id, body);
  expect(response.statusCode, response.body).toBe(200);
  const mine = (await target.client.get('/api/me/moderation-actions?limit=100')).json().items;
  const action = mine.find((entry: { action: string; reason: string }) => entry.reason === body.reason);
  expect(action).toBeDefined();
  return { actionId: action.id, messageId: message.id, seq: message.seq };
}

describe('appeals', () => {
  it('lets the member appeal once; the acting moderator may not decide; another one overturns and the message is back', async () => {
    const { author, moderator, secondModerator, member, groupId } = world;
    const { actionId, messageId, seq } = await decided(author, groupId, {
      action: 'hide',
      reason: 'Skjult ved en fejl',
    });
    const listed = (await author.client.get('/api/me/moderation-actions')).json().items[0];
    expect(listed).toMatchObject({ id: actionId, appeal: null, permissions: { canAppeal: true } });
    expect(listed.appealableUntil).toBeDefined();

    expect(
      (
        await member.client.post(`/api/moderation/actions/${actionId}/appeals`, {
          statement: 'Ikke min sag, men alligevel',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await author.client.post(`/api/moderation/actions/${actionId}/appeals`, { statement: 'kort' }))
        .statusCode,
    ).toBe(400);
    const appealed = await author.client.post(`/api/moderation/actions/${actionId}/appeals`, {
      statement: 'Jeg skrev ikke noget forkert, læs det igen.',
    });
    expect(appealed.statusCode, appealed.body).toBe(201);
    const appealId = appealed.json().appeal.id;
    const twice = await author.client.post(`/api/moderation/actions/${actionId}/appeals`, {
      statement: 'Og en gang til, for en sikkerheds skyld.',
    });
    expect(twice.json().error.code).toBe('moderation.appeal_exists');
    expect((await notificationsOf(secondModerator))[0]).toMatchObject({ type: 'moderation.appeal' });

    const queue = (await secondModerator.client.get(`/api/moderation/appeals?groupId=${groupId}`)).json()
      .items;
    expect(queue.find((entry: { id: string }) => entry.id === appealId)).toMatchObject({
      statement: 'Jeg skrev ikke noget forkert, læs det igen.',
      permissions: { canDecide: true },
    });
    const own = await moderator.client.post(`/api/moderation/appeals/${appealId}/decision`, {
      outcome: 'upheld',
      reason: 'Jeg står ved det',
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('moderation.own_action');
    expect(
      (
        await member.client.post(`/api/moderation/appeals/${appealId}/decision`, {
          outcome: 'upheld',
          reason: 'Nej',
        })
      ).statusCode,
    ).toBe(404);

    const overturned = await secondModerator.client.post(`/api/moderation/appeals/${appealId}/decision`, {
      outcome: 'overturned',
      reason: 'Beskeden var i orden',
    });
    expect(overturned.statusCode, overturned.body).toBe(200);
    expect(overturned.json().appeal).toMatchObject({
      status: 'overturned',
      decidedBy: { id: secondModerator.user.id },
    });
    expect(await readMessage(member, groupId, { id: messageId, seq })).toMatchObject({ hidden: false });
    expect((await notificationsOf(author))[0]).toMatchObject({
      type: 'appeal.decided',
      data: { outcome: 'overturned' },
    });
    const mail = (await mailsTo(t, author.user.email)).find(
      (entry) => entry.subject === 'The answer to your appeal',
    );
    expect(mail?.text).toContain('Beskeden var i orden');
    const again = await secondModerator.client.post(`/api/moderation/appeals/${appealId}/decision`, {
      outcome: 'upheld',
      reason: 'Fortrudt',
    });
    expect(again.json().error.code).toBe('moderation.appeal_decided');
  });

  it('lifts an overturned mute and an overturned ban (the member is back in the group)', async () => {
    const { admin, moderator, secondModerator, reporter } = world;
    const person = await signUp(t.app, { displayName: 'Pia' });
    const groupId = await createGroupWith(admin, { name: 'Appelgruppe' }, [
      { person: moderator, role: 'moderator' },
      { person: secondModerator, role: 'moderator' },
      { person: reporter },
      { person },
    ]);
    const mute = await decided(person, groupId, {
      action: 'mute',
      reason: 'Pause en uge',
      durationHours: 24 * 7,
    });
    expect(
      (
        await person.client.post(`/api/groups/${groupId}/messages`, {
          clientId: nextClientId(),
          body: 'Hej?',
        })
      ).statusCode,
    ).toBe(403);
    const muteAppeal = await person.client.post(`/api/moderation/actions/${mute.actionId}/appeals`, {
      statement: 'Det var en misforståelse mellem os.',
    });
    await secondModerator.client.post(`/api/moderation/appeals/${muteAppeal.json().appeal.id}/decision`, {
      outcome: 'overturned',
      reason: 'Misforståelse',
    });
    await post(person, groupId, 'Tak, jeg kan skrive igen');

    const ban = await decided(person, groupId, { action: 'ban_member', reason: 'Udelukket' });
    expect((await person.client.get(`/api/groups/${groupId}/messages`)).statusCode).toBe(403);
    const banAppeal = await person.client.post(`/api/moderation/actions/${ban.actionId}/appeals`, {
      statement: 'Jeg vil gerne forklare, hvad der skete.',
    });
    const decision = await secondModerator.client.post(
      `/api/moderation/appeals/${banAppeal.json().appeal.id}/decision`,
      {
        outcome: 'overturned',
        reason: 'Velkommen tilbage',
      },
    );
    expect(decision.statusCode, decision.body).toBe(200);
    expect((await person.client.get(`/api/groups/${groupId}/messages`)).statusCode).toBe(200);
    const events = (await moderator.client.get(`/api/groups/${groupId}/membership-events`)).json().items;
    expect(events.slice(0, 2).map((event: { kind: string }) => event.kind)).toEqual([
      'joined.added',
      'unblocked',
    ]);
  });
});

describe('platform suspension', () => {
  it('suspends with escalating durations; a suspended account cannot sign in or use the API, and appeals by the mail link', async () => {
    const { admin, secondAdmin, reporter, moderator } = world;
    const password = 'en lang og god adgangskode';
    const email = `spammer-${Date.now()}@example.test`;
    const spammer = await signUp(t.app, { displayName: 'Spammer', email, password });
    const groupId = await createGroupWith(admin, { name: 'Spærregruppe' }, [
      { person: moderator, role: 'moderator' },
      { person: reporter },
      { person: spammer },
    ]);
    const suspend = async () => {
      const message = await post(spammer, groupId, `Køb nu ${nextClientId()}`);
      await flag(reporter, message.id, 'spam');
      const item = await itemFor(moderator, message.id, `?groupId=${groupId}`);
      expect((await act(moderator, item.id, { action: 'suspend', reason: 'Spam' })).statusCode).toBe(403);
      const response = await act(admin, item.id, { action: 'suspend', reason: 'Gentagen spam' });
      expect(response.statusCode, response.body).toBe(200);
    };
    const lockedUntil = async () => {
      const audit = (await admin.client.get('/api/moderation/audit-log')).json().items;
      return Date.parse(
        audit.find((entry: { action: string }) => entry.action === 'suspend').after.lockedUntil,
      );
    };

    await suspend();
    expect(await lockedUntil()).toBe(t.clock.now().getTime() + day);
    expect((await spammer.client.get('/api/me')).statusCode).toBe(401);
    const login = await new Client(t.app).post('/api/auth/login', { email, password });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('auth.account_locked');

    const mail = (await mailsTo(t, email)).find(
      (entry) => entry.subject === 'Din konto på Spejl er spærret',
    )!;
    expect(mail.text).toContain('Gentagen spam');
    const token = /\/appeal\/([a-z0-9]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    const anonymous = new Client(t.app);
    expect((await anonymous.get(`/api/moderation/appeal-tokens/${token}`)).json()).toMatchObject({
      reason: 'Gentagen spam',
      appealed: false,
    });
    expect((await anonymous.get('/api/moderation/appeal-tokens/notarealtokenatallhere')).statusCode).toBe(
      404,
    );

    t.clock.advance(day + 1000);
    const back = new Client(t.app);
    expect((await back.post('/api/auth/login', { email, password })).statusCode).toBe(200);
    spammer.client.cookie = back.cookie;
    await suspend();
    expect(await lockedUntil()).toBe(t.clock.now().getTime() + 7 * day);
    const tokens = (await mailsTo(t, email))
      .filter((entry) => entry.subject === 'Din konto på Spejl er spærret')
      .map((entry) => /\/appeal\/([a-z0-9]+)/.exec(entry.text)?.[1]);
    const secondToken = tokens.find((candidate) => candidate !== token);
    expect(tokens).toHaveLength(2);
    const appealed = await anonymous.post(`/api/moderation/appeal-tokens/${secondToken}/appeal`, {
      statement: 'Min konto blev hacket, det var ikke mig.',
    });
    expect(appealed.statusCode, appealed.body).toBe(204);
    const platform = (await secondAdmin.client.get('/api/moderation/appeals')).json().items;
    const appeal = platform.find((entry: { statement: string }) => entry.statement.includes('hacket'));
    expect(appeal.permissions.canDecide).toBe(true);
    const ownDecision = await admin.client.post(`/api/moderation/appeals/${appeal.id}/decision`, {
      outcome: 'overturned',
      reason: 'Hacket',
    });
    expect(ownDecision.json().error.code).toBe('moderation.own_action');
    const overturned = await secondAdmin.client.post(`/api/moderation/appeals/${appeal.id}/decision`, {
      outcome: 'overturned',
      reason: 'Kontoen var hacket',
    });
    expect(overturned.statusCode, overturned.body).toBe(200);
    expect((await new Client(t.app).post('/api/auth/login', { email, password })).statusCode).toBe(200);
  });
});

describe('the appeal window', () => {
  // Last in the file: moving the clock 20 days ends every session.
  it('closes the appeal window after 20 days', async () => {
    const { actionId } = await decided(world.author, world.groupId, {
      action: 'warn',
      reason: 'Advarsel om tonen',
    });
    t.clock.advance(20 * day + 60_000);
    await world.author.client.post('/api/auth/login', {
      email: world.author.user.email,
      password: world.author.password,
    });
    const late = await world.author.client.post(`/api/moderation/actions/${actionId}/appeals`, {
      statement: 'Jeg kom i tanke om det for sent.',
    });
    expect(late.json().error.code).toBe('moderation.appeal_expired');
  });
});
