import { describe, expect, it } from 'vitest';
import { countLinks, globMatch, matchFilters, type WatchedFilter, words } from './moderation.filters.ts';
import { csvCell, median } from './moderation.records.ts';
import { trackRecordFactor } from './moderation.service.ts';

const filter = (
  pattern: string,
  kind: 'word' | 'pattern' = 'word',
  action: WatchedFilter['action'] = 'block',
) => ({
  id: pattern,
  kind,
  pattern,
  action,
});

describe('watched words', () => {
  it('folds case and Danish letters into words', () => {
    expect(words('Køb NU på www.Spejl.dk!')).toEqual(['koeb', 'nu', 'paa', 'www', 'spejl', 'dk']);
  });

  it('matches whole words and phrases, whatever the spelling of æ, ø and å', () => {
    const filters = [filter('køb nu'), filter('syg')];
    expect(matchFilters(filters, 'Koeb nu, inden det er for sent').map((f) => f.pattern)).toEqual(['køb nu']);
    expect(matchFilters(filters, 'KØB   NU!!!').map((f) => f.pattern)).toEqual(['køb nu']);
    expect(matchFilters(filters, 'Min datter er syg i dag').map((f) => f.pattern)).toEqual(['syg']);
    // A word is never a part of a longer word: "syg" is not "sygdom".
    expect(matchFilters(filters, 'Om sygdommen og købmanden')).toEqual([]);
    expect(matchFilters(filters, 'nu køb')).toEqual([]);
  });

  it('lets a pattern use * for any letters, and treats * in a word filter and in messages as nothing special', () => {
    const pattern = filter('bit*coin', 'pattern');
    expect(matchFilters([pattern], 'Gratis bitcoin her')).toHaveLength(1);
    expect(matchFilters([pattern], 'Gratis bit-coin her')).toHaveLength(0);
    expect(matchFilters([filter('casino*', 'pattern')], 'Prøv casinobonus')).toHaveLength(1);
    expect(matchFilters([filter('casino*', 'word')], 'Prøv casinobonus')).toHaveLength(0);
    expect(matchFilters([filter('ab', 'word')], 'a*b')).toHaveLength(1);
  });

  it('matches globs in linear time, so a hostile message cannot stall the server', () => {
    expect(globMatch('a*b*c', 'axxbyyc')).toBe(true);
    expect(globMatch('a*b*c', 'axxbyy')).toBe(false);
    expect(globMatch('*', '')).toBe(true);
    const started = performance.now();
    expect(globMatch('a*a*a*a*a*a*b', 'a'.repeat(4000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('counts links by http(s):// and www.', () => {
    expect(countLinks('se https://a.dk og http://b.dk/x?y=1 samt www.c.dk, men ikke d.dk')).toBe(3);
    expect(countLinks('ingen links')).toBe(0);
  });
});

describe('reports', () => {
  it('weighs a newcomer at 1 and moves between 0.5 and 1.5 with the track record', () => {
    expect(trackRecordFactor({ upheld: 0, dismissed: 0 })).toBe(1);
    expect(trackRecordFactor({ upheld: 20, dismissed: 0 })).toBeGreaterThan(1.4);
    expect(trackRecordFactor({ upheld: 0, dismissed: 20 })).toBeLessThan(0.6);
  });

  it('neutralises spreadsheet formulas and quotes CSV cells', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('Spam, igen')).toBe('"Spam, igen"');
    expect(csvCell({ hidden: true })).toBe('"{""hidden"":true}"');
    expect(csvCell(null)).toBe('');
  });

  it('takes the median of odd and even lists', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
