import { moderationAuditLog } from '@spejl/db';
import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  createGroupWith,
  createTestApp,
  signUp,
  signUpAdmin,
  type TestApp,
} from '../../testing/app.ts';
import {
  codeOf,
  createProgramme,
  enrol,
  type Person,
  type ProgrammeShape,
  signUpCoordinator,
  unknownId,
} from './programmes.testing.ts';

let t: TestApp;
let admin: Person;
let coordinator: Person;
let family: Person;
let anonymous: Client;
let groupId: string;
let open: ProgrammeShape;
let draft: ProgrammeShape;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  coordinator = await signUpCoordinator(t);
  family = await signUp(t.app, { displayName: 'Familien Jensen' });
  anonymous = new Client(t.app);
  groupId = await createGroupWith(admin, { name: 'Sjældne-netværket' });
  open = await createProgramme(coordinator, [
    { kind: 'read', title: 'Læs om rettigheder', resourceIds: [] },
    { kind: 'join_group', title: 'Meld dig ind', groupId },
    { kind: 'meet_mentor', title: 'Mød din mentor' },
  ]);
  draft = await createProgramme(coordinator, [{ kind: 'meet_mentor', title: 'Mød din mentor' }], {
    status: 'draft',
    title: 'Kladde',
  });
});
afterAll(async () => {
  await t?.close();
});

/** Every route, with a body that passes validation, for the given programme, enrolment and step. */
function routes(programmeId: string, enrolmentId: string, stepId: string) {
  return [
    ['GET', '/api/programmes'],
    ['POST', '/api/programmes', { title: 'Nyt forløb' }],
    ['GET', `/api/programmes/${programmeId}`],
    ['PATCH', `/api/programmes/${programmeId}`, { title: 'Nyt navn' }],
    ['POST', `/api/programmes/${programmeId}/steps`, { kind: 'meet_mentor', title: 'Mentor' }],
    ['PATCH', `/api/programmes/${programmeId}/steps/${stepId}`, { title: 'Ny titel' }],
    ['DELETE', `/api/programmes/${programmeId}/steps/${stepId}`],
    [
      'POST',
      `/api/programmes/${programmeId}/cohorts`,
      {
        name: 'Forårsholdet',
        startsOn: new Date(t.clock.now().getTime() + 90 * 86_400_000).toISOString().slice(0, 10),
      },
    ],
    ['POST', `/api/programmes/${programmeId}/enrolments`, {}],
    ['GET', '/api/me/programmes'],
    ['POST', `/api/programmes/${programmeId}/steps/${stepId}/done`],
    ['POST', `/api/programmes/${programmeId}/enrolments/${enrolmentId}/steps/${stepId}/confirm`],
    ['POST', `/api/programmes/${programmeId}/enrolments/${enrolmentId}/pause`],
    ['POST', `/api/programmes/${programmeId}/enrolments/${enrolmentId}/resume`],
    ['POST', `/api/programmes/${programmeId}/enrolments/${enrolmentId}/leave`],
    [
      'POST',
      `/api/programmes/${programmeId}/evaluations`,
      { phase: 'before', answers: { knowledge: 1, rights: 2, network: 3, everyday: 4, support: 5 } },
    ],
    ['GET', `/api/programmes/${programmeId}/evaluations`],
    ['GET', `/api/programmes/${programmeId}/matrix`],
  ] as const;
}

