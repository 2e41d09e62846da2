import { describe, expect, it } from 'vitest';
import { avatarColour, avatarPalette, contrastRatio, initials, initialsColour } from './avatar.ts';

describe('initials', () => {
  it('takes the first letters of the first two words, Danish letters included', () => {
    expect(initials('Åse Ørum')).toBe('ÅØ');
    expect(initials('Mads')).toBe('M');
    expect(initials('karen marie holm')).toBe('KM');
    expect(initials('  Æble   Østergaard ')).toBe('ÆØ');
  });

  it('leaves out what stands in parentheses', () => {
    expect(initials('Sofie (mor til Ida)')).toBe('S');
    expect(initials('Rasmus (far til Oskar) Holm')).toBe('RH');
    expect(initials('Lene (erfaren forælder')).toBe('L');
  });

  it('keeps a letter written decomposed as one letter, and skips punctuation before it', () => {
    expect(initials('A\u030Ase')).toBe('Å');
    expect(initials('»Bo« Ebbesen')).toBe('BE');
    expect(initials('Ólafur Þórsson')).toBe('ÓÞ');
  });

  it('falls back to the letters inside a parenthesis, then to a question mark', () => {
    expect(initials('(mor til Ida)')).toBe('MT');
    expect(initials('')).toBe('?');
    expect(initials('🙂')).toBe('?');
  });
});

describe('avatar colours', () => {
  it('has 8 to 10 distinct colours', () => {
    expect(avatarPalette.length).toBeGreaterThanOrEqual(8);
    expect(avatarPalette.length).toBeLessThanOrEqual(10);
    expect(new Set(avatarPalette).size).toBe(avatarPalette.length);
  });

  it('gives every colour at least 4.5:1 contrast with the initials (WCAG formula)', () => {
    // The formula's known points, so a broken formula cannot pass.
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    const tooLight = avatarPalette.filter((colour) => contrastRatio(colour, initialsColour) < 4.5);
    expect(tooLight).toEqual([]);
  });

  it('picks the same colour for the same id, and spreads ids over the palette', () => {
    expect(avatarColour('0b6e1c2a-1111-4c3e-9f00-5a2b3c4d5e6f')).toBe(
      avatarColour('0b6e1c2a-1111-4c3e-9f00-5a2b3c4d5e6f'),
    );
    const used = new Set(Array.from({ length: 200 }, (_, index) => avatarColour(`person-${index}`)));
    expect(used.size).toBe(avatarPalette.length);
  });
});
