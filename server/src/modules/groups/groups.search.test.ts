import { describe, expect, it } from 'vitest';
import { groupMatcher, prefixEditDistance, searchWords } from './groups.search.ts';

/** Optimal string alignment distance, written the plain way, as the oracle for `prefixEditDistance`. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

describe('prefixEditDistance', () => {
  it('counts one typo against the start of a word', () => {
    expect(prefixEditDistance('cystsik', 'cystisk')).toBe(1);
    expect(prefixEditDistance('sjaelden', 'sjaeldne')).toBe(1);
    expect(prefixEditDistance('glasknolger', 'glasknogler')).toBe(1);
    expect(prefixEditDistance('fibro', 'fibrose')).toBe(0);
    expect(prefixEditDistance('fibrx', 'fibrose')).toBe(1);
    expect(prefixEditDistance('cystisk', 'fibrose')).toBe(2);
  });

  it('agrees with the plain distance to the nearest start of the word, up to its limit', () => {
    const letters = 'abe';
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const word = () =>
      Array.from({ length: 1 + Math.floor(random() * 6) }, () => letters[Math.floor(random() * 3)]).join('');
    for (let run = 0; run < 2_000; run++) {
      const query = word();
      const target = word();
      const nearest = Math.min(
        ...Array.from({ length: target.length + 1 }, (_, end) => editDistance(query, target.slice(0, end))),
      );
      expect(prefixEditDistance(query, target, 2), `${query} ~ ${target}`).toBe(Math.min(nearest, 3));
    }
  });
});

describe('searchWords', () => {
  it('folds, keeps codes whole and joins hyphenated words as well as splitting them', () => {
    expect(searchWords('Sjældne-netværket: D68.0, E84')).toEqual([
      'sjaeldne',
      'netvaerket',
      'sjaeldnenetvaerket',
      'd680',
      'e84',
    ]);
  });
});

describe('groupMatcher', () => {
  const group = {
    name: 'Bedsteforældre',
    diagnosisTerms: [],
    organisationName: null,
    description: 'For bedsteforældre til børn med en sjælden diagnose.',
  };

  it('needs every meaningful word, and ignores words such as "til" and "med" beside others', () => {
    expect(groupMatcher('bedsteforældre til børn')?.(group)).not.toBeNull();
    expect(groupMatcher('bedsteforældre hæmofili')?.(group)).toBeNull();
    expect(groupMatcher('til')?.(group)).not.toBeNull();
  });

  it('has nothing to match for a query without words', () => {
    expect(groupMatcher(' -, ')).toBeNull();
  });
});
