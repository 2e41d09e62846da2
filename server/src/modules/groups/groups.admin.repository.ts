import { type Database, groups, organisations } from '@spejl/db';
import { and, eq, isNotNull, isNull, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { isUuid, notConversation } from './groups.repository.ts';

const parents = alias(groups, 'parent');
const memberCount = groups.memberCount;

/** Database access for the administration of groups: archived groups included, private conversations never. */
export function createGroupsAdminRepository(db: Database) {
  const select = () =>
    db
      .select({ group: groups, organisationName: organisations.name, parentName: parents.name, memberCount })
      .from(groups)
      .leftJoin(organisations, eq(organisations.id, groups.organisationId))
      .leftJoin(parents, eq(parents.id, groups.parentId));

  return {
    /** Every group but private conversations, filtered by archived state. */
    async listAll(archived: 'true' | 'false' | 'all') {
      const conditions: Array<SQL | undefined> = [notConversation];
      if (archived === 'true') conditions.push(isNotNull(groups.archivedAt));
      if (archived === 'false') conditions.push(isNull(groups.archivedAt));
      return select().where(and(...conditions));
    },

    /** One group, archived or not; a private conversation is never found here. */
    async findAny(id: string) {
      if (!isUuid(id)) return undefined;
      const [row] = await select().where(and(eq(groups.id, id), notConversation));
      return row;
    },

    /** A group's id from its slug (the CLI names groups by slug). */
    async idOfSlug(slug: string): Promise<string | undefined> {
      const [row] = await db
        .select({ id: groups.id })
        .from(groups)
        .where(eq(groups.slug, slug.toLowerCase()));
      return row?.id;
    },

    /** The ids from a group up through its parents (the group first), stopping at a loop or after 50 steps. */
    async ancestorsOf(id: string): Promise<string[]> {
      const chain: string[] = [];
      let current: string | null = id;
      while (current && !chain.includes(current) && chain.length < 50) {
        chain.push(current);
        const [row] = await db
          .select({ parentId: groups.parentId })
          .from(groups)
          .where(eq(groups.id, current));
        current = row?.parentId ?? null;
      }
      return chain;
    },

    async setArchived(id: string, archivedAt: Date | null, now: Date): Promise<void> {
      await db.update(groups).set({ archivedAt, updatedAt: now }).where(eq(groups.id, id));
    },
  };
}

export type GroupsAdminRepository = ReturnType<typeof createGroupsAdminRepository>;
