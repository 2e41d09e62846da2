import { describe, expect, it } from 'vitest';
import { foldDanish } from './groups.repository.ts';

describe('foldDanish', () => {
  it('folds æ, ø and å the way the database search folds them, composed or not', () => {
    expect(foldDanish('Hæmofili')).toBe('haemofili');
    expect(foldDanish('Søskende')).toBe('soeskende');
    expect(foldDanish('Små børn på Århus')).toBe('smaa boern paa aarhus');
    // "å" typed as "a" followed by a combining ring (as some keyboards and pasted text send it).
    expect(foldDanish('sma\u030A')).toBe('smaa');
  });

  it('drops other accents', () => {
    expect(foldDanish('Crème brûlée Ménière')).toBe('creme brulee meniere');
  });
});
