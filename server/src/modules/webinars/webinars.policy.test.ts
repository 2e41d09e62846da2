import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/auth.policy.ts';
import {
  type ActorGroups,
  createWebinarRefusal,
  roomChatDeleteRefusal,
  roomRoleOf,
  type WebinarFacts,
  webinarRefusal,
} from './webinars.policy.ts';

function actorWith(platformRole: 'member' | 'coordinator' | 'admin', mfa: boolean): Actor {
  return {
    user: { id: 'u1', platformRole, totpEnabledAt: mfa ? new Date() : null },
    session: { id: 's1', userId: 'u1', mfaVerified: mfa },
  } as unknown as Actor;
}

function groupsWith(
  roles: Record<string, 'member' | 'moderator' | 'owner'>,
  organisation?: string,
): ActorGroups {
  const result: ActorGroups = { roles: new Map(), organisations: new Set(), ownedOrganisations: new Set() };
  for (const [groupId, role] of Object.entries(roles)) {
    result.roles.set(groupId, role);
    if (organisation) {
      result.organisations.add(organisation);
      if (role === 'owner') result.ownedOrganisations.add(organisation);
    }
  }
  return result;
}

const groupEvent = (visibility: 'listed' | 'hidden', extra: Partial<WebinarFacts> = {}): WebinarFacts => ({
  audience: 'group',
  groupId: 'g1',
  groupVisibility: visibility,
  organisationId: null,
  staffRole: null,
  registrationStatus: null,
  ...extra,
});
const organisationEvent: WebinarFacts = {
  audience: 'organisation',
  groupId: null,
  groupVisibility: null,
  organisationId: 'o1',
  staffRole: null,
  registrationStatus: null,
};
const platformEvent: WebinarFacts = { ...organisationEvent, audience: 'platform', organisationId: null };

const member = actorWith('member', false);
const moderatorActor = actorWith('member', true);
const admin = actorWith('admin', true);
const none = groupsWith({});

describe('who may see, register for and organise an event', () => {
  it('hides a hidden group’s event from outsiders (404) and tells outsiders of a listed group it is for members (403)', () => {
    expect(webinarRefusal(member, 'see', groupEvent('hidden'), none)).toBe('not_found');
    expect(webinarRefusal(member, 'see', groupEvent('listed'), none)).toBe('webinar.members_only');
    expect(webinarRefusal(member, 'register', groupEvent('hidden'), groupsWith({ g1: 'member' }))).toBeNull();
    expect(webinarRefusal(admin, 'see', groupEvent('hidden'), none)).toBeNull();
  });

  it('lets staff and registrants see their event without belonging to the group', () => {
    expect(webinarRefusal(member, 'see', groupEvent('hidden', { staffRole: 'presenter' }), none)).toBeNull();
    expect(
      webinarRefusal(member, 'see', groupEvent('hidden', { registrationStatus: 'waitlisted' }), none),
    ).toBeNull();
    expect(
      webinarRefusal(member, 'see', groupEvent('hidden', { registrationStatus: 'cancelled' }), none),
    ).toBe('not_found');
  });

  it('shows association events to members of its groups, everyone-events to all', () => {
    expect(webinarRefusal(member, 'see', organisationEvent, groupsWith({ g9: 'member' }, 'o1'))).toBeNull();
    expect(webinarRefusal(member, 'see', organisationEvent, none)).toBe('webinar.members_only');
    expect(webinarRefusal(member, 'see', platformEvent, none)).toBeNull();
  });

  it('lets group moderators (with TOTP), association owners and admins organise; nobody else', () => {
    expect(
      webinarRefusal(moderatorActor, 'manage', groupEvent('listed'), groupsWith({ g1: 'moderator' })),
    ).toBeNull();
    expect(webinarRefusal(member, 'manage', groupEvent('listed'), groupsWith({ g1: 'moderator' }))).toBe(
      'auth.mfa_enrolment_required',
    );
    expect(webinarRefusal(moderatorActor, 'manage', groupEvent('listed'), groupsWith({ g1: 'member' }))).toBe(
      'auth.forbidden',
    );
    expect(
      webinarRefusal(moderatorActor, 'manage', organisationEvent, groupsWith({ g9: 'owner' }, 'o1')),
    ).toBeNull();
    expect(
      webinarRefusal(moderatorActor, 'manage', organisationEvent, groupsWith({ g9: 'moderator' }, 'o1')),
    ).toBe('auth.forbidden');
    expect(webinarRefusal(moderatorActor, 'manage', platformEvent, none)).toBe('auth.forbidden');
    expect(webinarRefusal(admin, 'manage', platformEvent, none)).toBeNull();
    expect(createWebinarRefusal(moderatorActor, { audience: 'platform' }, none)).toBe('auth.forbidden');
    expect(createWebinarRefusal(actorWith('admin', false), { audience: 'platform' }, none)).toBe(
      'auth.mfa_enrolment_required',
    );
  });

  it('refuses a session that has not proven the second factor, though the account has it', () => {
    const passwordOnly = { ...moderatorActor, session: { ...moderatorActor.session, mfaVerified: false } };
    expect(
      webinarRefusal(passwordOnly, 'manage', groupEvent('listed'), groupsWith({ g1: 'moderator' })),
    ).toBe('auth.mfa_step_up_required');
    expect(roomRoleOf(passwordOnly, groupEvent('listed'), groupsWith({ g1: 'moderator' }))).toBeNull();
    const passwordOnlyAdmin = { ...admin, session: { ...admin.session, mfaVerified: false } };
    expect(createWebinarRefusal(passwordOnlyAdmin, { audience: 'platform' }, none)).toBe(
      'auth.mfa_step_up_required',
    );
  });
});

