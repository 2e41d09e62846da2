import { moderationAuditLog, webinarAttendance } from '@spejl/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupWith, createTestApp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';
import { createResource } from '../resources/resources.testing.ts';
import {
  codeOf,
  createProgramme,
  dayMs,
  enrol,
  type EnrolmentShape,
  type Person,
  type ProgrammeShape,
  signUpCoordinator,
} from './programmes.testing.ts';

let t: TestApp;
let admin: Person;
let coordinator: Person;
let anna: Person;
let bo: Person;
let programme: ProgrammeShape;
let webinarId: string;
let resourceId: string;
let annaEnrolment: EnrolmentShape;
let boEnrolment: EnrolmentShape;

/** Moves the test clock, a few days at a time, keeping everyone's session alive as people using the app do. */
async function advanceDays(days: number) {
  let left = days;
  while (left > 0) {
    const step = Math.min(left, 5);
    t.clock.advance(step * dayMs);
    left -= step;
    for (const person of [admin, coordinator, anna, bo])
      expect((await person.client.get('/api/me')).statusCode).toBe(200);
  }
}

const stateOf = (enrolment: EnrolmentShape) => enrolment.steps.map((step) => step.state);
const stepId = (index: number) => programme.steps[index]?.id ?? '';
const answers = (value: number) => ({
  knowledge: value,
  rights: value,
  network: value,
  everyday: value,
  support: value,
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  coordinator = await signUpCoordinator(t);
  // Neither family belongs to any group or association.
  anna = await signUp(t.app, { displayName: 'Anna' });
  bo = await signUp(t.app, { displayName: 'Bo' });
  const groupId = await createGroupWith(admin, { name: 'Sjældne-netværket' });
  resourceId = (await createResource(admin)).id;
  const webinar = await admin.client.post('/api/webinars', {
    title: 'Sådan søger I om merudgifter',
    description: 'En socialrådgiver fortæller.',
    startsAt: new Date(t.clock.now().getTime() + 10 * dayMs).toISOString(),
    durationMinutes: 60,
    mode: 'online',
  });
  expect(webinar.statusCode, webinar.body).toBe(201);
  webinarId = webinar.json().webinar.id;
  programme = await createProgramme(
    coordinator,
    [
      { kind: 'read', title: 'Læs om rettigheder', resourceIds: [resourceId], opens: { rule: 'at_once' } },
      { kind: 'join_group', title: 'Meld dig ind i netværket', groupId },
      {
        kind: 'attend_webinar',
        title: 'Vær med i et webinar',
        webinarIds: [webinarId],
        opens: { rule: 'days_after_enrolling', days: 10 },
      },
      {
        kind: 'meeting',
        title: 'Familiedag',
        meeting: { place: 'Odense', startsAt: new Date(t.clock.now().getTime() + 20 * dayMs).toISOString() },
      },
    ],
    { finalGroupId: groupId },
  );
});
afterAll(async () => {
  await t?.close();
});

