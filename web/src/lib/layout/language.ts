import type { Locale } from '@spejl/shared/limits';
import { meApi } from '../api/auth.ts';
import { i18n } from '../i18n/i18n.svelte.ts';
import { session } from '../session/session.svelte.ts';

/** Switches language at once; a signed-in person's choice is also saved on the account for mails and other devices. */
export async function chooseLanguage(locale: Locale): Promise<void> {
  if (locale === i18n.locale) return;
  i18n.apply(locale);
  if (!session.user) return;
  try {
    session.user = (await meApi.update({ locale })).user;
  } catch {
    // The cookie already holds the choice; the account keeps its old language until the next save.
  }
}
