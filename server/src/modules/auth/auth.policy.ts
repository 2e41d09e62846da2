import type { PlatformRole } from '@spejl/shared';
import type { SessionRow, UserRow } from './auth.repository.ts';

/** Who is making a request: the signed-in user and the session they used. */
export interface Actor {
  user: UserRow;
  session: SessionRow;
  /**
   * The person's presence and read-receipt choices, read with the session (auth.repository.ts), so a new WebSocket
   * needs no read of its own; a change to them announces the account (preferences.service.ts).
   */
  presence?: { hidePresence: boolean; readReceipts: boolean };
}

const rank: Record<PlatformRole, number> = { member: 0, coordinator: 1, admin: 2 };

/** True when the user has TOTP turned on; every power beyond a member's needs it. */
export function hasMfa(user: UserRow): boolean {
  return user.totpEnabledAt !== null;
}

/**
 * True when TOTP is on and this very session passed it (at sign-in, at enrolment, or by stepping up). A session
 * that signed in with the password alone before TOTP was turned on gets no powers from it.
 */
export function hasVerifiedMfa(actor: Actor): boolean {
  return hasMfa(actor.user) && actor.session.mfaVerified;
}

/** The refusal for powers without a verified second factor: enrol it, or prove it in this session. */
export function mfaRefusal(actor: Actor) {
  if (!hasMfa(actor.user)) return 'auth.mfa_enrolment_required' as const;
  if (!actor.session.mfaVerified) return 'auth.mfa_step_up_required' as const;
  return null;
}

/** May the actor use the powers of a platform role? Needs the role (or a higher one) and a verified TOTP. */
export function hasPlatformPower(actor: Actor, role: Exclude<PlatformRole, 'member'>): boolean {
  return rank[actor.user.platformRole] >= rank[role] && hasVerifiedMfa(actor);
}

/** Why an actor holding a role is still refused: MFA missing or not proven (403 with a code the web can act on). */
export function powerRefusal(actor: Actor, role: Exclude<PlatformRole, 'member'>) {
  if (rank[actor.user.platformRole] < rank[role]) return 'auth.forbidden' as const;
  return mfaRefusal(actor);
}

export function canManageSession(actor: Actor, session: Pick<SessionRow, 'userId'>): boolean {
  return session.userId === actor.user.id;
}

/** Turning TOTP off needs proof of the second factor: a session that passed it, or a fresh code. */
export function canDisableMfa(actor: Actor, freshCodeValid: boolean): boolean {
  return hasMfa(actor.user) && (actor.session.mfaVerified || freshCodeValid);
}

/** The development outbox (it holds live reset links): administrators with a verified TOTP, never in production. */
export function canReadOutbox(actor: Actor, environment: string): boolean {
  return environment !== 'production' && hasPlatformPower(actor, 'admin');
}

/** How long after signing in (or giving the password again) the second factor may be changed. */
export const recentAuthenticationMs = 15 * 60 * 1000;

/** Changing the second factor needs a recent proof of the password: a fresh sign-in, or a re-authentication. */
export function hasRecentAuthentication(actor: Actor, now: Date): boolean {
  const last = Math.max(actor.session.createdAt.getTime(), actor.session.reauthenticatedAt?.getTime() ?? 0);
  return now.getTime() - last <= recentAuthenticationMs;
}
