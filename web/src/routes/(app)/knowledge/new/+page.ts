import { redirect } from '@sveltejs/kit';
import { signInUrl } from '#lib/navigation/redirect.ts';
import { loadScopeOptions } from '#lib/resources/scope-options.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { PageLoad } from './$types';

/** A new article or link, in one of the scopes the person may edit. */
export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  if (!session.user) redirect(307, signInUrl(url));
  const scopes = await loadScopeOptions(session.user.platformRole === 'admin');
  return { scopes };
};
