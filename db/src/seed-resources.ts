import type { ResourceAudience, ResourceSource, ResourceTopic } from '@spejl/shared/resources-values';
import { utcToCopenhagenFields } from '@spejl/shared/webinars.time';
import { eq } from 'drizzle-orm';
import type { Database } from './index.ts';
import { associationEditors, organisations, resources } from './schema/index.ts';

type Executor = Pick<Database, 'insert' | 'select'>;

const dayMs = 24 * 60 * 60 * 1000;
const borger: ResourceSource = { title: 'borger.dk', url: 'https://www.borger.dk' };
const socialstyrelsen: ResourceSource = {
  title: 'Socialstyrelsen, herunder VISO (den nationale videns- og specialrådgivningsorganisation)',
  url: 'https://www.socialstyrelsen.dk',
};
const sundhedsstyrelsen: ResourceSource = { title: 'Sundhedsstyrelsen', url: 'https://www.sst.dk' };

interface DemoResource {
  title: string;
  summary: string;
  topic: ResourceTopic;
  audiences: ResourceAudience[];
  body?: string;
  url?: string;
  public: boolean;
  /** The year its rules are for: the seed's own year. */
  yearBound?: boolean;
  association?: string;
  group?: string;
  sources: ResourceSource[];
  /** Days since it was last checked; a resource checked long ago shows its age (and sits in the queue). */
  checkedDaysAgo?: number;
}

