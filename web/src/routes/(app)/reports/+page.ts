import { redirect } from '@sveltejs/kit';
import { failLoad } from '#lib/api/load-errors.ts';
import { moderationApi } from '#lib/api/moderation.ts';
import { signInUrl } from '#lib/navigation/redirect.ts';
import { session } from '#lib/session/session.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  if (!session.user) redirect(307, signInUrl(url));
  try {
    return { reports: await moderationApi.myReports({ fetch }) };
  } catch (cause) {
    failLoad(cause, url);
  }
};
