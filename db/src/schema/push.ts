import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/**
 * A browser's push subscription (RFC 8030): where to send and the keys to encrypt for (RFC 8291). One row per
 * endpoint; the endpoint is a capability URL, so it is never shown back in full.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull().unique(),
    /** The browser's P-256 public key and auth secret, base64url as the browser gives them. */
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    /** A short label for the device list ("Chrome på Android"), from the User-Agent when subscribed. */
    label: text('label').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    /** The first failure since the last success; a subscription failing for a day is removed. */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    failureCount: integer('failure_count').notNull().default(0),
  },
  (table) => [index('push_subscriptions_user_idx').on(table.userId)],
);

/**
 * Secrets the server makes once and keeps, shared by every node: the VAPID key pair when configuration gives none,
 * and the key that signs unsubscribe links. Never tied to the host name.
 */
export const serverSecrets = pgTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row per digest sent: the person and the period ("day:2026-12-06", "week:2026-W49" in their time zone). The
 * primary key is what makes a digest go out once per period, whichever node or retry gets there first.
 */
export const digestRuns = pgTable(
  'digest_runs',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    /** What it listed (conversations with unread activity), for the operator's check; no content. */
    items: integer('items').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.period] }),
    check('digest_runs_period_check', sql`${table.period} ~ '^(day|week):'`),
  ],
);

/**
 * When a person was last seen using the app in a visible tab, shared by every node: no push while it is recent.
 * Null after the tab was hidden.
 */
export const userActivity = pgTable('user_activity', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  activeAt: timestamp('active_at', { withTimezone: true }),
});
