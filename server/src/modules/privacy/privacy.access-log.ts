import { accessRecords, type Database, groups, users } from '@spejl/db';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Clock } from '../../clock.ts';
import type { Actor } from '../auth/auth.policy.ts';

export interface AccessEntry {
  subjectId: string;
  /** What was opened, such as `group.join_requests`. */
  kind: string;
  /** Why it was opened. */
  reason: string;
  groupId?: string | null;
  resourceId?: string | null;
}

/**
 * Records that someone with a role opened another person's data. Looking at your own data is not recorded. Call
 * it in the service that serves the data, after the policy allowed it.
 */
export function createAccessLog(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;
  return {
    async record(actor: Actor, role: 'moderator' | 'coordinator' | 'admin', entries: AccessEntry[]) {
      const others = entries.filter((entry) => entry.subjectId !== actor.user.id);
      if (others.length === 0) return;
      const now = clock.now();
      await db.insert(accessRecords).values(
        others.map((entry) => ({
          subjectId: entry.subjectId,
          actorId: actor.user.id,
          actorRole: role,
          kind: entry.kind,
          reason: entry.reason,
          groupId: entry.groupId ?? null,
          resourceId: entry.resourceId ?? null,
          createdAt: now,
        })),
      );
    },

    /** The records about one person, newest first, keyset-paged by time. */
    async about(subjectId: string, options: { before?: Date | undefined; limit: number }) {
      return db
        .select({ record: accessRecords, actorName: users.displayName, groupName: groups.name })
        .from(accessRecords)
        .leftJoin(users, eq(users.id, accessRecords.actorId))
        .leftJoin(groups, eq(groups.id, accessRecords.groupId))
        .where(
          and(
            eq(accessRecords.subjectId, subjectId),
            options.before ? lt(accessRecords.createdAt, options.before) : undefined,
          ),
        )
        .orderBy(desc(accessRecords.createdAt))
        .limit(options.limit + 1);
    },
  };
}

export type AccessLog = ReturnType<typeof createAccessLog>;
