import { associationLogoServedTypes } from '@spejl/shared/associations-values';
import { sql } from 'drizzle-orm';
import { check, customType, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './groups.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * An association's logo, as the server re-encoded it (at most 256×256, no metadata). A table of its own, so the
 * lists of associations and groups never load the bytes; the row goes with its association.
 */
export const associationLogos = pgTable(
  'association_logos',
  {
    associationId: uuid('association_id')
      .primaryKey()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    image: bytea('image').notNull(),
    contentType: text('content_type', { enum: associationLogoServedTypes }).notNull(),
    /** Versions the public address (`?v=`), so a new logo is never hidden by a cached old one. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('association_logos_content_type_check', sql`${table.contentType} in ('image/webp', 'image/png')`),
    check('association_logos_image_size_check', sql`octet_length(${table.image}) <= 524288`),
  ],
);
