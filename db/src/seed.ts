import { eq, inArray } from 'drizzle-orm';
import { consentVersions } from '@spejl/shared/privacy-terms';
import type { Database } from './index.ts';
import { seedChat } from './seed-chat.ts';
import { seedMentoring } from './seed-mentoring.ts';
import {
  consents,
  groupJoinRequests,
  groupMembershipEvents,
  groupMemberships,
  groups,
  organisations,
  users,
} from './schema/index.ts';
import { seedWebinars } from './seed-webinars.ts';
import { seedModerationDemo } from './seed-moderation.ts';
import { seedResources } from './seed-resources.ts';
import { seedProgrammes } from './seed-programmes.ts';

/** The password every demo account gets; printed at start. Not in the common-password list. */
export const demoPassword = 'spejl-demo-2026';

export interface DemoUser {
  email: string;
  displayName: string;
  platformRole: 'member' | 'coordinator' | 'admin';
  /** What the person is in the demo story. */
  persona: string;
}

/** Fictional people, one per role. Never real names from the reports. */
export const demoUsers: DemoUser[] = [
  {
    email: 'medlem@spejl.test',
    displayName: 'Sofie (mor til Ida)',
    platformRole: 'member',
    persona: 'member',
  },
  { email: 'ny@spejl.test', displayName: 'Jonas', platformRole: 'member', persona: 'new family' },
  {
    email: 'mentor@spejl.test',
    displayName: 'Lene (erfaren forælder)',
    platformRole: 'member',
    persona: 'mentor',
  },
  { email: 'moderator@spejl.test', displayName: 'Mads', platformRole: 'member', persona: 'moderator' },
  {
    email: 'koordinator@spejl.test',
    displayName: 'Karen',
    platformRole: 'coordinator',
    persona: 'coordinator',
  },
  { email: 'admin@spejl.test', displayName: 'Astrid', platformRole: 'admin', persona: 'admin' },
];

interface DemoGroup {
  slug: string;
  name: string;
  description: string;
  kind: 'diagnosis' | 'network' | 'subgroup';
  visibility?: 'listed' | 'hidden';
  joinPolicy?: 'request' | 'invite';
  /** False for a group whose members may not write directly to each other (the youth group). */
  directMessagesAllowed?: boolean;
  parent?: string;
  terms?: string[];
}

