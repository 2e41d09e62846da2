// No zod here: the web imports these checks directly.

/**
 * Control characters no text of ours may hold: C0 (but tab, line feed and carriage return), DEL and C1. PostgreSQL
 * refuses U+0000 outright (a 500 before we checked); the others only hide or garble text.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose.
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * Characters that change how a name looks without being seen: bidirectional overrides, isolates and marks,
 * zero-width spaces and joiners, the soft hyphen, the word joiner and the byte-order mark. In a name they let one
 * person pass for another ("Mads\u200b" beside "Mads", or a name that reads backwards).
 */
const invisibleCharacter = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;

/** Words a name must not contain on its own: they would make a member look like staff. Danish and English. */
export const roleWords = [
  'admin',
  'admins',
  'administrator',
  'administratorer',
  'administration',
  'moderator',
  'moderatorer',
  'moderators',
  'koordinator',
  'koordinatorer',
  'coordinator',
  'coordinators',
  'spejl',
  'support',
  'staff',
  'personale',
  'system',
] as const;

/** The first string in a request body, query or frame that holds a control character, and where it is. */
export function findControlCharacter(
  value: unknown,
  path: Array<string | number> = [],
): Array<string | number> | null {
  if (typeof value === 'string') return controlCharacter.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findControlCharacter(item, [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (controlCharacter.test(key)) return [...path, key];
      const found = findControlCharacter(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** True when a name holds no control or invisible characters. */
export function isVisibleText(value: string): boolean {
  return !controlCharacter.test(value) && !invisibleCharacter.test(value);
}

/** The words of a name, lower-cased and without accents, for comparing with role words. */
function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** True when a name holds a role word as a word of its own ("Mads (moderator)", "Admin Astrid"). */
export function imitatesRole(name: string): boolean {
  const words = new Set<string>(roleWords);
  return nameWords(name).some((word) => words.has(word));
}