describe('access to every route', () => {
  it('answers 401 without a session', async () => {
    const stepId = open.steps[0]?.id ?? unknownId;
    for (const [method, url, body] of routes(open.id, unknownId, stepId)) {
      const response = await anonymous.request(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(codeOf(response)).toBe('auth.required');
    }
  });

  it('refuses members the coordinators’ routes with 403, and coordinators without a second factor with its code', async () => {
    const stepId = open.steps[2]?.id ?? unknownId;
    const member = await signUp(t.app);
    const mine = await enrol(member, open.id);
    const coordinatorOnly = [
      ['POST', '/api/programmes', { title: 'Nyt forløb' }],
      ['PATCH', `/api/programmes/${open.id}`, { title: 'Overtaget' }],
      ['POST', `/api/programmes/${open.id}/steps`, { kind: 'meet_mentor', title: 'Mentor' }],
      ['PATCH', `/api/programmes/${open.id}/steps/${stepId}`, { title: 'Ny titel' }],
      ['DELETE', `/api/programmes/${open.id}/steps/${stepId}`],
      [
        'POST',
        `/api/programmes/${open.id}/cohorts`,
        {
          name: 'Hold',
          startsOn: new Date(t.clock.now().getTime() + 90 * 86_400_000).toISOString().slice(0, 10),
        },
      ],
      ['POST', `/api/programmes/${open.id}/enrolments/${mine.id}/steps/${stepId}/confirm`],
      ['GET', `/api/programmes/${open.id}/evaluations`],
      ['GET', `/api/programmes/${open.id}/matrix`],
    ] as const;
    for (const [method, url, body] of coordinatorOnly) {
      const response = await member.client.request(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(codeOf(response)).toBe('auth.forbidden');
    }
    const lazy = await signUp(t.app);
    const { users } = await import('@spejl/db');
    const { eq } = await import('drizzle-orm');
    await t.database.db.update(users).set({ platformRole: 'coordinator' }).where(eq(users.id, lazy.user.id));
    const refused = await lazy.client.get(`/api/programmes/${open.id}/matrix`);
    expect(refused.statusCode).toBe(403);
    expect(codeOf(refused)).toBe('auth.mfa_enrolment_required');
    expect(codeOf(await lazy.client.post('/api/programmes', { title: 'X' }))).toBe(
      'auth.mfa_enrolment_required',
    );
  });

  it('answers 404 for unknown programmes, steps and enrolments, and for drafts to members', async () => {
    const stepId = draft.steps[0]?.id ?? unknownId;
    for (const [method, url, body] of routes(unknownId, unknownId, unknownId)) {
      if (url === '/api/programmes' || url === '/api/me/programmes') continue;
      const response = await coordinator.client.request(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    for (const [method, url, body] of routes(draft.id, unknownId, stepId)) {
      if (url === '/api/programmes' || url === '/api/me/programmes') continue;
      const response = await family.client.request(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(codeOf(response)).toBe('programme.not_found');
    }
    // Someone else's enrolment and an unknown step of a programme the family sees.
    const other = await signUp(t.app);
    const theirs = await enrol(other, open.id);
    const step = open.steps[0]?.id ?? unknownId;
    for (const action of ['pause', 'resume', 'leave'])
      expect(
        (await family.client.post(`/api/programmes/${open.id}/enrolments/${theirs.id}/${action}`)).statusCode,
      ).toBe(404);
    await enrol(family, open.id);
    expect((await family.client.post(`/api/programmes/${open.id}/steps/${unknownId}/done`)).statusCode).toBe(
      404,
    );
    expect(
      (
        await coordinator.client.post(
          `/api/programmes/${open.id}/enrolments/${unknownId}/steps/${step}/confirm`,
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await coordinator.client.post(
          `/api/programmes/${open.id}/enrolments/${theirs.id}/steps/${unknownId}/confirm`,
        )
      ).statusCode,
    ).toBe(404);
  });

  it('refuses unknown fields, bad answers and references that do not exist', async () => {
    expect((await coordinator.client.post('/api/programmes', { title: 'X', extra: true })).statusCode).toBe(
      400,
    );
    const badKind = await coordinator.client.post(`/api/programmes/${open.id}/steps`, {
      kind: 'read',
      title: 'Læs',
      completion: 'attended',
    });
    expect(badKind.statusCode).toBe(400);
    const missingGroup = await coordinator.client.post(`/api/programmes/${open.id}/steps`, {
      kind: 'join_group',
      title: 'Meld dig ind',
      groupId: unknownId,
    });
    expect(missingGroup.statusCode).toBe(400);
    expect(codeOf(missingGroup)).toBe('programme.reference_invalid');
    const answers = await family.client.post(`/api/programmes/${open.id}/evaluations`, {
      phase: 'before',
      answers: { knowledge: 6, rights: 2, network: 3, everyday: 4, support: 5 },
    });
    expect(answers.statusCode).toBe(400);
  });
});

describe('the programme for coordinators', () => {
  it('lists open programmes to families and drafts too to coordinators', async () => {
    const forFamily = (await family.client.get('/api/programmes'))
      .json()
      .items.map((item: { id: string }) => item.id);
    expect(forFamily).toContain(open.id);
    expect(forFamily).not.toContain(draft.id);
    const forCoordinator = (await coordinator.client.get('/api/programmes')).json();
    expect(forCoordinator.items.map((item: { id: string }) => item.id)).toEqual(
      expect.arrayContaining([open.id, draft.id]),
    );
    const paged = (await coordinator.client.get('/api/programmes?limit=1')).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.nextCursor).not.toBeNull();
  });

  it('orders, moves and removes steps, and records each change in the audit log', async () => {
    const programme = await createProgramme(coordinator, [
      { kind: 'meet_mentor', title: 'Første' },
      { kind: 'meet_mentor', title: 'Anden' },
      { kind: 'meet_mentor', title: 'Tredje' },
    ]);
    const [first, , third] = programme.steps;
    const moved = await coordinator.client.patch(`/api/programmes/${programme.id}/steps/${third?.id}`, {
      position: 0,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().steps.map((step: { title: string }) => step.title)).toEqual([
      'Tredje',
      'Første',
      'Anden',
    ]);
    expect(
      (await coordinator.client.delete(`/api/programmes/${programme.id}/steps/${first?.id}`)).statusCode,
    ).toBe(204);
    const after = (await coordinator.client.get(`/api/programmes/${programme.id}`)).json();
    expect(
      after.steps.map((step: { title: string; position: number }) => [step.title, step.position]),
    ).toEqual([
      ['Tredje', 0],
      ['Anden', 1],
    ]);
    const entries = await t.database.db
      .select()
      .from(moderationAuditLog)
      .where(like(moderationAuditLog.action, 'programme.%'));
    const mine = entries.filter(
      (entry) => (entry.after as { programmeId?: string })?.programmeId === programme.id,
    );
    expect(mine.map((entry) => entry.action).sort()).toEqual(
      [
        'programme.created',
        'programme.step_created',
        'programme.step_created',
        'programme.step_created',
        'programme.updated',
        'programme.step_updated',
        'programme.step_deleted',
      ].sort(),
    );
    expect(mine.every((entry) => entry.actorId === coordinator.user.id)).toBe(true);
  });

  it('adds a cohort, and tells admins and families what each may do', async () => {
    const cohort = await coordinator.client.post(`/api/programmes/${open.id}/cohorts`, {
      name: 'Forårsholdet',
      startsOn: new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(cohort.statusCode, cohort.body).toBe(201);
    const read = (await admin.client.get(`/api/programmes/${open.id}`)).json();
    expect(read.permissions.canManage).toBe(true);
    expect(read.cohorts.map((row: { name: string }) => row.name)).toContain('Forårsholdet');
    expect((await family.client.get(`/api/programmes/${open.id}`)).json().permissions).toEqual({
      canEnrol: true,
      canManage: false,
    });
  });

  it('refuses enrolment in a closed programme, and an unknown cohort', async () => {
    const closed = await createProgramme(coordinator, [{ kind: 'meet_mentor', title: 'Mentor' }], {
      status: 'closed',
    });
    const refused = await family.client.post(`/api/programmes/${closed.id}/enrolments`, {});
    expect(refused.statusCode).toBe(409);
    expect(codeOf(refused)).toBe('programme.closed');
    const cohort = await family.client.post(`/api/programmes/${open.id}/enrolments`, { cohortId: unknownId });
    // The family is enrolled already (an earlier test): a second enrol answers with the existing one.
    expect(cohort.statusCode).toBe(200);
    const newcomer = await signUp(t.app);
    const missing = await newcomer.client.post(`/api/programmes/${open.id}/enrolments`, {
      cohortId: unknownId,
    });
    expect(missing.statusCode).toBe(404);
    expect(codeOf(missing)).toBe('programme.cohort_not_found');
    // Alone and with no association: a bare POST.
    const bare = await newcomer.client.post(`/api/programmes/${open.id}/enrolments`);
    expect(bare.statusCode, bare.body).toBe(201);
    expect(bare.json()).toMatchObject({ cohort: null, associationId: null, status: 'active' });
  });
});
