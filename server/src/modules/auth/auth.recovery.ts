import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import {
  formatRecoveryCode,
  normaliseRecoveryCode,
  recoveryCodeCount,
  recoveryCodeLength,
} from '@spejl/shared/recovery-code';
import type { Clock } from '../../clock.ts';
import type { AuthRepository, UserRow } from './auth.repository.ts';
import { hashToken } from './auth.tokens.ts';

/** What the auth module records about a use of a recovery code (the platform audit log, wired in app.ts). */
export interface SecurityEvent {
  action: 'account.recovery_code_used';
  userId: string;
  at: Date;
  details: Record<string, unknown>;
}

/** One new code: 50 random bits as ten base32 characters (`abcde-fghij` when shown). */
export function generateRecoveryCode(): string {
  // 7 bytes give 56 bits, 12 base32 characters; the first ten (50 bits) are the code.
  const bytes = new Uint8Array(7);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes).slice(0, recoveryCodeLength);
}

/** Recovery codes: made ten at a time, stored as SHA-256 hashes, each accepted once in place of a TOTP code. */
export function createRecoveryCodes(deps: {
  repository: AuthRepository;
  clock: Clock;
  /** Mails the person that a code was used, and how many are left. */
  notifyUsed: (user: UserRow, left: number) => Promise<void>;
  record?: ((event: SecurityEvent) => Promise<void>) | undefined;
}) {
  const { repository, clock } = deps;
  const encoder = new TextEncoder();

  return {
    /** Ten new codes for the person, replacing any older ones; the only time the codes exist in clear. */
    async issue(userId: string): Promise<string[]> {
      const codes = Array.from({ length: recoveryCodeCount }, generateRecoveryCode);
      await repository.replaceRecoveryCodes(userId, codes.map(hashToken), clock.now());
      return codes.map(formatRecoveryCode);
    },

    /** Forgets the person's codes (two-step verification turned off). */
    async clear(userId: string) {
      await repository.replaceRecoveryCodes(userId, [], clock.now());
    },

    remaining: (userId: string) => repository.countUnusedRecoveryCodes(userId),

    /**
     * Uses one of the person's codes: true when it was unused and is now spent (recorded and mailed). Every unused
     * hash is compared in constant time, so the time taken does not say how close a guess came.
     */
    async use(user: UserRow, typed: string): Promise<{ left: number } | null> {
      const wanted = encoder.encode(hashToken(normaliseRecoveryCode(typed)));
      let match: string | null = null;
      for (const row of await repository.unusedRecoveryCodes(user.id)) {
        if (constantTimeEqual(encoder.encode(row.codeHash), wanted)) match = row.id;
      }
      const at = clock.now();
      if (match === null || !(await repository.claimRecoveryCode(match, at))) return null;
      const left = await repository.countUnusedRecoveryCodes(user.id);
      await deps.record?.({ action: 'account.recovery_code_used', userId: user.id, at, details: { left } });
      await deps.notifyUsed(user, left);
      return { left };
    },
  };
}

export type RecoveryCodes = ReturnType<typeof createRecoveryCodes>;
