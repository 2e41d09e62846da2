import { redirect } from '@sveltejs/kit';
import { signInUrl } from '#lib/navigation/redirect.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { LayoutLoad } from './$types';

/** Events are for signed-in users only; after signing in they come back to the page they asked for. */
export const load: LayoutLoad = async ({ parent, url }) => {
  await parent();
  if (!session.user) redirect(307, signInUrl(url));
  return {};
};
