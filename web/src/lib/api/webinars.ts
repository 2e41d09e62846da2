import type {
  AttendanceReport,
  addStaffBody,
  calendarFeed,
  cancelWebinarBody,
  createWebinarBody,
  MyRegistration,
  organisableTargets,
  PublicWebinar,
  Registrant,
  registerBody,
  updateWebinarBody,
  Webinar,
} from '@spejl/shared';
import { queryString, request } from './client.ts';
import type { WireInput, WireOutput } from './wire.ts';

type Fetch = typeof fetch;
export type Page<T> = { items: T[]; nextCursor: string | null };
export type CalendarFeed = WireOutput<typeof calendarFeed>;
export type OrganisableTargets = WireOutput<typeof organisableTargets>;
export type WebinarView = 'upcoming' | 'mine' | 'past';

const webinarPath = (id: string) => `/webinars/${encodeURIComponent(id)}`;

/** Events, registration, organiser pages and the calendar feed: one function per endpoint. */
export const webinarsApi = {
  list: (
    options: { view?: WebinarView; from?: string; to?: string; cursor?: string | null; fetch?: Fetch } = {},
  ) => {
    const { fetch: fetcher, ...params } = options;
    return request<Page<Webinar>>('GET', `/webinars${queryString({ limit: 50, ...params })}`, {
      fetch: fetcher,
    });
  },
  /** Signed out: the coming events for everyone, without registrants or seats. */
  listPublic: (options: { limit?: number; fetch?: Fetch } = {}) => {
    const { fetch: fetcher, ...params } = options;
    return request<Page<PublicWebinar>>('GET', `/webinars${queryString({ limit: 50, ...params })}`, {
      fetch: fetcher,
    });
  },
  get: (id: string, fetcher?: Fetch) =>
    request<{ webinar: Webinar }>('GET', webinarPath(id), { fetch: fetcher }),
  organisable: (fetcher?: Fetch) =>
    request<OrganisableTargets>('GET', '/webinars/organisable', { fetch: fetcher }),
  create: (body: WireInput<typeof createWebinarBody>) =>
    request<{ webinar: Webinar }>('POST', '/webinars', { body }),
  update: (id: string, body: WireInput<typeof updateWebinarBody>) =>
    request<{ webinar: Webinar }>('PATCH', webinarPath(id), { body }),
  cancel: (id: string, body: WireInput<typeof cancelWebinarBody>) =>
    request<{ webinar: Webinar }>('POST', `${webinarPath(id)}/cancel`, { body }),

  register: (id: string, body: WireInput<typeof registerBody>) =>
    request<{ registration: MyRegistration }>('POST', `${webinarPath(id)}/registrations`, { body }),
  cancelRegistration: (id: string) => request<void>('DELETE', `${webinarPath(id)}/registrations/me`),
  registrants: (id: string, fetcher?: Fetch) =>
    request<{ items: Registrant[] }>('GET', `${webinarPath(id)}/registrations`, { fetch: fetcher }),
  attendance: (id: string, fetcher?: Fetch) =>
    request<AttendanceReport>('GET', `${webinarPath(id)}/attendance`, { fetch: fetcher }),

  addStaff: (id: string, body: WireInput<typeof addStaffBody>) =>
    request<{ webinar: Webinar }>('POST', `${webinarPath(id)}/staff`, { body }),
  removeStaff: (id: string, userId: string) =>
    request<{ webinar: Webinar }>('DELETE', `${webinarPath(id)}/staff/${encodeURIComponent(userId)}`),

  feed: (fetcher?: Fetch) => request<CalendarFeed>('GET', '/me/calendar', { fetch: fetcher }),
  createFeed: () => request<CalendarFeed>('POST', '/me/calendar'),
  revokeFeed: () => request<void>('DELETE', '/me/calendar'),
};

/** Links for downloads the browser handles itself. */
export const webinarFiles = {
  ics: (id: string) => `/api${webinarPath(id)}/event.ics`,
  registrantsCsv: (id: string) => `/api${webinarPath(id)}/registrations.csv`,
};
