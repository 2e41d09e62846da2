import type { PublicUser } from '@spejl/shared';
import { hasMfa } from './auth.policy.ts';
import type { UserRow } from './auth.repository.ts';

/** Maps a user row to the allowlisted API shape. */
export function toPublicUser(user: UserRow): PublicUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    locale: user.locale,
    platformRole: user.platformRole,
    emailVerified: user.emailVerifiedAt !== null,
    mfaEnabled: hasMfa(user),
    createdAt: user.createdAt.toISOString(),
  };
}
