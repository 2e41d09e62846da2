import { foldDanish, foldDanishSql, looseDanish, looseDanishSql } from '@spejl/shared/search-fold';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupWith, createTestApp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let anna: Person;
let outsider: Person;
let groupId: string;
let otherGroupId: string;
let counter = 0;

async function post(body: string, group = groupId) {
  const response = await anna.client.post(`/api/groups/${group}/messages`, {
    clientId: `search-${++counter}`,
    body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().message as { id: string };
}

async function search(q: string, person = anna, group = groupId): Promise<string[]> {
  const response = await person.client.get(`/api/groups/${group}/search?q=${encodeURIComponent(q)}`);
  if (response.statusCode !== 200) return [`${response.statusCode}`];
  return (response.json().items as Array<{ body: string }>).map((item) => item.body);
}

const annual = 'Husk årsmødet på lørdag i Odense';
const annualCapital = 'ÅRSMØDET blev flyttet til september';
const treatment = 'Hæmofili-behandlingen virker godt for Søren';
const english = 'The physiotherapy exercises helped a lot';

beforeAll(async () => {
  t = await createTestApp();
  const admin = await signUpAdmin(t);
  anna = await signUp(t.app, { displayName: 'Anna' });
  outsider = await signUp(t.app, { displayName: 'Udenfor' });
  groupId = await createGroupWith(admin, {}, [{ person: anna }]);
  otherGroupId = await createGroupWith(admin, {}, [{ person: anna }]);
  for (const body of [annual, annualCapital, treatment, english]) await post(body);
  await post('Årsmødet i den anden gruppe', otherGroupId);
});
afterAll(async () => {
  await t?.close();
});

describe('chat search, as members type', () => {
  // [what is typed, messages it must find, messages it must not find]
  it.each<[string, string[], string[]]>([
    ['aarsmoedet', [annual, annualCapital], [treatment]],
    ['aarsmøde', [annual, annualCapital], [treatment]],
    ['årsmødet', [annual, annualCapital], [treatment]],
    ['arsmodet', [annual, annualCapital], [treatment]],
    ['Årsmøde', [annual, annualCapital], [english]],
    ['hemofili', [treatment], [annual]],
    ['haemofili', [treatment], [annual]],
    ['behandling', [treatment], [annual, english]],
    ['soeren', [treatment], [annual]],
    ['loerdag', [annual], [treatment]],
    ['exercise', [english], [annual]],
    ['"aarsmoedet paa loerdag"', [annual], [annualCapital]],
    ['aarsmoedet -odense', [annualCapital], [annual]],
  ])('%s', async (q, mustFind, mustNotFind) => {
    const found = await search(q);
    for (const body of mustFind) expect(found, `${q} must find "${body}"`).toContain(body);
    for (const body of mustNotFind) expect(found, `${q} must not find "${body}"`).not.toContain(body);
    expect(found, 'only this group').not.toContain('Årsmødet i den anden gruppe');
  });

  it('is refused to someone outside the group', async () => {
    expect(await search('aarsmoedet', outsider)).toEqual(['403']);
  });

  it('follows an edit: the folded words are those of the new text', async () => {
    const message = await post('Vi ses til julefrokosten');
    expect(await search('julefrokost')).toContain('Vi ses til julefrokosten');
    const edited = await anna.client.patch(`/api/messages/${message.id}`, {
      body: 'Vi ses til sommerfesten på Ærø',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await search('aeroe')).toContain('Vi ses til sommerfesten på Ærø');
    expect(await search('julefrokosten')).not.toContain('Vi ses til julefrokosten');
  });
});

describe('the folding in SQL', () => {
  it('is the same as the folding in TypeScript, in this database', async () => {
    const samples = [
      'Årsmødet på Ærø',
      'ÆØÅ æøå',
      'sma\u030A bo\u0308rn',
      'Crème brûlée, Ménière og Straße',
      'Łódź Škoda Ñandú',
      "Hæmofili-behandlingen (D68.0) — 'citat'",
    ];
    for (const sample of samples) {
      const result = await t.database.db.execute(
        sql`select ${sql.raw(foldDanishSql('v'))} as folded, ${sql.raw(looseDanishSql('v'))} as loose from (select ${sample}::text as v) s`,
      );
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
        folded: string;
        loose: string;
      }>;
      expect(rows[0], sample).toEqual({ folded: foldDanish(sample), loose: looseDanish(sample) });
    }
  });
});
