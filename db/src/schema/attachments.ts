import { attachmentKinds, attachmentServedTypes } from '@spejl/shared/attachments-values';
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { groups } from './groups.ts';
import { messages } from './messages.ts';
import { resources } from './resources.ts';

const inList = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));

/**
 * Photos and PDFs on messages and on the kit's file resources. The bytes live in the file storage
 * (SPEJL_DATA_DIR/files by default) under random keys, never the uploaded name. A row is an upload until a message
 * or a resource claims it (`message_id` or `resource_id`, with `attached_at`); the foreign keys only ever set null, so
 * a message, resource, group or account that goes leaves a row the sweep finds and whose files it removes
 * (messages.attachments.ts).
 */
export const messageAttachments = pgTable(
  'message_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The group (or conversation) it was uploaded to; null for an upload not yet sent (`POST /api/uploads`). */
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'set null' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    /** The kit's resource (kind `file`) it is the file of; never together with a message. */
    resourceId: uuid('resource_id').references(() => resources.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: attachmentKinds }).notNull(),
    /** The type told from the bytes, as served. */
    mime: text('mime', { enum: attachmentServedTypes }).notNull(),
    size: integer('size').notNull(),
    width: integer('width'),
    height: integer('height'),
    /** The uploaded file's name, cleaned; only ever used in Content-Disposition. */
    name: text('name').notNull(),
    fileKey: text('file_key').notNull(),
    /** A WebP at most 480 px wide, for images. */
    thumbnailKey: text('thumbnail_key'),
    /** Its place among the message's files. */
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    attachedAt: timestamp('attached_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('message_attachments_file_key').on(table.fileKey),
    index('message_attachments_message_idx').on(table.messageId, table.position),
    index('message_attachments_created_by_idx').on(table.createdBy),
    index('message_attachments_resource_idx').on(table.resourceId),
    index('message_attachments_loose_idx').on(table.createdAt).where(sql`${table.messageId} is null`),
    check('message_attachments_kind_check', sql`${table.kind} in (${inList(attachmentKinds)})`),
    check('message_attachments_mime_check', sql`${table.mime} in (${inList(attachmentServedTypes)})`),
    check('message_attachments_size_check', sql`${table.size} >= 0`),
    check(
      'message_attachments_one_owner_check',
      sql`${table.messageId} is null or ${table.resourceId} is null`,
    ),
  ],
);
