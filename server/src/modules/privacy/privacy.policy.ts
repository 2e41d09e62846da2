import type { dataExports } from '@spejl/db';
import { type Actor, hasPlatformPower, powerRefusal } from '../auth/auth.policy.ts';

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

/** Why an actor may not manage the platform's retention rules: not an admin (403), or TOTP not proven yet. */
export function retentionRefusal(actor: Actor) {
  return powerRefusal(actor, 'admin');
}
