import type {
  ActionBody,
  Appeal,
  AuditEntry,
  bulkActionResult,
  FlagBody,
  flagResponse,
  ModerationFilter,
  ModerationItem,
  ModerationItemDetail,
  ModerationSettings,
  ModerationSummary,
  MyModerationAction,
  MyReport,
  supportResources,
  suspensionAppealPreview,
  TransparencyReport,
  UpdateModerationSettingsBody,
} from '@spejl/shared';
import { queryString, request } from './client.ts';
import type { Page } from './groups.ts';
import type { WireOutput } from './wire.ts';

type Fetch = typeof fetch;
type ListOptions<Filters = object> = Filters & { cursor?: string | null; limit?: number; fetch?: Fetch };
export type SupportResources = WireOutput<typeof supportResources>;
export type SuspensionAppealPreview = WireOutput<typeof suspensionAppealPreview>;
export type BulkResult = WireOutput<typeof bulkActionResult>;
export type FlagResult = WireOutput<typeof flagResponse>;

function listPage<T>(path: string, { fetch: fetcher, ...params }: ListOptions<Record<string, unknown>>) {
  return request<Page<T>>('GET', `${path}${queryString(params)}`, { fetch: fetcher });
}

const id = encodeURIComponent;

/** Moderation: one function per endpoint. Without a `groupId`, queue, appeals and records are the platform's. */
export const moderationApi = {
  flag: (messageId: string, body: FlagBody) =>
    request<FlagResult>('POST', `/messages/${id(messageId)}/flags`, { body }),
  myReports: (options: ListOptions = {}) => listPage<MyReport>('/me/reports', options),
  myDecisions: (options: ListOptions = {}) => listPage<MyModerationAction>('/me/moderation-actions', options),
  myDecision: (actionId: string, fetcher?: Fetch) =>
    request<{ action: MyModerationAction }>('GET', `/me/moderation-actions/${id(actionId)}`, {
      fetch: fetcher,
    }),
  summary: (fetcher?: Fetch) => request<ModerationSummary>('GET', '/moderation/summary', { fetch: fetcher }),

  queue: (
    options: ListOptions<{ groupId?: string; scope?: 'mentoring'; status?: 'open' | 'resolved' }> = {},
  ) => listPage<ModerationItem>('/moderation/queue', options),
  item: (itemId: string, fetcher?: Fetch) =>
    request<{ item: ModerationItemDetail }>('GET', `/moderation/items/${id(itemId)}`, { fetch: fetcher }),
  claim: (itemId: string) =>
    request<{ item: ModerationItemDetail }>('POST', `/moderation/items/${id(itemId)}/claim`),
  release: (itemId: string) =>
    request<{ item: ModerationItemDetail }>('DELETE', `/moderation/items/${id(itemId)}/claim`),
  act: (itemId: string, body: ActionBody) =>
    request<{ item: ModerationItemDetail }>('POST', `/moderation/items/${id(itemId)}/actions`, { body }),
  bulk: (itemIds: string[], body: ActionBody) =>
    request<BulkResult>('POST', '/moderation/items/bulk-actions', { body: { ...body, itemIds } }),

  appeal: (actionId: string, statement: string) =>
    request<{ appeal: Appeal }>('POST', `/moderation/actions/${id(actionId)}/appeals`, {
      body: { statement },
    }),
  appeals: (
    options: ListOptions<{ groupId?: string; scope?: 'mentoring'; status?: 'open' | 'decided' }> = {},
  ) => listPage<Appeal>('/moderation/appeals', options),
  decide: (appealId: string, body: { outcome: 'upheld' | 'overturned'; reason: string }) =>
    request<{ appeal: Appeal }>('POST', `/moderation/appeals/${id(appealId)}/decision`, { body }),
  appealPreview: (token: string, fetcher?: Fetch) =>
    request<SuspensionAppealPreview>('GET', `/moderation/appeal-tokens/${id(token)}`, { fetch: fetcher }),
  appealByToken: (token: string, statement: string) =>
    request<void>('POST', `/moderation/appeal-tokens/${id(token)}/appeal`, { body: { statement } }),

  settings: (groupId: string, fetcher?: Fetch) =>
    request<{ settings: ModerationSettings }>('GET', `/moderation/groups/${id(groupId)}/settings`, {
      fetch: fetcher,
    }),
  updateSettings: (groupId: string, body: UpdateModerationSettingsBody) =>
    request<{ settings: ModerationSettings }>('PATCH', `/moderation/groups/${id(groupId)}/settings`, {
      body,
    }),
  filters: (groupId: string | undefined, fetcher?: Fetch) =>
    request<{ items: ModerationFilter[] }>('GET', `/moderation/filters${queryString({ groupId })}`, {
      fetch: fetcher,
    }),
  addFilter: (body: {
    groupId?: string;
    kind: 'word' | 'pattern';
    pattern: string;
    action: 'block' | 'hold' | 'flag';
  }) => request<{ filter: ModerationFilter }>('POST', '/moderation/filters', { body }),
  removeFilter: (filterId: string) => request<void>('DELETE', `/moderation/filters/${id(filterId)}`),
  support: (groupId: string | undefined, fetcher?: Fetch) =>
    request<SupportResources>('GET', `/moderation/support${queryString({ groupId })}`, { fetch: fetcher }),

  auditLog: (options: ListOptions<{ groupId?: string }> = {}) =>
    listPage<AuditEntry>('/moderation/audit-log', options),
  /** The CSV export is a plain link (the browser downloads it with the session cookie). */
  auditCsvUrl: (groupId?: string) => `/api/moderation/audit-log.csv${queryString({ groupId })}`,
  transparency: (
    options: { groupId?: string; period?: 'month' | 'quarter' | 'year'; fetch?: Fetch } = {},
  ) => {
    const { fetch: fetcher, ...params } = options;
    return request<TransparencyReport>('GET', `/moderation/transparency${queryString(params)}`, {
      fetch: fetcher,
    });
  },
};