// No rates or amounts: they change each year. The texts say what a rule is for and where to ask.
const demoResources: DemoResource[] = [
  {
    title: 'Merudgifter til børn med handicap (tidligere serviceloven § 41)',
    summary:
      'Har jeres barn en varig funktionsnedsættelse eller en langvarig sygdom, kan kommunen dække de nødvendige merudgifter, som familien har på grund af den.',
    topic: 'rights_and_benefits',
    audiences: ['families', 'municipal_caseworkers'],
    public: true,
    yearBound: true,
    sources: [borger, socialstyrelsen],
    body: `## Hvad er merudgifter?
Merudgifter er udgifter, som familien ikke ville have haft, hvis barnet ikke havde sin funktionsnedsættelse eller sygdom: for eksempel særlig kost, medicin, transport til behandling eller ekstra tøj og vask.

Reglerne stod tidligere i serviceloven § 41. For børn og unge står de nu i barnets lov, men mange sagsbehandlere og foreninger kalder dem stadig „§ 41“.

## Hvordan søger I?
- Søg skriftligt hos jeres kommune, og skriv, hvad udgifterne er, og hvorfor de skyldes barnets diagnose.
- Gem kvitteringer, og skriv en oversigt over udgifterne.
- Bed om en skriftlig begrundelse, hvis I får afslag. Der er en klagefrist.

## Hvor kan I få hjælp?
Jeres forening kan ofte hjælpe med ansøgningen. Har diagnosen ingen forening, kan I spørge Sjældne-netværket. Beløbsgrænserne ændres hvert år: se dem på borger.dk.`,
  },
  {
    title: 'Tabt arbejdsfortjeneste (tidligere serviceloven § 42)',
    summary:
      'Må en forælder gå ned i tid eller stoppe med at arbejde for at passe et barn med en betydelig og varig funktionsnedsættelse, kan kommunen dække den tabte indtægt.',
    topic: 'rights_and_benefits',
    audiences: ['families', 'municipal_caseworkers'],
    public: true,
    yearBound: true,
    sources: [borger, socialstyrelsen],
    body: `## Hvem kan få det?
Forældre, der passer et barn med en betydelig og varig funktionsnedsættelse eller en indgribende kronisk sygdom i hjemmet, når det er en nødvendig følge af barnets tilstand.

## Hvad skal I vide?
- Kommunen vurderer, hvor meget pasning barnet har brug for, og om det er nødvendigt, at det er jer, der passer det.
- Der er et loft over, hvor meget der dækkes. Det ændres hvert år: se det på borger.dk.
- Reglerne stod tidligere i serviceloven § 42 og står nu i barnets lov.

## Gode råd
Skriv ned, hvad en almindelig uge kræver: behandling, nætter, møder og indlæggelser. Tag gerne en bisidder med til mødet med kommunen.`,
  },
  {
    title: 'Aflastning',
    summary:
      'Aflastning giver familien en pause, mens barnet bliver passet et trygt sted. Den kan være i et hjem, en institution eller som timer i eget hjem.',
    topic: 'rights_and_benefits',
    audiences: ['families', 'municipal_caseworkers'],
    public: true,
    checkedDaysAgo: 400,
    sources: [borger, socialstyrelsen],
    body: `## Hvad er aflastning?
Aflastning er en pause for familien, så forældre og søskende kan samle kræfter. Barnet bliver passet af en aflastningsfamilie, på en aflastningsinstitution eller af en person, der kommer i hjemmet.

## Sådan søger I
Kontakt jeres sagsbehandler i kommunen. Fortæl, hvad en almindelig uge kræver af familien, og hvad der vil hjælpe jer.

## Hvis sagen er svær
Kommunen kan få gratis rådgivning fra VISO under Socialstyrelsen, når en sag er kompliceret. I kan selv foreslå det.`,
  },
  {
    title: 'Når dit barn skal starte i skole',
    summary:
      'Skolestart med en sjælden diagnose kræver forberedelse: møder med skolen, en plan for behandling i skoletiden og information til klassen.',
    topic: 'school_and_daycare',
    audiences: ['families'],
    public: true,
    sources: [borger, socialstyrelsen],
    body: `## Før skolestart
- Hold et møde med skolen i god tid, gerne med PPR (pædagogisk psykologisk rådgivning) og jeres sundhedsplejerske.
- Aftal, hvem der gør hvad, hvis barnet skal have medicin eller behandling i skoletiden.
- Spørg, om barnet kan få støtte i undervisningen.

## Fortæl klassen om diagnosen
Mange familier oplever, at det hjælper, når klassekammeraterne ved lidt om diagnosen. Jeres forening har ofte materiale, I kan bruge.`,
  },
  {
    title: 'Søskende til børn med sjældne sygdomme',
    summary:
      'Søskende får ofte mindre opmærksomhed og bekymrer sig i det stille. Her er ideer til at give dem plads, og steder hvor de kan møde andre i samme situation.',
    topic: 'everyday_life_and_siblings',
    audiences: ['families'],
    public: true,
    sources: [sundhedsstyrelsen, socialstyrelsen],
    body: `## Skyggebørn
Søskende til børn med en sjælden sygdom kaldes nogle gange skyggebørn: de fylder mindre, fordi meget handler om den syge bror eller søster.

## Det kan hjælpe
- Tid alene med hver forælder, også når den er kort.
- At få ærlig besked om diagnosen, i ord der passer til alderen.
- At møde andre søskende: flere foreninger har søskendegrupper og weekender.

På Spejl kan søskende finde en gruppe under deres brors eller søsters diagnose.`,
  },
  {
    title: 'Sundhedsstyrelsen om sjældne sygdomme',
    summary:
      'Sundhedsstyrelsens sider om sjældne sygdomme, de højt specialiserede centre og den nationale strategi.',
    topic: 'hospital_and_treatment',
    audiences: ['families', 'adults_with_diagnosis', 'hospital_staff'],
    url: 'https://www.sst.dk',
    public: true,
    sources: [sundhedsstyrelsen],
  },
  {
    title: 'Skolestart med cystisk fibrose: tjekliste til mødet med skolen',
    summary:
      'Foreningens tjekliste til forældre: hygiejne, medicin til måltiderne, fysioterapi i skoletiden og hvad lærerne bør vide.',
    topic: 'school_and_daycare',
    audiences: ['families'],
    public: false,
    association: 'cystisk-fibrose',
    sources: [{ title: 'Foreningen for Cystisk Fibrose' }],
    body: `## Til mødet med skolen
- Hvornår skal barnet have enzymer til måltiderne, og hvem hjælper?
- Hvor kan barnet lave fysioterapi eller inhalation i fred?
- Håndvask og hygiejne i klassen.
- Hvad gør skolen ved feber eller vejrtrækningsbesvær?

Spørg foreningen, hvis I vil have en erfaren forælder med til mødet.`,
  },
  {
    title: 'Bedsteforældre: sådan kan I støtte',
    summary: 'Erfaringer fra bedsteforældre i gruppen: at aflaste uden at overtage, og at lære om diagnosen.',
    topic: 'everyday_life_and_siblings',
    audiences: ['families'],
    public: false,
    group: 'netvaerket-bedsteforaeldre',
    sources: [{ title: 'Erfaringer fra gruppens medlemmer' }],
    body: `## Det siger bedsteforældre i gruppen
- Spørg, hvad familien har brug for, i stedet for at gætte.
- Lær den daglige pleje, så forældrene kan få en aften fri.
- Husk søskende: en tur alene med bedstemor eller bedstefar betyder meget.`,
  },
];

