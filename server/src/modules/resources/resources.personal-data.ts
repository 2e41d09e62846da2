import { associationEditors, type Database, organisations, resources } from '@spejl/db';
import { asc, eq } from 'drizzle-orm';
import type { PersonalDataSection } from '../privacy/privacy.personal-data.ts';

/**
 * The kit's resources a person looks after and the associations they edit, for their export. On deletion the
 * resources stay without an owner (the foreign key sets it null) and the editorships go with the account.
 */
export const resourcesSection: PersonalDataSection = {
  name: 'resources',
  async export(db: Database, userId: string) {
    const owned = await db
      .select({
        id: resources.id,
        title: resources.title,
        scope: resources.scopeType,
        status: resources.status,
        createdAt: resources.createdAt,
      })
      .from(resources)
      .where(eq(resources.ownerId, userId))
      .orderBy(asc(resources.createdAt));
    const editorOf = await db
      .select({ association: organisations.name, since: associationEditors.createdAt })
      .from(associationEditors)
      .innerJoin(organisations, eq(organisations.id, associationEditors.associationId))
      .where(eq(associationEditors.userId, userId));
    return {
      owned: owned.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
      editorOf: editorOf.map((row) => ({ association: row.association, since: row.since.toISOString() })),
    };
  },
};
