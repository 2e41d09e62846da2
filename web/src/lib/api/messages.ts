import type { Message, messageEdit, messageList, preferences, updatePreferencesBody } from '@spejl/shared';
import { queryString, request } from './client.ts';
import type { WireInput, WireOutput } from './wire.ts';

type Fetch = typeof fetch;
export type MessagePage = WireOutput<typeof messageList>;
export type MessageEdit = WireOutput<typeof messageEdit>;
export type Preferences = WireOutput<typeof preferences>;

const groupPath = (id: string) => `/groups/${encodeURIComponent(id)}`;
const messagePath = (id: string) => `/messages/${encodeURIComponent(id)}`;

/** Group chat over REST: history pages, posting (idempotent by clientId), edits, reactions, search. */
export const messagesApi = {
  list: (
    groupId: string,
    options: { before?: number; after?: number; limit?: number; threadId?: string; fetch?: Fetch } = {},
  ) => {
    const { fetch: fetcher, ...params } = options;
    return request<MessagePage>('GET', `${groupPath(groupId)}/messages${queryString(params)}`, {
      fetch: fetcher,
    });
  },
  post: (
    groupId: string,
    body: { clientId: string; body: string; threadId?: string; attachments?: string[] },
  ) => request<{ message: Message }>('POST', `${groupPath(groupId)}/messages`, { body }),
  edit: (id: string, body: string) =>
    request<{ message: Message }>('PATCH', messagePath(id), { body: { body } }),
  remove: (id: string) => request<void>('DELETE', messagePath(id)),
  edits: (id: string) => request<{ items: MessageEdit[] }>('GET', `${messagePath(id)}/edits`),
  react: (id: string, emoji: string) =>
    request<{ message: Message }>('POST', `${messagePath(id)}/reactions`, { body: { emoji } }),
  unreact: (id: string, emoji: string) =>
    request<{ message: Message }>('DELETE', `${messagePath(id)}/reactions/${encodeURIComponent(emoji)}`),
  search: (groupId: string, q: string) =>
    request<{ items: Message[] }>('GET', `${groupPath(groupId)}/search${queryString({ q })}`),
  markRead: (groupId: string, seq: number) =>
    request<{ groupId: string; seq: number }>('PUT', `${groupPath(groupId)}/read`, { body: { seq } }),
};

export const preferencesApi = {
  get: (fetcher?: Fetch) => request<Preferences>('GET', '/me/preferences', { fetch: fetcher }),
  update: (body: WireInput<typeof updatePreferencesBody>) =>
    request<Preferences>('PATCH', '/me/preferences', { body }),
};
