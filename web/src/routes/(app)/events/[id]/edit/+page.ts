import { error } from '@sveltejs/kit';
import { t } from '#lib/i18n/i18n.svelte.ts';
import type { PageLoad } from './$types';

/** Only the organiser edits; the server refuses anyone else too, this only spares them a form they cannot send. */
export const load: PageLoad = async ({ parent }) => {
  const { webinar } = await parent();
  if (!webinar.permissions.canManage)
    error(403, { message: t('error.auth.forbidden'), code: 'auth.forbidden' });
  return {};
};
