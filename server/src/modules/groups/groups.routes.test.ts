import { mailOutbox, users } from '@spejl/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, enableTotp, signUp, type TestApp } from '../../testing/app.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let moderator: Person;
let lazyModerator: Person;
let member: Person;
let outsider: Person;
let listed: { id: string; slug: string };
let hidden: { id: string; slug: string };
let inviteOnly: { id: string; slug: string };

const missingUuid = '00000000-0000-4000-8000-000000000000';

async function createGroup(body: Record<string, unknown>) {
  const response = await admin.client.post('/api/groups', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().group as { id: string; slug: string };
}

async function add(groupId: string, person: Person, role: 'member' | 'moderator' | 'owner' = 'member') {
  const response = await admin.client.post(`/api/groups/${groupId}/members`, {
    email: person.user.email,
    role,
  });
  expect(response.statusCode, response.body).toBe(201);
}

async function notificationsOf(person: Person) {
  const response = await person.client.get('/api/notifications');
  expect(response.statusCode).toBe(200);
  return response.json().items as Array<{ type: string; data: Record<string, unknown> }>;
}

/** The newest mail to an address with the given subject. */
async function mailTo(email: string, subject: string) {
  const mails = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, email));
  return mails.find((mail) => mail.subject === subject);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUp(t.app, { displayName: 'Astrid Andersen' });
  await t.database.db.update(users).set({ platformRole: 'admin' }).where(eq(users.id, admin.user.id));
  await enableTotp(admin.client, t.clock);
  moderator = await signUp(t.app, { displayName: 'Mads Mortensen' });
  await enableTotp(moderator.client, t.clock);
  lazyModerator = await signUp(t.app, { displayName: 'Uden TOTP' });
  member = await signUp(t.app, { displayName: 'Sofie' });
  outsider = await signUp(t.app, { displayName: 'Jonas', locale: 'en' });

  listed = await createGroup({
    name: 'Cystisk fibrose',
    slug: 'cystisk-fibrose',
    description: 'Erfaringer med hverdag og behandling.',
    kind: 'diagnosis',
    visibility: 'listed',
    joinPolicy: 'request',
    diagnosisTerms: ['cystic fibrosis', 'E84'],
  });
  hidden = await createGroup({
    name: 'Forældre til piger med Rett syndrom',
    slug: 'rett-foraeldre',
    description: 'Skjult gruppe.',
    kind: 'diagnosis',
    visibility: 'hidden',
    joinPolicy: 'request',
  });
  inviteOnly = await createGroup({
    name: 'Hæmofili og andre blødersygdomme',
    slug: 'haemofili',
    kind: 'diagnosis',
    visibility: 'listed',
    joinPolicy: 'invite',
  });
  for (const group of [listed, hidden, inviteOnly]) {
    await add(group.id, moderator, 'moderator');
    await add(group.id, lazyModerator, 'moderator');
    await add(group.id, member);
  }
});
afterAll(async () => {
  await t?.close();
});