const associations: Array<{ slug: string; name: string; group: DemoGroup }> = [
  {
    slug: 'bloederforeningen',
    name: 'Bløderforeningen',
    group: {
      slug: 'haemofili',
      name: 'Hæmofili og andre blødersygdomme',
      description: 'For familier og voksne, der lever med hæmofili, von Willebrand og andre blødersygdomme.',
      kind: 'diagnosis',
      terms: ['hæmofili', 'haemophilia', 'bløder', 'von Willebrand', 'D66', 'D68.0'],
    },
  },
  {
    slug: 'cystisk-fibrose',
    name: 'Foreningen for Cystisk Fibrose',
    group: {
      slug: 'cystisk-fibrose',
      name: 'Cystisk fibrose',
      description: 'Erfaringer med hverdag, behandling og skole, når nogen i familien har cystisk fibrose.',
      kind: 'diagnosis',
      terms: ['cystisk fibrose', 'cystic fibrosis', 'CF', 'E84'],
    },
  },
  {
    slug: 'dvaergeforeningen',
    name: 'Dværgeforeningen',
    group: {
      slug: 'kortvoksede',
      name: 'Kortvoksede',
      description: 'For kortvoksede og deres familier: akondroplasi og andre former for kortvoksethed.',
      kind: 'diagnosis',
      terms: ['akondroplasi', 'achondroplasia', 'dværgvækst', 'kortvoksed', 'Q77.4'],
    },
  },
  {
    slug: 'osteogenesis-imperfecta',
    name: 'Dansk forening for Osteogenesis Imperfecta',
    group: {
      slug: 'osteogenesis-imperfecta',
      name: 'Osteogenesis imperfecta',
      description: 'Glasknogler: hverdag, hjælpemidler og behandling.',
      kind: 'diagnosis',
      terms: ['osteogenesis imperfecta', 'glasknogler', 'OI', 'Q78.0'],
    },
  },
  {
    slug: 'tuberoes-sclerose',
    name: 'Dansk forening for Tuberøs Sclerose',
    group: {
      slug: 'tuberoes-sclerose',
      name: 'Tuberøs sclerose',
      description: 'For familier og voksne med tuberøs sclerose kompleks (TSC).',
      kind: 'diagnosis',
      terms: ['tuberøs sclerose', 'tuberous sclerosis', 'TSC', 'Q85.1'],
    },
  },
  {
    slug: 'gaucher',
    name: 'Gaucher Foreningen Danmark',
    group: {
      slug: 'gaucher',
      name: 'Gaucher sygdom',
      description: 'Erfaringsudveksling om Gaucher sygdom og enzymbehandling.',
      kind: 'diagnosis',
      terms: ['Gaucher', 'E75.2'],
    },
  },
  {
    slug: 'alfa1',
    name: 'Alfa1 Danmark',
    group: {
      slug: 'alfa1',
      name: 'Alfa-1-antitrypsin-mangel',
      description: 'For mennesker med alfa-1-antitrypsin-mangel og deres pårørende.',
      kind: 'diagnosis',
      terms: ['alfa-1', 'alpha-1 antitrypsin', 'AATD', 'E88.0'],
    },
  },
  {
    slug: 'wilson',
    name: 'Wilson Patientforeningen',
    group: {
      slug: 'wilson',
      name: 'Wilsons sygdom',
      description: 'Kobberstofskiftesygdommen Wilsons sygdom: behandling, kost og hverdag.',
      kind: 'diagnosis',
      terms: ['Wilson', 'Wilsons sygdom', 'E83.0'],
    },
  },
  {
    slug: 'spielmeyer-vogt',
    name: 'Dansk Spielmeyer-Vogt Forening',
    group: {
      slug: 'spielmeyer-vogt',
      name: 'Spielmeyer-Vogt (JNCL)',
      description: 'For familier, der lever med juvenil neuronal ceroid lipofuscinose.',
      kind: 'diagnosis',
      terms: ['Spielmeyer-Vogt', 'JNCL', 'Battens sygdom', 'CLN3'],
    },
  },
  {
    slug: 'stofskiftegruppen',
    name: 'Stofskiftegruppen',
    group: {
      slug: 'stofskiftesygdomme',
      name: 'Medfødte stofskiftesygdomme',
      description: 'PKU og andre medfødte stofskiftesygdomme: kost, skole og familieliv.',
      kind: 'diagnosis',
      terms: ['PKU', 'fenylketonuri', 'phenylketonuria', 'stofskifte', 'E70.0'],
    },
  },
  {
    slug: 'sjaeldne-diagnoser',
    name: 'Sjældne Diagnoser',
    group: {
      slug: 'sjaeldne-netvaerket',
      name: 'Sjældne-netværket',
      description:
        'For dig, hvis diagnose ikke har en forening: Ehlers-Danlos, Rett syndrom, fragilt X, Noonan syndrom, PANDAS og mange flere.',
      kind: 'network',
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
    },
  },
];

