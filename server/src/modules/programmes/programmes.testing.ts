import { users } from '@spejl/db';
import type { CreateStepBody } from '@spejl/shared';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { type Client, enableTotp, signUp, type TestApp } from '../../testing/app.ts';

export type Person = Awaited<ReturnType<typeof signUp>>;

/** A platform coordinator with TOTP, signed in, as every coordinator needs. */
export async function signUpCoordinator(t: TestApp, displayName = 'Karen Kristensen') {
  const person = await signUp(t.app, { displayName });
  await t.database.db.update(users).set({ platformRole: 'coordinator' }).where(eq(users.id, person.user.id));
  await enableTotp(person.client, t.clock);
  return person;
}

export interface ProgrammeShape {
  id: string;
  status: string;
  steps: Array<{ id: string; kind: string; title: string; completion: string }>;
  myEnrolment: EnrolmentShape | null;
  permissions: { canEnrol: boolean; canManage: boolean };
}
export interface EnrolmentShape {
  id: string;
  status: string;
  nextStepId: string | null;
  steps: Array<{ stepId: string; state: string; doneHow: string | null }>;
  evaluations: { due: string[]; answered: string[] };
  completedAt: string | null;
}

/** Creates a programme as this coordinator and adds the steps; returns what the API answered last. */
export async function createProgramme(
  coordinator: { client: Client },
  steps: CreateStepBody[],
  options: { status?: 'draft' | 'open' | 'closed'; title?: string; finalGroupId?: string } = {},
): Promise<ProgrammeShape> {
  const created = await coordinator.client.post('/api/programmes', {
    title: options.title ?? 'De første måneder',
    summary: 'Et forløb for nye familier.',
    ...(options.finalGroupId ? { finalGroupId: options.finalGroupId } : {}),
  });
  expect(created.statusCode, created.body).toBe(201);
  let programme = created.json() as ProgrammeShape;
  for (const step of steps) {
    const added = await coordinator.client.post(`/api/programmes/${programme.id}/steps`, step);
    expect(added.statusCode, added.body).toBe(201);
    programme = added.json();
  }
  if (options.status !== 'draft') {
    const opened = await coordinator.client.patch(`/api/programmes/${programme.id}`, {
      status: options.status ?? 'open',
    });
    expect(opened.statusCode, opened.body).toBe(200);
    programme = opened.json();
  }
  return programme;
}

/** Enrols the family and returns the enrolment (201 the first time). */
export async function enrol(
  family: { client: Client },
  programmeId: string,
  body: Record<string, unknown> = {},
) {
  const response = await family.client.post(`/api/programmes/${programmeId}/enrolments`, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as EnrolmentShape;
}

export const codeOf = (response: { json(): unknown }) =>
  (response.json() as { error: { code: string } }).error.code;
export const unknownId = '00000000-0000-4000-8000-000000000000';
export const dayMs = 24 * 60 * 60 * 1000;
