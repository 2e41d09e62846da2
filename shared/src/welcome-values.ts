/** The guided start's steps, in order (zod-free, so the web imports it at runtime). */
export const welcomeSteps = ['group', 'consent', 'name', 'notifications', 'mentoring'] as const;
export type WelcomeStep = (typeof welcomeSteps)[number];

export const redirectPathMax = 500;

/**
 * A place to come back to after signing up or in: a path on this site (one leading slash), never another origin.
 * Backslashes and control characters are refused, since some URL parsers turn them into a different origin.
 */
export function isSafeRedirectPath(value: string): boolean {
  if (value.length === 0 || value.length > redirectPathMax) return false;
  if (!value.startsWith('/') || value.startsWith('//')) return false;
  for (const character of value) {
    const code = character.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || character === '\\') return false;
  }
  return true;
}
