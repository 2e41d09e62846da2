import { copenhagenToUtc, utcToCopenhagenFields } from '@spejl/shared/webinars.time';
import type { Database } from './index.ts';
import {
  organisations,
  webinarAttendance,
  webinarRegistrations,
  webinarStaff,
  webinars,
} from './schema/index.ts';

type Executor = Pick<Database, 'insert' | 'select'>;

/** A day `days` from now at a Danish wall-clock time, in UTC. */
function danishTime(now: Date, days: number, time: string): Date {
  const { date } = utcToCopenhagenFields(new Date(now.getTime() + days * 24 * 60 * 60_000));
  return copenhagenToUtc(date, time);
}

interface DemoEvent {
  title: string;
  description: string;
  speakers?: string;
  group?: string;
  organisation?: string;
  days: number;
  time: string;
  durationMinutes: number;
  mode: 'online' | 'in_person' | 'hybrid';
  location?: string;
  capacity?: number;
  questions?: Array<{
    id: string;
    label: string;
    kind: 'text' | 'number' | 'choice';
    required: boolean;
    options?: string[];
  }>;
  staff: Array<{ email: string; role: 'host' | 'presenter' }>;
  registered: Array<{ email: string; answers?: Record<string, string | number> }>;
  waitlisted?: string[];
  recordingUrl?: string;
  materials?: string;
  /** Minutes each registered person spent in the room (past events). */
  attended?: Record<string, number>;
}

const events: DemoEvent[] = [
  {
    title: 'Nyt om behandling af cystisk fibrose',
    description:
      'En overlæge fortæller om de nyeste lægemidler, og hvad de betyder for hverdagen. Der er god tid til spørgsmål, og du kan spørge anonymt.',
    speakers: 'Overlæge Birgitte Holm (fiktiv), CF-center',
    group: 'cystisk-fibrose',
    days: 5,
    time: '19:00',
    durationMinutes: 60,
    mode: 'online',
    capacity: 80,
    staff: [{ email: 'moderator@spejl.test', role: 'host' }],
    registered: [{ email: 'mentor@spejl.test' }],
  },
  {
    title: 'Sådan søger du om merudgifter og tabt arbejdsfortjeneste',
    description:
      'En socialrådgiver gennemgår reglerne i serviceloven og viser, hvordan en god ansøgning ser ud. For alle familier på Spejl.',
    speakers: 'Socialrådgiver Jens Kjær (fiktiv)',
    days: 12,
    time: '19:30',
    durationMinutes: 75,
    mode: 'online',
    capacity: 2,
    staff: [
      { email: 'admin@spejl.test', role: 'host' },
      { email: 'koordinator@spejl.test', role: 'presenter' },
    ],
    registered: [{ email: 'medlem@spejl.test' }, { email: 'ny@spejl.test' }],
    waitlisted: ['mentor@spejl.test'],
  },
  {
    title: 'Familieweekend for Sjældne-netværket',
    description:
      'To dage med oplæg, erfaringsudveksling og aktiviteter for børn og søskende. Overnatning og mad er betalt af netværket.',
    group: 'sjaeldne-netvaerket',
    days: 40,
    time: '10:00',
    durationMinutes: 30 * 60,
    mode: 'in_person',
    location: 'Hotel Nyborg Strand, Østerøvej 2, 5800 Nyborg',
    capacity: 30,
    questions: [
      { id: 'adults', label: 'Antal voksne', kind: 'number', required: true },
      { id: 'children', label: 'Antal børn', kind: 'number', required: true },
      { id: 'diet', label: 'Kosthensyn', kind: 'text', required: false },
    ],
    staff: [{ email: 'admin@spejl.test', role: 'host' }],
    registered: [
      { email: 'medlem@spejl.test', answers: { adults: 2, children: 2, diet: 'Ida tåler ikke gluten' } },
      { email: 'moderator@spejl.test', answers: { adults: 1, children: 1 } },
    ],
  },
  {
    title: 'Generalforsamling i Foreningen for Cystisk Fibrose',
    description: 'Årets generalforsamling. Du kan deltage i salen eller online.',
    organisation: 'cystisk-fibrose',
    days: 60,
    time: '13:00',
    durationMinutes: 180,
    mode: 'hybrid',
    location: 'Medborgerhuset, Odense',
    staff: [{ email: 'moderator@spejl.test', role: 'host' }],
    registered: [],
  },
  {
    title: 'Søskende i familien: et webinar med en psykolog',
    description: 'Om skyggebørn: hvordan vi ser og støtter søskende til et barn med en sjælden diagnose.',
    speakers: 'Psykolog Hanne Lund (fiktiv)',
    group: 'haemofili',
    days: -20,
    time: '20:00',
    durationMinutes: 60,
    mode: 'online',
    staff: [{ email: 'admin@spejl.test', role: 'host' }],
    registered: [{ email: 'medlem@spejl.test' }],
    recordingUrl: 'https://video.spejl.test/optagelser/soeskende',
    materials: 'Psykologens slides og en liste over bøger om søskende ligger i gruppens chat.',
    attended: { 'medlem@spejl.test': 55, 'admin@spejl.test': 70 },
  },
  {
    title: 'Spørgetime om PKU og kost',
    description: 'En diætist svarer på spørgsmål om kost ved PKU og andre stofskiftesygdomme.',
    days: -45,
    time: '19:00',
    durationMinutes: 45,
    mode: 'online',
    staff: [{ email: 'admin@spejl.test', role: 'host' }],
    registered: [{ email: 'ny@spejl.test' }],
    attended: { 'admin@spejl.test': 50 },
  },
];

