import { associationLogos, type Database, organisations } from '@spejl/db';
import type { AssociationStatus } from '@spejl/shared';
import { and, asc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { isUuid } from '../groups/groups.repository.ts';
import type { Executor } from '../moderation/moderation.repository.ts';

export type AssociationRow = typeof organisations.$inferSelect;
export type AssociationInsert = typeof organisations.$inferInsert;

/** Groups that belong to the association and are not archived. */
// Written out with table names: drizzle leaves a column unqualified in a one-table select, and inside the subquery
// an unqualified "id" would be the group's.
const groupCount = sql<number>`(select count(*)::int from "groups" where "groups"."organisation_id" = "organisations"."id" and "groups"."archived_at" is null)`;
/** When the logo last changed (null: none), read without its bytes; it versions the logo's address. */
const logoUpdatedAt = associationLogos.updatedAt;

/** The organisations table, which the product calls associations. */
export function createAssociationsRepository(db: Database) {
  return {
    async list(status: AssociationStatus, limit: number) {
      const filter =
        status === 'active'
          ? isNull(organisations.archivedAt)
          : status === 'archived'
            ? isNotNull(organisations.archivedAt)
            : undefined;
      return db
        .select({ row: organisations, groupCount, logoUpdatedAt })
        .from(organisations)
        .leftJoin(associationLogos, eq(associationLogos.associationId, organisations.id))
        .where(filter)
        .orderBy(asc(organisations.name), asc(organisations.id))
        .limit(limit);
    },

    async find(id: string, executor: Executor = db) {
      // An id that is no uuid names nothing (and would make Postgres refuse the query).
      if (!isUuid(id)) return null;
      const [found] = await executor
        .select({ row: organisations, groupCount, logoUpdatedAt })
        .from(organisations)
        .leftJoin(associationLogos, eq(associationLogos.associationId, organisations.id))
        .where(eq(organisations.id, id));
      return found ?? null;
    },

    /** Another association with this name, compared without case. */
    async nameTaken(name: string, exceptId?: string): Promise<boolean> {
      const [found] = await db
        .select({ id: organisations.id })
        .from(organisations)
        .where(
          and(
            sql`lower(${organisations.name}) = lower(${name})`,
            exceptId ? ne(organisations.id, exceptId) : undefined,
          ),
        )
        .limit(1);
      return found !== undefined;
    },

    async slugTaken(slug: string): Promise<boolean> {
      const [found] = await db
        .select({ id: organisations.id })
        .from(organisations)
        .where(eq(organisations.slug, slug))
        .limit(1);
      return found !== undefined;
    },

    async insert(values: AssociationInsert, executor: Executor) {
      const [row] = await executor.insert(organisations).values(values).returning();
      return row!;
    },

    async update(id: string, values: Partial<AssociationInsert>, executor: Executor) {
      const [row] = await executor
        .update(organisations)
        .set(values)
        .where(eq(organisations.id, id))
        .returning();
      return row ?? null;
    },
  };
}

export type AssociationsRepository = ReturnType<typeof createAssociationsRepository>;
