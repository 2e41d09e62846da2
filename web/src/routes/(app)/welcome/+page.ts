import { redirect } from '@sveltejs/kit';
import { failLoad } from '#lib/api/load-errors.ts';
import { welcomeApi } from '#lib/api/welcome.ts';
import { signInUrl } from '#lib/navigation/redirect.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { PageLoad } from './$types';

/** The guided start: where the person left it (or the first step, when looked at again after finishing). */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  if (!session.user) redirect(307, signInUrl(url));
  try {
    const { welcome } = await welcomeApi.get(fetch);
    return { step: welcome.step ?? 0, remembered: welcome.step !== null };
  } catch (cause) {
    failLoad(cause, url);
  }
};
