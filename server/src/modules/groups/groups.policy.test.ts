import type { GroupRole } from '@spejl/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/auth.policy.ts';
import {
  createGroupRefusal,
  type GroupAction,
  groupPermissionsFor,
  groupRefusal,
  removalRefusal,
  roleGrantRefusal,
} from './groups.policy.ts';

function actorWith(platformRole: 'member' | 'coordinator' | 'admin', mfa: boolean): Actor {
  return {
    user: { id: 'u1', platformRole, totpEnabledAt: mfa ? new Date() : null },
    session: { id: 's1', userId: 'u1', mfaVerified: mfa },
  } as unknown as Actor;
}

interface Person {
  actor: Actor;
  role: GroupRole | null;
}

const people: Record<string, Person> = {
  outsider: { actor: actorWith('member', false), role: null },
  member: { actor: actorWith('member', false), role: 'member' },
  moderator: { actor: actorWith('member', true), role: 'moderator' },
  moderatorWithoutTotp: { actor: actorWith('member', false), role: 'moderator' },
  owner: { actor: actorWith('member', true), role: 'owner' },
  ownerWithoutTotp: { actor: actorWith('member', false), role: 'owner' },
  admin: { actor: actorWith('admin', true), role: null },
  adminWithoutTotp: { actor: actorWith('admin', false), role: null },
  coordinator: { actor: actorWith('coordinator', true), role: null },
};

const actions: GroupAction[] = [
  'see',
  'read',
  'viewMembers',
  'requestToJoin',
  'leave',
  'editProfile',
  'reviewRequests',
  'invite',
  'addMember',
  'removeMember',
  'viewLog',
  'manageRoles',
  'edit',
];

const ok = null;
const notMember = 'group.not_member';
const forbidden = 'auth.forbidden';
const mfa = 'auth.mfa_enrolment_required';
const already = 'group.already_member';

/**
 * The expected answer for a listed group that takes join requests, in the order of `actions`:
 * see, read, viewMembers, requestToJoin, leave, editProfile, reviewRequests, invite, addMember, removeMember,
 * viewLog, manageRoles, edit.
 */
const listedExpectations: Record<string, Array<string | null>> = {
  outsider: [
    ok,
    notMember,
    notMember,
    ok,
    notMember,
    notMember,
    forbidden,
    forbidden,
    forbidden,
    forbidden,
    forbidden,
    forbidden,
    forbidden,
  ],
  member: [
    ok,
    ok,
    ok,
    already,
    ok,
    ok,
    forbidden,
    forbidden,
    forbidden,
    forbidden,
    forbidden,
    forbidden,
    forbidden,
  ],
  moderator: [ok, ok, ok, already, ok, ok, ok, ok, ok, ok, ok, forbidden, forbidden],
  moderatorWithoutTotp: [ok, ok, ok, already, ok, ok, mfa, mfa, mfa, mfa, mfa, forbidden, forbidden],
  owner: [ok, ok, ok, already, ok, ok, ok, ok, ok, ok, ok, ok, ok],
  ownerWithoutTotp: [ok, ok, ok, already, ok, ok, mfa, mfa, mfa, mfa, mfa, mfa, mfa],
  admin: [ok, notMember, ok, ok, notMember, notMember, ok, ok, ok, ok, ok, ok, ok],
  adminWithoutTotp: [
    ok,
    notMember,
    notMember,
    ok,
    notMember,
    notMember,
    forbidden,
    forbidden,
    forbidden,
    forbidden,
    forbidden,
    forbidden,
    forbidden,
  ],
  coordinator: [
    ok,
    notMember,
    notMember,
    ok,
    notMember,
    notMember,
    forbidden,
    forbidden,
    forbidden,
    forbidden,
    forbidden,
    forbidden,
    forbidden,
  ],
};

/** In a hidden group, everyone who is neither a member nor an admin with TOTP gets 404 for everything. */
const hiddenToThem = new Set(['outsider', 'adminWithoutTotp', 'coordinator']);

describe('groupRefusal: every role x visibility x action', () => {
  for (const visibility of ['listed', 'hidden'] as const) {
    for (const [name, person] of Object.entries(people)) {
      for (const [index, action] of actions.entries()) {
        const expected =
          visibility === 'hidden' && hiddenToThem.has(name) ? 'not_found' : listedExpectations[name]![index];
        it(`${visibility} · ${name} · ${action} → ${expected ?? 'allowed'}`, () => {
          const refusal = groupRefusal(
            person.actor,
            action,
            { visibility, joinPolicy: 'request' },
            { role: person.role, blocked: false },
          );
          expect(refusal).toBe(expected);
        });
      }
    }
  }
});

