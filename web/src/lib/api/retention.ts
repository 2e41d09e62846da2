import type { retentionSettings, UpdateRetentionBody } from '@spejl/shared';
import { request } from './client.ts';
import type { WireOutput } from './wire.ts';

type Fetch = typeof fetch;
export type RetentionSettings = WireOutput<typeof retentionSettings>;

/** The platform's retention rules (admins with two-step verification in the session). */
export const retentionApi = {
  get: (fetcher?: Fetch) => request<RetentionSettings>('GET', '/admin/retention', { fetch: fetcher }),
  update: (body: UpdateRetentionBody) => request<RetentionSettings>('PATCH', '/admin/retention', { body }),
};
