import type {
  AdminUser,
  ChangePlatformRoleBody,
  adminUserList,
  endSessionsResponse,
  LockUserBody,
  ReasonBody,
} from '@spejl/shared';
import { request } from './client.ts';
import type { WireOutput } from './wire.ts';

type Fetch = typeof fetch;
export type AdminUserList = WireOutput<typeof adminUserList>;
export type { AdminUser };

const base = (id: string) => `/admin/users/${encodeURIComponent(id)}`;

/** People in the administration (admins with two-step verification proven in this session). */
export const adminUsersApi = {
  search: (q: string, cursor?: string | null, fetcher?: Fetch) => {
    const params = new URLSearchParams({ q });
    if (cursor) params.set('cursor', cursor);
    return request<AdminUserList>('GET', `/admin/users?${params}`, { fetch: fetcher });
  },
  get: (id: string, fetcher?: Fetch) => request<{ user: AdminUser }>('GET', base(id), { fetch: fetcher }),
  changeRole: (id: string, body: ChangePlatformRoleBody) =>
    request<{ user: AdminUser }>('PATCH', base(id), { body }),
  lock: (id: string, body: LockUserBody) =>
    request<{ user: AdminUser }>('POST', `${base(id)}/lock`, { body }),
  unlock: (id: string, body: ReasonBody) =>
    request<{ user: AdminUser }>('POST', `${base(id)}/unlock`, { body }),
  resetMfa: (id: string, body: ReasonBody) =>
    request<{ user: AdminUser }>('POST', `${base(id)}/mfa-reset`, { body }),
  endSessions: (id: string, body: { reason?: string }) =>
    request<WireOutput<typeof endSessionsResponse>>('POST', `${base(id)}/sessions/end`, { body }),
};