describe('joining rules', () => {
  it('refuses requests to invite-only groups and from blocked people', () => {
    const { actor } = people.outsider!;
    expect(
      groupRefusal(
        actor,
        'requestToJoin',
        { visibility: 'listed', joinPolicy: 'invite' },
        { role: null, blocked: false },
      ),
    ).toBe('group.invite_only');
    expect(
      groupRefusal(
        actor,
        'requestToJoin',
        { visibility: 'listed', joinPolicy: 'request' },
        { role: null, blocked: true },
      ),
    ).toBe('group.join_blocked');
    expect(
      groupRefusal(
        actor,
        'requestToJoin',
        { visibility: 'hidden', joinPolicy: 'request' },
        { role: null, blocked: true },
      ),
    ).toBe('not_found');
  });
});

describe('permissions for the web', () => {
  it('mirrors the refusals and flags a moderator who must enrol TOTP', () => {
    const group = { visibility: 'listed' as const, joinPolicy: 'request' as const };
    const lazy = people.moderatorWithoutTotp!;
    expect(groupPermissionsFor(lazy.actor, group, { role: lazy.role, blocked: false })).toEqual({
      canRead: true,
      canRequestToJoin: false,
      canLeave: true,
      canViewMembers: true,
      canModerate: false,
      canInvite: false,
      canManageRoles: false,
      canEdit: false,
      needsMfaForModeration: true,
    });
    const outsider = people.outsider!;
    expect(groupPermissionsFor(outsider.actor, group, { role: null, blocked: false })).toMatchObject({
      canRead: false,
      canRequestToJoin: true,
      needsMfaForModeration: false,
    });
  });
});

describe('removal, role grants and group creation', () => {
  it('lets moderators remove members only; owners and admins remove anyone', () => {
    const moderator = people.moderator!.actor;
    expect(removalRefusal(moderator, 'moderator', 'member')).toBeNull();
    expect(removalRefusal(moderator, 'moderator', 'moderator')).toBe('auth.forbidden');
    expect(removalRefusal(moderator, 'moderator', 'owner')).toBe('auth.forbidden');
    expect(removalRefusal(people.owner!.actor, 'owner', 'owner')).toBeNull();
    expect(removalRefusal(people.admin!.actor, null, 'owner')).toBeNull();
    expect(removalRefusal(people.adminWithoutTotp!.actor, null, 'member')).toBe('auth.forbidden');
  });

  it('never lets anyone grant a role above their own, except admins', () => {
    expect(roleGrantRefusal(people.moderator!.actor, 'moderator', 'owner')).toBe('auth.forbidden');
    expect(roleGrantRefusal(people.owner!.actor, 'owner', 'owner')).toBeNull();
    expect(roleGrantRefusal(people.admin!.actor, null, 'owner')).toBeNull();
    expect(roleGrantRefusal(people.outsider!.actor, null, 'member')).toBe('auth.forbidden');
  });

  it('lets only admins with TOTP create groups', () => {
    expect(createGroupRefusal(people.admin!.actor)).toBeNull();
    expect(createGroupRefusal(people.adminWithoutTotp!.actor)).toBe('auth.mfa_enrolment_required');
    expect(createGroupRefusal(people.coordinator!.actor)).toBe('auth.forbidden');
    expect(createGroupRefusal(people.owner!.actor)).toBe('auth.forbidden');
  });
});

describe('mentorship groups', () => {
  const mentorship = {
    visibility: 'hidden' as const,
    joinPolicy: 'invite' as const,
    kind: 'mentorship' as const,
  };

  it('do not exist for anyone outside the pair: not an administrator, not a coordinator', () => {
    for (const name of ['outsider', 'admin', 'coordinator']) {
      const { actor } = people[name]!;
      for (const action of actions)
        expect(
          groupRefusal(actor, action, mentorship, { role: null, blocked: false }),
          `${name} ${action}`,
        ).toBe('not_found');
    }
  });

  it('let the pair read and see each other, and nothing else (no invites, members, leaving or edits)', () => {
    const { actor } = people.member!;
    const allowed = actions.filter(
      (action) => groupRefusal(actor, action, mentorship, { role: 'member', blocked: false }) === null,
    );
    expect(allowed).toEqual(['see', 'read', 'viewMembers']);
    expect(groupRefusal(actor, 'invite', mentorship, { role: 'member', blocked: false })).toBe(
      'auth.forbidden',
    );
  });
});