describe('authentication and validation', () => {
  // The directory and a listed group's page answer signed out (groups.public.routes.test.ts); the rest never.
  it('answers 401 on every other group route without a session', async () => {
    const anonymous = new Client(t.app);
    const id = listed.id;
    const calls: Array<[string, string]> = [
      ['POST', '/api/groups'],
      ['GET', `/api/groups/${hidden.id}`],
      ['PATCH', `/api/groups/${id}`],
      ['PATCH', `/api/groups/${id}/profile`],
      ['POST', `/api/groups/${id}/join-requests`],
      ['DELETE', `/api/groups/${id}/join-requests/mine`],
      ['GET', `/api/groups/${id}/join-requests`],
      ['POST', `/api/groups/${id}/join-requests/${missingUuid}/approve`],
      ['POST', `/api/groups/${id}/join-requests/${missingUuid}/decline`],
      ['POST', `/api/groups/${id}/invites`],
      ['GET', `/api/groups/${id}/invites`],
      ['DELETE', `/api/groups/${id}/invites/${missingUuid}`],
      ['GET', '/api/invites/abcdefghijklmnopqrstuvwxyz'],
      ['POST', '/api/invites/abcdefghijklmnopqrstuvwxyz/accept'],
      ['GET', `/api/groups/${id}/members`],
      ['POST', `/api/groups/${id}/members`],
      ['PATCH', `/api/groups/${id}/members/${missingUuid}`],
      ['DELETE', `/api/groups/${id}/members/${missingUuid}`],
      ['GET', `/api/groups/${id}/membership-events`],
      ['GET', '/api/notifications'],
      ['POST', '/api/notifications/read'],
    ];
    for (const [method, url] of calls) {
      const response = await anonymous.request(method as 'GET', url, method === 'GET' ? undefined : {});
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json().error.code).toBe('auth.required');
    }
  });

  it('answers 400 validation.failed for bad bodies and unknown fields', async () => {
    const bad = [
      admin.client.post('/api/groups', {
        name: 'X',
        slug: 'Not A Slug',
        kind: 'diagnosis',
        visibility: 'listed',
        joinPolicy: 'request',
      }),
      admin.client.post('/api/groups', {
        name: 'Okay',
        slug: 'okay',
        kind: 'club',
        visibility: 'listed',
        joinPolicy: 'request',
      }),
      outsider.client.post(`/api/groups/${listed.id}/join-requests`, { message: 'x'.repeat(1001) }),
      outsider.client.post(`/api/groups/${listed.id}/join-requests`, { message: 'hej', extra: true }),
      moderator.client.post(`/api/groups/${listed.id}/invites`, { maxUses: 0 }),
      member.client.patch(`/api/groups/${listed.id}/profile`, { familyRole: 'cousin' }),
      admin.client.patch(`/api/groups/${listed.id}`, {}),
      member.client.get('/api/groups?limit=1000'),
      member.client.get('/api/groups?cursor=bm90LWEtY3Vyc29y'),
    ];
    for (const response of await Promise.all(bad)) {
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.code).toBe('validation.failed');
    }
  });

  it('answers 404 for groups that do not exist, by uuid, slug or nonsense', async () => {
    for (const id of [missingUuid, 'findes-ikke', "'; drop table groups; --"]) {
      const response = await member.client.get(`/api/groups/${encodeURIComponent(id)}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
  });

  it('lets only admins with TOTP create groups, and refuses a taken slug', async () => {
    const body = {
      name: 'Ny gruppe',
      slug: 'ny-gruppe',
      kind: 'network',
      visibility: 'listed',
      joinPolicy: 'request',
    };
    expect((await member.client.post('/api/groups', body)).json().error.code).toBe('auth.forbidden');
    expect((await moderator.client.post('/api/groups', body)).statusCode).toBe(403);
    expect(
      (await admin.client.post('/api/groups', { ...body, slug: 'cystisk-fibrose' })).json().error.code,
    ).toBe('group.slug_taken');
    const subgroupWithoutParent = await admin.client.post('/api/groups', { ...body, kind: 'subgroup' });
    expect(subgroupWithoutParent.statusCode).toBe(400);
  });
});

describe('a hidden group never reveals that it exists', () => {
  it('answers a non-member exactly as for a group that does not exist, on every endpoint', async () => {
    const notFoundBody = (await outsider.client.get(`/api/groups/${missingUuid}`)).body;
    for (const ref of [hidden.id, hidden.slug]) {
      const calls = [
        outsider.client.get(`/api/groups/${ref}`),
        outsider.client.patch(`/api/groups/${ref}`, { name: 'Ny' }),
        outsider.client.patch(`/api/groups/${ref}/profile`, { bio: 'hej' }),
        outsider.client.get(`/api/groups/${ref}/members`),
        outsider.client.post(`/api/groups/${ref}/members`, { email: outsider.user.email }),
        outsider.client.patch(`/api/groups/${ref}/members/${member.user.id}`, { role: 'owner' }),
        outsider.client.delete(`/api/groups/${ref}/members/${member.user.id}`),
        outsider.client.get(`/api/groups/${ref}/join-requests`),
        outsider.client.post(`/api/groups/${ref}/join-requests`, { message: 'Må jeg?' }),
        outsider.client.delete(`/api/groups/${ref}/join-requests/mine`),
        outsider.client.post(`/api/groups/${ref}/join-requests/${missingUuid}/approve`, {}),
        outsider.client.get(`/api/groups/${ref}/invites`),
        outsider.client.post(`/api/groups/${ref}/invites`, {}),
        outsider.client.delete(`/api/groups/${ref}/invites/${missingUuid}`),
        outsider.client.get(`/api/groups/${ref}/membership-events`),
      ];
      for (const response of await Promise.all(calls)) {
        expect(response.statusCode, response.body).toBe(404);
        expect(response.body).toBe(notFoundBody);
      }
    }
  });

  it('is absent from the directory, from search, from sub-group lists and from counts', async () => {
    const everything = (await outsider.client.get('/api/groups?limit=100')).json().items as Array<{
      id: string;
    }>;
    expect(everything.map((group) => group.id)).not.toContain(hidden.id);
    for (const q of ['Rett', 'rett-foraeldre', 'Forældre til piger', 'skjult']) {
      const found = (await outsider.client.get(`/api/groups?q=${encodeURIComponent(q)}`)).json().items;
      expect(found, q).toEqual([]);
    }
    const children = await outsider.client.get(`/api/groups?parentId=${hidden.id}`);
    expect(children.json().items).toEqual([]);
    const mine = (await member.client.get('/api/groups?q=Rett')).json().items as Array<{
      id: string;
      memberCount: number;
    }>;
    expect(mine.map((group) => group.id)).toEqual([hidden.id]);
  });

  it('is visible to its members and to admins, and the admin can manage it', async () => {
    expect((await member.client.get(`/api/groups/${hidden.slug}`)).statusCode).toBe(200);
    const seen = await admin.client.get(`/api/groups/${hidden.id}`);
    expect(seen.json().group.permissions.canModerate).toBe(true);
  });
});

describe('joining by request', () => {
  it('lets a moderator with TOTP approve; the requester is told and becomes a member; all of it is recorded', async () => {
    const requested = await outsider.client.post(`/api/groups/${listed.id}/join-requests`, {
      message: 'Vores søn fik diagnosen i sidste uge.',
    });
    expect(requested.statusCode, requested.body).toBe(201);
    const requestId = requested.json().joinRequest.id as string;
    const again = await outsider.client.post(`/api/groups/${listed.id}/join-requests`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('group.request_pending');

    const mine = (await outsider.client.get(`/api/groups/${listed.slug}`)).json().group;
    expect(mine.myJoinRequest).toMatchObject({
      status: 'pending',
      message: 'Vores søn fik diagnosen i sidste uge.',
    });
    expect(mine.myMembership).toBeNull();
    expect(mine.permissions.canRead).toBe(false);
    expect((await outsider.client.get(`/api/groups/${listed.id}/members`)).json().error.code).toBe(
      'group.not_member',
    );

    expect((await member.client.get(`/api/groups/${listed.id}/join-requests`)).json().error.code).toBe(
      'auth.forbidden',
    );
    const noTotp = await lazyModerator.client.get(`/api/groups/${listed.id}/join-requests`);
    expect(noTotp.statusCode).toBe(403);
    expect(noTotp.json().error.code).toBe('auth.mfa_enrolment_required');
    expect(
      (await lazyModerator.client.get(`/api/groups/${listed.id}`)).json().group.permissions
        .needsMfaForModeration,
    ).toBe(true);

    const moderatorView = (await moderator.client.get(`/api/groups/${listed.id}`)).json().group;
    expect(moderatorView.pendingRequestCount).toBe(1);
    expect((await member.client.get(`/api/groups/${listed.id}`)).json().group.pendingRequestCount).toBeNull();
    expect((await notificationsOf(moderator)).some((n) => n.type === 'join_request.created')).toBe(true);

    const queue = (await moderator.client.get(`/api/groups/${listed.id}/join-requests`)).json().items;
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ id: requestId, user: { displayName: 'Jonas' }, status: 'pending' });

    const approved = await moderator.client.post(
      `/api/groups/${listed.id}/join-requests/${requestId}/approve`,
      {},
    );
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().joinRequest).toMatchObject({
      status: 'approved',
      decidedBy: { displayName: 'Mads Mortensen' },
    });
    const twice = await moderator.client.post(
      `/api/groups/${listed.id}/join-requests/${requestId}/approve`,
      {},
    );
    expect(twice.json().error.code).toBe('group.request_decided');

    const after = (await outsider.client.get(`/api/groups/${listed.id}`)).json().group;
    expect(after.myMembership.role).toBe('member');
    expect(after.myJoinRequest).toBeNull();
    const notice = (await notificationsOf(outsider)).find((n) => n.type === 'join_request.approved');
    expect(notice?.data).toMatchObject({ groupId: listed.id, groupName: 'Cystisk fibrose' });
    const mail = await mailTo(outsider.user.email, 'You are now a member of Cystisk fibrose');
    expect(mail?.text).toContain('/groups/cystisk-fibrose');

    const events = (await moderator.client.get(`/api/groups/${listed.id}/membership-events`)).json()
      .items as Array<{
      kind: string;
      user: { id: string };
      actor: { displayName: string } | null;
    }>;
    expect(events[0]).toMatchObject({
      kind: 'joined.request_approved',
      user: { id: outsider.user.id },
      actor: { displayName: 'Mads Mortensen' },
    });
    expect(
      events.some((event) => event.kind === 'request.created' && event.user.id === outsider.user.id),
    ).toBe(true);
  });

  it('declines with a reason and a block: the requester reads why and cannot ask again', async () => {
    const person = await signUp(t.app, { displayName: 'Gentagende' });
    const requested = await person.client.post(`/api/groups/${listed.id}/join-requests`, { message: 'Hej' });
    const requestId = requested.json().joinRequest.id as string;
    const approveWithBlock = await moderator.client.post(
      `/api/groups/${listed.id}/join-requests/${requestId}/approve`,
      {
        block: true,
      },
    );
    expect(approveWithBlock.statusCode).toBe(400);
    const declined = await moderator.client.post(
      `/api/groups/${listed.id}/join-requests/${requestId}/decline`,
      {
        reason: 'Gruppen er for familier med CF.',
        block: true,
      },
    );
    expect(declined.statusCode, declined.body).toBe(200);
    const view = (await person.client.get(`/api/groups/${listed.id}`)).json().group;
    expect(view.myJoinRequest).toMatchObject({
      status: 'declined',
      reason: 'Gruppen er for familier med CF.',
    });
    expect(view.permissions.canRequestToJoin).toBe(false);
    const again = await person.client.post(`/api/groups/${listed.id}/join-requests`, {});
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('group.join_blocked');
    expect((await notificationsOf(person))[0]).toMatchObject({
      type: 'join_request.declined',
      data: { reason: 'Gruppen er for familier med CF.' },
    });
    const declinedMail = await mailTo(
      person.user.email,
      'Svar på din anmodning om at blive medlem af Cystisk fibrose',
    );
    expect(declinedMail?.text).toContain('Begrundelse: Gruppen er for familier med CF.');
    const declinedList = (
      await moderator.client.get(`/api/groups/${listed.id}/join-requests?status=declined`)
    ).json().items;
    expect(declinedList.map((item: { id: string }) => item.id)).toContain(requestId);
  });

  it('lets a requester withdraw, and refuses requests to invite-only groups and from members', async () => {
    const person = await signUp(t.app);
    await person.client.post(`/api/groups/${listed.id}/join-requests`, {});
    expect((await person.client.delete(`/api/groups/${listed.id}/join-requests/mine`)).statusCode).toBe(204);
    expect((await person.client.delete(`/api/groups/${listed.id}/join-requests/mine`)).statusCode).toBe(404);
    expect((await person.client.get(`/api/groups/${listed.id}`)).json().group.myJoinRequest).toBeNull();
    const inviteOnlyRequest = await person.client.post(`/api/groups/${inviteOnly.id}/join-requests`, {});
    expect(inviteOnlyRequest.json().error.code).toBe('group.invite_only');
    expect((await member.client.post(`/api/groups/${listed.id}/join-requests`, {})).json().error.code).toBe(
      'group.already_member',
    );
  });

  it('rate-limits join requests per person (429 with Retry-After)', async () => {
    const person = await signUp(t.app);
    let last = await person.client.post(`/api/groups/${listed.id}/join-requests`, {});
    for (let i = 0; i < 25 && last.statusCode !== 429; i++) {
      await person.client.delete(`/api/groups/${listed.id}/join-requests/mine`);
      last = await person.client.post(`/api/groups/${listed.id}/join-requests`, {});
    }
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('invite links', () => {
  it('creates, previews, accepts, counts uses and refuses used-up, revoked and expired links', async () => {
    expect((await member.client.post(`/api/groups/${inviteOnly.id}/invites`, {})).json().error.code).toBe(
      'auth.forbidden',
    );
    const created = await moderator.client.post(`/api/groups/${inviteOnly.id}/invites`, {
      maxUses: 1,
      expiresInHours: 24,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { code, url, invite } = created.json();
    expect(url).toBe(`http://localhost:3000/invite/${code}`);
    expect(invite).toMatchObject({ uses: 0, maxUses: 1, active: true, codeHint: code.slice(-4) });
    const listedInvites = (await moderator.client.get(`/api/groups/${inviteOnly.id}/invites`)).json().items;
    expect(JSON.stringify(listedInvites)).not.toContain(code);

    const guest = await signUp(t.app);
    const preview = await guest.client.get(`/api/invites/${code}`);
    expect(preview.json()).toMatchObject({
      group: { name: 'Hæmofili og andre blødersygdomme' },
      alreadyMember: false,
    });
    const accepted = await guest.client.post(`/api/invites/${code}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().group.myMembership.role).toBe('member');
    expect((await guest.client.post(`/api/invites/${code}/accept`)).statusCode).toBe(200);

    const late = await signUp(t.app);
    const usedUp = await late.client.post(`/api/invites/${code}/accept`);
    expect(usedUp.statusCode).toBe(410);
    expect(usedUp.json().error.code).toBe('group.invite_invalid');

    const second = (await moderator.client.post(`/api/groups/${inviteOnly.id}/invites`, {})).json();
    expect(
      (await moderator.client.delete(`/api/groups/${inviteOnly.id}/invites/${second.invite.id}`)).statusCode,
    ).toBe(204);
    expect((await late.client.get(`/api/invites/${second.code}`)).statusCode).toBe(410);

    const third = (
      await moderator.client.post(`/api/groups/${inviteOnly.id}/invites`, { expiresInHours: 1 })
    ).json();
    t.clock.advance(2 * 60 * 60 * 1000);
    expect((await late.client.post(`/api/invites/${third.code}/accept`)).statusCode).toBe(410);
    expect((await late.client.get('/api/invites/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).statusCode).toBe(410);

    const events = (await moderator.client.get(`/api/groups/${inviteOnly.id}/membership-events`)).json()
      .items;
    expect(events[0]).toMatchObject({
      kind: 'joined.invite',
      user: { id: guest.user.id },
      actor: { displayName: 'Mads Mortensen' },
    });
  });

  it('brings an invited person into a hidden group, which they then can see', async () => {
    const { code } = (await moderator.client.post(`/api/groups/${hidden.id}/invites`, {})).json();
    const guest = await signUp(t.app);
    expect((await guest.client.get(`/api/groups/${hidden.id}`)).statusCode).toBe(404);
    expect((await guest.client.post(`/api/invites/${code}/accept`)).statusCode).toBe(200);
    expect((await guest.client.get(`/api/groups/${hidden.id}`)).json().group.memberCount).toBeGreaterThan(0);
  });
});

describe('members, profiles and roles', () => {
  it('shows other members only what each chose to show in the group', async () => {
    const updated = await member.client.patch(`/api/groups/${listed.id}/profile`, {
      profileName: 'Mor til Ida',
      bio: 'Ida er 4 år.',
      familyRole: 'parent',
    });
    expect(updated.statusCode, updated.body).toBe(200);
    const members = (await moderator.client.get(`/api/groups/${listed.id}/members`)).json().items as Array<
      Record<string, unknown>
    >;
    const shown = members.find((item) => item.userId === member.user.id);
    expect(shown).toEqual({
      userId: member.user.id,
      displayName: 'Mor til Ida',
      bio: 'Ida er 4 år.',
      familyRole: 'parent',
      role: 'member',
      joinedAt: expect.any(String),
    });
    expect(JSON.stringify(members)).not.toContain('@example.test');
    await member.client.patch(`/api/groups/${listed.id}/profile`, {
      profileName: null,
      bio: null,
      familyRole: null,
    });
    const cleared = (await moderator.client.get(`/api/groups/${listed.id}/members?q=sofie`)).json().items;
    expect(cleared).toEqual([expect.objectContaining({ displayName: 'Sofie', bio: null, familyRole: null })]);
  });

  it('lets a member mute the group for themselves only, and unmute it', async () => {
    const mutedAnswer = await member.client.patch(`/api/groups/${listed.id}/profile`, { muted: true });
    expect(mutedAnswer.statusCode, mutedAnswer.body).toBe(200);
    expect(mutedAnswer.json().membership).toMatchObject({ muted: true, role: 'member' });
    expect((await member.client.get(`/api/groups/${listed.id}`)).json().group.myMembership.muted).toBe(true);
    const mine = (await member.client.get('/api/groups?mine=true')).json().items as Array<{
      id: string;
      myMembership: { muted: boolean };
    }>;
    expect(mine.find((group) => group.id === listed.id)?.myMembership.muted).toBe(true);
    // Another member's choice is their own.
    expect((await moderator.client.get(`/api/groups/${listed.id}`)).json().group.myMembership.muted).toBe(
      false,
    );
    const refused = await member.client.patch(`/api/groups/${listed.id}/profile`, { muted: 'yes' });
    expect(refused.statusCode).toBe(400);
    const unmuted = await member.client.patch(`/api/groups/${listed.id}/profile`, { muted: false });
    expect(unmuted.json().membership.muted).toBe(false);
  });

  it('lets owners change roles, keeps at least one owner, and limits what moderators may remove', async () => {
    expect(
      (
        await moderator.client.patch(`/api/groups/${listed.id}/members/${member.user.id}`, {
          role: 'moderator',
        })
      ).statusCode,
    ).toBe(403);
    const promoted = await admin.client.patch(`/api/groups/${listed.id}/members/${member.user.id}`, {
      role: 'moderator',
    });
    expect(promoted.json().member.role).toBe('moderator');
    expect((await notificationsOf(member))[0]).toMatchObject({
      type: 'membership.role_changed',
      data: { role: 'moderator' },
    });
    await admin.client.patch(`/api/groups/${listed.id}/members/${member.user.id}`, { role: 'member' });

    const lastOwner = await admin.client.patch(`/api/groups/${listed.id}/members/${admin.user.id}`, {
      role: 'member',
    });
    expect(lastOwner.json().error.code).toBe('group.last_owner');
    expect(
      (await admin.client.delete(`/api/groups/${listed.id}/members/${admin.user.id}`)).json().error.code,
    ).toBe('group.last_owner');

    expect(
      (await moderator.client.delete(`/api/groups/${listed.id}/members/${lazyModerator.user.id}`)).statusCode,
    ).toBe(403);
    expect(
      (await member.client.delete(`/api/groups/${listed.id}/members/${outsider.user.id}`)).statusCode,
    ).toBe(403);
    expect(
      (await moderator.client.delete(`/api/groups/${listed.id}/members/${missingUuid}`)).statusCode,
    ).toBe(404);

    const removed = await moderator.client.delete(`/api/groups/${listed.id}/members/${outsider.user.id}`, {
      reason: 'Delte andres helbredsoplysninger.',
    });
    expect(removed.statusCode).toBe(204);
    expect((await outsider.client.get(`/api/groups/${listed.id}`)).json().group.myMembership).toBeNull();
    expect((await notificationsOf(outsider))[0]).toMatchObject({ type: 'membership.removed' });
    const [event] = (await moderator.client.get(`/api/groups/${listed.id}/membership-events`)).json().items;
    expect(event).toMatchObject({
      kind: 'removed',
      fromRole: 'member',
      reason: 'Delte andres helbredsoplysninger.',
      actor: { displayName: 'Mads Mortensen' },
    });
  });

  it('lets a member leave, recorded as their own act', async () => {
    const person = await signUp(t.app);
    await add(listed.id, person);
    expect(
      (await person.client.delete(`/api/groups/${listed.id}/members/${person.user.id}`)).statusCode,
    ).toBe(204);
    expect((await person.client.get(`/api/groups/${listed.id}`)).json().group.myMembership).toBeNull();
    const [event] = (await moderator.client.get(`/api/groups/${listed.id}/membership-events`)).json().items;
    expect(event).toMatchObject({
      kind: 'left',
      user: { id: person.user.id },
      actor: { id: person.user.id },
    });
  });

  it('adds a member directly by email and tells them', async () => {
    const person = await signUp(t.app, { locale: 'da' });
    const added = await moderator.client.post(`/api/groups/${listed.id}/members`, {
      email: person.user.email,
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(
      (await moderator.client.post(`/api/groups/${listed.id}/members`, { email: person.user.email })).json()
        .error.code,
    ).toBe('group.already_member');
    expect(
      (
        await moderator.client.post(`/api/groups/${listed.id}/members`, {
          email: person.user.email,
          role: 'owner',
        })
      ).statusCode,
    ).toBe(403);
    expect(await mailTo(person.user.email, 'Du er blevet tilføjet til Cystisk fibrose')).toBeDefined();
  });
});

describe('the directory', () => {
  it('puts my groups first, finds Danish words in several spellings and shows counts for listed groups', async () => {
    const person = await signUp(t.app);
    await add(inviteOnly.id, person);
    const all = (await person.client.get('/api/groups')).json().items as Array<{
      id: string;
      memberCount: number | null;
      myMembership: unknown;
    }>;
    expect(all[0]?.id).toBe(inviteOnly.id);
    expect(all.every((group) => typeof group.memberCount === 'number')).toBe(true);
    for (const [q, expected] of [
      ['cystisk', listed.id],
      ['CYSTIC FIBROSIS', listed.id],
      ['E84', listed.id],
      ['haemofili', inviteOnly.id],
      ['blødersygdom', inviteOnly.id],
      ['hverdagen', listed.id],
    ] as const) {
      const found = (await person.client.get(`/api/groups?q=${encodeURIComponent(q)}`)).json()
        .items as Array<{ id: string }>;
      expect(
        found.map((group) => group.id),
        q,
      ).toContain(expected);
    }
    const page1 = (await person.client.get('/api/groups?limit=1')).json();
    expect(page1.items).toHaveLength(1);
    const page2 = (await person.client.get(`/api/groups?limit=1&cursor=${page1.nextCursor}`)).json();
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
  });

  it('marks notifications read, only the reader’s own', async () => {
    const before = (await outsider.client.get('/api/notifications?unread=true')).json().items as Array<{
      id: string;
    }>;
    expect(before.length).toBeGreaterThan(0);
    const first = before[0]!.id;
    expect((await moderator.client.post('/api/notifications/read', { ids: [first] })).statusCode).toBe(204);
    expect((await outsider.client.get('/api/notifications?unread=true')).json().items).toHaveLength(
      before.length,
    );
    await outsider.client.post('/api/notifications/read', { ids: [first] });
    expect((await outsider.client.get('/api/notifications?unread=true')).json().items).toHaveLength(
      before.length - 1,
    );
    await outsider.client.post('/api/notifications/read', { all: true });
    expect((await outsider.client.get('/api/notifications?unread=true')).json().items).toHaveLength(0);
  });
});
