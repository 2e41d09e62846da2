import type {
  groupRetention,
  groupRetentionBody,
  retentionSettings,
  UpdateRetentionBody,
} from '@spejl/shared';
import { request } from './client.ts';
import type { WireInput, WireOutput } from './wire.ts';

type Fetch = typeof fetch;
export type RetentionSettings = WireOutput<typeof retentionSettings>;
export type GroupRetention = WireOutput<typeof groupRetention>;

/** The platform's retention rules (admins with two-step verification in the session). */
export const retentionApi = {
  get: (fetcher?: Fetch) => request<RetentionSettings>('GET', '/admin/retention', { fetch: fetcher }),
  update: (body: UpdateRetentionBody) => request<RetentionSettings>('PATCH', '/admin/retention', { body }),
  /** A group's own rule for its messages (its owners and admins), and the platform's that applies without one. */
  group: (groupId: string, fetcher?: Fetch) =>
    request<GroupRetention>('GET', `/groups/${encodeURIComponent(groupId)}/retention`, { fetch: fetcher }),
  setGroup: (groupId: string, body: WireInput<typeof groupRetentionBody>) =>
    request<GroupRetention>('PUT', `/groups/${encodeURIComponent(groupId)}/retention`, { body }),
};
