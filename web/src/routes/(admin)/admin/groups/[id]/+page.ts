import { adminGroupsApi } from '#lib/api/admin-groups.ts';
import { associationsApi } from '#lib/api/associations.ts';
import { groupsApi } from '#lib/api/groups.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import type { PageLoad } from './$types';

/** One group for admins: its record (archived ones too), and for an active group its settings and the parents. */
export const load: PageLoad = async ({ parent, params, url, fetch, depends }) => {
  await parent();
  depends('app:admin-group');
  try {
    const { group: record } = await adminGroupsApi.get(params.id, fetch);
    if (record.archivedAt) return { record, group: null, parents: [], associations: [] };
    const [{ group }, parents, associations] = await Promise.all([
      groupsApi.get(record.id, fetch),
      adminGroupsApi.allActive(fetch),
      associationsApi.list('active', fetch),
    ]);
    return {
      record,
      group,
      parents: parents.filter((item) => item.id !== record.id),
      associations: associations.items,
    };
  } catch (cause) {
    failLoad(cause, url);
  }
};
