/**
 * Seeds the people the bench connects as, straight into the database with drizzle: users, groups, memberships and
 * sessions (only the SHA-256 of each token is stored, as the server does). Signing 12,000 people up through the
 * API would measure argon2 and the sign-up rate limit instead of the chat.
 */
import {
  type Database,
  groupMemberships,
  groups,
  groupSequences,
  messages,
  sessions,
  users,
} from '@spejl/db';
import { sessionPolicy } from '@spejl/shared';
import { sessionCookieName } from '../../server/src/modules/auth/auth.cookies.ts';
import { generateToken, hashToken } from '../../server/src/modules/auth/auth.tokens.ts';

export interface SeededUser {
  id: string;
  /** The Cookie header value that signs this user in. */
  cookie: string;
}

export interface SeededGroup {
  id: string;
  members: SeededUser[];
}

const chunk = 1000;
/** Not an argon2 hash: seeded people cannot sign in with a password, only with their seeded session. */
const noPassword = 'bench-seeded:no-password-login';

async function insertUsers(db: Database, tag: string, first: number, count: number): Promise<SeededUser[]> {
  const seeded: SeededUser[] = [];
  const now = Date.now();
  for (let offset = 0; offset < count; offset += chunk) {
    const size = Math.min(chunk, count - offset);
    const rows = await db
      .insert(users)
      .values(
        Array.from({ length: size }, (_, index) => ({
          email: `bench-${tag}-${first + offset + index}@example.test`,
          passwordHash: noPassword,
          displayName: `Deltager ${first + offset + index}`,
          emailVerifiedAt: new Date(now),
        })),
      )
      .returning({ id: users.id });
    const tokens = rows.map(() => generateToken());
    await db.insert(sessions).values(
      rows.map((row, index) => ({
        tokenHash: hashToken(tokens[index]!),
        userId: row.id,
        expiresAt: new Date(now + sessionPolicy.idleMs),
        absoluteExpiresAt: new Date(now + sessionPolicy.absoluteMs),
        userAgent: 'spejl-bench',
      })),
    );
    rows.forEach((row, index) => {
      seeded.push({ id: row.id, cookie: `${sessionCookieName(false)}=${tokens[index]}` });
    });
  }
  return seeded;
}

/**
 * `groupCount` listed groups with `membersPerGroup` members each; every member is a different person with one
 * session. The first member of each group is its owner.
 */
export async function seedGroups(
  db: Database,
  tag: string,
  options: { groupCount: number; membersPerGroup: number; firstUser?: number },
): Promise<SeededGroup[]> {
  const people = await insertUsers(
    db,
    tag,
    options.firstUser ?? 0,
    options.groupCount * options.membersPerGroup,
  );
  const rows = await db
    .insert(groups)
    .values(
      Array.from({ length: options.groupCount }, (_, index) => ({
        name: `Bench-gruppe ${tag} ${index + (options.firstUser ?? 0)}`,
        slug: `bench-${tag}-${index + (options.firstUser ?? 0)}`,
        kind: 'network' as const,
        description: 'Seeded by pnpm bench',
      })),
    )
    .returning({ id: groups.id });
  const seeded = rows.map((row, index) => ({
    id: row.id,
    members: people.slice(index * options.membersPerGroup, (index + 1) * options.membersPerGroup),
  }));
  const memberships = seeded.flatMap((group) =>
    group.members.map((member, index) => ({
      groupId: group.id,
      userId: member.id,
      role: index === 0 ? ('owner' as const) : ('member' as const),
    })),
  );
  for (let offset = 0; offset < memberships.length; offset += chunk)
    await db.insert(groupMemberships).values(memberships.slice(offset, offset + chunk));
  return seeded;
}

/** Writes `count` messages into a group's history (seq 1..count, unique clientIds), as the history page reads. */
export async function seedHistory(db: Database, group: SeededGroup, count: number): Promise<void> {
  const start = Date.now() - count * 60_000;
  const rows = Array.from({ length: count }, (_, index) => ({
    groupId: group.id,
    seq: index + 1,
    authorId: group.members[index % group.members.length]!.id,
    clientId: `seeded-history-${index + 1}`,
    body: `Besked ${index + 1}: vi har haft en god uge, og tak for tippet om ansøgningen til kommunen.`,
    createdAt: new Date(start + index * 60_000),
  }));
  for (let offset = 0; offset < rows.length; offset += chunk)
    await db.insert(messages).values(rows.slice(offset, offset + chunk));
  await db
    .insert(groupSequences)
    .values({ groupId: group.id, lastSeq: count })
    .onConflictDoUpdate({ target: groupSequences.groupId, set: { lastSeq: count } });
}
