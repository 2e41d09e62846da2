import { users } from '@spejl/db';
import type { CreateRequestBody, MentorProfileBody } from '@spejl/shared';
import { eq } from 'drizzle-orm';
import { enableTotp, signUp, type TestApp } from '../../testing/app.ts';

export type Person = Awaited<ReturnType<typeof signUp>>;

/** A coordinator with TOTP, signed in. */
export async function signUpCoordinator(t: TestApp, displayName = 'Karen Kristensen'): Promise<Person> {
  const person = await signUp(t.app, { displayName });
  await t.database.db.update(users).set({ platformRole: 'coordinator' }).where(eq(users.id, person.user.id));
  await enableTotp(person.client, t.clock);
  return person;
}

/** A mentor profile body with sensible defaults. */
export function profileBody(overrides: Partial<MentorProfileBody> = {}): MentorProfileBody {
  return {
    groupIds: [],
    relation: 'child',
    childAgeYears: 7,
    region: 'midtjylland',
    municipality: 'Aarhus',
    languages: ['da'],
    topics: ['daily_life', 'school'],
    capacity: 2,
    bio: 'Mor til en dreng med cystisk fibrose.',
    ...overrides,
  };
}

/** A family's request body with sensible defaults. */
export function requestBody(overrides: Partial<CreateRequestBody> = {}): CreateRequestBody {
  return {
    childAgeYears: 5,
    region: 'midtjylland',
    languages: ['da'],
    topics: ['daily_life', 'school'],
    needs: 'Vi har lige fået diagnosen og vil gerne tale med nogen, der har prøvet det.',
    consent: true,
    ...overrides,
  };
}

/** Signs up a person, saves their mentor profile and has the coordinator approve it. */
export async function approvedMentor(
  t: TestApp,
  coordinator: Person,
  displayName: string,
  profile: Partial<MentorProfileBody> = {},
): Promise<Person> {
  const mentor = await signUp(t.app, { displayName });
  const saved = await mentor.client.put('/api/mentoring/mentor-profile', profileBody(profile));
  if (saved.statusCode !== 201) throw new Error(`profile failed: ${saved.statusCode} ${saved.body}`);
  const approved = await coordinator.client.post(`/api/mentoring/mentors/${mentor.user.id}/approve`, {
    trainingCompletedOn: '2026-10-01',
  });
  if (approved.statusCode !== 200) throw new Error(`approve failed: ${approved.statusCode} ${approved.body}`);
  return mentor;
}

/** Posts a request as the family and returns its id. */
export async function createRequest(
  family: Person,
  overrides: Partial<CreateRequestBody> = {},
): Promise<string> {
  const response = await family.client.post('/api/mentoring/requests', requestBody(overrides));
  if (response.statusCode !== 201) throw new Error(`request failed: ${response.statusCode} ${response.body}`);
  return response.json().request.id as string;
}

/**
 * An active mentorship: a family's request in a diagnosis group, an approved mentor proposed and accepted. Returns
 * the pair and their private conversation (a `mentorship` group).
 */
export async function activeMentorship(
  t: TestApp,
  coordinator: Person,
  names: { family: string; mentor: string; groupId: string },
) {
  const family = await signUp(t.app, { displayName: names.family });
  const mentor = await approvedMentor(t, coordinator, names.mentor, { groupIds: [names.groupId] });
  const requestId = await createRequest(family, { groupId: names.groupId });
  const proposed = await coordinator.client.post('/api/mentoring/matches', {
    requestId,
    mentorUserId: mentor.user.id,
  });
  if (proposed.statusCode !== 201) throw new Error(`propose failed: ${proposed.statusCode} ${proposed.body}`);
  const matchId = proposed.json().match.id as string;
  const accepted = await mentor.client.post(`/api/mentoring/matches/${matchId}/accept`);
  if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.statusCode} ${accepted.body}`);
  return { family, mentor, matchId, groupId: accepted.json().match.conversationId as string };
}
