import { resources } from '@spejl/db';
import { resourceLimits } from '@spejl/shared';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signUpAdmin, type TestApp } from '../../testing/app.ts';
import { danishToday } from './resources.dates.ts';
import { kitFileName } from './resources.kit.ts';
import { printable, runsOf } from './resources.kit.text.ts';
import { associationWithGroups, createResource, signUpWithTotp } from './resources.testing.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUpAdmin>>;
let admin: Person;
let anonymous: Client;
let caseworkersId: string;

const titles = {
  caseworkers: 'Merudgifter: sådan søger I dækning af særlige udgifter',
  school: 'Skolestart med en sjælden diagnose i Århus',
  private: 'Kun for medlemmer: aflastning i weekenden',
  group: 'Gruppens egne noter om ledsageordning',
  withdrawn: 'Trukket tilbage: gammel vejledning om BPA',
  associationPrivate: 'Foreningens interne tjekliste for møder',
};

/** The kit's text page by page, read back with a PDF text extractor (pdf.js), and the document for its metadata. */
async function readKit(body: Buffer) {
  const document = await getDocumentProxy(new Uint8Array(body));
  const { text } = await extractText(document, { mergePages: false });
  // pdf.js may split a line in two where the font changes; one space between words is what we compare.
  const pages = text.map((page) => page.replace(/\s+/g, ' '));
  return { document, pages, all: pages.join('\n') };
}

