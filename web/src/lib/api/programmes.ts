import type {
  cohort,
  createCohortBody,
  createStepBody,
  EvaluationBody,
  Enrolment,
  EvaluationSummary,
  Programme,
  ProgrammeMatrix,
  programmeSummary,
  updateProgrammeBody,
  updateStepBody,
} from '@spejl/shared';
import { queryString, request } from './client.ts';
import type { Page } from './groups.ts';
import type { WireInput, WireOutput } from './wire.ts';

type Fetch = typeof fetch;
export type ProgrammeSummary = WireOutput<typeof programmeSummary>;
export type CreateStepInput = WireInput<typeof createStepBody>;
export type UpdateStepInput = WireInput<typeof updateStepBody>;
export type UpdateProgrammeInput = WireInput<typeof updateProgrammeBody>;
export type CreateCohortInput = WireInput<typeof createCohortBody>;
export type Cohort = WireOutput<typeof cohort>;

const path = (id: string) => `/programmes/${encodeURIComponent(id)}`;
const enrolmentPath = (id: string, enrolmentId: string) =>
  `${path(id)}/enrolments/${encodeURIComponent(enrolmentId)}`;
const stepPath = (id: string, stepId: string) => `${path(id)}/steps/${encodeURIComponent(stepId)}`;

/** The new-family programme: one function per endpoint. */
export const programmesApi = {
  list: (fetcher?: Fetch) =>
    request<Page<ProgrammeSummary>>('GET', `/programmes${queryString({ limit: 50 })}`, { fetch: fetcher }),
  get: (id: string, fetcher?: Fetch) => request<Programme>('GET', path(id), { fetch: fetcher }),
  mine: (fetcher?: Fetch) =>
    request<Page<Enrolment>>('GET', `/me/programmes${queryString({ limit: 20 })}`, { fetch: fetcher }),

  enrol: (id: string, body: { cohortId?: string; associationId?: string; familyLabel?: string } = {}) =>
    request<Enrolment>('POST', `${path(id)}/enrolments`, { body }),
  markDone: (id: string, stepId: string) => request<Enrolment>('POST', `${stepPath(id, stepId)}/done`),
  pause: (id: string, enrolmentId: string) =>
    request<Enrolment>('POST', `${enrolmentPath(id, enrolmentId)}/pause`),
  resume: (id: string, enrolmentId: string) =>
    request<Enrolment>('POST', `${enrolmentPath(id, enrolmentId)}/resume`),
  leave: (id: string, enrolmentId: string) =>
    request<void>('POST', `${enrolmentPath(id, enrolmentId)}/leave`),
  evaluate: (id: string, body: EvaluationBody) =>
    request<Enrolment>('POST', `${path(id)}/evaluations`, { body }),

  create: (body: { title: string; summary?: string }) => request<Programme>('POST', '/programmes', { body }),
  update: (id: string, body: UpdateProgrammeInput) => request<Programme>('PATCH', path(id), { body }),
  addStep: (id: string, body: CreateStepInput) => request<Programme>('POST', `${path(id)}/steps`, { body }),
  updateStep: (id: string, stepId: string, body: UpdateStepInput) =>
    request<Programme>('PATCH', stepPath(id, stepId), { body }),
  removeStep: (id: string, stepId: string) => request<void>('DELETE', stepPath(id, stepId)),
  /** A cohort: families who start the programme together on `startsOn`. */
  createCohort: (id: string, body: CreateCohortInput) =>
    request<Cohort>('POST', `${path(id)}/cohorts`, { body }),
  confirm: (id: string, enrolmentId: string, stepId: string) =>
    request<Enrolment>(
      'POST',
      `${enrolmentPath(id, enrolmentId)}/steps/${encodeURIComponent(stepId)}/confirm`,
    ),
  matrix: (id: string, options: { cohortId?: string | null; fetch?: Fetch } = {}) =>
    request<ProgrammeMatrix>(
      'GET',
      `${path(id)}/matrix${queryString({ cohortId: options.cohortId ?? undefined, limit: 100 })}`,
      { fetch: options.fetch },
    ),
  evaluations: (id: string, fetcher?: Fetch) =>
    request<EvaluationSummary>('GET', `${path(id)}/evaluations`, { fetch: fetcher }),

  /** The kit's published texts a step can point to (the first hundred, as the reader may see them). */
  resourceOptions: async (fetcher?: Fetch) => {
    const page = await request<Page<{ id: string; title: string }>>(
      'GET',
      `/resources${queryString({ limit: 100 })}`,
      {
        fetch: fetcher,
      },
    );
    return page.items.map((resource) => ({ id: resource.id, title: resource.title }));
  },

  /** A step's resources by title, for its links; one that cannot be read is left out. */
  resourceTitles: async (ids: string[], fetcher?: Fetch) => {
    const found = await Promise.all(
      ids.map((resourceId) =>
        request<{ id: string; title: string }>('GET', `/resources/${encodeURIComponent(resourceId)}`, {
          fetch: fetcher,
        }).then(
          (resource) => ({ id: resource.id, title: resource.title }),
          () => null,
        ),
      ),
    );
    return found.filter((resource): resource is { id: string; title: string } => resource !== null);
  },
};
