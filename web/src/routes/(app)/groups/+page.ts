import { groupsApi } from '#lib/api/groups.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  const q = url.searchParams.get('q')?.trim() ?? '';
  try {
    const groups = await groupsApi.list({ q: q || undefined, fetch });
    return { q, groups };
  } catch (cause) {
    failLoad(cause, url);
  }
};
