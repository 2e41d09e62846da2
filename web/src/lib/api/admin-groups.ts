import type { AdminGroup, archiveGroupBody, createGroupBody, Group, updateGroupBody } from '@spejl/shared';
import { queryString, request } from './client.ts';
import type { Page } from './groups.ts';
import type { WireInput } from './wire.ts';

type Fetch = typeof fetch;
const adminPath = (id: string) => `/admin/groups/${encodeURIComponent(id)}`;

/** A group's settings (owners and admins) and the administration of groups (admins). */
export const adminGroupsApi = {
  list: (
    options: {
      q?: string;
      archived?: 'true' | 'false' | 'all';
      cursor?: string | null;
      limit?: number;
      fetch?: Fetch;
    } = {},
  ) => {
    const { fetch: fetcher, ...params } = options;
    return request<Page<AdminGroup>>('GET', `/admin/groups${queryString(params)}`, { fetch: fetcher });
  },
  /**
   * Every active group, page by page, for the parent pickers (a picker that stopped at the first page would hide the
   * 101st group). The list is the administration's own, so its size is the number of groups on the platform.
   */
  allActive: async (fetcher?: Fetch): Promise<AdminGroup[]> => {
    const items: AdminGroup[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AdminGroup> = await adminGroupsApi.list({
        archived: 'false',
        limit: 100,
        cursor,
        fetch: fetcher,
      });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  },
  get: (id: string, fetcher?: Fetch) =>
    request<{ group: AdminGroup }>('GET', adminPath(id), { fetch: fetcher }),
  create: (body: WireInput<typeof createGroupBody>) => request<{ group: Group }>('POST', '/groups', { body }),
  update: (id: string, body: WireInput<typeof updateGroupBody>) =>
    request<{ group: Group }>('PATCH', `/groups/${encodeURIComponent(id)}`, { body }),
  archive: (id: string, body: WireInput<typeof archiveGroupBody>) =>
    request<{ group: AdminGroup }>('POST', `${adminPath(id)}/archive`, { body }),
  unarchive: (id: string, body: WireInput<typeof archiveGroupBody>) =>
    request<{ group: AdminGroup }>('POST', `${adminPath(id)}/unarchive`, { body }),
};
