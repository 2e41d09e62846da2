import { pageSlugs } from '@spejl/shared/pages-values';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/**
 * Every published version of the terms, the privacy policy and the help, per language. Nothing updates or deletes
 * a version: a change is a new row, so the text a person accepted can always be read again. With no row for a page
 * and language, the built-in default text is version 1.
 */
export const pageVersions = pgTable(
  'page_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug', { enum: pageSlugs }).notNull(),
    locale: text('locale', { enum: ['da', 'en'] }).notNull(),
    /** Counts per page across languages, so "version 3 of the terms" names one text. */
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** What changed and why, in the admin's words (the audit log has it too). */
    reason: text('reason').notNull(),
    /** A new version of the terms or the privacy policy that everyone must accept again. */
    requiresConsent: boolean('requires_consent').notNull().default(false),
    /** Null once the admin has deleted their account. */
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('page_versions_slug_version_key').on(table.slug, table.version),
    index('page_versions_slug_locale_idx').on(table.slug, table.locale, table.version),
    check('page_versions_slug_check', sql`${table.slug} in ('terms', 'privacy', 'help')`),
    check('page_versions_locale_check', sql`${table.locale} in ('da', 'en')`),
  ],
);
