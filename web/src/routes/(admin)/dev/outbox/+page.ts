import { devApi } from '#lib/api/auth.ts';
import { ApiError } from '#lib/api/client.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, fetch, url }) => {
  await parent();
  try {
    const { items } = await devApi.outbox(fetch);
    return { forbidden: false, mails: items.toSorted((a, b) => b.createdAt.localeCompare(a.createdAt)) };
  } catch (cause) {
    // The page explains the refusal in words rather than showing a bare error page.
    if (cause instanceof ApiError && cause.status === 403) return { forbidden: true, mails: [] };
    failLoad(cause, url);
  }
};
