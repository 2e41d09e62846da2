import { consents, type Database } from '@spejl/db';
import type { ConsentKind } from '@spejl/shared';
import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../http/errors.ts';

/** Whether the person has given this consent and not withdrawn it. */
export async function hasConsent(db: Database, userId: string, kind: ConsentKind): Promise<boolean> {
  const [row] = await db
    .select({ id: consents.id })
    .from(consents)
    .where(and(eq(consents.userId, userId), eq(consents.kind, kind), isNull(consents.withdrawnAt)))
    .limit(1);
  return row !== undefined;
}

/** Refuses with `privacy.consent_required` (naming the consent) until the person has given it. */
export async function requireConsent(db: Database, userId: string, kind: ConsentKind): Promise<void> {
  if (!(await hasConsent(db, userId, kind)))
    throw new AppError('privacy.consent_required', { details: { consent: kind } });
}
