import { type Database, pushSubscriptions, userActivity } from '@spejl/db';
import { asc, eq } from 'drizzle-orm';
import type { PersonalDataSection } from '../privacy/privacy.personal-data.ts';

/**
 * Push in a person's export: the devices with push on, as the account page lists them (not the endpoints and keys,
 * which are credentials, like session tokens). On deletion the devices and the last-seen time go.
 */
export const pushSection: PersonalDataSection = {
  name: 'pushDevices',
  async export(db: Database, userId: string) {
    const rows = await db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, userId))
      .orderBy(asc(pushSubscriptions.createdAt));
    return rows.map((row) => ({
      label: row.label,
      createdAt: row.createdAt.toISOString(),
      lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    }));
  },
  async erase(tx, subject) {
    await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.userId, subject.userId));
    await tx.delete(userActivity).where(eq(userActivity.userId, subject.userId));
  },
};
