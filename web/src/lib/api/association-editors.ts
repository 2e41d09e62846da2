import type { AddAssociationEditorBody, associationEditorList } from '@spejl/shared';
import { request } from './client.ts';
import type { WireOutput } from './wire.ts';

type Fetch = typeof fetch;
export type AssociationEditorList = WireOutput<typeof associationEditorList>;
export type AssociationEditor = AssociationEditorList['items'][number];

const base = (associationId: string) => `/associations/${encodeURIComponent(associationId)}/editors`;

/** The people an admin made editors of an association's knowledge (admins with two-step verification proven). */
export const associationEditorsApi = {
  list: (associationId: string, fetcher?: Fetch) =>
    request<AssociationEditorList>('GET', base(associationId), { fetch: fetcher }),
  add: (associationId: string, body: AddAssociationEditorBody) =>
    request<AssociationEditorList>('POST', base(associationId), { body }),
  remove: (associationId: string, userId: string) =>
    request<void>('DELETE', `${base(associationId)}/${encodeURIComponent(userId)}`),
};
