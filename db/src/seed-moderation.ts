import { and, eq, inArray } from 'drizzle-orm';
import { consentVersions } from '@spejl/shared/privacy-terms';
import type { Database } from './index.ts';
import {
  consents,
  groupMembershipEvents,
  groupMemberships,
  groupSequences,
  groups,
  messages,
  moderationActions,
  moderationAuditLog,
  moderationFilters,
  moderationFlags,
  moderationItems,
  users,
} from './schema/index.ts';

type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'execute'>;

/** Fictional members of the cystic fibrosis group who appear in the demo queue. */
const people = [
  { email: 'rasmus@spejl.test', displayName: 'Rasmus (far til Oskar)' },
  { email: 'clara@spejl.test', displayName: 'Clara' },
  { email: 'tilbud@spejl.test', displayName: 'Tilbud24' },
];

const minute = 60_000;

/**
 * A moderation demo in "Cystisk fibrose": a chat with an open queue (an auto-hidden advert, a privacy report, an
 * urgent self_harm report), one decided case with its audit trail, and a watched word. Mads moderates the group
 * (he must turn on two-step verification first); Rasmus and Lene are the reporters.
 */
export async function seedModerationDemo(tx: Executor, passwordHash: string, now: Date): Promise<void> {
  const [group] = await tx.select().from(groups).where(eq(groups.slug, 'cystisk-fibrose'));
  if (!group) return;
  const ids = new Map<string, string>();
  for (const row of await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, ['mentor@spejl.test', 'moderator@spejl.test'])))
    ids.set(row.email, row.id);
  for (const person of people) {
    const [row] = await tx
      .insert(users)
      .values({ ...person, passwordHash, emailVerifiedAt: now })
      .returning({ id: users.id });
    ids.set(person.email, row!.id);
    await tx
      .insert(consents)
      .values({ userId: row!.id, kind: 'terms', version: consentVersions.terms, givenAt: now });
    const joinedAt = new Date(now.getTime() - 14 * 24 * 60 * minute);
    await tx
      .insert(groupMemberships)
      .values({ groupId: group.id, userId: row!.id, role: 'member', joinedAt });
    await tx.insert(groupMembershipEvents).values({
      groupId: group.id,
      userId: row!.id,
      actorId: null,
      kind: 'joined.added',
      toRole: 'member',
      reason: 'Demodata',
      createdAt: joinedAt,
    });
  }
  const lene = ids.get('mentor@spejl.test')!;
  const mads = ids.get('moderator@spejl.test')!;
  const henrik = ids.get('rasmus@spejl.test')!;
  const camilla = ids.get('clara@spejl.test')!;
  const spammer = ids.get('tilbud@spejl.test')!;

  const chat: Array<{
    key: string;
    author: string;
    body: string;
    minutesAgo: number;
    hidden?: boolean;
    deleted?: boolean;
  }> = [
    {
      key: 'welcome',
      author: lene,
      body: 'Velkommen til alle nye! Spørg endelig løs om hverdagen med CF.',
      minutesAgo: 300,
    },
    {
      key: 'old-spam',
      author: spammer,
      body: 'Billige vitaminer til hele familien – skriv til mig privat!',
      minutesAgo: 280,
      deleted: true,
    },
    {
      key: 'question',
      author: henrik,
      body: 'Tak! Oskar fik diagnosen for en måned siden. Hvordan klarer I inhalationerne om morgenen?',
      minutesAgo: 240,
    },
    {
      key: 'answer',
      author: lene,
      body: 'Vi laver dem, mens hun ser børne-tv. Det tager tid at finde en rytme, men det kommer.',
      minutesAgo: 230,
    },
    {
      key: 'advert',
      author: spammer,
      body: 'Helbred CF naturligt med vores urtekur! Se mere på www.mirakelkur.example',
      minutesAgo: 120,
      hidden: true,
    },
    {
      key: 'privacy',
      author: camilla,
      body: 'Anne fortalte mig, at hendes søn Emil har fået en svampeinfektion i lungerne igen. Stakkels dreng.',
      minutesAgo: 90,
    },
    {
      key: 'worry',
      author: henrik,
      body: 'Jeg kan ikke mere. Nogle nætter har jeg lyst til bare at forsvinde fra det hele.',
      minutesAgo: 40,
    },
    { key: 'reply', author: lene, body: 'Rasmus, vi er her. Skriv endelig til mig.', minutesAgo: 35 },
  ];
  const [sequence] = await tx.select().from(groupSequences).where(eq(groupSequences.groupId, group.id));
  let seq = sequence?.lastSeq ?? 0;
  const messageIds = new Map<string, string>();
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * minute);
  for (const line of chat) {
    seq += 1;
    const [row] = await tx
      .insert(messages)
      .values({
        groupId: group.id,
        seq,
        authorId: line.author,
        clientId: `demo-${line.key}`,
        body: line.body,
        createdAt: at(line.minutesAgo),
        hiddenAt: line.hidden ? at(line.minutesAgo - 15) : null,
        deletedAt: line.deleted ? at(line.minutesAgo - 10) : null,
        deletedBy: line.deleted ? mads : null,
      })
      .returning({ id: messages.id });
    messageIds.set(line.key, row!.id);
  }
  await tx
    .insert(groupSequences)
    .values({ groupId: group.id, lastSeq: seq })
    .onConflictDoUpdate({ target: groupSequences.groupId, set: { lastSeq: seq } });

  const item = async (
    key: string,
    subject: string,
    values: Partial<typeof moderationItems.$inferInsert>,
    flags: Array<{
      reporter: string;
      reason: (typeof moderationFlags.$inferInsert)['reason'];
      note?: string;
      minutesAgo: number;
    }>,
  ) => {
    const messageId = messageIds.get(key)!;
    const [row] = await tx
      .insert(moderationItems)
      .values({
        groupId: group.id,
        messageId,
        subjectUserId: subject,
        source: 'flags',
        score: flags.length,
        createdAt: at(flags[0]!.minutesAgo),
        updatedAt: at(flags.at(-1)!.minutesAgo),
        ...values,
      })
      .returning({ id: moderationItems.id });
    for (const flag of flags)
      await tx.insert(moderationFlags).values({
        itemId: row!.id,
        messageId,
        reporterId: flag.reporter,
        reason: flag.reason,
        note: flag.note ?? null,
        weight: 1,
        status: values.status === 'resolved' ? 'upheld' : 'open',
        createdAt: at(flag.minutesAgo),
        resolvedAt: values.resolvedAt ?? null,
      });
    return { itemId: row!.id, messageId };
  };

  // Decided earlier: an advert deleted by Mads, with its audit trail.
  const decided = await item(
    'old-spam',
    spammer,
    {
      status: 'resolved',
      resolution: 'delete',
      resolutionReason: 'Reklame hører ikke hjemme i gruppen',
      resolvedBy: mads,
      resolvedAt: at(270),
      firstReviewedAt: at(272),
    },
    [{ reporter: lene, reason: 'spam', minutesAgo: 278 }],
  );
  await tx.insert(moderationActions).values({
    itemId: decided.itemId,
    groupId: group.id,
    messageId: decided.messageId,
    targetUserId: spammer,
    actorId: mads,
    action: 'delete',
    reason: 'Reklame hører ikke hjemme i gruppen',
    createdAt: at(270),
  });
  const advert = await item('advert', spammer, { score: 2 }, [
    { reporter: henrik, reason: 'misinformation', note: 'Lover at helbrede CF med urter', minutesAgo: 115 },
    { reporter: lene, reason: 'spam', minutesAgo: 105 },
  ]);
  await item('privacy', camilla, { score: 1 }, [
    {
      reporter: lene,
      reason: 'privacy',
      note: 'Deler en anden families helbredsoplysninger',
      minutesAgo: 80,
    },
  ]);
  await item('worry', henrik, { urgent: true, score: 1 }, [
    { reporter: lene, reason: 'self_harm', minutesAgo: 38 },
  ]);

  await tx.insert(moderationAuditLog).values([
    {
      groupId: group.id,
      actorId: mads,
      targetUserId: spammer,
      itemId: decided.itemId,
      messageId: decided.messageId,
      action: 'delete',
      reason: 'Reklame hører ikke hjemme i gruppen',
      before: { deleted: false },
      after: { deleted: true },
      createdAt: at(270),
    },
    {
      groupId: group.id,
      actorId: null,
      targetUserId: spammer,
      itemId: advert.itemId,
      messageId: advert.messageId,
      action: 'auto_hide',
      before: { hidden: false },
      after: { hidden: true, score: 2, threshold: 2 },
      createdAt: at(105),
    },
  ]);
  const existing = await tx
    .select({ id: moderationFilters.id })
    .from(moderationFilters)
    .where(and(eq(moderationFilters.groupId, group.id), eq(moderationFilters.pattern, 'mirakelkur*')));
  if (existing.length === 0)
    await tx.insert(moderationFilters).values({
      groupId: group.id,
      kind: 'pattern',
      pattern: 'mirakelkur*',
      action: 'hold',
      createdBy: mads,
      createdAt: at(100),
    });
}
