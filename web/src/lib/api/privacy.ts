import type { accessRecord, consentState, exportArchive } from '@spejl/shared';
import type { ConsentKind } from '@spejl/shared/privacy-terms';
import { queryString, request } from './client.ts';
import type { WireOutput } from './wire.ts';

type Fetch = typeof fetch;
export type ConsentState = WireOutput<typeof consentState>;
export type AccessRecord = WireOutput<typeof accessRecord>;
export type ExportArchive = WireOutput<typeof exportArchive>;

/** The person's rights over their data: consents, export, deletion and access records. */
export const privacyApi = {
  consents: (fetcher?: Fetch) => request<ConsentState>('GET', '/me/consents', { fetch: fetcher }),
  setConsent: (kind: ConsentKind, given: boolean) =>
    request<ConsentState>('PUT', '/me/consents', { body: { kind, given } }),
  requestArchive: () => request<{ export: ExportArchive }>('POST', '/me/exports', { body: {} }),
  accessRecords: (options: { cursor?: string | null; fetch?: Fetch } = {}) =>
    request<{ items: AccessRecord[]; nextCursor: string | null }>(
      'GET',
      `/me/access-records${queryString({ cursor: options.cursor ?? undefined })}`,
      { fetch: options.fetch },
    ),
  deleteAccount: (password: string, messages: 'anonymise' | 'delete') =>
    request<void>('DELETE', '/me', { body: { password, messages } }),
};
