import { adminGroupsApi } from '#lib/api/admin-groups.ts';
import { associationsApi } from '#lib/api/associations.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import type { PageLoad } from './$types';

const archivedValues = ['false', 'true', 'all'] as const;

/** Every group for admins, searched and filtered from the address; the active ones as parents for a new group. */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  const q = url.searchParams.get('q') ?? '';
  const asked = url.searchParams.get('archived');
  const archived = archivedValues.find((value) => value === asked) ?? 'false';
  try {
    const [list, parents, associations] = await Promise.all([
      adminGroupsApi.list({ q, archived, fetch }),
      adminGroupsApi.allActive(fetch),
      associationsApi.list('active', fetch),
    ]);
    return { q, archived, list, parents, associations: associations.items };
  } catch (cause) {
    failLoad(cause, url);
  }
};
