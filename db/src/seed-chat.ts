import { eq, sql } from 'drizzle-orm';
import type { Database } from './index.ts';
import { groupSequences, messageReactions, messages, readPositions } from './schema/index.ts';

type Executor = Pick<Database, 'insert' | 'update'>;

interface DemoLine {
  author: string;
  body: string;
  /** Index of the line this one replies to, in the same conversation. */
  replyTo?: number;
  reactions?: Array<{ by: string; emoji: string }>;
}

/** Fictional conversations, so the chat is not empty on a first visit. */
const conversations: Array<{
  slug: string;
  lines: DemoLine[];
  readBy: Array<{ email: string; upTo: number }>;
}> = [
  {
    slug: 'sjaeldne-netvaerket',
    lines: [
      {
        author: 'moderator@spejl.test',
        body: 'Velkommen til Sjældne-netværkets samtale! Her kan I spørge hinanden om alt – også det, der ikke står i pjecerne.',
        reactions: [{ by: 'medlem@spejl.test', emoji: '❤️' }],
      },
      {
        author: 'medlem@spejl.test',
        body: 'Tak! Vi har lige fået afslag på merudgifter efter **servicelovens § 41**. Har nogen erfaring med at klage?',
      },
      {
        author: 'moderator@spejl.test',
        body: 'Ja. Klagen skal sendes til kommunen inden 4 uger. Skriv konkret, hvad diagnosen betyder i hverdagen:\n- ekstra vask og tøj\n- kørsel til hospitalet\n- særlig kost',
        replyTo: 1,
      },
      {
        author: 'medlem@spejl.test',
        body: 'Det er en stor hjælp. Jeg prøver at skrive den i aften.',
        replyTo: 1,
      },
      {
        author: 'medlem@spejl.test',
        body: 'Er der nogen, der skal med til årsmødet i Odense? Vi kunne dele bil fra Aarhus.',
      },
    ],
    readBy: [{ email: 'moderator@spejl.test', upTo: 5 }],
  },
  {
    slug: 'cystisk-fibrose',
    lines: [
      {
        author: 'mentor@spejl.test',
        body: 'Hej alle. Vores søn er 9 år nu, og skolestarten var sværere end selve behandlingen. Spørg løs, hvis I står foran den.',
        reactions: [{ by: 'moderator@spejl.test', emoji: '🙏' }],
      },
      {
        author: 'moderator@spejl.test',
        body: 'Husk at foreningen har en pjece om skolestart: https://example.org/cf-skolestart',
      },
    ],
    readBy: [],
  },
];

/** Writes the demo conversations (with gapless seq, one thread and a few reactions). */
export async function seedChat(
  tx: Executor,
  context: { userIds: Map<string, string>; groupIds: Map<string, string>; now: Date },
): Promise<void> {
  for (const conversation of conversations) {
    const groupId = context.groupIds.get(conversation.slug);
    if (!groupId) continue;
    const ids: string[] = [];
    let seq = 0;
    const start = context.now.getTime() - conversation.lines.length * 37 * 60_000;
    for (const [index, line] of conversation.lines.entries()) {
      const authorId = context.userIds.get(line.author);
      if (!authorId) continue;
      seq += 1;
      const createdAt = new Date(start + index * 37 * 60_000);
      const threadId = line.replyTo === undefined ? null : (ids[line.replyTo] ?? null);
      const [row] = await tx
        .insert(messages)
        .values({
          groupId,
          seq,
          authorId,
          clientId: `demo-${conversation.slug}-${index}`,
          body: line.body,
          threadId,
          createdAt,
        })
        .returning({ id: messages.id });
      ids.push(row!.id);
      if (threadId)
        await tx
          .update(messages)
          .set({ replyCount: sql`${messages.replyCount} + 1`, lastReplyAt: createdAt })
          .where(eq(messages.id, threadId));
      for (const reaction of line.reactions ?? []) {
        const userId = context.userIds.get(reaction.by);
        if (userId)
          await tx
            .insert(messageReactions)
            .values({ messageId: row!.id, userId, emoji: reaction.emoji, createdAt });
      }
    }
    await tx
      .insert(groupSequences)
      .values({ groupId, lastSeq: seq })
      .onConflictDoUpdate({
        target: groupSequences.groupId,
        set: { lastSeq: seq },
      });
    for (const reader of conversation.readBy) {
      const userId = context.userIds.get(reader.email);
      if (userId)
        await tx
          .insert(readPositions)
          .values({ groupId, userId, lastReadSeq: reader.upTo, updatedAt: context.now });
    }
  }
}
