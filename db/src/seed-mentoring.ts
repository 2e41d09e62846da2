import { eq } from 'drizzle-orm';
import { consentVersions } from '@spejl/shared/privacy-terms';
import type { Database } from './index.ts';
import {
  consents,
  groupMembershipEvents,
  groupMemberships,
  groups,
  groupSequences,
  mentoringMatches,
  mentoringNotes,
  mentoringRequests,
  mentorProfiles,
  messages,
  users,
} from './schema/index.ts';

type Executor = Pick<Database, 'insert' | 'select' | 'update'>;

const day = 24 * 60 * 60 * 1000;
const hour = 60 * 60 * 1000;

type Region = 'hovedstaden' | 'sjaelland' | 'syddanmark' | 'midtjylland' | 'nordjylland';

interface DemoMentor {
  email: string;
  displayName: string;
  groups: string[];
  relation: 'own' | 'child' | 'sibling' | 'other';
  childAgeYears: number | null;
  region: Region;
  municipality: string;
  languages: string[];
  topics: string[];
  capacity: number;
  gender: 'female' | 'male' | null;
  bio: string;
  approved: boolean;
}

/** Fictional mentors. Lene is the demo account `mentor@spejl.test`; the others sign in with the demo password. */
const mentors: DemoMentor[] = [
  {
    email: 'mentor@spejl.test',
    displayName: 'Lene (erfaren forælder)',
    groups: ['cystisk-fibrose', 'cf-foraeldre'],
    relation: 'child',
    childAgeYears: 9,
    region: 'midtjylland',
    municipality: 'Aarhus',
    languages: ['da', 'en'],
    topics: ['diagnosis', 'daily_life', 'school', 'siblings'],
    capacity: 3,
    gender: 'female',
    bio: 'Mor til Magnus på 9 med cystisk fibrose. Jeg kender de første år med mange hospitalsbesøg og ved, hvor meget det hjælper at tale med nogen, der har prøvet det.',
    approved: true,
  },
  {
    email: 'birgitte@spejl.test',
    displayName: 'Birgitte (mor til Oliver)',
    groups: ['haemofili'],
    relation: 'child',
    childAgeYears: 12,
    region: 'syddanmark',
    municipality: 'Odense',
    languages: ['da'],
    topics: ['daily_life', 'school', 'social_law'],
    capacity: 2,
    gender: 'female',
    bio: 'Oliver har hæmofili A. Jeg har søgt merudgifter og tabt arbejdsfortjeneste mange gange og deler gerne, hvad der virkede.',
    approved: true,
  },
  {
    email: 'henrik@spejl.test',
    displayName: 'Henrik (far til Ida)',
    groups: ['stofskiftesygdomme'],
    relation: 'child',
    childAgeYears: 4,
    region: 'hovedstaden',
    municipality: 'København',
    languages: ['da', 'en'],
    topics: ['diagnosis', 'daily_life', 'work_money'],
    capacity: 1,
    gender: 'male',
    bio: 'Far til Ida med PKU. Kost, madpakker og børnehave fylder meget hos os.',
    approved: true,
  },
  {
    email: 'yasmin@spejl.test',
    displayName: 'Yasmin (mor til Sara)',
    groups: ['sjaeldne-netvaerket'],
    relation: 'child',
    childAgeYears: 7,
    region: 'hovedstaden',
    municipality: 'Ishøj',
    languages: ['da', 'ar'],
    topics: ['daily_life', 'social_law', 'siblings'],
    capacity: 2,
    gender: 'female',
    bio: 'Sara har Rett syndrom. Jeg taler dansk og arabisk og hjælper gerne familier, der er nye i systemet.',
    approved: true,
  },
  {
    email: 'morten@spejl.test',
    displayName: 'Morten',
    groups: ['kortvoksede'],
    relation: 'own',
    childAgeYears: null,
    region: 'nordjylland',
    municipality: 'Aalborg',
    languages: ['da'],
    topics: ['transition', 'work_money', 'daily_life'],
    capacity: 2,
    gender: 'male',
    bio: 'Jeg er selv kortvokset og har taget en uddannelse og fået job. Spørg mig om overgangen til voksenlivet.',
    approved: true,
  },
  {
    email: 'camilla@spejl.test',
    displayName: 'Camilla (mor til Ella)',
    groups: ['osteogenesis-imperfecta'],
    relation: 'child',
    childAgeYears: 6,
    region: 'sjaelland',
    municipality: 'Roskilde',
    languages: ['da'],
    topics: ['daily_life', 'school'],
    capacity: 1,
    gender: 'female',
    bio: 'Ella har glasknogler. Jeg har lige været på mentorkursus.',
    approved: false,
  },
];

