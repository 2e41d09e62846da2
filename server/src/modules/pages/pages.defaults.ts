import type { Locale, PageSlug, RetentionKey } from '@spejl/shared';
import { inactivityGraceDays } from '../privacy/privacy.retention.ts';
import { defaultTextsDa } from './pages.defaults.da.ts';
import { defaultTextsEn } from './pages.defaults.en.ts';

/** What the built-in texts are made from: the data controller from the configuration and today's retention rules. */
export interface DefaultTextContext {
  controller: { name?: string | undefined; email?: string | undefined; address?: string | undefined };
  retention: Record<RetentionKey, number | null>;
  inactivityGraceDays: number;
  publicOrigin: string;
}

export interface DefaultText {
  title: string;
  body: string;
}

export type DefaultTexts = Record<PageSlug, (context: DefaultTextContext) => DefaultText>;

const texts: Record<Locale, DefaultTexts> = { da: defaultTextsDa, en: defaultTextsEn };

/** When no admin has published a version yet, the built-in text is version 1, dated the day it was written. */
export const builtInVersion = 1;
export const builtInDate = new Date('2026-12-04T00:00:00Z');

/** The built-in text of a page in one language, with the controller and the retention rules filled in. */
export function defaultText(
  slug: PageSlug,
  locale: Locale,
  context: Omit<DefaultTextContext, 'inactivityGraceDays'>,
): DefaultText {
  return texts[locale][slug]({ ...context, inactivityGraceDays });
}
