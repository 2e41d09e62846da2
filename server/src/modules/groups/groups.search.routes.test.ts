import { organisations } from '@spejl/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';

// The demo directory (db/src/seed.ts), created through the API, searched the way families type.

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let family: Person;
let rettMember: Person;
const ids = new Map<string, string>();

interface DemoGroup {
  name: string;
  slug: string;
  description: string;
  terms?: string[];
  association?: string;
  parent?: string;
  hidden?: boolean;
}

const demoGroups: DemoGroup[] = [
  {
    name: 'Hæmofili og andre blødersygdomme',
    slug: 'haemofili',
    description: 'For familier og voksne, der lever med hæmofili, von Willebrand og andre blødersygdomme.',
    terms: ['hæmofili', 'haemophilia', 'bløder', 'von Willebrand', 'D66', 'D68.0'],
    association: 'Bløderforeningen',
  },
  {
    name: 'Cystisk fibrose',
    slug: 'cystisk-fibrose',
    description: 'Erfaringer med hverdag, behandling og skole, når nogen i familien har cystisk fibrose.',
    terms: ['cystisk fibrose', 'cystic fibrosis', 'CF', 'E84'],
    association: 'Foreningen for Cystisk Fibrose',
  },
  {
    name: 'Kortvoksede',
    slug: 'kortvoksede',
    description: 'For kortvoksede og deres familier: akondroplasi og andre former for kortvoksethed.',
    terms: ['akondroplasi', 'achondroplasia', 'dværgvækst', 'kortvoksed', 'Q77.4'],
    association: 'Dværgeforeningen',
  },
  {
    name: 'Osteogenesis imperfecta',
    slug: 'osteogenesis-imperfecta',
    description: 'Glasknogler: hverdag, hjælpemidler og behandling.',
    terms: ['osteogenesis imperfecta', 'glasknogler', 'OI', 'Q78.0'],
  },
  {
    name: 'Sjældne-netværket',
    slug: 'sjaeldne-netvaerket',
    description:
      'For dig, hvis diagnose ikke har en forening: Ehlers-Danlos, Rett syndrom, fragilt X, Noonan syndrom, PANDAS og mange flere.',
    terms: [
      'Ehlers-Danlos',
      'EDS',
      'Rett syndrom',
      'fragilt X',
      'fragile X',
      'Noonan',
      'PANDAS',
      'uden diagnose',
    ],
    association: 'Sjældne Diagnoser',
  },
  {
    name: 'Unge 14-25 med CF',
    slug: 'cf-unge',
    description: 'For unge mellem 14 og 25 år, der selv har cystisk fibrose.',
    parent: 'cystisk-fibrose',
  },
  {
    name: 'Søskende (skyggebørn)',
    slug: 'haemofili-soeskende',
    description: 'For søskende til børn med en blødersygdom.',
    parent: 'haemofili',
  },
  {
    name: 'Bedsteforældre',
    slug: 'netvaerket-bedsteforaeldre',
    description: 'For bedsteforældre til børn med en sjælden diagnose.',
    parent: 'sjaeldne-netvaerket',
  },
  {
    name: 'Forældre til piger med Rett syndrom',
    slug: 'rett-foraeldre',
    description: 'En skjult gruppe. Kun medlemmer kan se, at den findes.',
    terms: ['Rett syndrom', 'Rett'],
    parent: 'sjaeldne-netvaerket',
    hidden: true,
  },
];

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  family = await signUp(t.app, { displayName: 'Mette' });
  rettMember = await signUp(t.app, { displayName: 'Lone' });
  for (const group of demoGroups) {
    const organisationId = group.association
      ? (
          await t.database.db
            .insert(organisations)
            .values({ name: group.association, slug: group.slug })
            .returning({ id: organisations.id })
        )[0]?.id
      : undefined;
    const response = await admin.client.post('/api/groups', {
      name: group.name,
      slug: group.slug,
      description: group.description,
      kind: group.parent ? 'subgroup' : 'diagnosis',
      visibility: group.hidden ? 'hidden' : 'listed',
      joinPolicy: group.hidden ? 'invite' : 'request',
      ...(group.terms ? { diagnosisTerms: group.terms } : {}),
      ...(organisationId ? { organisationId } : {}),
      ...(group.parent ? { parentId: ids.get(group.parent) } : {}),
    });
    expect(response.statusCode, response.body).toBe(201);
    ids.set(group.slug, response.json().group.id);
  }
  const added = await admin.client.post(`/api/groups/${ids.get('rett-foraeldre')}/members`, {
    email: rettMember.user.email,
    role: 'member',
  });
  expect(added.statusCode, added.body).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

