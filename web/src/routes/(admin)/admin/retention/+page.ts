import { failLoad } from '#lib/api/load-errors.ts';
import { retentionApi } from '#lib/api/retention.ts';
import type { PageLoad } from './$types';

/** The platform's retention rules (admins with two-step verification in the session). */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  try {
    return { settings: await retentionApi.get(fetch) };
  } catch (cause) {
    failLoad(cause, url);
  }
};
