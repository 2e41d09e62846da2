import type {
  CreateResourceBody,
  ResourceAudience,
  ResourceStatus,
  ResourceTopic,
  resource,
  resourceList,
  UpdateResourceBody,
} from '@spejl/shared';
import { queryString, request } from './client.ts';
import type { WireOutput } from './wire.ts';

type Fetch = typeof fetch;
export type Resource = WireOutput<typeof resource>;
export type ResourceListItem = WireOutput<typeof resourceList>['items'][number];
export type ResourcePage = WireOutput<typeof resourceList>;

/** What the list asks for: search, filters and paging. */
export interface ResourceFilter {
  q?: string | undefined;
  topic?: ResourceTopic | undefined;
  audience?: ResourceAudience | undefined;
  associationId?: string | undefined;
  groupId?: string | undefined;
  status?: ResourceStatus | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

const resourcePath = (id: string) => `/resources/${encodeURIComponent(id)}`;

/** The information kit ("Viden"): public resources answer signed out; editors create, edit, check and withdraw. */
export const resourcesApi = {
  list: (filter: ResourceFilter = {}, fetcher?: Fetch) =>
    request<ResourcePage>('GET', `/resources${queryString({ ...filter })}`, { fetch: fetcher }),
  reviewQueue: (options: { cursor?: string; limit?: number } = {}, fetcher?: Fetch) =>
    request<ResourcePage>('GET', `/resources/review${queryString(options)}`, { fetch: fetcher }),
  get: (id: string, fetcher?: Fetch) => request<Resource>('GET', resourcePath(id), { fetch: fetcher }),
  create: (body: CreateResourceBody) => request<Resource>('POST', '/resources', { body }),
  update: (id: string, body: UpdateResourceBody) => request<Resource>('PATCH', resourcePath(id), { body }),
  stillCorrect: (id: string) => request<Resource>('POST', `${resourcePath(id)}/still-correct`),
  withdraw: (id: string, reason: string) =>
    request<Resource>('POST', `${resourcePath(id)}/withdraw`, { body: { reason } }),
  republish: (id: string) => request<Resource>('POST', `${resourcePath(id)}/republish`, { body: {} }),
  remove: (id: string) => request<void>('DELETE', resourcePath(id)),
};
