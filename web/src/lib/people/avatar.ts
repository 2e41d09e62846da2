/** The colour of the initials on every avatar. */
export const initialsColour = '#ffffff';

/**
 * The avatar backgrounds: distinct hues, each dark enough for white initials at 4.5:1 or more (avatar.test.ts checks
 * every entry with the WCAG formula).
 */
export const avatarPalette = [
  '#1f5e57', // teal, Spejl's own colour
  '#1d5a9e', // blue
  '#6b3fa0', // purple
  '#9b2c5a', // raspberry
  '#9a3b12', // rust
  '#3f6212', // moss
  '#7a4f00', // amber
  '#475569', // slate
  '#3b4cb8', // indigo
] as const;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The first letter (or digit) of a word as a whole grapheme, so "Åse" gives "Å" even when written decomposed. */
function firstLetter(word: string): string | null {
  for (const { segment } of segmenter.segment(word)) {
    if (/^[\p{L}\p{N}]/u.test(segment)) return segment;
  }
  return null;
}

/**
 * Up to two initials from a display name: the first letters of its first two words, with what stands in
 * parentheses left out ("Sofie (mor til Ida)" → "S", "Åse Ørum" → "ÅØ"). "?" when the name has no letters.
 */
export function initials(name: string): string {
  const normalised = name.normalize('NFC');
  const outside = normalised.replace(/\([^)]*\)?/g, ' ');
  // A name that is only a parenthesis still gets the letters inside it.
  const source = /[\p{L}\p{N}]/u.test(outside) ? outside : normalised;
  const letters = source
    .split(/[\s()]+/u)
    .map(firstLetter)
    .filter((letter): letter is string => letter !== null)
    .slice(0, 2);
  return letters.length > 0 ? letters.join('').toLocaleUpperCase() : '?';
}

/** FNV-1a over the id's UTF-16 code units: the same id gives the same colour on every device. */
function hash(value: string): number {
  let result = 0x811c9dc5;
  for (let index = 0; index < value.length; index += 1) {
    result ^= value.charCodeAt(index);
    result = Math.imul(result, 0x01000193);
  }
  return result >>> 0;
}

/** The background colour of a person's avatar, chosen from the palette by their id. */
export function avatarColour(id: string): string {
  return avatarPalette[hash(id) % avatarPalette.length] as string;
}

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [red, green, blue] = channels.map((channel) =>
    channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4,
  ) as [number, number, number];
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/** WCAG 2 contrast ratio between two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a) as [
    number,
    number,
  ];
  return (lighter + 0.05) / (darker + 0.05);
}
