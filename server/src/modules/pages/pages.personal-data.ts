import { type Database, pageVersions } from '@spejl/db';
import { asc, eq } from 'drizzle-orm';
import type { PersonalDataSection } from '../privacy/privacy.personal-data.ts';

/**
 * The page versions an admin published, for their export. On deletion the versions stay (members accepted those
 * texts) but no longer name the admin.
 */
export const pagesSection: PersonalDataSection = {
  name: 'pages',
  async export(db: Database, userId: string) {
    const rows = await db
      .select()
      .from(pageVersions)
      .where(eq(pageVersions.authorId, userId))
      .orderBy(asc(pageVersions.createdAt));
    return {
      published: rows.map((row) => ({
        page: row.slug,
        locale: row.locale,
        version: row.version,
        title: row.title,
        reason: row.reason,
        publishedAt: row.createdAt.toISOString(),
      })),
    };
  },
  async erase(tx, subject) {
    await tx.update(pageVersions).set({ authorId: null }).where(eq(pageVersions.authorId, subject.userId));
  },
};
