import { describe, expect, it } from 'vitest';
import { foldDanish, foldDanishSql, looseDanish, looseDanishSql } from './search-fold.ts';

describe('foldDanish', () => {
  it('folds æ, ø and å to their two-letter spellings, composed or not, in either case', () => {
    expect(foldDanish('Hæmofili')).toBe('haemofili');
    expect(foldDanish('Søskende')).toBe('soeskende');
    expect(foldDanish('Små børn på Århus')).toBe('smaa boern paa aarhus');
    expect(foldDanish('ÆRØ ØSTERBRO')).toBe('aeroe oesterbro');
    // "å" typed as "a" followed by a combining ring (as some keyboards and pasted text send it).
    expect(foldDanish('sma\u030A')).toBe('smaa');
  });

  it('drops other accents and leaves other letters, digits and punctuation alone', () => {
    expect(foldDanish('Crème brûlée Ménière')).toBe('creme brulee meniere');
    expect(foldDanish('Straße, D68.0 – ok?')).toBe('strasse, d68.0 – ok?');
  });
});

describe('looseDanish', () => {
  it('meets the spellings families type: æ as ae or e, ø as oe or o, å as aa or a', () => {
    for (const spelling of ['Hæmofili', 'haemofili', 'hemofili', 'HÆMOFILI']) {
      expect(looseDanish(spelling), spelling).toBe('hemofili');
    }
    for (const spelling of ['årsmødet', 'aarsmoedet', 'arsmodet', 'Aarsmødet']) {
      expect(looseDanish(spelling), spelling).toBe('arsmodet');
    }
  });
});

describe('the SQL forms', () => {
  it('are built from immutable functions around the given expression, with quotes escaped', () => {
    const sql = looseDanishSql('body');
    expect(sql).toContain('normalize(lower(body), NFC)');
    expect(sql).not.toMatch(/\b(unaccent|now|current_)/);
    expect(foldDanishSql("'it''s'")).toContain("lower('it''s')");
  });
});
