import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../testing/app.ts';
import {
  act,
  flag,
  itemFor,
  mailsTo,
  moderationWorld,
  notificationsOf,
  post,
  readMessage,
} from './moderation.test-support.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof moderationWorld>>;
const missing = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  world = await moderationWorld(t);
});
afterAll(async () => {
  await t?.close();
});

describe('access', () => {
  it('answers 401 without a session on every moderation route', async () => {
    const anonymous = new Client(t.app);
    const routes: Array<[string, string, unknown?]> = [
      ['POST', `/api/messages/${missing}/flags`, { reason: 'spam' }],
      ['GET', '/api/me/reports'],
      ['GET', '/api/me/moderation-actions'],
      ['GET', '/api/moderation/summary'],
      ['GET', `/api/moderation/queue?groupId=${world.groupId}`],
      ['GET', `/api/moderation/items/${missing}`],
      ['POST', `/api/moderation/items/${missing}/claim`],
      ['DELETE', `/api/moderation/items/${missing}/claim`],
      ['POST', `/api/moderation/items/${missing}/actions`, { action: 'hide', reason: 'Spam' }],
      ['POST', '/api/moderation/items/bulk-actions', { itemIds: [missing], action: 'hide', reason: 'Spam' }],
      ['POST', `/api/moderation/actions/${missing}/appeals`, { statement: 'Det var ikke spam, jeg lover.' }],
      ['GET', '/api/moderation/appeals'],
      ['POST', `/api/moderation/appeals/${missing}/decision`, { outcome: 'upheld', reason: 'Står ved magt' }],
      ['GET', `/api/moderation/groups/${world.groupId}/settings`],
      ['PATCH', `/api/moderation/groups/${world.groupId}/settings`, { slowModeSeconds: 5 }],
      ['GET', '/api/moderation/filters'],
      ['POST', '/api/moderation/filters', { kind: 'word', pattern: 'spam', action: 'block' }],
      ['DELETE', `/api/moderation/filters/${missing}`],
      ['GET', '/api/moderation/support'],
      ['GET', '/api/moderation/audit-log'],
      ['GET', '/api/moderation/audit-log.csv'],
      ['GET', '/api/moderation/transparency'],
    ];
    for (const [method, url, body] of routes) {
      const response = await anonymous.request(method as 'GET', url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json().error.code).toBe('auth.required');
    }
  });

  it('answers 403 to members and to moderators without two-step verification, 404 for hidden or missing things', async () => {
    const { member, moderatorWithoutTotp, outsider, groupId, hiddenGroupId } = world;
    for (const url of [
      `/api/moderation/queue?groupId=${groupId}`,
      `/api/moderation/groups/${groupId}/settings`,
      `/api/moderation/filters?groupId=${groupId}`,
      `/api/moderation/audit-log?groupId=${groupId}`,
      `/api/moderation/transparency?groupId=${groupId}`,
      `/api/moderation/appeals?groupId=${groupId}`,
      '/api/moderation/queue',
      '/api/moderation/audit-log',
      '/api/moderation/filters',
    ]) {
      const asMember = await member.client.get(url);
      expect(asMember.statusCode, url).toBe(403);
      expect(asMember.json().error.code).toBe('auth.forbidden');
    }
    const noTotp = await moderatorWithoutTotp.client.get(`/api/moderation/queue?groupId=${groupId}`);
    expect(noTotp.statusCode).toBe(403);
    expect(noTotp.json().error.code).toBe('auth.mfa_enrolment_required');
    for (const url of [
      `/api/moderation/queue?groupId=${hiddenGroupId}`,
      `/api/moderation/queue?groupId=${missing}`,
      `/api/moderation/items/${missing}`,
      `/api/moderation/items/not-a-uuid`,
      `/api/moderation/audit-log?groupId=${hiddenGroupId}`,
    ]) {
      const response = await outsider.client.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    const hiddenMessage = await post(world.author, hiddenGroupId, 'I en skjult gruppe');
    expect((await flag(outsider, hiddenMessage.id, 'spam')).statusCode).toBe(404);
    expect((await flag(outsider, missing, 'spam')).statusCode).toBe(404);
    const listedMessage = await post(world.author, groupId, 'I en synlig gruppe');
    const notMember = await flag(outsider, listedMessage.id, 'spam');
    expect(notMember.statusCode).toBe(403);
    expect(notMember.json().error.code).toBe('group.not_member');
    // An item is a hidden thing: a member who may not review it gets 404, never 403.
    await flag(world.reporter, listedMessage.id, 'spam');
    const item = await itemFor(world.moderator, listedMessage.id, `?groupId=${groupId}`);
    const asMember = await member.client.get(`/api/moderation/items/${item.id}`);
    expect(asMember.statusCode).toBe(404);
    expect((await act(member, item.id, { action: 'hide', reason: 'Forsøg' })).statusCode).toBe(404);
  });

  it('validates bodies: reasons, a note for "other", unknown fields, short action reasons, a mute without a duration', async () => {
    const message = await post(world.author, world.groupId, 'Til validering');
    for (const body of [
      { reason: 'boring' },
      { reason: 'other' },
      { reason: 'spam', extra: true },
      { reason: 'spam', note: 'x'.repeat(501) },
    ]) {
      const response = await world.reporter.client.post(`/api/messages/${message.id}/flags`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('validation.failed');
    }
    expect((await flag(world.reporter, message.id, 'other', 'Deler et telefonnummer')).statusCode).toBe(201);
    const item = await itemFor(world.moderator, message.id, `?groupId=${world.groupId}`);
    for (const body of [
      { action: 'hide' },
      { action: 'hide', reason: 'x' },
      { action: 'mute', reason: 'For mange beskeder' },
      { action: 'nuke', reason: 'Spam' },
      { action: 'hide', reason: 'Spam', secret: 1 },
    ]) {
      const response = await act(world.moderator, item.id, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('flags and the threshold', () => {
  it('keeps one open flag per person and message, and refuses flags on one’s own message', async () => {
    const message = await post(world.author, world.groupId, 'Køb billige piller her');
    expect((await flag(world.reporter, message.id, 'spam')).statusCode).toBe(201);
    const again = await flag(world.reporter, message.id, 'harassment');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('moderation.already_flagged');
    const own = await flag(world.author, message.id, 'spam');
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('moderation.own_message');
  });

  it('hides a message after two independent flags, or one from a moderator; the author still sees it, marked', async () => {
    const { author, reporter, reporter2, member, moderator, groupId } = world;
    const message = await post(author, groupId, 'Et indlæg med en grov tone');
    await flag(reporter, message.id, 'harassment');
    expect((await readMessage(member, groupId, message)).hidden).toBe(false);
    const item = await itemFor(moderator, message.id, `?groupId=${groupId}`);
    expect(item.score).toBe(1);
    expect(item.message.hidden).toBe(false);

    await flag(reporter2, message.id, 'harassment');
    const others = await readMessage(member, groupId, message);
    expect(others).toMatchObject({ hidden: true, body: null });
    const own = await readMessage(author, groupId, message);
    expect(own).toMatchObject({ hidden: true, body: 'Et indlæg med en grov tone' });
    const moderators = await readMessage(moderator, groupId, message);
    expect(moderators).toMatchObject({ hidden: true, body: 'Et indlæg med en grov tone' });
    expect((await itemFor(moderator, message.id, `?groupId=${groupId}`)).score).toBe(2);
    const search = await member.client.get(`/api/groups/${groupId}/search?q=tone`);
    expect(search.json().items.map((item: { id: string }) => item.id)).not.toContain(message.id);

    const single = await post(author, groupId, 'En anden besked, som en moderator ser');
    expect((await flag(world.secondModerator, single.id, 'spam')).statusCode).toBe(201);
    expect((await readMessage(member, groupId, single)).hidden).toBe(true);
    const audit = (await moderator.client.get(`/api/moderation/audit-log?groupId=${groupId}`)).json().items;
    expect(
      audit.find(
        (entry: { action: string; messageId: string }) =>
          entry.action === 'auto_hide' && entry.messageId === single.id,
      ),
    ).toMatchObject({
      actor: null,
      before: { hidden: false },
      after: { hidden: true },
    });
  });

  it('weighs the flags of a reporter moderators keep disagreeing with less', async () => {
    const { author, moderator, groupId } = world;
    for (let i = 0; i < 3; i++) {
      const harmless = await post(author, groupId, `Helt almindelig besked ${i}`);
      await flag(world.member, harmless.id, 'spam');
      const item = await itemFor(moderator, harmless.id, `?groupId=${groupId}`);
      expect((await act(moderator, item.id, { action: 'dismiss', reason: 'Ikke spam' })).statusCode).toBe(
        200,
      );
    }
    const next = await post(author, groupId, 'Endnu en almindelig besked');
    await flag(world.member, next.id, 'spam');
    // (0 upheld + 1) / (3 decided + 2) + 0.5: a newcomer's flag weighs 1.
    expect((await itemFor(moderator, next.id, `?groupId=${groupId}`)).score).toBe(0.7);
  });

  it('alerts moderators at once about a self_harm flag and shows the member support, even below the threshold', async () => {
    const { author, reporter, moderator, secondModerator, groupId } = world;
    const message = await post(author, groupId, 'Jeg orker ikke mere');
    const response = await flag(reporter, message.id, 'self_harm');
    expect(response.statusCode).toBe(201);
    expect(response.json().support).toBe(true);
    for (const person of [moderator, secondModerator])
      expect((await notificationsOf(person))[0]).toMatchObject({
        type: 'moderation.self_harm',
        data: { groupId },
      });
    expect((await notificationsOf(author))[0]).toMatchObject({
      type: 'moderation.support',
      data: { groupId },
    });
    const mails = await mailsTo(t, moderator.user.email);
    expect(mails.map((mail) => mail.subject)).toContain('Vigtigt: en bekymrende besked i Moderationsgruppe');
    expect((await readMessage(world.member, groupId, message)).hidden).toBe(false);
    const queue = (await moderator.client.get(`/api/moderation/queue?groupId=${groupId}`)).json().items;
    expect(queue[0]).toMatchObject({ urgent: true, message: { id: message.id } });
    const support = (await author.client.get(`/api/moderation/support?groupId=${groupId}`)).json();
    expect(support.helplines.map((line: { phone: string }) => line.phone)).toEqual(
      expect.arrayContaining(['70 201 201', '116 111', '112']),
    );
  });

  it('limits how many flags one person raises a day', async () => {
    const spammer = world.reporter2;
    let refused: {
      statusCode: number;
      headers: Record<string, unknown>;
      json(): { error: { code: string } };
    } | null = null;
    for (let i = 0; i < 22 && !refused; i++) {
      const message = await post(
        world.member,
        world.hiddenGroupId === '' ? '' : world.groupId,
        `Flag mig ${i}`,
      );
      const response = await flag(spammer, message.id, 'other', 'test af grænsen');
      if (response.statusCode === 429) refused = response;
      else expect(response.statusCode).toBe(201);
    }
    expect(refused?.json().error.code).toBe('moderation.flag_limit');
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(24 * 60 * 60 * 1000 + 1000);
  });
});

describe('the queue', () => {
  it('shows flags with reporters, the score, context and the author, and sends reports about moderators to admins', async () => {
    const { author, moderator, secondModerator, reporter, admin, groupId } = world;
    await post(author, groupId, 'Før');
    const message = await post(author, groupId, 'Det omstridte indlæg');
    await post(author, groupId, 'Efter');
    await flag(reporter, message.id, 'misinformation', 'Påstår at medicinen er farlig');
    const item = await itemFor(moderator, message.id, `?groupId=${groupId}`);
    expect(item).toMatchObject({
      queue: 'group',
      source: 'flags',
      subject: { id: author.user.id },
      flags: [
        {
          reason: 'misinformation',
          note: 'Påstår at medicinen er farlig',
          reporter: { id: reporter.user.id },
        },
      ],
      context: {
        before: expect.arrayContaining([expect.objectContaining({ body: 'Før' })]),
        after: [expect.objectContaining({ body: 'Efter' })],
      },
      permissions: { canAct: true, canClaim: true, aboutMe: false },
    });
    const detail = (await moderator.client.get(`/api/moderation/items/${item.id}`)).json().item;
    expect(detail.authorHistory).toEqual(expect.any(Array));
    expect(detail.edits).toEqual([]);

    const byModerator = await post(secondModerator, groupId, 'En moderator skriver noget tvivlsomt');
    await flag(reporter, byModerator.id, 'harassment');
    const groupQueue = (await moderator.client.get(`/api/moderation/queue?groupId=${groupId}`)).json().items;
    expect(groupQueue.some((entry: { message: { id: string } }) => entry.message.id === byModerator.id)).toBe(
      false,
    );
    const platform = await itemFor(admin, byModerator.id);
    expect(platform.queue).toBe('platform');
    expect((await moderator.client.get(`/api/moderation/items/${platform.id}`)).statusCode).toBe(404);
  });

  it('lets a moderator claim an item so another moderator does not act on it at the same time', async () => {
    const { author, moderator, secondModerator, reporter, groupId } = world;
    const message = await post(author, groupId, 'Til at gøre krav på');
    await flag(reporter, message.id, 'spam');
    const item = await itemFor(moderator, message.id, `?groupId=${groupId}`);
    const claimed = await moderator.client.post(`/api/moderation/items/${item.id}/claim`);
    expect(claimed.json().item.claimedBy).toMatchObject({ id: moderator.user.id });
    const blocked = await act(secondModerator, item.id, { action: 'hide', reason: 'Spam' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('moderation.claimed');
    expect((await secondModerator.client.post(`/api/moderation/items/${item.id}/claim`)).statusCode).toBe(
      409,
    );
    await moderator.client.delete(`/api/moderation/items/${item.id}/claim`);
    expect((await act(secondModerator, item.id, { action: 'hide', reason: 'Spam' })).statusCode).toBe(200);
  });

  it('counts open items for the badge', async () => {
    const summary = (await world.moderator.client.get('/api/moderation/summary')).json();
    const group = summary.groups.find((entry: { id: string }) => entry.id === world.groupId);
    expect(group.openCount).toBeGreaterThan(0);
    expect(summary.moderates).toBe(true);
    expect(summary.platform).toBeNull();
    expect((await world.moderatorWithoutTotp.client.get('/api/moderation/summary')).json()).toMatchObject({
      moderates: true,
      needsMfa: true,
      openCount: 0,
    });
    expect((await world.member.client.get('/api/moderation/summary')).json()).toMatchObject({
      moderates: false,
    });
    expect(
      (await world.admin.client.get('/api/moderation/summary')).json().platform.openCount,
    ).toBeGreaterThan(0);
  });
});

describe('actions', () => {
  it('hides with a reason: the author is told in their language, and the reporter sees the outcome', async () => {
    const { author, reporter, moderator, member, groupId } = world;
    const message = await post(author, groupId, 'Her er Idas journal fra Rigshospitalet');
    await flag(reporter, message.id, 'privacy', 'Deler et barns journal');
    const reportOf = async () =>
      (await reporter.client.get('/api/me/reports?limit=100'))
        .json()
        .items.find((report: { messageId: string }) => report.messageId === message.id);
    const before = await reportOf();
    expect(before).toMatchObject({ status: 'open', outcome: null, reason: 'privacy' });
    const item = await itemFor(moderator, message.id, `?groupId=${groupId}`);
    const done = await act(moderator, item.id, {
      action: 'hide',
      reason: 'Deler et barns helbredsoplysninger',
      messageToUser: 'Spørg forældrene først',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().item).toMatchObject({ status: 'resolved', resolution: { action: 'hide' } });
    expect((await readMessage(member, groupId, message)).hidden).toBe(true);

    const told = (await notificationsOf(author)).find((entry) => entry.type === 'moderation.action');
    expect(told?.data).toMatchObject({
      action: 'hide',
      reason: 'Deler et barns helbredsoplysninger',
      groupId,
    });
    const mail = (await mailsTo(t, author.user.email)).find((entry) =>
      entry.text.includes('Deler et barns helbredsoplysninger'),
    )!;
    expect(mail.subject).toBe('A message from the moderators on Spejl');
    expect(mail.text).toContain('decided: The message was hidden.');
    expect(mail.text).not.toContain('Hide the message');
    expect(mail.text).toContain('Deler et barns helbredsoplysninger');
    expect(mail.text).toContain('Spørg forældrene først');
    expect(mail.text).toContain(`/decisions/`);

    expect((await notificationsOf(reporter))[0]).toMatchObject({
      type: 'report.resolved',
      data: { outcome: 'upheld', action: 'hide' },
    });
    const after = await reportOf();
    expect(after).toMatchObject({ status: 'resolved', outcome: 'upheld', action: 'hide', excerpt: null });
    const again = await act(world.secondModerator, item.id, { action: 'dismiss', reason: 'For sent' });
    expect(again.json().error.code).toBe('moderation.item_resolved');
  });

  it('dismisses: the message shows again and the reporter learns that nothing was against the rules', async () => {
    const { author, reporter, reporter2, moderator, member, groupId } = world;
    const message = await post(author, groupId, 'Uskyldig besked');
    await flag(reporter, message.id, 'spam');
    await flag(reporter2, message.id, 'spam');
    expect((await readMessage(member, groupId, message)).hidden).toBe(true);
    const item = await itemFor(moderator, message.id, `?groupId=${groupId}`);
    await act(moderator, item.id, { action: 'dismiss', reason: 'Ikke spam' });
    expect(await readMessage(member, groupId, message)).toMatchObject({
      hidden: false,
      body: 'Uskyldig besked',
    });
    expect((await notificationsOf(reporter2))[0]).toMatchObject({
      type: 'report.resolved',
      data: { outcome: 'dismissed' },
    });
    expect((await notificationsOf(author))[0]).toMatchObject({
      type: 'moderation.action',
      data: { action: 'dismiss' },
    });
  });

  it('deletes, and warns with a message to the member', async () => {
    const { author, reporter, moderator, member, groupId } = world;
    const message = await post(author, groupId, 'Slet mig');
    await flag(reporter, message.id, 'spam');
    const item = await itemFor(moderator, message.id, `?groupId=${groupId}`);
    await act(moderator, item.id, { action: 'delete', reason: 'Reklame' });
    expect(await readMessage(member, groupId, message)).toMatchObject({ deleted: true, body: null });

    const rude = await post(author, groupId, 'Lidt for skarp');
    await flag(reporter, rude.id, 'harassment');
    const warnItem = await itemFor(moderator, rude.id, `?groupId=${groupId}`);
    await act(moderator, warnItem.id, {
      action: 'warn',
      reason: 'Tonen',
      messageToUser: 'Husk at være venlig',
    });
    expect((await notificationsOf(author))[0]).toMatchObject({
      type: 'moderation.action',
      data: { action: 'warn', messageToUser: 'Husk at være venlig' },
    });
    expect((await readMessage(member, groupId, rude)).hidden).toBe(false);
  });

  it('removes a member through the groups service, and a ban also stops a new request and an invite', async () => {
    const { admin, moderator, reporter } = world;
    const { signUp } = await import('../../testing/app.ts');
    const troll = await signUp(t.app, { displayName: 'Trold' });
    const { createGroupWith } = await import('../../testing/app.ts');
    const groupId = await createGroupWith(admin, { name: 'Udelukkelse' }, [
      { person: moderator, role: 'moderator' },
      { person: reporter },
      { person: troll },
    ]);
    const first = await post(troll, groupId, 'Provokation');
    await flag(reporter, first.id, 'harassment');
    const removal = await itemFor(moderator, first.id, `?groupId=${groupId}`);
    expect(
      (await act(moderator, removal.id, { action: 'remove_member', reason: 'Gentagen chikane' })).statusCode,
    ).toBe(200);
    expect((await troll.client.get(`/api/groups/${groupId}/messages`)).statusCode).toBe(403);
    const history = (await moderator.client.get(`/api/groups/${groupId}/membership-events`)).json().items;
    expect(history[0]).toMatchObject({ kind: 'removed', reason: 'Gentagen chikane' });

    const rejoin = await troll.client.post(`/api/groups/${groupId}/join-requests`, {});
    expect(rejoin.statusCode).toBe(201);
    await moderator.client.post(
      `/api/groups/${groupId}/join-requests/${rejoin.json().joinRequest.id}/approve`,
      {},
    );
    const second = await post(troll, groupId, 'Igen');
    await flag(reporter, second.id, 'harassment');
    const ban = await itemFor(moderator, second.id, `?groupId=${groupId}`);
    expect((await act(moderator, ban.id, { action: 'ban_member', reason: 'Udelukket' })).statusCode).toBe(
      200,
    );
    // Each decision reaches the member once, as the decision with its reason (not also as a plain removal).
    const told = (await notificationsOf(troll)).filter((entry) =>
      ['moderation.action', 'membership.removed'].includes(entry.type),
    );
    expect(told.map((entry) => [entry.type, entry.data.action])).toEqual([
      ['moderation.action', 'ban_member'],
      ['moderation.action', 'remove_member'],
    ]);
    const asked = await troll.client.post(`/api/groups/${groupId}/join-requests`, {});
    expect(asked.json().error.code).toBe('group.join_blocked');
    const invite = await moderator.client.post(`/api/groups/${groupId}/invites`, {});
    const accepted = await troll.client.post(`/api/invites/${invite.json().code}/accept`);
    expect(accepted.statusCode).toBe(403);
    expect(accepted.json().error.code).toBe('group.join_blocked');
    const audit = (await moderator.client.get(`/api/moderation/audit-log?groupId=${groupId}`)).json().items;
    const actions = audit.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(['ban_member', 'membership.blocked', 'membership.removed', 'remove_member']),
    );
  });

  it('escalates to the platform queue, where only admins act; nobody acts on an item about themselves', async () => {
    const { author, reporter, moderator, admin, secondAdmin, groupId } = world;
    const message = await post(author, groupId, 'Muligvis ulovligt');
    await flag(reporter, message.id, 'spam');
    const item = await itemFor(moderator, message.id, `?groupId=${groupId}`);
    expect(
      (await act(moderator, item.id, { action: 'escalate', reason: 'Kræver en jurist' })).statusCode,
    ).toBe(200);
    expect((await moderator.client.get(`/api/moderation/items/${item.id}`)).statusCode).toBe(404);
    expect((await itemFor(admin, message.id)).queue).toBe('platform');
    expect((await notificationsOf(admin)).some((entry) => entry.type === 'moderation.escalated')).toBe(true);
    expect((await act(admin, item.id, { action: 'hide', reason: 'Ulovligt indhold' })).statusCode).toBe(200);

    const adminsGroup = await (await import('../../testing/app.ts')).createGroupWith(
      admin,
      { name: 'Admins' },
      [{ person: reporter }],
    );
    const own = await post(admin, adminsGroup, 'Admin skriver');
    await flag(reporter, own.id, 'illegal');
    const ownItem = await itemFor(secondAdmin, own.id);
    const refused = await act(admin, ownItem.id, { action: 'dismiss', reason: 'Det er fint' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('moderation.self');
    expect(
      (await act(secondAdmin, ownItem.id, { action: 'dismiss', reason: 'Det er fint' })).statusCode,
    ).toBe(200);
  });

  it('handles a spam wave in one go', async () => {
    const { author, reporter, moderator, groupId } = world;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const message = await post(author, groupId, `Spam nummer ${i}`);
      await flag(reporter, message.id, 'spam');
      ids.push((await itemFor(moderator, message.id, `?groupId=${groupId}`)).id);
    }
    const response = await moderator.client.post('/api/moderation/items/bulk-actions', {
      itemIds: [...ids, '00000000-0000-4000-8000-000000000000'],
      action: 'delete',
      reason: 'Spambølge',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().results).toEqual([
      ...ids.map((itemId) => ({ itemId, ok: true, code: null })),
      { itemId: '00000000-0000-4000-8000-000000000000', ok: false, code: 'not_found' },
    ]);
  });
});
