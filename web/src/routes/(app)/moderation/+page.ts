import { redirect } from '@sveltejs/kit';
import { stepUpFrom } from '#lib/account/second-factor.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import { moderationApi } from '#lib/api/moderation.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  let summary: Awaited<ReturnType<typeof moderationApi.summary>>;
  try {
    summary = await moderationApi.summary(fetch);
  } catch (cause) {
    failLoad(cause, url);
  }
  // Two-step verification is on, but this sign-in has not confirmed the code: that step first, then back here.
  if (summary.needsStepUp) redirect(307, stepUpFrom(url));
  return { summary };
};