async function getKit(client: Client, query = '') {
  const response = await client.get(`/api/kit.pdf${query}`);
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  return { response, ...(await readKit(response.rawPayload)) };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  anonymous = new Client(t.app);
  const editor = await signUpWithTotp(t, 'Ellen Redaktør');

  const association = await admin.client.post('/api/admin/associations', {
    name: 'Foreningen for Sjældne Hjerter',
    website: 'https://hjerter.example.org',
    contactEmail: 'kontakt@hjerter.example.org',
  });
  expect(association.statusCode, association.body).toBe(201);
  const associationId = association.json().id as string;
  expect(
    (await admin.client.post(`/api/associations/${associationId}/editors`, { email: editor.user.email }))
      .statusCode,
  ).toBe(201);
  // Sjældne-netværket: a listed network group of its own association, the contact where there is no association.
  const network = await associationWithGroups(admin, 'Netværkets forening');
  await network.group('listed', 'network');
  const { listedGroupId } = await associationWithGroups(admin, 'Anden forening');

  ({ id: caseworkersId } = await createResource(admin, {
    title: titles.caseworkers,
    summary: 'Familier til børn med en varig funktionsnedsættelse kan få dækket nødvendige merudgifter.',
    topic: 'rights_and_benefits',
    audiences: ['municipal_caseworkers', 'families'],
    validYear: 2100,
    body: [
      '## Hvem kan få hjælp',
      'Forældre til børn under 18 år. Læs mere på [borger.dk](https://www.borger.dk/handicap).',
      '',
      '- **Medicin** og særlig kost',
      '- *Ekstra tøjvask*',
      '',
      '### Sådan søger I',
      '1. Skriv til kommunen',
      '2. Gem kvitteringerne',
      '',
      '> Rødgrød på Ærø: ÆØÅ æøå, § 41 og “citat” – med tankestreg.',
    ].join('\n'),
    sources: [{ title: 'Serviceloven', url: 'https://www.retsinformation.dk' }],
  }));
  await createResource(editor, {
    title: titles.school,
    summary: 'Hvad skolen skal vide, og hvem I kan spørge.',
    topic: 'school_and_daycare',
    audiences: ['families'],
    scope: { type: 'association', id: associationId },
    region: 'Aarhus',
  });
  await createResource(admin, { title: titles.private, public: false });
  await createResource(admin, {
    title: titles.group,
    scope: { type: 'group', id: listedGroupId },
    public: false,
  });
  await createResource(editor, {
    title: titles.associationPrivate,
    scope: { type: 'association', id: associationId },
    public: false,
  });
  const withdrawn = await createResource(admin, { title: titles.withdrawn });
  expect(
    (await admin.client.post(`/api/resources/${withdrawn.id}/withdraw`, { reason: 'Reglerne er ændret' }))
      .statusCode,
  ).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/kit.pdf', () => {
  it('answers signed out with a PDF of the public resources only, and never the private, group or withdrawn ones', async () => {
    const { response, all, pages } = await getKit(anonymous);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="spejl-videnskit.pdf"');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(all).toContain(titles.caseworkers);
    expect(all).toContain(titles.school);
    for (const left of [titles.private, titles.group, titles.withdrawn, titles.associationPrivate])
      expect(all).not.toContain(left);
    // The title page, then the contents, then one section per resource, then the glossary and the contacts.
    expect(pages[0]).toContain('Spejls videnskit');
    expect(pages[0]).toContain('Skrevet til: alle');
    expect(pages[0]).toContain('Hver tekst viser, hvornår den sidst blev gennemgået.');
    expect(pages[1]).toContain('Indhold');
    expect(all).toContain('Ord, du møder i kommunen');
    expect(all).toContain('Kontakter');
    expect(pages.at(-1)).toContain(`side ${pages.length} af ${pages.length}`);
  });

  it('lists each resource in the contents with the page it starts on', async () => {
    const { pages } = await getKit(anonymous);
    for (const title of [titles.caseworkers, titles.school, 'Ord, du møder i kommunen', 'Kontakter']) {
      const start = pages.findIndex((page, index) => index > 1 && page.includes(title)) + 1;
      expect(start, title).toBeGreaterThan(2);
      expect(pages[1]).toMatch(
        new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*side ${start}\\b`),
      );
    }
  });

  it('prints each resource’s facts, its Markdown as text with link addresses, its sources and whom to ask', async () => {
    const { pages } = await getKit(anonymous);
    const caseworkers = pages.find((page, index) => index > 1 && page.includes(titles.caseworkers)) ?? '';
    expect(caseworkers).toContain('Emne: Rettigheder og ydelser');
    expect(caseworkers).toContain('Skrevet til: Sagsbehandlere i kommunen, Familier');
    expect(caseworkers).toContain('Gælder i: Hele Danmark');
    expect(caseworkers).toContain('Gælder for: 2100');
    expect(caseworkers).toMatch(/Sidst gennemgået: \d{1,2}\. [a-zæøå]+ \d{4}/);
    expect(caseworkers).toContain('Hvem kan få hjælp');
    expect(caseworkers).toContain('borger.dk (https://www.borger.dk/handicap)');
    expect(caseworkers).toContain('Medicin og særlig kost');
    expect(caseworkers).not.toContain('**');
    expect(caseworkers).toContain('Gem kvitteringerne');
    expect(caseworkers).toContain('Serviceloven (https://www.retsinformation.dk)');
    // A platform resource's contact is Sjældne-netværket.
    expect(caseworkers).toContain('Har diagnosen ingen forening, kan du kontakte Sjældne-netværket.');
    // A long address may wrap anywhere; the extractor reads a line end as a space.
    const compact = (text: string) => text.replace(/\s+/g, '');
    expect(compact(caseworkers)).toContain(
      compact(`Læs den nyeste udgave på Spejl: http://localhost:3000/knowledge/${caseworkersId}`),
    );
    const school = pages.find((page, index) => index > 1 && page.includes(titles.school)) ?? '';
    expect(school).toContain('Gælder i: Aarhus');
    expect(school).toContain('Spørg Foreningen for Sjældne Hjerter.');
    expect(school).toContain('Hjemmeside: https://hjerter.example.org');
    const contacts = pages.at(-1) ?? '';
    expect(contacts).toContain('Foreningen for Sjældne Hjerter');
    expect(contacts).toContain('E-mailadresse: kontakt@hjerter.example.org');
    expect(contacts).toContain('Sjældne-netværket');
    expect(contacts).not.toContain('Anden forening');
  });

  it('has a glossary of the words caseworkers use, in Danish letters that come out right', async () => {
    const { all } = await getKit(anonymous);
    for (const word of [
      'Merudgifter',
      'Tabt arbejdsfortjeneste',
      'Aflastning',
      'Partshøring',
      'Ankestyrelsen',
      'Børnefaglig undersøgelse',
      'Servicelovens § 41 og § 42',
    ])
      expect(all).toContain(word);
    for (const word of [
      'Århus',
      'særlige',
      'søger',
      'Partshøring',
      'Rødgrød på Ærø: ÆØÅ æøå, § 41 og “citat” – med tankestreg.',
    ])
      expect(all).toContain(word);
  });

  it('filters by topic and audience, and names the file by them', async () => {
    const school = await getKit(anonymous, '?topic=school_and_daycare');
    expect(school.response.headers['content-disposition']).toBe(
      'attachment; filename="spejl-videnskit-school-and-daycare.pdf"',
    );
    expect(school.all).toContain(titles.school);
    expect(school.all).not.toContain(titles.caseworkers);
    expect(school.pages[0]).toContain('Emne: Skole og dagtilbud');

    const caseworkers = await getKit(anonymous, '?audience=municipal_caseworkers&topic=rights_and_benefits');
    expect(caseworkers.response.headers['content-disposition']).toBe(
      'attachment; filename="spejl-videnskit-municipal-caseworkers-rights-and-benefits.pdf"',
    );
    expect(caseworkers.all).toContain(titles.caseworkers);
    expect(caseworkers.all).not.toContain(titles.school);
    expect(caseworkers.pages[0]).toContain('Skrevet til: Sagsbehandlere i kommunen');
  });

  it('is the same public kit for a signed-in admin, who reads more on the site', async () => {
    const { all } = await getKit(admin.client);
    expect(all).toContain(titles.caseworkers);
    for (const left of [titles.private, titles.group, titles.withdrawn, titles.associationPrivate])
      expect(all).not.toContain(left);
  });

  it('writes its own texts in English with lang=en, the glossary’s Danish words explained', async () => {
    const { pages, all } = await getKit(anonymous, '?lang=en');
    expect(pages[0]).toContain('Spejl’s knowledge kit');
    expect(pages[1]).toContain('Contents');
    expect(all).toContain('Words you meet at the municipality');
    expect(all).toContain('Merudgifter (additional costs)');
    expect(all).toContain('Topic: Rights and benefits');
    // The resources stay as they were written.
    expect(all).toContain(titles.caseworkers);
  });

  it('carries its title and language, and is a tagged PDF', async () => {
    const { document } = await getKit(anonymous);
    const { info } = (await document.getMetadata()) as unknown as { info: Record<string, unknown> };
    expect(info.Title).toBe('Spejls videnskit');
    expect(info.Language).toBe('da-DK');
    expect(await document.getMarkInfo()).toMatchObject({ Marked: true });
    const tree = await (await document.getPage(1)).getStructTree();
    expect(JSON.stringify(tree)).toContain('"role":"H1"');
  });

  it('still makes a valid PDF that says so when nothing matches', async () => {
    const { response, all, pages } = await getKit(anonymous, '?topic=research');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="spejl-videnskit-research.pdf"',
    );
    expect(pages[0]).toContain('Der er ingen offentlige tekster, der passer til det, du har valgt.');
    expect(all).toContain('Ord, du møder i kommunen');
    expect(all).not.toContain(titles.caseworkers);
  });

  it('refuses an unknown topic, audience or language with 400 validation.failed', async () => {
    for (const query of ['?topic=everything', '?audience=doctors', '?lang=de']) {
      const response = await anonymous.get(`/api/kit.pdf${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('validation.failed');
    }
  });

  it('limits the kits one address makes: 429 with Retry-After, other addresses unaffected', async () => {
    const visitor = new Client(t.app, '192.0.2.90');
    let limited: Awaited<ReturnType<Client['get']>> | undefined;
    for (let attempt = 0; attempt < 31 && !limited; attempt += 1) {
      const response = await visitor.get('/api/kit.pdf?topic=research');
      if (response.statusCode === 429) limited = response;
      else expect(response.statusCode).toBe(200);
    }
    expect(limited?.json().error.code).toBe('rate_limited');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect((await new Client(t.app, '192.0.2.91').get('/api/kit.pdf?topic=research')).statusCode).toBe(200);
  });
});

describe('a kit whose resources are past their review date', () => {
  it('says in words, not colour, that a resource may be out of date', async () => {
    const before = await getKit(anonymous, '?topic=rights_and_benefits');
    expect(before.all).not.toContain('Kan være forældet');
    t.clock.advance(400 * 24 * 60 * 60 * 1000);
    const { pages } = await getKit(anonymous, '?topic=rights_and_benefits');
    const caseworkers = pages.find((page, index) => index > 1 && page.includes(titles.caseworkers)) ?? '';
    expect(caseworkers).toMatch(
      /Kan være forældet: teksten skulle være gennemgået igen senest \d{1,2}\. [a-zæøå]+ \d{4}\./,
    );
  });
});

describe('a kit with more resources than one kit holds', () => {
  it(`holds the first ${resourceLimits.kitMax} by title and says that the rest are left out`, async () => {
    const today = danishToday(t.clock.now());
    // Written straight to the table: the editors' budget of changes an hour is far below this many.
    const rows = Array.from({ length: resourceLimits.kitMax + 1 }, (_, index) => ({
      kind: 'article' as const,
      title: `Arbejde og diagnose ${String(index + 1).padStart(3, '0')}`,
      summary: 'Kort om arbejde.',
      body: 'Tal med arbejdspladsen.',
      topic: 'work' as const,
      audiences: ['adults_with_diagnosis'],
      scopeType: 'platform' as const,
      sources: [],
      language: 'da' as const,
      public: true,
      status: 'published' as const,
      lastCheckedOn: today,
      reviewDueOn: today,
      createdAt: t.clock.now(),
      updatedAt: t.clock.now(),
    }));
    await t.database.db.insert(resources).values(rows);
    const started = performance.now();
    const { pages, all } = await getKit(anonymous, '?topic=work');
    const elapsed = performance.now() - started;
    expect(all).toContain(`Arbejde og diagnose ${resourceLimits.kitMax}`);
    expect(all).not.toContain(`Arbejde og diagnose ${resourceLimits.kitMax + 1}`);
    expect(pages[0]).toContain(`Kittet rummer de første ${resourceLimits.kitMax} tekster.`);
    // Title page, contents over several pages, a page per resource, the glossary and the contacts.
    expect(pages.length).toBeGreaterThan(resourceLimits.kitMax + 4);
    // The contents run over several pages and still point at the right ones.
    const first = pages.findIndex((page) => page.startsWith('Arbejde og diagnose 001')) + 1;
    expect(all).toMatch(new RegExp(`Arbejde og diagnose 001 side ${first}\\b`));
    expect(all).toMatch(new RegExp(`Kontakter side ${pages.length}\\b`));
    expect(pages.slice(1, first - 1).every((page) => /^(Indhold )?Arbejde og diagnose/.test(page))).toBe(
      true,
    );
    expect(elapsed).toBeLessThan(20_000);
  });
});

describe('kitFileName', () => {
  it('names the file by the filters chosen', () => {
    expect(kitFileName({})).toBe('spejl-videnskit.pdf');
    expect(kitFileName({ audience: 'hospital_staff' })).toBe('spejl-videnskit-hospital-staff.pdf');
    expect(kitFileName({ audience: 'families', topic: 'work' })).toBe('spejl-videnskit-families-work.pdf');
  });
});

describe('the kit’s text', () => {
  it('keeps every letter the PDF fonts have, spells out stroked letters and leaves out what they lack', () => {
    expect(printable('Æblegrød på Ærø – “§ 41” • 50 €')).toBe('Æblegrød på Ærø – “§ 41” • 50 €');
    expect(printable('Łódź, Şişli og İstanbul 🎉')).toBe('Lódz, Sisli og Istanbul ');
  });

  it('prints a link’s address after its text, once, and links within Spejl in full', () => {
    const text = (source: Parameters<typeof runsOf>[0]) =>
      runsOf(source, 'https://spejl.example')
        .map((run) => run.text)
        .join('');
    const link = (href: string, label: string) => ({
      type: 'link' as const,
      href,
      children: [{ type: 'text' as const, text: label }],
    });
    expect(text([link('https://borger.dk', 'borger.dk')])).toBe('borger.dk (https://borger.dk)');
    expect(text([link('https://borger.dk', 'https://borger.dk')])).toBe('https://borger.dk');
    expect(text([link('/privacy', 'privatlivspolitikken')])).toBe(
      'privatlivspolitikken (https://spejl.example/privacy)',
    );
    expect(text([link('mailto:a@b.dk', 'a@b.dk')])).toBe('a@b.dk');
  });
});
