import { redirect } from '@sveltejs/kit';
import { safeRedirectTarget } from '#lib/navigation/redirect.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { LayoutLoad } from './$types';

/** Sign-in and sign-up make no sense for someone already signed in: send them where they were going. */
export const load: LayoutLoad = async ({ parent, url }) => {
  await parent();
  const accountOnly = url.pathname === '/sign-in' || url.pathname === '/sign-up';
  if (accountOnly && session.user) redirect(307, safeRedirectTarget(url.searchParams.get('redirectTo')));
  return {};
};
