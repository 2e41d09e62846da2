// Runtime values come from the zod-free entry points of @spejl/shared, so the browser bundle carries no zod.
import {
  type CountKey,
  isLocale,
  pickLocale,
  type TextKey,
  translate,
  translateCount,
} from '@spejl/shared/i18n/index';
import { defaultLocale, type Locale } from '@spejl/shared/limits';

export const localeCookie = 'spejl_locale';
const oneYearSeconds = 60 * 60 * 24 * 365;
/** Times are shown in Danish time wherever the reader is, so a date means the same to everyone in a group. */
const timeZone = 'Europe/Copenhagen';

/** Reads the language cookie; the session cookie is HttpOnly, this one is ours to read. */
function readLocaleCookie(): Locale | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === localeCookie && isLocale(value)) return value;
  }
  return null;
}

/** The current language and the `t()` that every component uses for its text. */
class I18n {
  locale = $state<Locale>(defaultLocale);

  /** Translates a catalogue key in the current language; reactive in templates because it reads `locale`. */
  t = (key: TextKey, params?: Record<string, string | number>): string => translate(this.locale, key, params);

  /** Picks the language: the signed-in user's choice, else the cookie, else the browser, else Danish. */
  init(userLocale: Locale | null | undefined): void {
    const fromBrowser = typeof navigator === 'undefined' ? null : navigator.languages.join(',');
    this.apply(userLocale ?? readLocaleCookie() ?? pickLocale(fromBrowser));
  }

  /** Switches language, remembers it in a cookie and keeps `<html lang>` right. */
  apply(locale: Locale): void {
    this.locale = locale;
    if (typeof document === 'undefined') return;
    document.documentElement.lang = locale;
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from browsers we support.
    document.cookie = `${localeCookie}=${locale}; path=/; max-age=${oneYearSeconds}; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;
  }

  /** Formats an ISO time for people, in the current language and Danish time (where the families live). */
  formatDateTime = (iso: string): string =>
    new Intl.DateTimeFormat(this.tag, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
      new Date(iso),
    );

  /** Formats the day of an ISO time, such as "3. marts 2026", in Danish time. */
  formatDate = (iso: string): string =>
    new Intl.DateTimeFormat(this.tag, { dateStyle: 'long', timeZone }).format(new Date(iso));

  /** Formats the time of day of an ISO time, such as "19.00", in Danish time. */
  formatTime = (iso: string): string =>
    new Intl.DateTimeFormat(this.tag, { timeStyle: 'short', timeZone }).format(new Date(iso));

  /** Formats the month of an ISO time, such as "december 2026", in Danish time. */
  formatMonth = (iso: string): string =>
    new Intl.DateTimeFormat(this.tag, { month: 'long', year: 'numeric', timeZone }).format(new Date(iso));

  /** A counted text in the form the count takes in the current language (`Intl.PluralRules`); fills `{count}`. */
  plural = (key: CountKey, count: number, params?: Record<string, string | number>): string =>
    translateCount(this.locale, key, count, params);

  private get tag(): string {
    return this.locale === 'da' ? 'da-DK' : 'en-GB';
  }
}

export const i18n = new I18n();
export const t = i18n.t;
