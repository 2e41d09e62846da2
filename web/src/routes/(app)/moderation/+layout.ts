import { redirect } from '@sveltejs/kit';
import { signInUrl } from '#lib/navigation/redirect.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { LayoutLoad } from './$types';

/** Moderation is for signed-in users; the API decides who may see what. */
export const load: LayoutLoad = async ({ parent, url }) => {
  await parent();
  if (!session.user) redirect(307, signInUrl(url));
  return {};
};
