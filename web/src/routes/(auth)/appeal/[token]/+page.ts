import { ApiError } from '#lib/api/client.ts';
import { moderationApi } from '#lib/api/moderation.ts';
import type { PageLoad } from './$types';

/** A suspended member's link from their mail: the decision and, once, an appeal. Works without signing in. */
export const load: PageLoad = async ({ parent, params, fetch }) => {
  await parent();
  try {
    return { token: params.token, preview: await moderationApi.appealPreview(params.token, fetch) };
  } catch (cause) {
    if (cause instanceof ApiError && cause.status < 500) return { token: params.token, preview: null };
    throw cause;
  }
};
