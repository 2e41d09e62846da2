import { defaultLocale, type Locale, locales } from '../limits.ts';
import { da, type MessageKey } from './da.ts';
import { en } from './en.ts';

export type { MessageKey };
export const catalogues: Record<Locale, Record<MessageKey, string>> = { da, en };

/** Translates a key with `{name}` placeholders; falls back to Danish, then to the key. */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const template = catalogues[locale]?.[key] ?? da[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
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
