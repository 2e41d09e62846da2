import { redirect } from '@sveltejs/kit';
import { ApiError } from '#lib/api/client.ts';
import { invitesApi } from '#lib/api/groups.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import { signInUrl } from '#lib/navigation/redirect.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { PageLoad } from './$types';

/** Only signed-in people see what an invite is for; others sign in (or sign up) and come back here. */
export const load: PageLoad = async ({ parent, params, url, fetch }) => {
  await parent();
  if (!session.user) redirect(307, signInUrl(url));
  try {
    return { preview: await invitesApi.preview(params.code, fetch), invalid: false as const };
  } catch (cause) {
    // Used up, expired, withdrawn or never there: the page says so in words rather than as an error page.
    if (cause instanceof ApiError && (cause.code === 'group.invite_invalid' || cause.status === 404)) {
      return { preview: null, invalid: true as const };
    }
    failLoad(cause, url);
  }
};
