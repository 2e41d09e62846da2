import type {
  addMemberBody,
  changeRoleBody,
  createdInvite,
  createInviteBody,
  decideJoinRequestBody,
  Group,
  groupProfileBody,
  Invite,
  invitePreview,
  JoinRequest,
  Member,
  MembershipEvent,
  myMembership,
  removeMemberBody,
} from '@spejl/shared';
import { queryString, request } from './client.ts';
import type { WireInput, WireOutput } from './wire.ts';

type Fetch = typeof fetch;
/** A page of a list endpoint; pass `nextCursor` back as `cursor` for the next one. */
export type Page<T> = { items: T[]; nextCursor: string | null };
export type InvitePreview = WireOutput<typeof invitePreview>;
export type CreatedInvite = WireOutput<typeof createdInvite>;
export type MyMembership = WireOutput<typeof myMembership>;

/** `?cursor=&limit=` plus a list's own filters; `fetch` is SvelteKit's inside a load function. */
type ListOptions<Filters = object> = Filters & {
  cursor?: string | null | undefined;
  limit?: number;
  fetch?: Fetch | undefined;
};

/** GETs one page of a list; every option but `fetch` goes into the query string. */
function listPage<T>(path: string, options: ListOptions<Record<string, unknown>>) {
  const { fetch: fetcher, ...params } = options;
  return request<Page<T>>('GET', `${path}${queryString(params)}`, { fetch: fetcher });
}

const groupPath = (id: string) => `/groups/${encodeURIComponent(id)}`;
const itemPath = (id: string, kind: string, itemId: string) =>
  `${groupPath(id)}/${kind}/${encodeURIComponent(itemId)}`;

/** Groups and membership: one function per endpoint in the contract. */
export const groupsApi = {
  list: ({
    mine,
    pending,
    ...options
  }: ListOptions<{ q?: string; parentId?: string; mine?: boolean; pending?: boolean }> = {}) =>
    listPage<Group>('/groups', {
      ...options,
      mine: mine ? 'true' : undefined,
      pending: pending ? 'true' : undefined,
    }),
  get: (id: string, fetcher?: Fetch) => request<{ group: Group }>('GET', groupPath(id), { fetch: fetcher }),

  requestToJoin: (id: string, message?: string) =>
    request<{ joinRequest: JoinRequest }>('POST', `${groupPath(id)}/join-requests`, {
      body: message ? { message } : {},
    }),
  withdrawRequest: (id: string) => request<void>('DELETE', `${groupPath(id)}/join-requests/mine`),
  joinRequests: (id: string, options: ListOptions<{ status?: JoinRequest['status'] }> = {}) =>
    listPage<JoinRequest>(`${groupPath(id)}/join-requests`, options),
  approveRequest: (id: string, requestId: string) =>
    request<{ joinRequest: JoinRequest }>('POST', `${itemPath(id, 'join-requests', requestId)}/approve`, {
      body: {},
    }),
  declineRequest: (id: string, requestId: string, body: WireInput<typeof decideJoinRequestBody>) =>
    request<{ joinRequest: JoinRequest }>('POST', `${itemPath(id, 'join-requests', requestId)}/decline`, {
      body,
    }),

  createInvite: (id: string, body: WireInput<typeof createInviteBody>) =>
    request<CreatedInvite>('POST', `${groupPath(id)}/invites`, { body }),
  invites: (id: string, options: ListOptions = {}) => listPage<Invite>(`${groupPath(id)}/invites`, options),
  revokeInvite: (id: string, inviteId: string) => request<void>('DELETE', itemPath(id, 'invites', inviteId)),

  members: (id: string, options: ListOptions<{ q?: string }> = {}) =>
    listPage<Member>(`${groupPath(id)}/members`, options),
  addMember: (id: string, body: WireInput<typeof addMemberBody>) =>
    request<{ member: Member }>('POST', `${groupPath(id)}/members`, { body }),
  changeRole: (id: string, userId: string, body: WireInput<typeof changeRoleBody>) =>
    request<{ member: Member }>('PATCH', itemPath(id, 'members', userId), { body }),
  /** Removes a member; with the actor's own id it means leaving the group. */
  removeMember: (id: string, userId: string, body?: WireInput<typeof removeMemberBody>) =>
    request<void>('DELETE', itemPath(id, 'members', userId), body ? { body } : {}),
  updateProfile: (id: string, body: WireInput<typeof groupProfileBody>) =>
    request<{ membership: MyMembership }>('PATCH', `${groupPath(id)}/profile`, { body }),

  membershipEvents: (id: string, options: ListOptions = {}) =>
    listPage<MembershipEvent>(`${groupPath(id)}/membership-events`, options),
};

export const invitesApi = {
  preview: (code: string, fetcher?: Fetch) =>
    request<InvitePreview>('GET', `/invites/${encodeURIComponent(code)}`, { fetch: fetcher }),
  accept: (code: string) => request<{ group: Group }>('POST', `/invites/${encodeURIComponent(code)}/accept`),
};
