import { error } from '@sveltejs/kit';
import { failLoad } from '#lib/api/load-errors.ts';
import { resourcesApi } from '#lib/api/resources.ts';
import { t } from '#lib/i18n/i18n.svelte.ts';
import type { PageLoad } from './$types';

/** Editing a resource: only for those its permissions allow (the server checks again on saving). */
export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  await parent();
  let resource: Awaited<ReturnType<typeof resourcesApi.get>>;
  try {
    resource = await resourcesApi.get(params.id, fetch);
  } catch (cause) {
    failLoad(cause, url);
  }
  if (!resource.permissions.canEdit)
    error(403, { message: t('error.auth.forbidden'), code: 'auth.forbidden' });
  return { resource };
};
