import { type Database, groupMemberships, groups, users } from '@spejl/db';
import { adminUserLimits } from '@spejl/shared';
import { isUuid, notConversation } from '../groups/groups.repository.ts';
import { and, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';

export type AccountRow = Pick<
  typeof users.$inferSelect,
  | 'id'
  | 'displayName'
  | 'email'
  | 'platformRole'
  | 'lockedUntil'
  | 'totpEnabledAt'
  | 'emailVerifiedAt'
  | 'createdAt'
  | 'lastActiveAt'
  | 'locale'
>;

const columns = {
  id: users.id,
  displayName: users.displayName,
  email: users.email,
  platformRole: users.platformRole,
  lockedUntil: users.lockedUntil,
  totpEnabledAt: users.totpEnabledAt,
  emailVerifiedAt: users.emailVerifiedAt,
  createdAt: users.createdAt,
  lastActiveAt: users.lastActiveAt,
  locale: users.locale,
};

/** Lower case that also folds Æ, Ø, Å and friends, whatever the database's locale (PGlite's C locale does not). */
const folded = (column: SQL | typeof users.email) => sql`translate(lower(${column}), 'ÆØÅÄÖÜÉ', 'æøåäöüé')`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (match) => `\\${match}`);

/** Reads people for the administration (the writes are the auth module's commands). */
export function createAdminUsersRepository(db: Database) {
  return {
    /** One page of people whose name or address contains the text, newest first; deleted accounts are left out. */
    async search(query: string, offset: number): Promise<AccountRow[]> {
      const pattern = `%${escapeLike(query.toLowerCase())}%`;
      return db
        .select(columns)
        .from(users)
        .where(
          and(
            isNull(users.deletedAt),
            query
              ? or(
                  sql`${folded(sql`${users.displayName}`)} like ${pattern}`,
                  sql`${folded(users.email)} like ${pattern}`,
                )
              : undefined,
          ),
        )
        .orderBy(desc(users.createdAt), users.id)
        .limit(adminUserLimits.pageSize + 1)
        .offset(offset);
    },

    async find(id: string): Promise<AccountRow | undefined> {
      if (!isUuid(id)) return undefined;
      const [row] = await db
        .select(columns)
        .from(users)
        .where(and(eq(users.id, id), isNull(users.deletedAt)));
      return row;
    },

    async findByEmail(email: string): Promise<AccountRow | undefined> {
      const [row] = await db
        .select(columns)
        .from(users)
        .where(and(eq(users.email, email), isNull(users.deletedAt)));
      return row;
    },

    /** The groups each person belongs to, with their role there (private conversations are not groups to list). */
    async memberships(userIds: string[]) {
      if (userIds.length === 0) return [];
      return db
        .select({
          userId: groupMemberships.userId,
          id: groups.id,
          name: groups.name,
          role: groupMemberships.role,
        })
        .from(groupMemberships)
        .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
        .where(and(inArray(groupMemberships.userId, userIds), notConversation))
        .orderBy(groups.name);
    },
  };
}

export type AdminUsersRepository = ReturnType<typeof createAdminUsersRepository>;
