import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signUpAdmin, type TestApp } from '../../testing/app.ts';
import { createResource } from './resources.testing.ts';

let t: TestApp;
let reader: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const admin = await signUpAdmin(t);
  reader = new Client(t.app);
  ids.extra = (
    await createResource(admin, {
      title: 'Merudgifter til børn med handicap',
      summary: 'Kommunen kan dække de nødvendige merudgifter, familien har på grund af barnets diagnose.',
      body: 'Søg skriftligt, og gem kvitteringerne.',
    })
  ).id;
  ids.respite = (
    await createResource(admin, {
      title: 'Aflastning',
      summary: 'En pause for familien, mens barnet bliver passet et trygt sted.',
      body: 'Tal med jeres sagsbehandler.',
    })
  ).id;
  ids.siblings = (
    await createResource(admin, {
      title: 'Søskende til børn med sjældne sygdomme',
      summary: 'Skyggebørn: giv dem plads, og lad dem møde andre.',
      topic: 'everyday_life_and_siblings',
      body: 'Tid alene med hver forælder hjælper.',
    })
  ).id;
  ids.english = (
    await createResource(admin, {
      title: 'Siblings of children with rare diseases',
      summary: 'Ideas for giving brothers and sisters room.',
      language: 'en',
      body: 'Time alone with each parent helps.',
    })
  ).id;
  ids.school = (
    await createResource(admin, {
      title: 'Når dit barn skal starte i skole',
      summary: 'Møder med skolen og en plan for behandling i skoletiden.',
      topic: 'school_and_daycare',
      body: 'Tag PPR med til mødet.',
    })
  ).id;
});
afterAll(async () => {
  await t?.close();
});

async function search(q: string): Promise<string[]> {
  const response = await reader.get(`/api/resources?q=${encodeURIComponent(q)}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items.map((item: { id: string }) => item.id);
}

describe('searching the kit, Danish-aware as the directory', () => {
  it('finds a word by its stem and by its start: "merudgift" and "merud" find "merudgifter"', async () => {
    expect(await search('merudgift')).toEqual([ids.extra]);
    expect(await search('merudgifterne')).toEqual([ids.extra]);
    expect(await search('merud')).toEqual([ids.extra]);
  });

  it('ignores case and folds æ, ø and å: "aflastning", "AFLASTNING", "sosken", "soeskende"', async () => {
    expect(await search('aflastning')).toEqual([ids.respite]);
    expect(await search('AFLASTNING')).toEqual([ids.respite]);
    expect(await search('sosken')).toContain(ids.siblings);
    expect(await search('soeskende')).toContain(ids.siblings);
    expect(await search('søskende')).toContain(ids.siblings);
    expect(await search('skolestart naar')).toEqual([]);
    expect(await search('når skole')).toEqual([ids.school]);
  });

  it('searches the summary and the body too, ranks a title match first, and finds English words', async () => {
    expect(await search('kvitteringerne')).toEqual([ids.extra]);
    expect((await search('sjældne'))[0]).toBe(ids.siblings);
    expect(await search('sibling')).toContain(ids.english);
  });

  it('treats what a person types as words, never as query syntax', async () => {
    for (const q of ["merudgift' or 1=1 --", 'merudgift & | ! :* ()', '<script>', '§ 41', '!!!'])
      expect((await reader.get(`/api/resources?q=${encodeURIComponent(q)}`)).statusCode, q).toBe(200);
    // "or" is a word of web search (either word), never SQL: only the resource with "merudgift" comes back.
    expect(await search("merudgift' or 1=1 --")).toEqual([ids.extra]);
    expect(await search('merudgift:*')).toEqual([ids.extra]);
  });
});
