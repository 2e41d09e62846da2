import type { BlockedPerson, DirectConversation, directRequestBody } from '@spejl/shared';
import { queryString, request } from './client.ts';
import type { Page } from './groups.ts';
import type { WireInput } from './wire.ts';

type Fetch = typeof fetch;
type ListOptions = { cursor?: string | null | undefined; limit?: number; fetch?: Fetch | undefined };

const conversationPath = (id: string) => `/direct/${encodeURIComponent(id)}`;

/** Direct messages: the setting, conversations and blocks (docs: shared/src/direct.ts). */
export const directApi = {
  settings: (fetcher?: Fetch) =>
    request<{ enabled: boolean }>('GET', '/me/direct-settings', { fetch: fetcher }),
  saveSettings: (enabled: boolean) =>
    request<{ enabled: boolean }>('PATCH', '/me/direct-settings', { body: { enabled } }),

  list: ({ fetch: fetcher, ...params }: ListOptions = {}) =>
    request<Page<DirectConversation>>('GET', `/direct${queryString(params)}`, { fetch: fetcher }),
  get: (id: string, fetcher?: Fetch) =>
    request<{ conversation: DirectConversation }>('GET', conversationPath(id), { fetch: fetcher }),
  ask: (body: WireInput<typeof directRequestBody>) =>
    request<{ conversation: DirectConversation }>('POST', '/direct', { body }),
  accept: (id: string) =>
    request<{ conversation: DirectConversation }>('POST', `${conversationPath(id)}/accept`),
  decline: (id: string) =>
    request<{ conversation: DirectConversation }>('POST', `${conversationPath(id)}/decline`),

  block: (userId: string) =>
    request<{ blocked: boolean }>('POST', `/people/${encodeURIComponent(userId)}/block`),
  unblock: (userId: string) => request<void>('DELETE', `/people/${encodeURIComponent(userId)}/block`),
  blocks: ({ fetch: fetcher, ...params }: ListOptions = {}) =>
    request<Page<BlockedPerson>>('GET', `/me/blocks${queryString(params)}`, { fetch: fetcher }),
};
