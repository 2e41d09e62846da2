import { associationLogos, type Database } from '@spejl/db';
import { eq } from 'drizzle-orm';
import { isUuid } from '../groups/groups.repository.ts';
import type { Executor } from '../moderation/moderation.repository.ts';

export type AssociationLogoRow = typeof associationLogos.$inferSelect;

/** The association_logos table: one re-encoded image per association, read only where it is served. */
export function createAssociationLogosRepository(db: Database) {
  return {
    /** The logo with its bytes, or null for none (and for an id that is no uuid). */
    async find(associationId: string, executor: Executor = db): Promise<AssociationLogoRow | null> {
      if (!isUuid(associationId)) return null;
      const [row] = await executor
        .select()
        .from(associationLogos)
        .where(eq(associationLogos.associationId, associationId));
      return row ?? null;
    },

    /** When the logo last changed, without reading its bytes; null for none. */
    async updatedAt(associationId: string, executor: Executor = db): Promise<Date | null> {
      const [row] = await executor
        .select({ updatedAt: associationLogos.updatedAt })
        .from(associationLogos)
        .where(eq(associationLogos.associationId, associationId));
      return row?.updatedAt ?? null;
    },

    async save(values: AssociationLogoRow, executor: Executor): Promise<void> {
      await executor
        .insert(associationLogos)
        .values(values)
        .onConflictDoUpdate({
          target: associationLogos.associationId,
          set: { image: values.image, contentType: values.contentType, updatedAt: values.updatedAt },
        });
    },

    /** Removes the logo; true when there was one. */
    async remove(associationId: string, executor: Executor): Promise<boolean> {
      const removed = await executor
        .delete(associationLogos)
        .where(eq(associationLogos.associationId, associationId))
        .returning({ associationId: associationLogos.associationId });
      return removed.length > 0;
    },
  };
}

export type AssociationLogosRepository = ReturnType<typeof createAssociationLogosRepository>;
