import { foldDanish, looseDanish } from '@spejl/shared/search-fold';

/**
 * Directory search, in TypeScript rather than SQL: the service already holds every group the actor may see (it sorts
 * and pages them in memory), so matching here costs nothing extra, behaves the same on PGlite and PostgreSQL without
 * extensions (pg_trgm and fuzzystrmatch ship with PGlite only as opt-in bundles), and allows an exact typo bound.
 */

/** What the directory searches in a group. */
export interface SearchableGroup {
  name: string;
  diagnosisTerms: string[];
  organisationName: string | null;
  description: string;
}

/** How a query word met a group's word; lower is better. */
const matchKinds = { exact: 0, prefix: 1, stem: 2, typo: 3 } as const;
type MatchKind = keyof typeof matchKinds;

/** Words a query ignores when it holds others: "hæmofili og børn" looks for "hæmofili" and "børn". */
const fillerWords = new Set(
  'og i til med for af en et de den det der som på om at hos the and of with to in a an or'
    .split(' ')
    .map(foldDanish),
);

/** Danish endings, longest first: "hverdagen" looks for words starting "hverdag", "sjælden" for "sjæld…". */
const endings =
  'erendes erende hedens endes ernes erens heden heder ende enes erne eres erer eren eret ens ene ere ers ets er es et en e s'
    .split(' ')
    .sort((a, b) => b.length - a.length);

const shortestStem = 4;
/** Words this long or longer tolerate one typo (a wrong, missing, extra or swapped letter). */
const typoLength = 5;
/** Words this short match only the start of a word: "EDS" finds "EDS", never "bEDSteforældre". */
const prefixOnlyLength = 3;

/** Words of a query beyond this many are ignored: each one costs a pass over every word of every group. */
const maxQueryWords = 8;

const isCode = (word: string) => /\d/.test(word);
const isIcdCode = (word: string) => /^[a-z]\d{2}/.test(word);

/**
 * The words of a text as search compares them: folded, a code kept whole ("D68.0" → "d680"), and a hyphenated word
 * both split and joined ("Ehlers-Danlos" → "ehlers", "danlos", "ehlersdanlos").
 */
export function searchWords(
  text: string,
  options: { joinHyphens: boolean } = { joinHyphens: true },
): string[] {
  const folded = foldDanish(text).replace(/(\d)[.,](?=\d)/g, '$1');
  const words: string[] = [];
  for (const token of folded.split(/[^\p{L}\p{N}-]+/u)) {
    const parts = token.split('-').filter(Boolean);
    words.push(...parts);
    if (options.joinHyphens && parts.length > 1) words.push(parts.join(''));
  }
  return words;
}

/**
 * The smallest number of edits (a letter changed, added, removed, or two neighbours swapped) that turns `word` into
 * the start of `target`, stopping early once it exceeds `limit`.
 */
export function prefixEditDistance(word: string, target: string, limit = 1): number {
  const width = target.length;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: width + 1 }, (_, j) => j);
  for (let i = 1; i <= word.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= width; j++) {
      const cost = word[i - 1] === target[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && word[i - 1] === target[j - 2] && word[i - 2] === target[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] as number) + 1);
      }
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(...previous);
}

function stemOf(word: string): string | null {
  for (const ending of endings) {
    if (word.endsWith(ending) && word.length - ending.length >= shortestStem) {
      return word.slice(0, -ending.length);
    }
  }
  return null;
}

interface QueryWord {
  word: string;
  loose: string;
  stems: string[];
}

interface TextWord {
  word: string;
  loose: string;
}

function matchWord(query: QueryWord, text: TextWord): MatchKind | null {
  if (text.word === query.word || text.loose === query.loose) return 'exact';
  if (text.word.startsWith(query.word) || text.loose.startsWith(query.loose)) return 'prefix';
  if (query.word.length <= prefixOnlyLength) return null;
  if (isCode(query.word)) {
    // A more precise ICD-10 code finds the group of its category: "E84.0" finds a group coded "E84".
    return isIcdCode(text.word) && text.word.length >= 3 && query.word.startsWith(text.word)
      ? 'prefix'
      : null;
  }
  if (query.stems.some((stem) => text.word.startsWith(stem) || text.loose.startsWith(stem))) return 'stem';
  if (query.loose.length >= typoLength && text.loose.length >= query.loose.length - 1 && !isCode(text.word)) {
    if (prefixEditDistance(query.loose, text.loose) <= 1) return 'typo';
  }
  return null;
}

/**
 * A matcher for one query: for each group, a rank (lower is better: the kind of match, then whether it was in the name,
 * the diagnosis terms, the association's name or the description) when every word of the query is found, else null.
 * Null instead of a matcher when the query has no words.
 */
export function groupMatcher(query: string): ((group: SearchableGroup) => number | null) | null {
  const all = searchWords(query, { joinHyphens: false });
  const meaningful = all.filter((word) => !fillerWords.has(word));
  const words = (meaningful.length > 0 ? meaningful : all).slice(0, maxQueryWords).map((word): QueryWord => {
    const loose = looseDanish(word);
    const stems = [stemOf(word), stemOf(loose)].filter((stem): stem is string => stem !== null);
    return { word, loose, stems };
  });
  if (words.length === 0) return null;
  return (group) => {
    const fields = [
      [group.name],
      group.diagnosisTerms,
      [group.organisationName ?? ''],
      [group.description],
    ].map((texts) =>
      texts.flatMap((text) => searchWords(text)).map((word) => ({ word, loose: looseDanish(word) })),
    );
    let rank = 0;
    for (const queryWord of words) {
      let best: number | null = null;
      fields.forEach((textWords, fieldIndex) => {
        for (const textWord of textWords) {
          const kind = matchWord(queryWord, textWord);
          if (kind === null) continue;
          const score = matchKinds[kind] * fields.length + fieldIndex;
          if (best === null || score < best) best = score;
        }
      });
      if (best === null) return null;
      rank += best;
    }
    return rank;
  };
}