interface DemoRequest {
  email: string;
  displayName: string;
  group: string | null;
  diagnosisText: string | null;
  childAgeYears: number | null;
  region: Region;
  languages: string[];
  topics: string[];
  inPerson: boolean;
  needs: string;
  waitingDays: number;
  note?: string;
}

/** Families waiting for a mentor (Anne and Peter are also in the groups' join-request queue). */
const waiting: DemoRequest[] = [
  {
    email: 'anne@spejl.test',
    displayName: 'Anne (mor til Emil)',
    group: 'cystisk-fibrose',
    diagnosisText: 'Cystisk fibrose',
    childAgeYears: 0,
    region: 'midtjylland',
    languages: ['da'],
    topics: ['diagnosis', 'daily_life'],
    inPerson: true,
    needs:
      'Emil fik diagnosen for tre uger siden. Vi er meget i tvivl om, hvad vi skal være opmærksomme på derhjemme.',
    waitingDays: 3,
    note: 'Ringede til Anne. De vil helst mødes med en familie i nærheden.',
  },
  {
    email: 'peter@spejl.test',
    displayName: 'Peter',
    group: null,
    diagnosisText: 'Ingen forening: et sjældent syndrom uden navn',
    childAgeYears: 11,
    region: 'sjaelland',
    languages: ['da'],
    topics: ['school', 'social_law'],
    inPerson: false,
    needs: 'Min datter skal skifte skole, og kommunen forstår ikke hendes behov.',
    waitingDays: 1,
  },
  {
    email: 'fatima@spejl.test',
    displayName: 'Fatima',
    group: 'gaucher',
    diagnosisText: 'Gaucher sygdom',
    childAgeYears: 3,
    region: 'nordjylland',
    languages: ['so'],
    topics: ['diagnosis'],
    inPerson: false,
    needs: 'Vi vil gerne tale med en anden familie, helst på somali.',
    waitingDays: 6,
  },
];

/**
 * Demo mentoring: approved mentors (and one awaiting approval), families waiting for a mentor (one that no mentor
 * can take, for the coverage report) and one active mentorship with its private conversation.
 */
