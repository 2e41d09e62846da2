import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { da } from './da.ts';
import { en } from './en.ts';
import { avoidedTerms, isStaffKey } from './glossary.ts';
import { type CountKey, pluralForm, translateCount } from './index.ts';

const daEntries = Object.entries(da) as Array<[string, string]>;
const enCatalogue = en as Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/** Offences as "key: what", so a failure lists every string to fix at once. */
function offences(check: (key: string, text: string) => string | null, entries = daEntries): string[] {
  return entries.flatMap(([key, text]) => {
    const offence = check(key, text);
    return offence ? [`${key}: ${offence}`] : [];
  });
}

describe('the catalogue', () => {
  it('has every Danish key in English with the same placeholders, and nothing more', () => {
    expect(Object.keys(enCatalogue).sort()).toEqual(Object.keys(da).sort());
    expect(
      offences((key, text) =>
        placeholders(text).join() === placeholders(enCatalogue[key] ?? '').join()
          ? null
          : 'placeholders differ',
      ),
    ).toEqual([]);
  });

  it('has both forms of every counted text, each with {count}', () => {
    const forms = daEntries.filter(([key]) => key.includes('#'));
    expect(forms.length).toBeGreaterThan(20);
    for (const [key] of forms) {
      const [base, form] = key.split('#');
      expect(['one', 'other']).toContain(form);
      expect(da).toHaveProperty(`${base}#one`);
      expect(da).toHaveProperty(`${base}#other`);
      expect(da[key as keyof typeof da]).toContain('{count}');
      expect(enCatalogue[key]).toContain('{count}');
    }
  });

  it('picks the form a count takes in Danish and English', () => {
    expect([0, 1, 2, 21].map((count) => pluralForm('da', count))).toEqual(['other', 'one', 'other', 'other']);
    expect([0, 1, 2].map((count) => pluralForm('en', count))).toEqual(['other', 'one', 'other']);
    const key: CountKey = 'groups.memberCount';
    expect(translateCount('da', key, 1)).toBe('1 medlem');
    expect(translateCount('da', key, 10_000)).toBe('10.000 medlemmer');
    expect(translateCount('en', key, 1)).toBe('1 member');
    expect(translateCount('en', key, 2)).toBe('2 members');
  });

  it('writes no number before a noun whose form depends on it, except in a counted text', () => {
    const daNouns =
      'minutter|sekunder|timer|dage|gange|beskeder|anmeldelser|stemmer|nye|ulæste|familier|mentorer|sager|grupper|medlemmer|arrangementer|pladser|klager|personer|deltagere';
    const enNouns =
      'minutes|seconds|hours|days|times|messages|reports|votes|new|unread|families|mentors|cases|groups|members|events|seats|appeals|replies|people|participants';
    // "over 99 ulæste" and "mere end 50 grupper" are caps, always plural.
    const countThenNoun = (nouns: string) =>
      new RegExp(`(?<!(?:over|end|than) )\\{\\w+\\} (?:${nouns})(?![\\p{L}])`, 'u');
    const plainDa = daEntries.filter(([key]) => !key.includes('#'));
    expect(offences((_key, text) => (countThenNoun(daNouns).test(text) ? text : null), plainDa)).toEqual([]);
    const plainEn = Object.entries(enCatalogue).filter(([key]) => !key.includes('#'));
    expect(offences((_key, text) => (countThenNoun(enNouns).test(text) ? text : null), plainEn)).toEqual([]);
  });
});

describe('Danish as docs/GLOSSARY.md says', () => {
  it('uses none of the avoided words in what members read (staff keys may say "afgørelse")', () => {
    expect(
      offences((key, text) => {
        const found = avoidedTerms.find(
          (term) => term.pattern.test(text) && !(term.staffMayUse && isStaffKey(key)),
        );
        return found ? `says "${found.avoid}", use "${found.use}"` : null;
      }),
    ).toEqual([]);
  });

  it('uses Danish quotation marks, not English curly or straight double quotes', () => {
    expect(offences((_key, text) => (/[“"]/.test(text) ? text : null))).toEqual([]);
  });

  it('never says "du" and "I" (or "jer", "jeres") in one string', () => {
    const du = /(?<![\p{L}])(?:du|dig|din|dit|dine)(?![\p{L}])/iu;
    // A capital "I" is the pronoun unless it starts a sentence (then it may be the preposition "i").
    const plural = /(?<![\p{L}])(?:jer|jeres)(?![\p{L}])|(?<![.!?:]\s|^|\n)(?<![\p{L}])I(?![\p{L}])/u;
    expect(offences((_key, text) => (du.test(text) && plural.test(text) ? text : null))).toEqual([]);
  });

  it('is listed in docs/GLOSSARY.md, word for word', () => {
    const glossary = readFileSync(new URL('../../../docs/GLOSSARY.md', import.meta.url), 'utf8');
    expect(avoidedTerms.filter((term) => !glossary.includes(term.avoid)).map((term) => term.avoid)).toEqual(
      [],
    );
  });
});
