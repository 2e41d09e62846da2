import type { Actor } from '../auth/auth.policy.ts';

/**
 * A device with push on is only ever its owner's to see or remove; to anyone else it does not exist (404, never
 * 403, which would confirm that an endpoint or id is in use).
 */
export function deviceRefusal(actor: Actor, device: { userId: string } | undefined): 'not_found' | null {
  return device && device.userId === actor.user.id ? null : 'not_found';
}