export async function seedMentoring(
  tx: Executor,
  context: { userIds: Map<string, string>; groupIds: Map<string, string>; passwordHash: string; now: Date },
): Promise<void> {
  const { userIds, groupIds, passwordHash, now } = context;
  async function person(email: string, displayName: string): Promise<string> {
    const known = userIds.get(email);
    if (known) return known;
    const [row] = await tx
      .insert(users)
      .values({ email, passwordHash, displayName, emailVerifiedAt: now })
      .returning({ id: users.id });
    await tx
      .insert(consents)
      .values({ userId: row!.id, kind: 'terms', version: consentVersions.terms, givenAt: now });
    userIds.set(email, row!.id);
    return row!.id;
  }
  const groupsOf = (slugs: string[]) => slugs.flatMap((slug) => groupIds.get(slug) ?? []);

  for (const mentor of mentors) {
    const userId = await person(mentor.email, mentor.displayName);
    const joined = new Date(now.getTime() - 60 * day);
    await tx.insert(mentorProfiles).values({
      userId,
      groupIds: groupsOf(mentor.groups),
      relation: mentor.relation,
      childAgeYears: mentor.childAgeYears,
      region: mentor.region,
      municipality: mentor.municipality,
      languages: mentor.languages,
      topics: mentor.topics,
      capacity: mentor.capacity,
      gender: mentor.gender,
      bio: mentor.bio,
      shareNote: 'Jeg deler gerne erfaringer fra vores hverdag, men ikke detaljer om andre familier.',
      trainingCompletedAt: mentor.approved ? new Date(now.getTime() - 30 * day) : null,
      trainingNote: mentor.approved ? 'Mentorkursus hos Sjældne Diagnoser' : null,
      approvedAt: mentor.approved ? new Date(now.getTime() - 29 * day) : null,
      approvedBy: mentor.approved ? (userIds.get('koordinator@spejl.test') ?? null) : null,
      createdAt: joined,
      updatedAt: joined,
    });
  }

  for (const request of waiting) {
    const requesterId = await person(request.email, request.displayName);
    const createdAt = new Date(now.getTime() - request.waitingDays * day);
    const [row] = await tx
      .insert(mentoringRequests)
      .values({
        requesterId,
        groupId: request.group ? (groupIds.get(request.group) ?? null) : null,
        diagnosisText: request.diagnosisText,
        childAgeYears: request.childAgeYears,
        region: request.region,
        languages: request.languages,
        topics: request.topics,
        inPerson: request.inPerson,
        needs: request.needs,
        consentAt: createdAt,
        status: request.note ? 'clarifying' : 'requested',
        createdAt,
        updatedAt: createdAt,
      })
      .returning({ id: mentoringRequests.id });
    await tx.insert(consents).values({
      userId: requesterId,
      kind: 'health_data_mentoring',
      version: consentVersions.health_data_mentoring,
      givenAt: createdAt,
    });
    if (request.note)
      await tx.insert(mentoringNotes).values({
        requestId: row!.id,
        authorId: userIds.get('koordinator@spejl.test') ?? null,
        body: request.note,
        createdAt: new Date(createdAt.getTime() + day),
      });
  }

  // An active mentorship: Birgitte mentors Maria, whose son has haemophilia; they have written to each other.
  const familyId = await person('maria@spejl.test', 'Maria (mor til Noah)');
  const mentorId = userIds.get('birgitte@spejl.test')!;
  const requestedAt = new Date(now.getTime() - 12 * day);
  const acceptedAt = new Date(now.getTime() - 10 * day);
  const [request] = await tx
    .insert(mentoringRequests)
    .values({
      requesterId: familyId,
      groupId: groupIds.get('haemofili') ?? null,
      diagnosisText: 'Hæmofili A',
      childAgeYears: 1,
      region: 'syddanmark',
      languages: ['da'],
      topics: ['daily_life', 'social_law'],
      needs:
        'Noah er 1 år og har lige fået diagnosen. Hvordan passer man på ham uden at pakke ham ind i vat?',
      consentAt: requestedAt,
      status: 'active',
      createdAt: requestedAt,
      updatedAt: acceptedAt,
    })
    .returning({ id: mentoringRequests.id });
  await tx.insert(consents).values({
    userId: familyId,
    kind: 'health_data_mentoring',
    version: consentVersions.health_data_mentoring,
    givenAt: requestedAt,
  });
  const [match] = await tx
    .insert(mentoringMatches)
    .values({
      requestId: request!.id,
      mentorId,
      status: 'active',
      score: 78.5,
      proposedBy: userIds.get('koordinator@spejl.test') ?? null,
      proposedAt: new Date(now.getTime() - 11 * day),
      respondedAt: acceptedAt,
      acceptedAt,
    })
    .returning({ id: mentoringMatches.id });
  const [group] = await tx
    .insert(groups)
    .values({
      name: 'Mentorforløb',
      slug: `mentorship-${match!.id}`,
      kind: 'mentorship',
      visibility: 'hidden',
      joinPolicy: 'invite',
      createdAt: acceptedAt,
      updatedAt: acceptedAt,
    })
    .returning({ id: groups.id });
  const groupId = group!.id;
  await tx.update(mentoringMatches).set({ groupId }).where(eqId(match!.id));
  for (const userId of [mentorId, familyId]) {
    await tx.insert(groupMemberships).values({ groupId, userId, role: 'member', joinedAt: acceptedAt });
    await tx.insert(groupMembershipEvents).values({
      groupId,
      userId,
      actorId: mentorId,
      kind: 'joined.added',
      toRole: 'member',
      createdAt: acceptedAt,
    });
  }
  const conversation = [
    {
      authorId: mentorId,
      body: 'Hej Maria! Jeg hedder Birgitte og er mor til Oliver på 12 med hæmofili A. Hvornår passer det dig at tale i telefon?',
      at: new Date(acceptedAt.getTime() + 5 * hour),
    },
    {
      authorId: familyId,
      body: 'Hej Birgitte, tak fordi du skriver. Torsdag aften passer fint. Jeg er mest bange for, når han begynder at gå.',
      at: new Date(acceptedAt.getTime() + 9 * hour),
    },
  ];
  for (const [index, message] of conversation.entries())
    await tx.insert(messages).values({
      groupId,
      seq: index + 1,
      authorId: message.authorId,
      clientId: `demo-mentorship-${index + 1}`,
      body: message.body,
      createdAt: message.at,
    });
  await tx.insert(groupSequences).values({ groupId, lastSeq: conversation.length });
}

const eqId = (id: string) => eq(mentoringMatches.id, id);
