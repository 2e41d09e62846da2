import { type Actor, powerRefusal } from '../auth/auth.policy.ts';

/** The account a decision is about, as far as the rules need it. */
export interface TargetAccount {
  id: string;
  locked: boolean;
  totpEnabled: boolean;
}

/** Administering people is an admin's power, with TOTP proven in this session (403 with the reason otherwise). */
export function adminRefusal(actor: Actor) {
  return powerRefusal(actor, 'admin');
}

/**
 * Nobody changes, locks or resets their own account here: an admin could lock themselves out, or demote themselves
 * and leave nobody to undo it. Their own sessions and second factor are on their account page.
 */
export function selfRefusal(actor: Actor, target: Pick<TargetAccount, 'id'>) {
  return actor.user.id === target.id ? ('admin_user.self' as const) : null;
}

/** What an admin may do to this account, sent with it so the web never re-derives it. */
export function permissionsFor(actor: Actor, target: TargetAccount) {
  const allowed = adminRefusal(actor) === null && selfRefusal(actor, target) === null;
  return {
    canChangeRole: allowed,
    canLock: allowed && !target.locked,
    canUnlock: allowed && target.locked,
    canResetMfa: allowed && target.totpEnabled,
    canEndSessions: allowed,
  };
}
