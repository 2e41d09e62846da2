import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../http/errors.ts';

// OWASP's argon2id recommendation: 19 MiB memory, 2 iterations, 1 lane.
const argonOptions = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

/** Checks a password against a stored argon2id hash; false on any malformed hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/** A hash to verify against when the account does not exist, so both paths take the same time. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('spejl-timing-equaliser-not-a-password');
  return dummyHash;
}

let common: Set<string> | null = null;
/** True when the password is among the 10,000 most common (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  if (!common) {
    const text = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8');
    common = new Set(
      text
        .split('\n')
        .slice(1)
        .map((line) => line.trim().toLowerCase())
        .filter(Boolean),
    );
  }
  return common.has(password.toLowerCase());
}

/**
 * Words a guesser tries first on this site (ASVS 6.1.2): the service, its people and its subject. A password made
 * of one of them (or of the person's own name or email) plus digits and signs is refused.
 */
export const contextWords = [
  'spejl',
  'spejlet',
  'sjælden',
  'sjældne',
  'sjaelden',
  'sjaeldne',
  'diagnose',
  'diagnoser',
  'forening',
  'foreningen',
  'familie',
  'mentor',
  'password',
  'adgangskode',
  'kodeord',
];

/** True when the password is a context word, or the person's own name or email, dressed up with digits and signs. */
export function isContextPassword(password: string, personal: string[] = []): boolean {
  const letters = password.toLowerCase().replace(/[^a-zæøåéü]/g, '');
  if (letters.length === 0) return false;
  const own = personal
    .flatMap((value) => value.toLowerCase().split(/[@.\s_-]+/))
    .map((part) => part.replace(/[^a-zæøåéü]/g, ''))
    .filter((part) => part.length >= 3);
  return contextWords.includes(letters) || own.includes(letters);
}

/** Refuses the 10,000 most common passwords and this site's context words (with the person's own name and email). */
export function assertAcceptablePassword(password: string, personal: string[] = []): void {
  if (isCommonPassword(password) || isContextPassword(password, personal))
    throw new AppError('auth.password_common', { details: { field: 'password' } });
}
