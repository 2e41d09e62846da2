import { redirect } from '@sveltejs/kit';
import { signInUrl } from '#lib/navigation/redirect.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { LayoutLoad } from './$types';

/** Admin pages need a signed-in user; whether they are an admin, the API decides and the page says so. */
export const load: LayoutLoad = async ({ parent, url }) => {
  await parent();
  if (!session.user) redirect(307, signInUrl(url));
  return {};
};
