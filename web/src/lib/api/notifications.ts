import type { Notification } from '@spejl/shared';
import { queryString, request } from './client.ts';
import type { Page } from './groups.ts';

type Fetch = typeof fetch;
type ListOptions = { unread?: boolean; cursor?: string | null; limit?: number; fetch?: Fetch };

/** The signed-in user's notifications, newest first. */
export const notificationsApi = {
  list: ({ unread, fetch: fetcher, ...options }: ListOptions = {}) =>
    request<Page<Notification>>(
      'GET',
      `/notifications${queryString({ ...options, unread: unread ? 'true' : undefined })}`,
      { fetch: fetcher },
    ),
  markRead: (ids: string[]) => request<void>('POST', '/notifications/read', { body: { ids } }),
  markAllRead: () => request<void>('POST', '/notifications/read', { body: { all: true } }),
};
