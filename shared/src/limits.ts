/** Size limits shared by the server (enforced) and the web (shown to users). */
export const limits = {
  email: 254,
  passwordMin: 8,
  passwordMax: 128,
  displayNameMin: 1,
  displayNameMax: 60,
  bodyBytes: 64 * 1024,
  listMax: 100,
  listDefault: 30,
  totpCode: 6,
  tokenMax: 128,
  groupSlugMax: 60,
  groupNameMax: 80,
  groupDescriptionMax: 2000,
  /** Diagnosis terms (names, synonyms, ICD-10 or ORPHA codes) per group, and the length of each. */
  diagnosisTermsMax: 30,
  diagnosisTermMax: 80,
  reasonMax: 500,
  joinMessageMax: 1000,
  bioMax: 280,
  messageMax: 4000,
  emojiMax: 16,
  /** Largest WebSocket frame the server accepts, in bytes. */
  wsFrameBytes: 32 * 1024,
  /** Up to this many online in a group, every presence change sends the whole list; above it, what changed. */
  presenceListMax: 100,
} as const;

/** Session lifetimes, in milliseconds. */
export const sessionPolicy = {
  idleMs: 7 * 24 * 60 * 60 * 1000,
  absoluteMs: 30 * 24 * 60 * 60 * 1000,
  /** Extend the idle deadline at most this often, so every request does not write. */
  refreshAfterMs: 60 * 60 * 1000,
} as const;

export const locales = ['da', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'da';
