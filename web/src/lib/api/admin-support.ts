import type { platformSupport, UpdatePlatformSupportBody } from '@spejl/shared';
import { request } from './client.ts';
import type { WireOutput } from './wire.ts';

type Fetch = typeof fetch;
export type PlatformSupport = WireOutput<typeof platformSupport>;

/** The platform's helplines in the administration (admins with two-step verification in the session). */
export const adminSupportApi = {
  get: (fetcher?: Fetch) => request<PlatformSupport>('GET', '/admin/support', { fetch: fetcher }),
  update: (body: UpdatePlatformSupportBody) => request<PlatformSupport>('PUT', '/admin/support', { body }),
};
