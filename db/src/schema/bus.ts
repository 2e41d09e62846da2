import { bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Bus payloads too large for a NOTIFY (8000 bytes): the notification carries this row's id, and receivers read
 * the payload from here. Old rows are purged by the bus.
 */
export const busPayloads = pgTable(
  'bus_payloads',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    payload: text('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('bus_payloads_created_idx').on(table.createdAt)],
);