describe('a family through the programme', () => {
  it('shows the steps in order with what each counts by', () => {
    expect(programme.steps.map((step) => [step.kind, step.completion])).toEqual([
      ['read', 'read'],
      ['join_group', 'marked_done'],
      ['attend_webinar', 'attended'],
      ['meeting', 'confirmed'],
    ]);
  });

  it('lets a member of no association enrol, once, and see the first open step as the next', async () => {
    annaEnrolment = await enrol(anna, programme.id);
    expect(annaEnrolment.status).toBe('active');
    expect(stateOf(annaEnrolment)).toEqual(['open', 'locked', 'locked', 'locked']);
    expect(annaEnrolment.nextStepId).toBe(stepId(0));
    expect(annaEnrolment.evaluations.due).toEqual(['before']);
    const again = await anna.client.post(`/api/programmes/${programme.id}/enrolments`, {});
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(annaEnrolment.id);
    boEnrolment = await enrol(bo, programme.id, { familyLabel: 'Familien i Vejle' });

    const read = (await anna.client.get(`/api/programmes/${programme.id}`)).json();
    expect(read.myEnrolment.id).toBe(annaEnrolment.id);
    expect(read.steps[0].resourceIds).toEqual([resourceId]);
    const mine = (await anna.client.get('/api/me/programmes')).json();
    expect(mine.items.map((item: EnrolmentShape) => item.id)).toEqual([annaEnrolment.id]);
  });

  it('refuses steps the family cannot mark itself, each with its code', async () => {
    const attended = await anna.client.post(`/api/programmes/${programme.id}/steps/${stepId(2)}/done`);
    expect(attended.statusCode).toBe(409);
    expect(codeOf(attended)).toBe('programme.needs_attendance');
    const confirmed = await anna.client.post(`/api/programmes/${programme.id}/steps/${stepId(3)}/done`);
    expect(confirmed.statusCode).toBe(403);
    expect(codeOf(confirmed)).toBe('programme.coordinator_confirms');
    const locked = await anna.client.post(`/api/programmes/${programme.id}/steps/${stepId(1)}/done`);
    expect(locked.statusCode).toBe(409);
    expect(codeOf(locked)).toBe('programme.step_locked');
    const stranger = await signUp(t.app);
    const notEnrolled = await stranger.client.post(`/api/programmes/${programme.id}/steps/${stepId(0)}/done`);
    expect(notEnrolled.statusCode).toBe(409);
    expect(codeOf(notEnrolled)).toBe('programme.not_enrolled');
  });

  it('opens the next step once one is marked done', async () => {
    const first = await anna.client.post(`/api/programmes/${programme.id}/steps/${stepId(0)}/done`);
    expect(first.statusCode, first.body).toBe(200);
    expect(stateOf(first.json())).toEqual(['done', 'open', 'locked', 'locked']);
    expect(first.json().nextStepId).toBe(stepId(1));
    expect(first.json().steps[0].doneHow).toBe('read');
    const second = await anna.client.post(`/api/programmes/${programme.id}/steps/${stepId(1)}/done`);
    expect(stateOf(second.json())).toEqual(['done', 'done', 'locked', 'locked']);
    // The webinar step opens ten days after enrolling: it is next, but not open yet.
    expect(second.json().nextStepId).toBe(stepId(2));
    // Marking a step twice keeps the first record.
    const twice = await anna.client.post(`/api/programmes/${programme.id}/steps/${stepId(1)}/done`);
    expect(twice.statusCode).toBe(200);
  });

  it('takes questionnaires before, refuses a second one and one that is not due', async () => {
    const before = await anna.client.post(`/api/programmes/${programme.id}/evaluations`, {
      phase: 'before',
      answers: answers(2),
    });
    expect(before.statusCode, before.body).toBe(201);
    expect(before.json().evaluations.answered).toEqual(['before']);
    const again = await anna.client.post(`/api/programmes/${programme.id}/evaluations`, {
      phase: 'before',
      answers: answers(3),
    });
    expect(codeOf(again)).toBe('programme.evaluation_given');
    const early = await anna.client.post(`/api/programmes/${programme.id}/evaluations`, {
      phase: 'after',
      answers: answers(3),
    });
    expect(early.statusCode).toBe(409);
    expect(codeOf(early)).toBe('programme.evaluation_not_due');
    const fromBo = await bo.client.post(`/api/programmes/${programme.id}/evaluations`, {
      phase: 'before',
      answers: { ...answers(4), network: 1 },
      comment: 'Vi kender ingen andre i samme situation.',
    });
    expect(fromBo.statusCode, fromBo.body).toBe(201);
  });

  it('opens a step some days after enrolling when the clock gets there', async () => {
    await advanceDays(9);
    let read = (await anna.client.get(`/api/programmes/${programme.id}`)).json();
    expect(stateOf(read.myEnrolment)).toEqual(['done', 'done', 'locked', 'locked']);
    await advanceDays(1);
    read = (await anna.client.get(`/api/programmes/${programme.id}`)).json();
    expect(stateOf(read.myEnrolment)).toEqual(['done', 'done', 'open', 'locked']);
    expect(read.myEnrolment.nextStepId).toBe(stepId(2));
  });

  it('counts the webinar step from the attendance record', async () => {
    const now = t.clock.now();
    await t.database.db.insert(webinarAttendance).values({
      webinarId,
      userId: anna.user.id,
      role: 'attendee',
      joinedAt: now,
      lastSeenAt: now,
      leftAt: new Date(now.getTime() + 60 * 60_000),
    });
    const read = (await anna.client.get(`/api/programmes/${programme.id}`)).json();
    expect(stateOf(read.myEnrolment)).toEqual(['done', 'done', 'done', 'open']);
    expect(read.myEnrolment.steps[2].doneHow).toBe('attended');
    expect(read.myEnrolment.nextStepId).toBe(stepId(3));
  });

  it('shows coordinators a matrix of families by steps, with what is overdue', async () => {
    const matrix = await coordinator.client.get(`/api/programmes/${programme.id}/matrix`);
    expect(matrix.statusCode, matrix.body).toBe(200);
    const body = matrix.json();
    expect(body.steps.map((step: { id: string }) => step.id)).toEqual(programme.steps.map((step) => step.id));
    const rows = new Map(body.families.map((row: { userId: string }) => [row.userId, row]));
    expect(rows.get(anna.user.id)).toMatchObject({
      states: ['done', 'done', 'done', 'open'],
      overdueCount: 0,
    });
    // Bo did nothing: the first step has been open ten days (due after seven), the webinar step opened today.
    expect(rows.get(bo.user.id)).toMatchObject({
      states: ['overdue', 'locked', 'open', 'locked'],
      overdueCount: 1,
      familyLabel: 'Familien i Vejle',
      enrolmentId: boEnrolment.id,
    });
    // Nothing a family wrote is in it: no questionnaire comments, no messages.
    expect(matrix.body).not.toContain('Vi kender ingen andre');
  });

  it('lets the coordinator confirm a step, which finishes the programme and is in the audit log', async () => {
    const confirmed = await coordinator.client.post(
      `/api/programmes/${programme.id}/enrolments/${annaEnrolment.id}/steps/${stepId(3)}/confirm`,
    );
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(stateOf(confirmed.json())).toEqual(['done', 'done', 'done', 'done']);
    expect(confirmed.json().steps[3].doneHow).toBe('confirmed');
    const read = (await anna.client.get(`/api/programmes/${programme.id}`)).json();
    expect(read.myEnrolment.status).toBe('completed');
    expect(read.myEnrolment.nextStepId).toBeNull();
    expect(read.myEnrolment.finalGroup.name).toBe('Sjældne-netværket');
    expect(read.myEnrolment.evaluations.due).toEqual(['after']);
    const [entry] = await t.database.db
      .select()
      .from(moderationAuditLog)
      .where(
        and(
          eq(moderationAuditLog.action, 'programme.step_confirmed'),
          eq(moderationAuditLog.targetUserId, anna.user.id),
        ),
      );
    expect(entry?.actorId).toBe(coordinator.user.id);
  });

  it('aggregates the questionnaires for coordinators, with comments but not who wrote them', async () => {
    const after = await anna.client.post(`/api/programmes/${programme.id}/evaluations`, {
      phase: 'after',
      answers: answers(5),
    });
    expect(after.statusCode, after.body).toBe(201);
    const followUp = await anna.client.post(`/api/programmes/${programme.id}/evaluations`, {
      phase: 'follow_up',
      answers: answers(5),
    });
    expect(codeOf(followUp)).toBe('programme.evaluation_not_due');
    expect((await anna.client.get(`/api/programmes/${programme.id}/evaluations`)).statusCode).toBe(403);
    const summary = await coordinator.client.get(`/api/programmes/${programme.id}/evaluations`);
    expect(summary.statusCode, summary.body).toBe(200);
    const phases = new Map(summary.json().phases.map((phase: { phase: string }) => [phase.phase, phase]));
    const before = phases.get('before') as {
      responses: number;
      questions: Array<{ question: string; mean: number; counts: number[] }>;
      comments: string[];
    };
    expect(before.responses).toBe(2);
    const network = before.questions.find((question) => question.question === 'network');
    expect(network).toEqual({ question: 'network', mean: 1.5, counts: [1, 1, 0, 0, 0] });
    expect(before.questions.find((question) => question.question === 'rights')?.mean).toBe(3);
    expect(before.comments).toEqual(['Vi kender ingen andre i samme situation.']);
    expect(summary.body).not.toContain(bo.user.id);
    expect(summary.body).not.toContain('Bo');
    expect((phases.get('after') as { responses: number }).responses).toBe(1);
    expect((phases.get('follow_up') as { responses: number }).responses).toBe(0);
  });
});
