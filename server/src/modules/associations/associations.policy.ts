import { type Actor, hasPlatformPower, powerRefusal } from '../auth/auth.policy.ts';

/** Administering associations is an admin's power, with TOTP proven in the session. */
export function canAdministerAssociations(actor: Actor | null): boolean {
  return actor !== null && hasPlatformPower(actor, 'admin');
}

/** Why an actor may not administer associations: not an admin (403), or an admin who has not proven TOTP. */
export function administerRefusal(actor: Actor) {
  return powerRefusal(actor, 'admin');
}
