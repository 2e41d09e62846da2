import type { EnrolmentStatus, ErrorCode, ProgrammeCompletion, ProgrammeStatus } from '@spejl/shared';
import { type Actor, hasPlatformPower, hasVerifiedMfa, mfaRefusal } from '../auth/auth.policy.ts';

/** The parts of a programme that decide access. */
export interface ProgrammeFacts {
  status: ProgrammeStatus;
  ownerId: string | null;
}

/** The parts of an enrolment that decide what its family (and a coordinator) may do with it. */
export interface EnrolmentFacts {
  userId: string;
  status: EnrolmentStatus;
}

export type ProgrammeAction = 'see' | 'enrol' | 'manage';
export type EnrolmentAction = 'mark_done' | 'pause' | 'resume' | 'leave' | 'evaluate';

const isOwner = (actor: Actor, programme: ProgrammeFacts) =>
  programme.ownerId !== null && programme.ownerId === actor.user.id;

/** Coordinators and admins (with a verified second factor) run every programme; an owner runs their own. */
function managerRefusal(actor: Actor, programme: ProgrammeFacts): ErrorCode | null {
  if (hasPlatformPower(actor, 'coordinator')) return null;
  if (isOwner(actor, programme) || actor.user.platformRole !== 'member')
    return mfaRefusal(actor) ?? 'auth.forbidden';
  return 'auth.forbidden';
}

/** True when the actor may run this programme (edit it, see its matrix and evaluations, confirm steps). */
export function canManageProgramme(actor: Actor, programme: ProgrammeFacts): boolean {
  return hasPlatformPower(actor, 'coordinator') || (isOwner(actor, programme) && hasVerifiedMfa(actor));
}

/**
 * Answers "may this actor do this with this programme?": null when allowed, else the error code. A draft is
 * `programme.not_found` to everyone who may not run it, so an unpublished programme never shows that it exists.
 */
export function programmeRefusal(
  actor: Actor,
  action: ProgrammeAction,
  programme: ProgrammeFacts,
): ErrorCode | null {
  const manager = canManageProgramme(actor, programme);
  if (programme.status === 'draft' && !manager) return 'programme.not_found';
  switch (action) {
    case 'see':
      return null;
    case 'enrol':
      return programme.status === 'open' ? null : 'programme.closed';
    case 'manage':
      return manager ? null : managerRefusal(actor, programme);
  }
}

/** Who may write a new programme: coordinators and admins with a verified second factor. */
export function createProgrammeRefusal(actor: Actor): ErrorCode | null {
  if (hasPlatformPower(actor, 'coordinator')) return null;
  if (actor.user.platformRole === 'member') return 'auth.forbidden';
  return mfaRefusal(actor) ?? 'auth.forbidden';
}

/**
 * What a family may do with its own enrolment. Someone else's enrolment is `not_found` (its existence is private);
 * steps can be ticked off while it runs or is paused, questionnaires answered until the family leaves.
 */
export function enrolmentRefusal(
  actor: Actor,
  action: EnrolmentAction,
  enrolment: EnrolmentFacts,
): ErrorCode | null {
  if (enrolment.userId !== actor.user.id) return 'not_found';
  switch (action) {
    case 'mark_done':
      // A paused family may still tick off what it did; pausing only stops the reminders.
      return enrolment.status === 'active' || enrolment.status === 'paused'
        ? null
        : 'programme.enrolment_not_active';
    case 'pause':
      return enrolment.status === 'active' ? null : 'programme.enrolment_not_active';
    case 'resume':
      return enrolment.status === 'paused' ? null : 'programme.enrolment_not_active';
    case 'leave':
      return enrolment.status === 'left' ? 'programme.enrolment_not_active' : null;
    case 'evaluate':
      return enrolment.status === 'left' ? 'programme.enrolment_not_active' : null;
  }
}

/**
 * May the family itself mark a step with this completion done? Steps that count from the attendance record or a
 * coordinator's confirmation answer with their own code, so the web can say who or what will mark it.
 */
export function markDoneRefusal(completion: ProgrammeCompletion): ErrorCode | null {
  switch (completion) {
    case 'read':
    case 'marked_done':
      return null;
    case 'attended':
      return 'programme.needs_attendance';
    case 'confirmed':
      return 'programme.coordinator_confirms';
  }
}

/** What the actor may do with a programme, sent with it; from the same functions that refuse. */
export function programmePermissions(actor: Actor, programme: ProgrammeFacts) {
  return {
    canEnrol: programmeRefusal(actor, 'enrol', programme) === null,
    canManage: programmeRefusal(actor, 'manage', programme) === null,
  };
}