/** Demo events: upcoming and past, for a group, an association and everyone; some full, some with registrations. */
export async function seedWebinars(
  tx: Executor,
  context: { now: Date; userIds: Map<string, string>; groupIds: Map<string, string> },
): Promise<void> {
  const { now, userIds, groupIds } = context;
  const organisationRows = await tx
    .select({ id: organisations.id, slug: organisations.slug })
    .from(organisations);
  const organisationIds = new Map(organisationRows.map((row) => [row.slug, row.id]));
  for (const event of events) {
    const startsAt = danishTime(now, event.days, event.time);
    const past = event.days < 0;
    const [row] = await tx
      .insert(webinars)
      .values({
        groupId: event.group ? (groupIds.get(event.group) ?? null) : null,
        organisationId: event.organisation ? (organisationIds.get(event.organisation) ?? null) : null,
        title: event.title,
        description: event.description,
        speakers: event.speakers ?? '',
        startsAt,
        durationMinutes: event.durationMinutes,
        capacity: event.capacity ?? null,
        mode: event.mode,
        location: event.location ?? null,
        questions: event.questions ?? [],
        recordingUrl: event.recordingUrl ?? null,
        materials: event.materials ?? '',
        roomStatus: past ? 'closed' : 'lobby',
        roomOpenedAt: past ? new Date(startsAt.getTime() - 10 * 60_000) : null,
        roomClosedAt: past
          ? new Date(startsAt.getTime() + event.durationMinutes * 60_000 + 10 * 60_000)
          : null,
        createdBy: userIds.get(event.staff[0]?.email ?? '') ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: webinars.id });
    if (!row) continue;
    for (const member of event.staff) {
      const userId = userIds.get(member.email);
      if (userId)
        await tx.insert(webinarStaff).values({ webinarId: row.id, userId, role: member.role, addedAt: now });
    }
    let order = 0;
    for (const person of event.registered) {
      const userId = userIds.get(person.email);
      if (!userId) continue;
      order += 1;
      const at = new Date(now.getTime() - (100 - order) * 60_000);
      await tx.insert(webinarRegistrations).values({
        webinarId: row.id,
        userId,
        status: 'registered',
        answers: person.answers ?? {},
        queuedAt: at,
        registeredAt: at,
        createdAt: at,
        updatedAt: at,
      });
    }
    for (const email of event.waitlisted ?? []) {
      const userId = userIds.get(email);
      if (!userId) continue;
      order += 1;
      const at = new Date(now.getTime() - (100 - order) * 60_000);
      await tx.insert(webinarRegistrations).values({
        webinarId: row.id,
        userId,
        status: 'waitlisted',
        queuedAt: at,
        createdAt: at,
        updatedAt: at,
      });
    }
    for (const [email, minutes] of Object.entries(event.attended ?? {})) {
      const userId = userIds.get(email);
      if (!userId) continue;
      const joinedAt = new Date(startsAt.getTime() - 5 * 60_000);
      const leftAt = new Date(joinedAt.getTime() + minutes * 60_000);
      await tx.insert(webinarAttendance).values({
        webinarId: row.id,
        userId,
        role: event.staff.some((member) => member.email === email) ? 'host' : 'attendee',
        joinedAt,
        lastSeenAt: leftAt,
        leftAt,
      });
    }
  }
}
