import { redirect } from '@sveltejs/kit';
import { signInUrl } from '#lib/navigation/redirect.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { PageLoad } from './$types';

/** Confirming the code is for a signed-in person; anyone else signs in (with the code) and lands where they were. */
export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  if (!session.user) {
    const target = url.searchParams.get('redirectTo') ?? '/';
    redirect(307, signInUrl(new URL(target.startsWith('/') ? target : '/', url)));
  }
  return {};
};
