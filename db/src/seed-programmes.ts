import { programmeLimits } from '@spejl/shared/programmes-values';
import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { Database } from './index.ts';
import {
  groupMembershipEvents,
  groupMemberships,
  groups,
  programmeCohorts,
  programmes,
  programmeStepResources,
  programmeSteps,
  programmeStepWebinars,
  resources,
  webinars,
} from './schema/index.ts';

type Executor = Pick<Database, 'insert' | 'select'>;

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The demo programme "De første måneder", built from the demo data: read the kit, join Sjældne-netværket, take part in
 * a webinar, meet a mentor, come to the family weekend, and end in a group the families keep. Dates come from the
 * seed's clock; the steps point to what exists (a step whose resources or events are missing is left without them).
 */
export async function seedProgrammes(
  tx: Executor,
  seed: { now: Date; userIds: Map<string, string>; groupIds: Map<string, string> },
): Promise<void> {
  const { now } = seed;
  const coordinatorId = seed.userIds.get('koordinator@spejl.test') ?? null;
  const networkId = seed.groupIds.get('sjaeldne-netvaerket') ?? null;

  // The group the families keep: a listed network group the coordinator owns.
  const [finalGroup] = await tx
    .insert(groups)
    .values({
      name: 'Nye familier – De første måneder',
      slug: 'nye-familier',
      description:
        'For familier, der har været igennem forløbet „De første måneder“. Her holder I kontakten bagefter.',
      kind: 'network',
      visibility: 'listed',
      joinPolicy: 'request',
    })
    .onConflictDoNothing({ target: groups.slug })
    .returning({ id: groups.id });
  if (finalGroup && coordinatorId) {
    await tx
      .insert(groupMemberships)
      .values({ groupId: finalGroup.id, userId: coordinatorId, role: 'owner', joinedAt: now });
    await tx.insert(groupMembershipEvents).values({
      groupId: finalGroup.id,
      userId: coordinatorId,
      actorId: null,
      kind: 'joined.added',
      createdAt: now,
    });
  }

  const kit = await tx
    .select({ id: resources.id })
    .from(resources)
    .where(
      and(
        eq(resources.public, true),
        eq(resources.status, 'published'),
        eq(resources.topic, 'rights_and_benefits'),
      ),
    )
    .orderBy(asc(resources.createdAt), asc(resources.title))
    .limit(3);
  const upcoming = await tx
    .select({
      id: webinars.id,
      title: webinars.title,
      mode: webinars.mode,
      startsAt: webinars.startsAt,
      location: webinars.location,
    })
    .from(webinars)
    .where(
      and(
        eq(webinars.status, 'scheduled'),
        gt(webinars.startsAt, now),
        lt(webinars.startsAt, new Date(now.getTime() + 90 * dayMs)),
      ),
    )
    .orderBy(asc(webinars.startsAt));
  const online = upcoming.filter((event) => event.mode === 'online').slice(0, 2);
  const inPerson = upcoming.find((event) => event.mode === 'in_person');

  const [programme] = await tx
    .insert(programmes)
    .values({
      title: 'De første måneder',
      summary:
        'Et forløb for nye familier med et barn med en sjælden diagnose: viden om rettigheder, andre familier at tale med, en mentor og et familiearrangement. For alle familier, med eller uden en forening.',
      ownerId: coordinatorId,
      finalGroupId: finalGroup?.id ?? null,
      status: 'open',
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: programmes.id });
  if (!programme) return;

  const due = programmeLimits.defaultDueAfterDays;
  const steps: Array<typeof programmeSteps.$inferInsert & { resourceIds?: string[]; webinarIds?: string[] }> =
    [
      {
        programmeId: programme.id,
        position: 0,
        kind: 'read',
        title: 'Læs om jeres rettigheder',
        description: 'Start med det vigtigste om merudgifter, tabt arbejdsfortjeneste og aflastning.',
        completion: 'read',
        opensRule: 'at_once',
        dueAfterDays: due,
        resourceIds: kit.map((row) => row.id),
      },
      {
        programmeId: programme.id,
        position: 1,
        kind: 'join_group',
        title: 'Meld dig ind i Sjældne-netværket eller jeres diagnosegruppe',
        description: 'Her møder I andre familier, der kender situationen.',
        completion: 'marked_done',
        opensRule: 'after_previous',
        dueAfterDays: due,
        groupId: networkId,
      },
      {
        programmeId: programme.id,
        position: 2,
        kind: 'attend_webinar',
        title: 'Vær med i et webinar',
        description: 'Vælg et af webinarerne. I kan være med hjemmefra, uanset hvor i landet I bor.',
        completion: online.length > 0 ? 'attended' : 'marked_done',
        opensRule: 'days_after_enrolling',
        opensAfterDays: 7,
        dueAfterDays: 21,
        webinarIds: online.map((event) => event.id),
      },
      {
        programmeId: programme.id,
        position: 3,
        kind: 'meet_mentor',
        title: 'Mød din mentor',
        description: 'Bed om en mentor. Mentoren kontakter jer inden for 48 timer, når I er sat sammen.',
        completion: 'confirmed',
        opensRule: 'days_after_enrolling',
        opensAfterDays: 14,
        dueAfterDays: 14,
      },
      {
        programmeId: programme.id,
        position: 4,
        kind: 'meeting',
        title: inPerson ? inPerson.title : 'Familiedag for nye familier',
        description: 'Et fysisk arrangement for hele familien, også søskende og bedsteforældre.',
        completion: 'confirmed',
        opensRule: 'days_after_enrolling',
        opensAfterDays: 21,
        dueAfterDays: 30,
        place: inPerson?.location ?? 'Odense',
        startsAt: inPerson?.startsAt ?? new Date(now.getTime() + 45 * dayMs),
        webinarId: inPerson?.id ?? null,
      },
      {
        programmeId: programme.id,
        position: 5,
        kind: 'join_group',
        title: 'Bliv i gruppen for nye familier',
        description:
          'Forløbet slutter her, men gruppen fortsætter. Her holder I kontakten med de andre familier.',
        completion: 'marked_done',
        opensRule: 'after_previous',
        dueAfterDays: due,
        groupId: finalGroup?.id ?? networkId,
      },
    ];
  for (const { resourceIds, webinarIds, ...values } of steps) {
    const [step] = await tx
      .insert(programmeSteps)
      .values({ ...values, createdAt: now, updatedAt: now })
      .returning({
        id: programmeSteps.id,
      });
    if (!step) continue;
    if (resourceIds?.length)
      await tx
        .insert(programmeStepResources)
        .values(resourceIds.map((resourceId, position) => ({ stepId: step.id, resourceId, position })));
    if (webinarIds?.length)
      await tx
        .insert(programmeStepWebinars)
        .values(webinarIds.map((webinarId, position) => ({ stepId: step.id, webinarId, position })));
  }
  const startsOn = new Date(now.getTime() + 14 * dayMs).toISOString().slice(0, 10);
  await tx.insert(programmeCohorts).values({
    programmeId: programme.id,
    name: 'Næste hold',
    startsOn,
    coordinatorId,
    createdAt: now,
  });
}
