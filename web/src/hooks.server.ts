import type { Handle } from '@sveltejs/kit/hooks';
import { isLocale } from '@spejl/shared/i18n/index';

/** Writes the visitor's language into `<html lang>` so the page is announced right before any script runs. */
export const handle: Handle = async ({ event, resolve }) => {
  const cookie = event.cookies.get('spejl_locale');
  const lang = isLocale(cookie) ? cookie : 'da';
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', lang),
  });
};
