import type {
  approveMentorBody,
  batchBody,
  batchResponse,
  CandidatesResponse,
  checkInBody,
  closeMatchBody,
  CreateRequestBody,
  feedbackBody,
  MatchingWeights,
  MentoringDashboard,
  MentoringMatch,
  MentoringMe,
  MentoringRequest,
  MentorProfile,
  MentorProfileBody,
  UpdateRequestBody,
} from '@spejl/shared';
import { queryString, request } from './client.ts';
import type { Page } from './groups.ts';
import type { WireInput, WireOutput } from './wire.ts';

type Fetch = typeof fetch;
export type MatchDetail = { match: MentoringMatch; request: MentoringRequest };
export type BatchResult = WireOutput<typeof batchResponse>;

const requestPath = (id: string) => `/mentoring/requests/${encodeURIComponent(id)}`;
const matchPath = (id: string) => `/mentoring/matches/${encodeURIComponent(id)}`;
const mentorPath = (id: string) => `/mentoring/mentors/${encodeURIComponent(id)}`;

/** Mentoring: one function per endpoint. */
export const mentoringApi = {
  me: (fetcher?: Fetch) => request<MentoringMe>('GET', '/mentoring/me', { fetch: fetcher }),

  saveProfile: (body: MentorProfileBody) =>
    request<{ profile: MentorProfile }>('PUT', '/mentoring/mentor-profile', { body }),
  deleteProfile: () => request<void>('DELETE', '/mentoring/mentor-profile'),

  createRequest: (body: CreateRequestBody) =>
    request<{ request: MentoringRequest }>('POST', '/mentoring/requests', { body }),
  getRequest: (id: string, fetcher?: Fetch) =>
    request<{ request: MentoringRequest }>('GET', requestPath(id), { fetch: fetcher }),
  updateRequest: (id: string, body: UpdateRequestBody) =>
    request<{ request: MentoringRequest }>('PATCH', requestPath(id), { body }),
  addNote: (id: string, body: string) =>
    request<{ request: MentoringRequest }>('POST', `${requestPath(id)}/notes`, { body: { body } }),
  withdrawRequest: (id: string) =>
    request<{ request: MentoringRequest }>('POST', `${requestPath(id)}/withdraw`),
  candidates: (id: string, fetcher?: Fetch) =>
    request<CandidatesResponse>('GET', `${requestPath(id)}/candidates`, { fetch: fetcher }),

  propose: (requestId: string, mentorUserId: string) =>
    request<MatchDetail>('POST', '/mentoring/matches', { body: { requestId, mentorUserId } }),
  getMatch: (id: string, fetcher?: Fetch) => request<MatchDetail>('GET', matchPath(id), { fetch: fetcher }),
  accept: (id: string) => request<MatchDetail>('POST', `${matchPath(id)}/accept`),
  decline: (id: string, reason: string) =>
    request<void>('POST', `${matchPath(id)}/decline`, { body: { reason } }),
  cancel: (id: string) => request<MatchDetail>('POST', `${matchPath(id)}/cancel`),
  close: (id: string, body: WireInput<typeof closeMatchBody>) =>
    request<MatchDetail>('POST', `${matchPath(id)}/close`, { body }),
  feedback: (id: string, body: WireInput<typeof feedbackBody>) =>
    request<MatchDetail>('POST', `${matchPath(id)}/feedback`, { body }),
  recordContact: (id: string) => request<MatchDetail>('POST', `${matchPath(id)}/first-contact`),
  checkIn: (id: string, body: WireInput<typeof checkInBody>) =>
    request<MatchDetail>('POST', `${matchPath(id)}/check-ins`, { body }),

  dashboard: (fetcher?: Fetch) =>
    request<MentoringDashboard>('GET', '/mentoring/dashboard', { fetch: fetcher }),
  mentors: (options: { status?: MentorProfile['status']; cursor?: string | null; fetch?: Fetch } = {}) =>
    request<Page<MentorProfile>>(
      'GET',
      `/mentoring/mentors${queryString({ status: options.status, cursor: options.cursor ?? undefined, limit: 100 })}`,
      { fetch: options.fetch },
    ),
  approve: (userId: string, body: WireInput<typeof approveMentorBody>) =>
    request<{ profile: MentorProfile }>('POST', `${mentorPath(userId)}/approve`, { body }),
  pause: (userId: string, reason?: string) =>
    request<{ profile: MentorProfile }>('POST', `${mentorPath(userId)}/pause`, {
      body: reason ? { reason } : {},
    }),
  batch: (body: WireInput<typeof batchBody>) => request<BatchResult>('POST', '/mentoring/batch', { body }),
  weights: (fetcher?: Fetch) =>
    request<{ weights: MatchingWeights; updatedAt: string | null }>('GET', '/mentoring/settings/weights', {
      fetch: fetcher,
    }),
  saveWeights: (weights: MatchingWeights) =>
    request<{ weights: MatchingWeights; updatedAt: string | null }>('PUT', '/mentoring/settings/weights', {
      body: weights,
    }),
};