const subgroups: DemoGroup[] = [
  {
    slug: 'cf-foraeldre',
    name: 'Forældre til børn med CF',
    description: 'Forældregruppen under Cystisk fibrose.',
    kind: 'subgroup',
    parent: 'cystisk-fibrose',
  },
  {
    slug: 'cf-unge',
    name: 'Unge 14-25 med CF',
    description: 'For unge mellem 14 og 25 år, der selv har cystisk fibrose.',
    kind: 'subgroup',
    parent: 'cystisk-fibrose',
    directMessagesAllowed: false,
  },
  {
    slug: 'haemofili-soeskende',
    name: 'Søskende (skyggebørn)',
    description: 'For søskende til børn med en blødersygdom.',
    kind: 'subgroup',
    parent: 'haemofili',
  },
  {
    slug: 'netvaerket-bedsteforaeldre',
    name: 'Bedsteforældre',
    description: 'For bedsteforældre til børn med en sjælden diagnose.',
    kind: 'subgroup',
    parent: 'sjaeldne-netvaerket',
  },
  {
    slug: 'rett-foraeldre',
    name: 'Forældre til piger med Rett syndrom',
    description: 'En skjult gruppe. Kun medlemmer kan se, at den findes.',
    kind: 'subgroup',
    parent: 'sjaeldne-netvaerket',
    visibility: 'hidden',
    joinPolicy: 'invite',
    terms: ['Rett syndrom', 'Rett'],
  },
];

const memberships: Array<{ email: string; slug: string; role: 'member' | 'moderator' | 'owner' }> = [
  { email: 'medlem@spejl.test', slug: 'sjaeldne-netvaerket', role: 'member' },
  { email: 'medlem@spejl.test', slug: 'rett-foraeldre', role: 'member' },
  { email: 'medlem@spejl.test', slug: 'haemofili', role: 'member' },
  { email: 'mentor@spejl.test', slug: 'cystisk-fibrose', role: 'member' },
  { email: 'mentor@spejl.test', slug: 'cf-foraeldre', role: 'member' },
  { email: 'moderator@spejl.test', slug: 'cystisk-fibrose', role: 'moderator' },
  { email: 'moderator@spejl.test', slug: 'cf-foraeldre', role: 'moderator' },
  { email: 'moderator@spejl.test', slug: 'sjaeldne-netvaerket', role: 'moderator' },
  { email: 'moderator@spejl.test', slug: 'rett-foraeldre', role: 'owner' },
  { email: 'admin@spejl.test', slug: 'sjaeldne-netvaerket', role: 'owner' },
];

/** Fictional people waiting for an answer, so moderators find a queue. They can sign in with the demo password. */
const waitingRequests: Array<{ email: string; displayName: string; slug: string; message: string }> = [
  {
    email: 'anne@spejl.test',
    displayName: 'Anne (mor til Emil)',
    slug: 'cystisk-fibrose',
    message: 'Emil fik diagnosen for tre uger siden. Vi vil gerne tale med andre forældre.',
  },
  {
    email: 'peter@spejl.test',
    displayName: 'Peter',
    slug: 'sjaeldne-netvaerket',
    message: 'Min datter har en diagnose uden forening. Jeg søger nogen at dele erfaringer med.',
  },
  {
    email: 'anne@spejl.test',
    displayName: 'Anne (mor til Emil)',
    slug: 'cf-foraeldre',
    message: '',
  },
];

export interface SeedResult {
  created: boolean;
  users: DemoUser[];
}

/** True when the database has no users yet (a fresh install). */
export async function isEmpty(db: Database): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length === 0;
}

/**
 * Writes the demo associations, groups and fictional users. Idempotent: does nothing when the demo users exist.
 * The caller refuses to run it in production.
 */
