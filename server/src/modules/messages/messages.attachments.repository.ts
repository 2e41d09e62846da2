import { type Database, messageAttachments } from '@spejl/db';
import type { Attachment } from '@spejl/shared';
import { and, asc, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';

export type AttachmentRow = typeof messageAttachments.$inferSelect;
type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

/** Database access for messages' files (the bytes are in the file storage). */
export function createAttachmentsRepository(db: Database) {
  return {
    async insert(values: typeof messageAttachments.$inferInsert): Promise<AttachmentRow> {
      const [row] = await db.insert(messageAttachments).values(values).returning();
      return row!;
    },

    async find(id: string): Promise<AttachmentRow | undefined> {
      const [row] = await db.select().from(messageAttachments).where(eq(messageAttachments.id, id));
      return row;
    },

    /**
     * Puts the sender's own uploads on a new message, in the order given: only uploads to this group (or to no group
     * yet) that no message has had. Returns the rows it claimed; fewer than asked means some were not claimable.
     */
    async claim(
      ids: string[],
      target: { groupId: string; messageId: string; userId: string; at: Date },
      tx: Executor,
    ): Promise<AttachmentRow[]> {
      const claimed: AttachmentRow[] = [];
      for (const [position, id] of ids.entries()) {
        const [row] = await tx
          .update(messageAttachments)
          .set({ messageId: target.messageId, groupId: target.groupId, attachedAt: target.at, position })
          .where(
            and(
              eq(messageAttachments.id, id),
              eq(messageAttachments.createdBy, target.userId),
              isNull(messageAttachments.messageId),
              isNull(messageAttachments.attachedAt),
              or(eq(messageAttachments.groupId, target.groupId), isNull(messageAttachments.groupId)),
            ),
          )
          .returning();
        if (row) claimed.push(row);
      }
      return claimed;
    },

    /**
     * Makes the person's own upload the file of a resource: only one no message or resource has had (a chat upload
     * not sent yet counts as free). Returns the row, or undefined when it is not theirs or no longer free.
     */
    async claimForResource(
      id: string,
      target: { resourceId: string; userId: string; at: Date },
      tx: Executor,
    ): Promise<AttachmentRow | undefined> {
      const [row] = await tx
        .update(messageAttachments)
        .set({ resourceId: target.resourceId, attachedAt: target.at, position: 0 })
        .where(
          and(
            eq(messageAttachments.id, id),
            eq(messageAttachments.createdBy, target.userId),
            isNull(messageAttachments.messageId),
            isNull(messageAttachments.resourceId),
            isNull(messageAttachments.attachedAt),
          ),
        )
        .returning();
      return row;
    },

    /** Takes a resource's file off it (replaced); the sweep then removes it. */
    async releaseFromResource(resourceId: string, fileId: string, tx: Executor): Promise<void> {
      await tx
        .update(messageAttachments)
        .set({ resourceId: null, attachedAt: sql`coalesce(${messageAttachments.attachedAt}, now())` })
        .where(and(eq(messageAttachments.id, fileId), eq(messageAttachments.resourceId, resourceId)));
    },

    async ofMessages(messageIds: string[], executor: Executor = db): Promise<AttachmentRow[]> {
      if (messageIds.length === 0) return [];
      return executor
        .select()
        .from(messageAttachments)
        .where(inArray(messageAttachments.messageId, messageIds))
        .orderBy(asc(messageAttachments.messageId), asc(messageAttachments.position));
    },

    /** What a person uploaded and still has (for their export): sent files, the kit's files and uploads not sent yet. */
    async ofPerson(userId: string): Promise<AttachmentRow[]> {
      return db
        .select()
        .from(messageAttachments)
        .where(
          and(
            eq(messageAttachments.createdBy, userId),
            or(
              isNotNull(messageAttachments.messageId),
              isNotNull(messageAttachments.resourceId),
              isNull(messageAttachments.attachedAt),
            ),
          ),
        )
        .orderBy(asc(messageAttachments.createdAt));
    },

    /**
     * Rows whose files are to go: taken off a message or a resource (deleted, replaced, or the message or resource
     * itself gone), uploads never sent by `unsentBefore`, and those whose uploader's account is gone. A resource's
     * file stays while the resource does, whoever uploaded it: the kit outlives an editor's account, as its text does.
     */
    async doomed(unsentBefore: Date, limit: number): Promise<AttachmentRow[]> {
      return db
        .select()
        .from(messageAttachments)
        .where(
          and(
            isNull(messageAttachments.resourceId),
            or(
              and(
                isNull(messageAttachments.messageId),
                or(isNotNull(messageAttachments.attachedAt), lt(messageAttachments.createdAt, unsentBefore)),
              ),
              isNull(messageAttachments.createdBy),
            ),
          ),
        )
        .limit(limit);
    },

    async remove(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.delete(messageAttachments).where(inArray(messageAttachments.id, ids));
    },

    /** Takes every file off these messages (deleted ones); the sweep then removes them. */
    async detach(messageIds: string[], executor: Executor = db): Promise<void> {
      if (messageIds.length === 0) return;
      await executor
        .update(messageAttachments)
        .set({ messageId: null, attachedAt: sql`coalesce(${messageAttachments.attachedAt}, now())` })
        .where(inArray(messageAttachments.messageId, messageIds));
    },
  };
}

export type AttachmentsRepository = ReturnType<typeof createAttachmentsRepository>;

/** A row as readers get it: what the API's `Attachment` allows, nothing more (never the storage keys). */
export function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    kind: row.kind,
    mime: row.mime,
    size: row.size,
    width: row.width,
    height: row.height,
    name: row.name,
  };
}
