import { type Actor, hasPlatformPower, powerRefusal } from '../auth/auth.policy.ts';

/** Publishing the terms, the privacy policy or the help is an admin's power, with TOTP proven in the session. */
export function canEditPages(actor: Actor | null): boolean {
  return actor !== null && hasPlatformPower(actor, 'admin');
}

/** Why an actor may not edit the pages: not an admin (403), or an admin who has not proven TOTP in this session. */
export function editRefusal(actor: Actor) {
  return powerRefusal(actor, 'admin');
}
