import { type Database, pageVersions, users } from '@spejl/db';
import type { Locale, PageSlug } from '@spejl/shared';
import { and, desc, eq, inArray } from 'drizzle-orm';

export type PageVersionRow = typeof pageVersions.$inferSelect;
type Executor = Pick<Database, 'select' | 'insert'>;

/** The page versions table: insert and read only; a change is always a new row. */
export function createPagesRepository(db: Database) {
  return {
    async latest(slug: PageSlug, locale: Locale): Promise<PageVersionRow | null> {
      const [row] = await db
        .select()
        .from(pageVersions)
        .where(and(eq(pageVersions.slug, slug), eq(pageVersions.locale, locale)))
        .orderBy(desc(pageVersions.version))
        .limit(1);
      return row ?? null;
    },

    async highestVersion(slug: PageSlug, executor: Executor = db): Promise<number | null> {
      const [row] = await executor
        .select({ version: pageVersions.version })
        .from(pageVersions)
        .where(eq(pageVersions.slug, slug))
        .orderBy(desc(pageVersions.version))
        .limit(1);
      return row?.version ?? null;
    },

    /** The newest version of any of these pages that everyone had to accept again. */
    async latestRequiringConsent(slugs: readonly PageSlug[]): Promise<PageVersionRow | null> {
      const [row] = await db
        .select()
        .from(pageVersions)
        .where(and(inArray(pageVersions.slug, [...slugs]), eq(pageVersions.requiresConsent, true)))
        .orderBy(desc(pageVersions.createdAt), desc(pageVersions.version))
        .limit(1);
      return row ?? null;
    },

    async insert(values: typeof pageVersions.$inferInsert, executor: Executor = db) {
      const [row] = await executor.insert(pageVersions).values(values).returning();
      return row!;
    },

    async history(slug: PageSlug, limit: number) {
      return db
        .select({ row: pageVersions, authorName: users.displayName, authorDeleted: users.deletedAt })
        .from(pageVersions)
        .leftJoin(users, eq(users.id, pageVersions.authorId))
        .where(eq(pageVersions.slug, slug))
        .orderBy(desc(pageVersions.version))
        .limit(limit);
    },
  };
}

export type PagesRepository = ReturnType<typeof createPagesRepository>;