async function search(person: Person, q: string): Promise<string[]> {
  const response = await person.client.get(`/api/groups?limit=100&q=${encodeURIComponent(q)}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as Array<{ slug: string }>).map((group) => group.slug);
}

describe('the directory search, as a family types', () => {
  // [what is typed, groups it must find, groups it must not find]
  it.each<[string, string[], string[]]>([
    ['sjælden', ['sjaeldne-netvaerket', 'netvaerket-bedsteforaeldre'], ['cystisk-fibrose']],
    ['sjaelden', ['sjaeldne-netvaerket'], ['haemofili']],
    ['Sjældne', ['sjaeldne-netvaerket'], ['haemofili']],
    ['sjaeldne netvaerket', ['sjaeldne-netvaerket'], ['cystisk-fibrose']],
    ['hemofili', ['haemofili'], ['cystisk-fibrose', 'kortvoksede']],
    ['hæmofili', ['haemofili'], ['cystisk-fibrose']],
    ['haemofili', ['haemofili'], ['cystisk-fibrose']],
    ['HÆMO', ['haemofili'], ['cystisk-fibrose']],
    ['haemophilia', ['haemofili'], ['cystisk-fibrose']],
    ['bløder', ['haemofili', 'haemofili-soeskende'], ['cystisk-fibrose']],
    ['bloeder', ['haemofili'], ['cystisk-fibrose']],
    ['bloderforeningen', ['haemofili'], ['cystisk-fibrose']],
    ['EDS', ['sjaeldne-netvaerket'], ['netvaerket-bedsteforaeldre']],
    ['eds', ['sjaeldne-netvaerket'], ['netvaerket-bedsteforaeldre']],
    ['Ehlers Danlos', ['sjaeldne-netvaerket'], ['haemofili']],
    ['ehlersdanlos', ['sjaeldne-netvaerket'], ['haemofili']],
    ['ehlers-danlo', ['sjaeldne-netvaerket'], ['haemofili']],
    ['cystisk', ['cystisk-fibrose', 'cf-unge'], ['haemofili', 'sjaeldne-netvaerket']],
    ['cystsik', ['cystisk-fibrose'], ['haemofili']],
    ['cystisk fibrose', ['cystisk-fibrose'], ['haemofili']],
    ['cystic fibrosis', ['cystisk-fibrose'], ['haemofili']],
    ['fibrosis', ['cystisk-fibrose'], ['osteogenesis-imperfecta']],
    ['CF', ['cystisk-fibrose', 'cf-unge'], ['haemofili']],
    ['E84', ['cystisk-fibrose'], ['haemofili', 'cf-unge']],
    ['e84.0', ['cystisk-fibrose'], ['haemofili']],
    ['E85', [], ['cystisk-fibrose']],
    ['D68.0', ['haemofili'], ['cystisk-fibrose']],
    ['D68', ['haemofili'], ['cystisk-fibrose']],
    ['Q78', ['osteogenesis-imperfecta'], ['kortvoksede']],
    ['glasknogler', ['osteogenesis-imperfecta'], ['kortvoksede']],
    ['glasknolger', ['osteogenesis-imperfecta'], ['kortvoksede']],
    ['dvaergvaekst', ['kortvoksede'], ['osteogenesis-imperfecta']],
    ['dværgeforeningen', ['kortvoksede'], ['osteogenesis-imperfecta']],
    ['soskende', ['haemofili-soeskende'], ['haemofili']],
    ['søskende til børn', ['haemofili-soeskende'], ['haemofili', 'cystisk-fibrose']],
    ['hverdagen', ['cystisk-fibrose', 'osteogenesis-imperfecta'], ['haemofili']],
    ['bedsteforældre', ['netvaerket-bedsteforaeldre'], ['sjaeldne-netvaerket']],
    // Short words match the start of a word only, never its middle or end.
    ['ose', [], ['cystisk-fibrose', 'osteogenesis-imperfecta']],
    ['ili', [], ['haemofili']],
    ['ste', [], ['netvaerket-bedsteforaeldre']],
    ['fib', ['cystisk-fibrose'], ['haemofili']],
    // A hidden group is not found by someone outside it, whatever they type.
    ['Rett', ['sjaeldne-netvaerket'], ['rett-foraeldre']],
    ['piger', [], ['rett-foraeldre']],
    ['forældre til piger med Rett syndrom', [], ['rett-foraeldre']],
    ['skjult', [], ['rett-foraeldre']],
  ])('%s', async (q, mustFind, mustNotFind) => {
    const found = await search(family, q);
    for (const slug of mustFind) expect(found, `${q} must find ${slug}`).toContain(slug);
    for (const slug of mustNotFind) expect(found, `${q} must not find ${slug}`).not.toContain(slug);
  });

  it('puts the best match first: the group named so before groups that mention it', async () => {
    expect((await search(family, 'cystisk'))[0]).toBe('cystisk-fibrose');
    expect((await search(family, 'hemofili'))[0]).toBe('haemofili');
  });

  it('finds a hidden group for its members, as they spell it', async () => {
    for (const q of ['piger', 'foraeldre til piger', 'Rett']) {
      expect(await search(rettMember, q), q).toContain('rett-foraeldre');
    }
  });

  it('lists every visible group for a query with no words', async () => {
    const everything = await search(family, '');
    expect(await search(family, ' - . ')).toEqual(everything);
    expect(everything).not.toContain('rett-foraeldre');
  });
});
