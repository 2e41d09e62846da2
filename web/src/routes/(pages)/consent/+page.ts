import { redirect } from '@sveltejs/kit';
import { failLoad } from '#lib/api/load-errors.ts';
import { pagesApi } from '#lib/api/pages.ts';
import { signInUrl } from '#lib/navigation/redirect.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { PageLoad } from './$types';

/** New terms or privacy policy to accept: what changed in each, read before the person goes on. */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  if (!session.user) redirect(307, signInUrl(url));
  try {
    const [terms, privacy] = await Promise.all([
      pagesApi.get('terms', fetch),
      pagesApi.get('privacy', fetch),
    ]);
    return { terms, privacy };
  } catch (cause) {
    failLoad(cause, url);
  }
};
