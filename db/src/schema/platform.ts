import { sql } from 'drizzle-orm';
import { check, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/** The platform-wide settings kept here; a new key needs its value's zod schema where it is read. */
export const platformSettingKeys = ['support.helplines'] as const;
export type PlatformSettingKey = (typeof platformSettingKeys)[number];

/**
 * Platform-wide settings that no group's settings cover, one row per key. No row: the built-in default (for
 * `support.helplines`, Spejl's Danish helplines). Every change is also in the moderation audit log.
 */
export const platformSettings = pgTable(
  'platform_settings',
  {
    key: text('key', { enum: platformSettingKeys }).primaryKey(),
    /** Checked with the key's zod schema when read, so a value from an older version cannot reach a page. */
    value: jsonb('value').$type<unknown>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Null once the admin has deleted their account. */
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [check('platform_settings_key_check', sql`${table.key} in ('support.helplines')`)],
);
