import { foldDanish } from '@spejl/shared/search-fold';

/** Lower case, æ/ø/å spelled ae/oe/aa, accents dropped: as search folds (shared/src/search-fold.ts). */
const fold = foldDanish;

/** A watched word or pattern, as the matcher needs it. */
export interface WatchedFilter {
  id: string;
  kind: 'word' | 'pattern';
  pattern: string;
  action: 'block' | 'hold' | 'flag';
}

/**
 * Splits text into folded words: lower case, æ/ø/å as ae/oe/aa, accents dropped, anything that is not a letter or
 * a digit separates words. "Køb NU på www.x.dk" becomes ["koeb", "nu", "paa", "www", "x", "dk"].
 */
export function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}*]+/u)
    .filter((word) => word.length > 0);
}

/**
 * Does `text` match the glob `pattern`, where `*` stands for any run of characters (also none)? Patterns are ours
 * to run on every message, so this is the classic linear-backtracking matcher (O(n·m)), never a regular expression
 * a moderator typed: a badly written regex could stall the server on one message.
 */
export function globMatch(pattern: string, text: string): boolean {
  const p = [...pattern];
  const t = [...text];
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && p[pi] !== '*' && p[pi] === t[ti]) {
      pi += 1;
      ti += 1;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi;
      pi += 1;
      mark = ti;
    } else if (star !== -1) {
      pi = star + 1;
      mark += 1;
      ti = mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi += 1;
  return pi === p.length;
}

/** A filter prepared once: its words, with `*` kept only in patterns. */
function compile(filter: WatchedFilter): string[] {
  const parts = words(filter.pattern);
  return filter.kind === 'word' ? parts.map((part) => part.replaceAll('*', '')).filter(Boolean) : parts;
}

/**
 * The filters a message trips. A filter matches when its words appear in the message in a row, each as a whole
 * word ("syg" does not match "sygdom"; the pattern "syg*" does). Matching ignores case and Danish letter spellings.
 */
export function matchFilters(filters: readonly WatchedFilter[], text: string): WatchedFilter[] {
  const tokens = words(text).map((token) => token.replaceAll('*', ''));
  const matched: WatchedFilter[] = [];
  for (const filter of filters) {
    const needle = compile(filter);
    if (needle.length === 0 || needle.length > tokens.length) continue;
    for (let start = 0; start + needle.length <= tokens.length; start += 1) {
      if (needle.every((part, offset) => globMatch(part, tokens[start + offset]!))) {
        matched.push(filter);
        break;
      }
    }
  }
  return matched;
}

/** How many links a message holds: web addresses starting with http(s):// or www. */
export function countLinks(text: string): number {
  return (text.match(/\b(?:https?:\/\/|www\.)[^\s<>]+/gi) ?? []).length;
}
