import { moderationAuditLog } from '@spejl/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signUpAdmin, type TestApp } from '../../testing/app.ts';
import { addDays, addMonths, danishToday } from './resources.dates.ts';
import { addToGroup, associationWithGroups, createResource, signUpWithTotp } from './resources.testing.ts';

const dayMs = 24 * 60 * 60 * 1000;
type Person = Awaited<ReturnType<typeof signUpAdmin>>;
let t: TestApp;
let associationId: string;
let groupId: string;
const ids: Record<string, string> = {};
let created: Record<string, { reviewedOn: string; reviewDueOn: string; updatedAt?: string }> = {};

/**
 * An admin, an association editor and a group owner signed in now. Moving the clock by weeks ends every session
 * (idle after a week), so each step signs in fresh people, as the editors would.
 */
async function editors() {
  const admin = await signUpAdmin(t);
  const editor = await signUpWithTotp(t, 'Ellen Redaktør');
  const owner = await signUpWithTotp(t, 'Ole Ejer');
  const people = { admin, editor, owner };
  if (associationId) await appoint(people);
  return people;
}

async function queue(person: { client: Client }) {
  const response = await person.client.get('/api/resources/review?limit=100');
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as Array<{ id: string; reviewState: string }>).filter((item) =>
    Object.values(ids).includes(item.id),
  );
}

const advanceDays = (days: number) => t.clock.advance(days * dayMs);
const today = () => danishToday(t.clock.now());

beforeAll(async () => {
  t = await createTestApp();
  const first = await editors();
  ({ associationId, listedGroupId: groupId } = await associationWithGroups(
    first.admin,
    'Foreningen for Tjek',
  ));
  await appoint(first);
  const platform = await createResource(first.admin, { title: 'A: hele landet' });
  const soon = await createResource(first.admin, {
    title: 'B: foreningens',
    scope: { type: 'association', id: associationId },
    public: false,
  });
  // The editor sets the association's resource to be checked again in 45 days.
  const association = await first.editor.client.patch(`/api/resources/${soon.id}`, {
    reviewDueOn: addDays(soon.reviewedOn, 45),
  });
  expect(association.statusCode, association.body).toBe(200);
  const group = await createResource(first.owner, {
    title: 'C: gruppens',
    scope: { type: 'group', id: groupId },
    public: false,
  });
  ids.platform = platform.id;
  ids.association = soon.id;
  ids.group = group.id;
  created = { platform, association: association.json(), group };
});
afterAll(async () => {
  await t?.close();
});

/** Makes the editor an editor of the association, and the owner the group's owner. */
async function appoint(people: { admin: Person; editor: Person; owner: Person }) {
  expect(
    (
      await people.admin.client.post(`/api/associations/${associationId}/editors`, {
        userId: people.editor.user.id,
      })
    ).statusCode,
  ).toBe(201);
  await addToGroup(people.admin, groupId, people.owner, 'owner');
}

describe('the review queue', () => {
  it('dates a new resource: checked today, due in 12 months', () => {
    expect(created.platform!.reviewedOn).toBe(today());
    expect(created.platform!.reviewDueOn).toBe(addMonths(today(), 12));
    expect(created.association!.reviewDueOn).toBe(addDays(today(), 45));
  });

  it('shows nothing before a review comes near, and a resource once its date is within 30 days', async () => {
    let people = await editors();
    expect(await queue(people.admin)).toEqual([]);
    expect(await queue(people.editor)).toEqual([]);
    advanceDays(16);
    people = await editors();
    expect(await queue(people.editor)).toEqual([
      expect.objectContaining({ id: ids.association, reviewState: 'due' }),
    ]);
    expect(await queue(people.owner)).toEqual([]);
    expect((await queue(people.admin)).map((item) => item.id)).toEqual([ids.association]);
  });

  it('marks it overdue once the date passes, openly to readers too, oldest date first', async () => {
    advanceDays(30);
    let people = await editors();
    expect(await queue(people.editor)).toEqual([
      expect.objectContaining({ id: ids.association, reviewState: 'overdue' }),
    ]);
    advanceDays(365 - 46 + 2);
    people = await editors();
    const read = (await new Client(t.app).get(`/api/resources/${ids.platform}`)).json();
    expect(read).toMatchObject({
      reviewedOn: created.platform!.reviewedOn,
      reviewState: 'overdue',
      overdue: true,
    });
    expect((await queue(people.admin)).map((item) => item.id)).toEqual([
      ids.association,
      ids.platform,
      ids.group,
    ]);
    expect((await queue(people.owner)).map((item) => item.id)).toEqual([ids.group]);
    expect((await queue(people.editor)).map((item) => item.id)).toEqual([ids.association]);
  });

  it('"still correct" moves only the dates, takes the resource out of the queue, and is recorded', async () => {
    const people = await editors();
    const before = (await people.admin.client.get(`/api/resources/${ids.platform}`)).json();
    expect((await people.owner.client.post(`/api/resources/${ids.platform}/still-correct`)).statusCode).toBe(
      403,
    );
    expect((await people.editor.client.post(`/api/resources/${ids.group}/still-correct`)).statusCode).toBe(
      403,
    );
    const checked = await people.admin.client.post(`/api/resources/${ids.platform}/still-correct`);
    expect(checked.statusCode, checked.body).toBe(200);
    const after = checked.json();
    expect(after).toMatchObject({
      reviewedOn: today(),
      reviewDueOn: addMonths(today(), 12),
      reviewState: 'current',
    });
    const { reviewedOn, reviewDueOn, reviewState, overdue, ...rest } = after;
    const { reviewedOn: _r, reviewDueOn: _d, reviewState: _s, overdue: _o, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(overdue).toBe(false);
    expect((await queue(people.admin)).map((item) => item.id)).toEqual([ids.association, ids.group]);

    const [entry] = await t.database.db
      .select()
      .from(moderationAuditLog)
      .where(eq(moderationAuditLog.action, 'resource.checked'));
    expect(entry).toMatchObject({
      actorId: people.admin.user.id,
      before: { lastCheckedOn: created.platform!.reviewedOn, reviewDueOn: created.platform!.reviewDueOn },
      after: { resourceId: ids.platform, lastCheckedOn: today(), reviewDueOn: addMonths(today(), 12) },
    });
  });

  it('is due when the year its rules are for ends, and refuses "still correct" once that year is over', async () => {
    let people = await editors();
    const year = Number(today().slice(0, 4));
    const bound = await createResource(people.admin, { title: 'D: satser for året', validYear: year });
    ids.bound = bound.id;
    expect(bound.reviewDueOn).toBe(`${year}-12-31`);
    const [thisYear, month, day] = today().split('-').map(Number);
    advanceDays((Date.UTC(thisYear! + 1, 0, 1) - Date.UTC(thisYear!, month! - 1, day!)) / dayMs + 1);
    people = await editors();
    expect(await queue(people.admin)).toContainEqual(
      expect.objectContaining({ id: bound.id, reviewState: 'overdue' }),
    );
    const refused = await people.admin.client.post(`/api/resources/${bound.id}/still-correct`);
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'resource.valid_year_passed']);
    const updated = await people.admin.client.patch(`/api/resources/${bound.id}`, {
      validYear: year + 1,
      checked: true,
    });
    expect(updated.json()).toMatchObject({
      reviewedOn: today(),
      reviewDueOn: `${year + 1}-12-31`,
      reviewState: 'current',
    });
    expect((await people.admin.client.post(`/api/resources/${bound.id}/still-correct`)).statusCode).toBe(200);
  });
});
