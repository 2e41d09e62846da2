import { defaultLocale, type Locale, locales } from '../limits.ts';
import { type CatalogueKey, da } from './da.ts';
import { en } from './en.ts';

export type { CatalogueKey };
export const catalogues: Record<Locale, Record<CatalogueKey, string>> = { da, en };

/**
 * A counted text is two keys, `base#one` and `base#other` (the CLDR plural categories Danish and English use), picked
 * by `Intl.PluralRules`: "1 ny besked" and "3 nye beskeder". `#` keeps them apart from keys that end in `.other`.
 */
type FormsOf<K, Form extends 'one' | 'other'> = K extends `${infer Base}#${Form}` ? Base : never;
/** The base of a counted text, for `translateCount`. */
export type CountKey = FormsOf<CatalogueKey, 'other'>;
/** Every other key, for `translate`: a counted text's forms are reached only through `translateCount`. */
export type TextKey = Exclude<CatalogueKey, `${string}#${'one' | 'other'}`>;
/** A key `translate` and the web's `t` take (counted texts go through `translateCount` and `i18n.plural`). */
export type MessageKey = TextKey;
type Unpaired =
  | Exclude<FormsOf<CatalogueKey, 'one'>, CountKey>
  | Exclude<CountKey, FormsOf<CatalogueKey, 'one'>>;
/** Does not compile, and names the key, when a counted text lacks its singular (`#one`) or its plural (`#other`). */
export const everyCountedTextHasBothForms: [Unpaired] extends [never] ? true : { unpaired: Unpaired } = true;

const languageTags: Record<Locale, string> = { da: 'da-DK', en: 'en-GB' };
const pluralRules = new Map(locales.map((locale) => [locale, new Intl.PluralRules(languageTags[locale])]));
const numberFormats = new Map(locales.map((locale) => [locale, new Intl.NumberFormat(languageTags[locale])]));

function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}

/** Translates a key with `{name}` placeholders; falls back to Danish, then to the key. */
export function translate(locale: Locale, key: TextKey, params?: Record<string, string | number>): string {
  return fill(catalogues[locale]?.[key] ?? da[key] ?? key, params);
}

/** The plural form (`one` or `other`) a count takes in a language, by the CLDR rules in `Intl.PluralRules`. */
export function pluralForm(locale: Locale, count: number): 'one' | 'other' {
  return pluralRules.get(locale)?.select(count) === 'one' ? 'one' : 'other';
}

/**
 * Translates a counted text: the form `count` takes, with `{count}` filled in as the language writes numbers
 * ("10.000" in Danish). Other placeholders come from `params`.
 */
export function translateCount(
  locale: Locale,
  key: CountKey,
  count: number,
  params?: Record<string, string | number>,
): string {
  const formKey = `${key}#${pluralForm(locale, count)}` as CatalogueKey;
  const shown = numberFormats.get(locale)?.format(count) ?? String(count);
  return fill(catalogues[locale]?.[formKey] ?? da[formKey] ?? key, { ...params, count: shown });
}

/** Picks the best supported locale from an Accept-Language header or a stored preference. */
export function pickLocale(...candidates: Array<string | null | undefined>): Locale {
  for (const candidate of candidates) {
    if (!candidate) continue;
    for (const part of candidate.split(',')) {
      const tag = part.split(';')[0]?.trim().toLowerCase().slice(0, 2);
      if (tag === 'nb' || tag === 'no' || tag === 'sv') continue;
      if ((locales as readonly string[]).includes(tag ?? '')) return tag as Locale;
    }
  }
  return defaultLocale;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
