import type {
  ArchiveAssociationBody,
  AssociationStatus,
  association,
  associationList,
  CreateAssociationBody,
  UpdateAssociationBody,
} from '@spejl/shared';
import { request } from './client.ts';
import type { WireOutput } from './wire.ts';

type Fetch = typeof fetch;
export type Association = WireOutput<typeof association>;
export type AssociationList = WireOutput<typeof associationList>;

/** Associations in the administration (admins with two-step verification in the session). */
export const associationsApi = {
  list: (status: AssociationStatus, fetcher?: Fetch) =>
    request<AssociationList>('GET', `/admin/associations?status=${status}`, { fetch: fetcher }),
  get: (id: string, fetcher?: Fetch) =>
    request<Association>('GET', `/admin/associations/${encodeURIComponent(id)}`, { fetch: fetcher }),
  create: (body: CreateAssociationBody) => request<Association>('POST', '/admin/associations', { body }),
  update: (id: string, body: UpdateAssociationBody) =>
    request<Association>('PATCH', `/admin/associations/${encodeURIComponent(id)}`, { body }),
  archive: (id: string, body: ArchiveAssociationBody) =>
    request<Association>('POST', `/admin/associations/${encodeURIComponent(id)}/archive`, { body }),
  unarchive: (id: string, body: ArchiveAssociationBody) =>
    request<Association>('POST', `/admin/associations/${encodeURIComponent(id)}/unarchive`, { body }),
  /** Replaces the logo with the chosen file (the server checks and re-encodes it). */
  uploadLogo: (id: string, file: Blob) =>
    request<Association>('PUT', `/admin/associations/${encodeURIComponent(id)}/logo`, { body: file }),
  removeLogo: (id: string) =>
    request<Association>('DELETE', `/admin/associations/${encodeURIComponent(id)}/logo`),
};