describe('roles in the live room', () => {
  it('makes organisers hosts, staff their role, registered people attendees, and keeps everyone else out', () => {
    expect(roomRoleOf(moderatorActor, groupEvent('listed'), groupsWith({ g1: 'moderator' }))).toBe('host');
    expect(roomRoleOf(member, groupEvent('listed', { staffRole: 'host' }), none)).toBe('host');
    expect(roomRoleOf(member, groupEvent('listed', { staffRole: 'presenter' }), none)).toBe('presenter');
    expect(roomRoleOf(member, groupEvent('listed', { registrationStatus: 'registered' }), none)).toBe(
      'attendee',
    );
    expect(
      roomRoleOf(
        member,
        groupEvent('listed', { registrationStatus: 'waitlisted' }),
        groupsWith({ g1: 'member' }),
      ),
    ).toBeNull();
    expect(roomRoleOf(member, groupEvent('listed'), groupsWith({ g1: 'member' }))).toBeNull();
  });
});

describe('deleting a chat message in the room', () => {
  const anna = { authorId: 'anna', deleted: false };
  it('lets the author and hosts delete, nobody else', () => {
    expect(roomChatDeleteRefusal({ userId: 'anna', role: 'attendee' }, anna)).toBeNull();
    expect(roomChatDeleteRefusal({ userId: 'astrid', role: 'host' }, anna)).toBeNull();
    expect(roomChatDeleteRefusal({ userId: 'bo', role: 'attendee' }, anna)).toBe('auth.forbidden');
    expect(roomChatDeleteRefusal({ userId: 'hansen', role: 'presenter' }, anna)).toBe('auth.forbidden');
  });
  it('treats a message whose author is gone as nobody’s but the hosts’, and a deleted one as not found', () => {
    expect(
      roomChatDeleteRefusal({ userId: 'bo', role: 'attendee' }, { authorId: null, deleted: false }),
    ).toBe('auth.forbidden');
    expect(
      roomChatDeleteRefusal({ userId: 'astrid', role: 'host' }, { authorId: null, deleted: false }),
    ).toBeNull();
    expect(roomChatDeleteRefusal({ userId: 'anna', role: 'attendee' }, { ...anna, deleted: true })).toBe(
      'not_found',
    );
  });
});
