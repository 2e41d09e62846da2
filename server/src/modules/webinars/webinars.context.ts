import type { MyRegistration, Webinar, WebinarAudience, WebinarStaffMember } from '@spejl/shared';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import {
  type ActorGroups,
  type WebinarAction,
  type WebinarFacts,
  roomRoleOf,
  webinarPermissionsFor,
  webinarRefusal,
} from './webinars.policy.ts';
import type {
  RegistrationRow,
  WebinarRecord,
  WebinarRow,
  WebinarsRepository,
} from './webinars.repository.ts';

/** One event as one actor sees it: the record, their registration, the staff, and their memberships. */
export interface WebinarContext {
  record: WebinarRecord;
  registration: RegistrationRow | undefined;
  staff: WebinarStaffMember[];
  groups: ActorGroups;
  facts: WebinarFacts;
}

export function audienceOf(webinar: WebinarRow): WebinarAudience {
  if (webinar.groupId) return 'group';
  if (webinar.organisationId) return 'organisation';
  return 'platform';
}

export const endsAtOf = (webinar: WebinarRow) =>
  new Date(webinar.startsAt.getTime() + webinar.durationMinutes * 60_000);

/** Registration closes at the deadline, or when the event ends. */
export function registrationOpen(webinar: WebinarRow, now: Date): boolean {
  const closesAt = webinar.registrationDeadline ?? endsAtOf(webinar);
  return webinar.status === 'scheduled' && now < closesAt;
}

export function factsOf(
  actor: Actor,
  record: WebinarRecord,
  registration: RegistrationRow | undefined,
  staff: WebinarStaffMember[],
): WebinarFacts {
  const webinar = record.webinar;
  return {
    audience: audienceOf(webinar),
    groupId: webinar.groupId,
    groupVisibility: record.groupVisibility,
    organisationId: webinar.organisationId,
    staffRole: staff.find((member) => member.userId === actor.user.id)?.role ?? null,
    registrationStatus: registration?.status ?? null,
  };
}

/** Loads an event for an actor and checks the action; 404 when it does not exist or they may not see it. */
export async function loadWebinar(
  repository: WebinarsRepository,
  actor: Actor,
  id: string,
  action: WebinarAction = 'see',
): Promise<WebinarContext> {
  const record = await repository.findRecord(id);
  if (!record) throw new AppError('not_found');
  const [registration] = await repository.registrationsOf(actor.user.id, [record.webinar.id]);
  const staff = (await repository.staffOf([record.webinar.id])).map(toStaffMember);
  const groups = await repository.actorGroups(actor.user.id);
  const facts = factsOf(actor, record, registration, staff);
  const refusal = webinarRefusal(actor, action, facts, groups);
  if (refusal) throw new AppError(refusal);
  return { record, registration, staff, groups, facts };
}

export function toStaffMember(row: { userId: string; displayName: string; role: 'host' | 'presenter' }) {
  return { userId: row.userId, displayName: row.displayName, role: row.role };
}

export function toMyRegistration(row: RegistrationRow, waitlistPosition: number | null): MyRegistration {
  return {
    id: row.id,
    status: row.status,
    answers: row.answers,
    queuedAt: row.queuedAt.toISOString(),
    registeredAt: row.registeredAt?.toISOString() ?? null,
    offerExpiresAt: row.offerExpiresAt?.toISOString() ?? null,
    waitlistPosition: row.status === 'waitlisted' ? waitlistPosition : null,
    cancelReason: row.cancelReason,
  };
}

/** Maps an event to the allowlisted API shape for one actor. */
export function toWebinar(
  actor: Actor,
  context: WebinarContext,
  now: Date,
  waitlistPosition: number | null,
): Webinar {
  const { record, registration, staff, groups, facts } = context;
  const webinar = record.webinar;
  const cancelled = webinar.status === 'cancelled';
  return {
    id: webinar.id,
    title: webinar.title,
    description: webinar.description,
    speakers: webinar.speakers,
    startsAt: webinar.startsAt.toISOString(),
    endsAt: endsAtOf(webinar).toISOString(),
    durationMinutes: webinar.durationMinutes,
    capacity: webinar.capacity,
    registrationDeadline: webinar.registrationDeadline?.toISOString() ?? null,
    mode: webinar.mode,
    location: webinar.location,
    audience: facts.audience,
    group:
      webinar.groupId && record.groupName && record.groupSlug
        ? { id: webinar.groupId, slug: record.groupSlug, name: record.groupName }
        : null,
    organisation:
      webinar.organisationId && record.organisationName
        ? { id: webinar.organisationId, name: record.organisationName }
        : null,
    questions: webinar.questions.map((question) => ({
      id: question.id,
      label: question.label,
      kind: question.kind,
      required: question.required,
      ...(question.options ? { options: question.options } : {}),
    })),
    recordingUrl: webinar.recordingUrl,
    materials: webinar.materials,
    status: webinar.status,
    cancelReason: webinar.cancelReason,
    sequence: webinar.sequence,
    roomStatus: webinar.roomStatus,
    registeredCount: record.registeredCount,
    waitlistCount: record.waitlistCount,
    seatsLeft:
      webinar.capacity === null
        ? null
        : Math.max(0, webinar.capacity - record.registeredCount - record.offeredCount),
    myRegistration: registration ? toMyRegistration(registration, waitlistPosition) : null,
    myRoomRole: cancelled ? null : roomRoleOf(actor, facts, groups),
    staff,
    permissions: webinarPermissionsFor(actor, facts, groups, {
      cancelled,
      registrationOpen: registrationOpen(webinar, now),
    }),
    createdAt: webinar.createdAt.toISOString(),
    updatedAt: webinar.updatedAt.toISOString(),
  };
}