/** A Danish calendar day, `days` before `now`, as YYYY-MM-DD. */
function danishDay(now: Date, daysAgo: number): string {
  return utcToCopenhagenFields(new Date(now.getTime() - daysAgo * dayMs)).date;
}

/** 12 months after `day`, or the end of `validYear` when that comes first (resources.dates.ts, in the seed's terms). */
function reviewDue(day: string, validYear: number | null): string {
  const [year, month, date] = day.split('-').map(Number);
  const inAYear = new Date(Date.UTC(year! + 1, month! - 1, Math.min(date!, 28))).toISOString().slice(0, 10);
  if (validYear === null) return inAYear;
  const yearEnds = `${validYear}-12-31`;
  return yearEnds < inAYear ? yearEnds : inAYear;
}

/**
 * The information kit's demo: public guides to rights, school and siblings on the platform, one association's
 * checklist and one group's text; one guide was checked over a year ago, so it shows its age and sits in the queue.
 * The admin looks after them, and the cystic fibrosis group's moderator edits that association's.
 */
export async function seedResources(
  tx: Executor,
  seed: { now: Date; userIds: Map<string, string>; groupIds: Map<string, string> },
): Promise<void> {
  const ownerId = seed.userIds.get('admin@spejl.test') ?? null;
  const year = Number(danishDay(seed.now, 0).slice(0, 4));
  const associationIds = new Map<string, string>();
  for (const item of demoResources) {
    if (!item.association || associationIds.has(item.association)) continue;
    const [row] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.slug, item.association));
    if (row) associationIds.set(item.association, row.id);
  }
  for (const item of demoResources) {
    const associationId = item.association ? associationIds.get(item.association) : undefined;
    const groupId = item.group ? seed.groupIds.get(item.group) : undefined;
    if ((item.association && !associationId) || (item.group && !groupId)) continue;
    const checkedOn = danishDay(seed.now, item.checkedDaysAgo ?? 0);
    const validYear = item.yearBound ? year : null;
    await tx.insert(resources).values({
      kind: item.url ? 'link' : 'article',
      title: item.title,
      summary: item.summary,
      body: item.body ?? null,
      url: item.url ?? null,
      topic: item.topic,
      audiences: item.audiences,
      scopeType: associationId ? 'association' : groupId ? 'group' : 'platform',
      associationId: associationId ?? null,
      groupId: groupId ?? null,
      validYear,
      sources: item.sources,
      language: 'da',
      ownerId,
      public: item.public,
      lastCheckedOn: checkedOn,
      reviewDueOn: reviewDue(checkedOn, validYear),
      createdAt: seed.now,
      updatedAt: seed.now,
    });
  }
  const editor = seed.userIds.get('moderator@spejl.test');
  const cysticFibrosis = associationIds.get('cystisk-fibrose');
  if (editor && cysticFibrosis)
    await tx
      .insert(associationEditors)
      .values({ associationId: cysticFibrosis, userId: editor, addedBy: ownerId, createdAt: seed.now });
}
