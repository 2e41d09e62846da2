import type { dataExports } from '@spejl/db';
import { type Actor, hasPlatformPower } from '../auth/auth.policy.ts';

type ExportRow = typeof dataExports.$inferSelect;

/** An export archive is its owner's alone, once, while the link is valid. */
export function canDownloadExport(actor: Actor, row: ExportRow, now: Date): boolean {
  return (
    row.userId === actor.user.id && row.status === 'ready' && row.expiresAt !== null && row.expiresAt > now
  );
}

/** Platform retention rules are for admins (with TOTP). */
export function canManageRetention(actor: Actor): boolean {
  return hasPlatformPower(actor, 'admin');
}
