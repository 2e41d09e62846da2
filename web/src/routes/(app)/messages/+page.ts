import { redirect } from '@sveltejs/kit';
import { directApi } from '#lib/api/direct.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import { signInUrl } from '#lib/navigation/redirect.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { PageLoad } from './$types';

/** My direct conversations and whether others may ask to write to me. */
export const load: PageLoad = async ({ parent, url, fetch, depends }) => {
  await parent();
  if (!session.user) redirect(307, signInUrl(url));
  depends('app:direct');
  try {
    const [settings, conversations] = await Promise.all([
      directApi.settings(fetch),
      directApi.list({ fetch }),
    ]);
    return { enabled: settings.enabled, conversations };
  } catch (cause) {
    failLoad(cause, url);
  }
};
