// No zod here: the web and the database schema import these values directly.

/** What a resource of the information kit is: an article written here, a link elsewhere, or a file (a PDF or a photo). */
export const resourceKinds = ['article', 'link', 'file'] as const;
export type ResourceKind = (typeof resourceKinds)[number];

/** The kinds an editor can make: all of them (a file is uploaded first with `POST /api/uploads`). */
export const creatableResourceKinds = ['article', 'link', 'file'] as const satisfies readonly ResourceKind[];

/** Where a resource's file is served (`GET /api/files/:id`), to those who may read the resource. */
export function resourceFileUrl(fileId: string): string {
  return `/api/files/${encodeURIComponent(fileId)}`;
}

/** The kit's topics: stable English keys; the catalogue has their names (`resources.topic.<key>`). */
export const resourceTopics = [
  'rights_and_benefits',
  'school_and_daycare',
  'hospital_and_treatment',
  'everyday_life_and_siblings',
  'work',
  'associations_and_offers',
  'research',
] as const;
export type ResourceTopic = (typeof resourceTopics)[number];

/** Who a resource is written for (`resources.audience.<key>`). */
export const resourceAudiences = [
  'families',
  'adults_with_diagnosis',
  'hospital_staff',
  'municipal_caseworkers',
] as const;
export type ResourceAudience = (typeof resourceAudiences)[number];

/** Who a resource belongs to, and so who edits and who reads it. */
export const resourceScopeTypes = ['platform', 'association', 'group'] as const;
export type ResourceScopeType = (typeof resourceScopeTypes)[number];

/** A withdrawn resource is kept for its editors (and the audit log) but no reader sees it. */
export const resourceStatuses = ['published', 'withdrawn'] as const;
export type ResourceStatus = (typeof resourceStatuses)[number];

/**
 * How a resource's check stands, shown openly to readers: `current`; `due` within `reviewWindowDays` of its review date
 * (it is then in its editors' queue); `overdue` once the date has passed.
 */
export const resourceReviewStates = ['current', 'due', 'overdue'] as const;
export type ResourceReviewState = (typeof resourceReviewStates)[number];

/** Sizes and periods of the kit. */
export const resourceLimits = {
  titleMax: 160,
  summaryMax: 400,
  bodyMax: 40_000,
  urlMax: 500,
  sourcesMax: 20,
  sourceTitleMax: 200,
  reasonMin: 3,
  reasonMax: 500,
  queryMax: 100,
  /** Words of a search beyond this many are ignored. */
  queryWordsMax: 8,
  /** The write routes' body limit in bytes: 40,000 Danish characters can take two bytes each, the JSON some more. */
  requestBytes: 192 * 1024,
  /** A resource is checked again at the latest this many months after its last check. */
  reviewMonths: 12,
  /** A resource enters its editors' queue this many days before its review date. */
  reviewWindowDays: 30,
  /** An editor may set a review date at most this many months ahead. */
  reviewMonthsMax: 24,
  validYearMin: 2000,
  validYearMax: 2100,
  /** At most this many resources go into one printable kit (`GET /api/kit.pdf`); a narrower choice gets the rest. */
  kitMax: 200,
} as const;

/** The 98 Danish municipalities: a resource that holds in one of them names it; null means all of Denmark. */
export const municipalities = [
  'Albertslund',
  'Allerød',
  'Assens',
  'Ballerup',
  'Billund',
  'Bornholm',
  'Brøndby',
  'Brønderslev',
  'Dragør',
  'Egedal',
  'Esbjerg',
  'Fanø',
  'Favrskov',
  'Faxe',
  'Fredensborg',
  'Fredericia',
  'Frederiksberg',
  'Frederikshavn',
  'Frederikssund',
  'Furesø',
  'Faaborg-Midtfyn',
  'Gentofte',
  'Gladsaxe',
  'Glostrup',
  'Greve',
  'Gribskov',
  'Guldborgsund',
  'Haderslev',
  'Halsnæs',
  'Hedensted',
  'Helsingør',
  'Herlev',
  'Herning',
  'Hillerød',
  'Hjørring',
  'Holbæk',
  'Holstebro',
  'Horsens',
  'Hvidovre',
  'Høje-Taastrup',
  'Hørsholm',
  'Ikast-Brande',
  'Ishøj',
  'Jammerbugt',
  'Kalundborg',
  'Kerteminde',
  'Kolding',
  'København',
  'Køge',
  'Langeland',
  'Lejre',
  'Lemvig',
  'Lolland',
  'Lyngby-Taarbæk',
  'Læsø',
  'Mariagerfjord',
  'Middelfart',
  'Morsø',
  'Norddjurs',
  'Nordfyns',
  'Nyborg',
  'Næstved',
  'Odder',
  'Odense',
  'Odsherred',
  'Randers',
  'Rebild',
  'Ringkøbing-Skjern',
  'Ringsted',
  'Roskilde',
  'Rudersdal',
  'Rødovre',
  'Samsø',
  'Silkeborg',
  'Skanderborg',
  'Skive',
  'Slagelse',
  'Solrød',
  'Sorø',
  'Stevns',
  'Struer',
  'Svendborg',
  'Syddjurs',
  'Sønderborg',
  'Thisted',
  'Tønder',
  'Tårnby',
  'Vallensbæk',
  'Varde',
  'Vejen',
  'Vejle',
  'Vesthimmerlands',
  'Viborg',
  'Vordingborg',
  'Ærø',
  'Aabenraa',
  'Aalborg',
  'Aarhus',
] as const;
export type Municipality = (typeof municipalities)[number];

/** A source a resource builds on: its title, and an https address when it has one. */
export interface ResourceSource {
  title: string;
  url?: string;
}