export async function seedDemoData(
  db: Database,
  hashPassword: (password: string) => Promise<string>,
): Promise<SeedResult> {
  const existing = await db
    .select({ id: users.id })
    .from(users)
    .where(
      inArray(
        users.email,
        demoUsers.map((user) => user.email),
      ),
    );
  if (existing.length > 0) return { created: false, users: demoUsers };

  const passwordHash = await hashPassword(demoPassword);
  await db.transaction(async (tx) => {
    const now = new Date();
    const userIds = new Map<string, string>();
    for (const demo of demoUsers) {
      const [row] = await tx
        .insert(users)
        .values({
          email: demo.email,
          passwordHash,
          displayName: demo.displayName,
          platformRole: demo.platformRole,
          emailVerifiedAt: now,
        })
        .returning({ id: users.id });
      userIds.set(demo.email, row!.id);
      await tx.insert(consents).values([
        { userId: row!.id, kind: 'terms', version: consentVersions.terms, givenAt: now },
        {
          userId: row!.id,
          kind: 'health_data_groups',
          version: consentVersions.health_data_groups,
          givenAt: now,
        },
        {
          userId: row!.id,
          kind: 'health_data_mentoring',
          version: consentVersions.health_data_mentoring,
          givenAt: now,
        },
      ]);
    }
    const groupIds = new Map<string, string>();
    for (const association of associations) {
      const [existingOrg] = await tx
        .select()
        .from(organisations)
        .where(eq(organisations.slug, association.slug));
      const organisation =
        existingOrg ??
        (
          await tx
            .insert(organisations)
            .values({ name: association.name, slug: association.slug })
            .returning()
        )[0]!;
      const group = association.group;
      const [row] = await tx
        .insert(groups)
        .values({
          organisationId: organisation.id,
          name: group.name,
          slug: group.slug,
          description: group.description,
          kind: group.kind,
          visibility: group.visibility ?? 'listed',
          joinPolicy: group.joinPolicy ?? 'request',
          diagnosisTerms: group.terms ?? [],
        })
        .onConflictDoNothing({ target: groups.slug })
        .returning({ id: groups.id, organisationId: groups.organisationId });
      if (row) groupIds.set(group.slug, row.id);
    }
    for (const group of subgroups) {
      const parentId = groupIds.get(group.parent!);
      const [parent] = parentId ? await tx.select().from(groups).where(eq(groups.id, parentId)) : [];
      const [row] = await tx
        .insert(groups)
        .values({
          organisationId: parent?.organisationId ?? null,
          parentId: parentId ?? null,
          name: group.name,
          slug: group.slug,
          description: group.description,
          kind: group.kind,
          visibility: group.visibility ?? 'listed',
          joinPolicy: group.joinPolicy ?? 'request',
          diagnosisTerms: group.terms ?? [],
          directMessagesAllowed: group.directMessagesAllowed ?? true,
        })
        .onConflictDoNothing({ target: groups.slug })
        .returning({ id: groups.id });
      if (row) groupIds.set(group.slug, row.id);
    }
    for (const membership of memberships) {
      const groupId = groupIds.get(membership.slug);
      const userId = userIds.get(membership.email);
      if (!groupId || !userId) continue;
      await tx.insert(groupMemberships).values({ groupId, userId, role: membership.role, joinedAt: now });
      await tx.insert(groupMembershipEvents).values({
        groupId,
        userId,
        actorId: null,
        kind: 'joined.added',
        toRole: membership.role,
        reason: 'Demodata',
        createdAt: now,
      });
    }
    for (const waiting of waitingRequests) {
      let userId = userIds.get(waiting.email);
      if (!userId) {
        const [row] = await tx
          .insert(users)
          .values({
            email: waiting.email,
            passwordHash,
            displayName: waiting.displayName,
            emailVerifiedAt: now,
          })
          .returning({ id: users.id });
        userId = row!.id;
        userIds.set(waiting.email, userId);
        await tx.insert(consents).values([
          { userId, kind: 'terms', version: consentVersions.terms, givenAt: now },
          { userId, kind: 'health_data_groups', version: consentVersions.health_data_groups, givenAt: now },
        ]);
      }
      const groupId = groupIds.get(waiting.slug);
      if (!groupId) continue;
      await tx
        .insert(groupJoinRequests)
        .values({ groupId, userId, message: waiting.message || null, createdAt: now });
      await tx
        .insert(groupMembershipEvents)
        .values({ groupId, userId, actorId: userId, kind: 'request.created', createdAt: now });
    }
    await seedChat(tx, { userIds, groupIds, now });
    await seedMentoring(tx, { userIds, groupIds, passwordHash, now });
    await seedWebinars(tx, { now, userIds, groupIds });
    await seedModerationDemo(tx, passwordHash, now);
    await seedResources(tx, { now, userIds, groupIds });
    await seedProgrammes(tx, { now, userIds, groupIds });
  });
  return { created: true, users: demoUsers };
}
