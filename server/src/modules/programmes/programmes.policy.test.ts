import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/auth.policy.ts';
import {
  canManageProgramme,
  createProgrammeRefusal,
  enrolmentRefusal,
  markDoneRefusal,
  type ProgrammeFacts,
  programmePermissions,
  programmeRefusal,
} from './programmes.policy.ts';

function actorWith(platformRole: 'member' | 'coordinator' | 'admin', mfa: boolean, id = 'u1'): Actor {
  return {
    user: { id, platformRole, totpEnabledAt: mfa ? new Date() : null },
    session: { id: 's1', userId: id, mfaVerified: mfa },
  } as unknown as Actor;
}

const member = actorWith('member', false);
const coordinator = actorWith('coordinator', true);
const coordinatorWithoutMfa = actorWith('coordinator', false);
const admin = actorWith('admin', true);
const programme = (status: ProgrammeFacts['status'], ownerId: string | null = 'owner'): ProgrammeFacts => ({
  status,
  ownerId,
});

describe('programmeRefusal', () => {
  it('hides drafts from everyone who may not run them, as if they did not exist', () => {
    for (const action of ['see', 'enrol', 'manage'] as const) {
      expect(programmeRefusal(member, action, programme('draft'))).toBe('programme.not_found');
      expect(programmeRefusal(coordinatorWithoutMfa, action, programme('draft'))).toBe('programme.not_found');
    }
    expect(programmeRefusal(coordinator, 'see', programme('draft'))).toBeNull();
    expect(programmeRefusal(admin, 'manage', programme('draft'))).toBeNull();
  });

  it('lets any member see and enrol in an open programme, and only see a closed one', () => {
    expect(programmeRefusal(member, 'see', programme('open'))).toBeNull();
    expect(programmeRefusal(member, 'enrol', programme('open'))).toBeNull();
    expect(programmeRefusal(member, 'see', programme('closed'))).toBeNull();
    expect(programmeRefusal(member, 'enrol', programme('closed'))).toBe('programme.closed');
  });

  it('lets coordinators, admins and the owner run it, each with a verified second factor', () => {
    expect(programmeRefusal(member, 'manage', programme('open'))).toBe('auth.forbidden');
    expect(programmeRefusal(coordinator, 'manage', programme('open'))).toBeNull();
    expect(programmeRefusal(coordinatorWithoutMfa, 'manage', programme('open'))).toBe(
      'auth.mfa_enrolment_required',
    );
    const owner = actorWith('member', true, 'owner');
    expect(programmeRefusal(owner, 'manage', programme('open'))).toBeNull();
    expect(canManageProgramme(owner, programme('draft'))).toBe(true);
    const ownerWithoutMfa = actorWith('member', false, 'owner');
    expect(programmeRefusal(ownerWithoutMfa, 'manage', programme('open'))).toBe(
      'auth.mfa_enrolment_required',
    );
    const steppedDown = {
      ...coordinator,
      session: { ...coordinator.session, mfaVerified: false },
    } as Actor;
    expect(programmeRefusal(steppedDown, 'manage', programme('open'))).toBe('auth.mfa_step_up_required');
  });

  it('sends permissions that agree with the refusals', () => {
    expect(programmePermissions(member, programme('open'))).toEqual({ canEnrol: true, canManage: false });
    expect(programmePermissions(member, programme('closed'))).toEqual({ canEnrol: false, canManage: false });
    expect(programmePermissions(coordinator, programme('draft'))).toEqual({
      canEnrol: false,
      canManage: true,
    });
  });
});

describe('createProgrammeRefusal', () => {
  it('needs the coordinator role (or admin) and a verified second factor', () => {
    expect(createProgrammeRefusal(member)).toBe('auth.forbidden');
    expect(createProgrammeRefusal(actorWith('member', true))).toBe('auth.forbidden');
    expect(createProgrammeRefusal(coordinatorWithoutMfa)).toBe('auth.mfa_enrolment_required');
    expect(createProgrammeRefusal(coordinator)).toBeNull();
    expect(createProgrammeRefusal(admin)).toBeNull();
  });
});

describe('enrolmentRefusal', () => {
  const mine = (status: 'active' | 'paused' | 'left' | 'completed') => ({ userId: 'u1', status });
  it('answers not_found for someone else’s enrolment, whatever the action', () => {
    for (const action of ['mark_done', 'pause', 'resume', 'leave', 'evaluate'] as const)
      expect(enrolmentRefusal(member, action, { userId: 'other', status: 'active' })).toBe('not_found');
    expect(enrolmentRefusal(coordinator, 'pause', { userId: 'other', status: 'active' })).toBe('not_found');
  });

  it('pauses a running enrolment, resumes a paused one, and lets a paused family tick steps off', () => {
    expect(enrolmentRefusal(member, 'pause', mine('active'))).toBeNull();
    expect(enrolmentRefusal(member, 'pause', mine('paused'))).toBe('programme.enrolment_not_active');
    expect(enrolmentRefusal(member, 'resume', mine('paused'))).toBeNull();
    expect(enrolmentRefusal(member, 'resume', mine('active'))).toBe('programme.enrolment_not_active');
    expect(enrolmentRefusal(member, 'mark_done', mine('paused'))).toBeNull();
    expect(enrolmentRefusal(member, 'mark_done', mine('left'))).toBe('programme.enrolment_not_active');
    expect(enrolmentRefusal(member, 'evaluate', mine('completed'))).toBeNull();
    expect(enrolmentRefusal(member, 'evaluate', mine('left'))).toBe('programme.enrolment_not_active');
  });
});

describe('markDoneRefusal', () => {
  it('lets the family mark read and ticked steps, and names who marks the others', () => {
    expect(markDoneRefusal('read')).toBeNull();
    expect(markDoneRefusal('marked_done')).toBeNull();
    expect(markDoneRefusal('attended')).toBe('programme.needs_attendance');
    expect(markDoneRefusal('confirmed')).toBe('programme.coordinator_confirms');
  });
});
