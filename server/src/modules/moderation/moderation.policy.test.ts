import type { GroupRole, ModerationAction } from '@spejl/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/auth.policy.ts';
import type { GroupAccess } from '../groups/groups.policy.ts';
import {
  type ActionFacts,
  actionRefusal,
  appealDeadline,
  appealDecisionRefusal,
  appealRefusal,
  claimRefusal,
  flagRefusal,
  groupModerationRefusal,
  type ItemFacts,
  itemViewRefusal,
  mentoringReviewRefusal,
  platformRefusal,
  suspensionTargetRefusal,
} from './moderation.policy.ts';

function actorWith(id: string, platformRole: 'member' | 'coordinator' | 'admin', mfa: boolean): Actor {
  return {
    user: { id, platformRole, totpEnabledAt: mfa ? new Date() : null },
    session: { id: `s-${id}`, userId: id, mfaVerified: mfa },
  } as unknown as Actor;
}

const listed: GroupAccess = { visibility: 'listed', joinPolicy: 'request' };
const hidden: GroupAccess = { visibility: 'hidden', joinPolicy: 'invite' };
const standing = (role: GroupRole | null, group = listed) => ({ group, role });

const moderator = actorWith('mod', 'member', true);
const otherModerator = actorWith('mod2', 'member', true);
const moderatorWithoutTotp = actorWith('mod3', 'member', false);
const member = actorWith('member', 'member', false);
const admin = actorWith('admin', 'admin', true);
const adminWithoutTotp = actorWith('admin2', 'admin', false);
const coordinator = actorWith('coord', 'coordinator', true);
const otherCoordinator = actorWith('coord2', 'coordinator', true);
/** The same person in a session that signed in with the password alone, though TOTP is on. */
const passwordOnly = (actor: Actor): Actor => ({
  ...actor,
  session: { ...actor.session, mfaVerified: false },
});
const reviewers = ['coord', 'coord2'];
const mentorshipAccess = { space: 'mentorship' as const, reviewerIds: reviewers };
const now = new Date('2026-11-23T10:00:00Z');

const item = (overrides: Partial<ItemFacts> = {}): ItemFacts => ({
  queue: 'group',
  status: 'open',
  subjectUserId: 'member',
  claimedBy: null,
  claimedAt: null,
  ...overrides,
});

describe('who may review a group', () => {
  it('is its moderators and owners with TOTP, and platform admins; a hidden group does not exist to others', () => {
    expect(groupModerationRefusal(moderator, standing('moderator'))).toBeNull();
    expect(groupModerationRefusal(moderator, standing('owner'))).toBeNull();
    expect(groupModerationRefusal(admin, standing(null, hidden))).toBeNull();
    expect(groupModerationRefusal(moderatorWithoutTotp, standing('moderator'))).toBe(
      'auth.mfa_enrolment_required',
    );
    expect(groupModerationRefusal(member, standing('member'))).toBe('auth.forbidden');
    expect(groupModerationRefusal(coordinator, standing(null))).toBe('auth.forbidden');
    expect(groupModerationRefusal(member, standing(null, hidden))).toBe('not_found');
  });

  it('keeps the platform queue for admins with TOTP passed in the session', () => {
    expect(platformRefusal(admin)).toBeNull();
    expect(platformRefusal(adminWithoutTotp)).toBe('auth.mfa_enrolment_required');
    expect(platformRefusal(passwordOnly(admin))).toBe('auth.mfa_step_up_required');
    expect(platformRefusal(moderator)).toBe('auth.forbidden');
    expect(platformRefusal(coordinator)).toBe('auth.forbidden');
  });

  it('hides platform items (escalations, reports about moderators) from group moderators', () => {
    expect(
      itemViewRefusal(moderator, item(), { space: 'group', standing: standing('moderator') }),
    ).toBeNull();
    expect(
      itemViewRefusal(moderator, item({ queue: 'platform' }), {
        space: 'group',
        standing: standing('moderator'),
      }),
    ).toBe('not_found');
    expect(
      itemViewRefusal(admin, item({ queue: 'platform' }), { space: 'group', standing: standing(null) }),
    ).toBeNull();
    expect(itemViewRefusal(member, item(), { space: 'group', standing: standing('member') })).toBe(
      'not_found',
    );
    expect(
      itemViewRefusal(moderatorWithoutTotp, item(), { space: 'group', standing: standing('moderator') }),
    ).toBe('auth.mfa_enrolment_required');
  });
});

describe('who may review a mentorship’s reports', () => {
  it('is the mentoring reviewers in a session that passed TOTP; nobody else learns the item exists', () => {
    const mentoring = item({ queue: 'mentoring' });
    expect(itemViewRefusal(coordinator, mentoring, mentorshipAccess)).toBeNull();
    expect(itemViewRefusal(passwordOnly(coordinator), mentoring, mentorshipAccess)).toBe(
      'auth.mfa_step_up_required',
    );
    expect(itemViewRefusal(admin, mentoring, mentorshipAccess)).toBe('not_found');
    expect(itemViewRefusal(moderator, mentoring, mentorshipAccess)).toBe('not_found');
    expect(itemViewRefusal(member, mentoring, mentorshipAccess)).toBe('not_found');
    expect(
      itemViewRefusal(coordinator, item({ queue: 'mentoring', subjectUserId: 'coord' }), mentorshipAccess),
    ).toBe('not_found');
    // A mentorship's item in any other queue than these two is nobody's (a group queue has no moderators there).
    expect(itemViewRefusal(coordinator, item({ queue: 'group' }), mentorshipAccess)).toBe('not_found');
    // Admins see it once escalated, and stand in as reviewers only when the platform has no coordinator.
    expect(itemViewRefusal(admin, item({ queue: 'platform' }), mentorshipAccess)).toBeNull();
    expect(itemViewRefusal(coordinator, item({ queue: 'platform' }), mentorshipAccess)).toBe('not_found');
    expect(itemViewRefusal(admin, mentoring, { space: 'mentorship', reviewerIds: ['admin'] })).toBeNull();
    // A group's moderators never see a mentoring item through their group.
    expect(itemViewRefusal(moderator, mentoring, { space: 'group', standing: standing('moderator') })).toBe(
      'not_found',
    );
  });

  it('allows only the actions that fit a pair, and a coordinator’s suspension of a plain member', () => {
    const mentoring = item({ queue: 'mentoring' });
    for (const action of [
      'dismiss',
      'warn',
      'pause_mentor',
      'close_mentorship',
      'escalate',
      'suspend',
    ] as const)
      expect(actionRefusal(coordinator, mentoring, action, now, 'mentorship'), action).toBeNull();
    for (const action of ['hide', 'delete', 'mute', 'remove_member', 'ban_member'] as const)
      expect(actionRefusal(coordinator, mentoring, action, now, 'mentorship'), action).toBe(
        'validation.failed',
      );
    expect(actionRefusal(moderator, item(), 'close_mentorship', now)).toBe('validation.failed');
    expect(actionRefusal(moderator, item(), 'suspend', now)).toBe('auth.forbidden');
    expect(suspensionTargetRefusal(mentoring, { platformRole: 'member' })).toBeNull();
    expect(suspensionTargetRefusal(mentoring, { platformRole: 'coordinator' })).toBe('auth.forbidden');
    expect(suspensionTargetRefusal(item({ queue: 'platform' }), { platformRole: 'admin' })).toBe(
      'auth.forbidden',
    );
  });

  it('decides appeals in the mentoring queue by another reviewer', () => {
    const decided = {
      action: 'warn' as const,
      targetUserId: 'member',
      actorId: 'coord',
      createdAt: now,
      revokedAt: null,
    };
    expect(
      appealDecisionRefusal(otherCoordinator, decided, 'mentoring', {
        standing: null,
        reviewerIds: reviewers,
      }),
    ).toBeNull();
    expect(
      appealDecisionRefusal(coordinator, decided, 'mentoring', { standing: null, reviewerIds: reviewers }),
    ).toBe('moderation.own_action');
    expect(
      appealDecisionRefusal(admin, decided, 'mentoring', { standing: null, reviewerIds: reviewers }),
    ).toBe('not_found');
    expect(mentoringReviewRefusal(member, reviewers)).toBe('auth.forbidden');
    expect(mentoringReviewRefusal(passwordOnly(otherCoordinator), reviewers)).toBe(
      'auth.mfa_step_up_required',
    );
  });
});

describe('acting on an item', () => {
  const every: ModerationAction[] = [
    'dismiss',
    'hide',
    'delete',
    'warn',
    'mute',
    'remove_member',
    'ban_member',
    'escalate',
  ];

  it('never lets anyone act on an item about themselves', () => {
    for (const action of every)
      expect(actionRefusal(admin, item({ subjectUserId: 'admin', queue: 'platform' }), action, now)).toBe(
        'moderation.self',
      );
    expect(claimRefusal(moderator, item({ subjectUserId: 'mod' }), now)).toBe('moderation.self');
  });

  it('refuses decided items and items another moderator claimed within the last half hour', () => {
    expect(actionRefusal(moderator, item({ status: 'resolved' }), 'hide', now)).toBe(
      'moderation.item_resolved',
    );
    const claimed = item({ claimedBy: 'mod2', claimedAt: new Date(now.getTime() - 10 * 60_000) });
    expect(actionRefusal(moderator, claimed, 'hide', now)).toBe('moderation.claimed');
    expect(claimRefusal(moderator, claimed, now)).toBe('moderation.claimed');
    expect(actionRefusal(otherModerator, claimed, 'hide', now)).toBeNull();
    const stale = item({ claimedBy: 'mod2', claimedAt: new Date(now.getTime() - 31 * 60_000) });
    expect(actionRefusal(moderator, stale, 'hide', now)).toBeNull();
  });

  it('keeps suspension for admins and escalation for group items', () => {
    expect(actionRefusal(moderator, item(), 'suspend', now)).toBe('auth.forbidden');
    expect(actionRefusal(admin, item(), 'suspend', now)).toBeNull();
    expect(actionRefusal(moderator, item(), 'escalate', now)).toBeNull();
    expect(actionRefusal(admin, item({ queue: 'platform' }), 'escalate', now)).toBe('validation.failed');
  });
});

describe('flagging', () => {
  it('is for members, and not for one’s own messages', () => {
    expect(flagRefusal(member, { role: 'member' }, { authorId: 'someone' })).toBeNull();
    expect(flagRefusal(member, { role: 'member' }, { authorId: 'member' })).toBe('moderation.own_message');
    expect(flagRefusal(member, { role: null }, { authorId: 'someone' })).toBe('group.not_member');
  });
});

describe('appeals', () => {
  const created = new Date('2026-11-01T10:00:00Z');
  const action = (overrides: Partial<ActionFacts> = {}): ActionFacts => ({
    action: 'hide',
    targetUserId: 'member',
    actorId: 'mod',
    createdAt: created,
    revokedAt: null,
    ...overrides,
  });

  it('lets the affected member appeal once, within 20 days, an action that can be appealed', () => {
    expect(appealDeadline(action())).toEqual(new Date('2026-11-21T10:00:00Z'));
    expect(appealRefusal('member', action(), false, new Date('2026-11-21T09:59:00Z'))).toBeNull();
    expect(appealRefusal('member', action(), false, new Date('2026-11-21T10:01:00Z'))).toBe(
      'moderation.appeal_expired',
    );
    expect(appealRefusal('member', action(), true, created)).toBe('moderation.appeal_exists');
    expect(appealRefusal('someone', action(), false, created)).toBe('not_found');
    expect(appealRefusal('member', action({ action: 'escalate' }), false, created)).toBe(
      'moderation.not_appealable',
    );
    expect(appealRefusal('member', action({ revokedAt: created }), false, created)).toBe(
      'moderation.not_appealable',
    );
    expect(appealDeadline({ action: 'dismiss', createdAt: created })).toBeNull();
  });

  it('is decided by another moderator of the group, or an admin, never by the one who acted', () => {
    expect(
      appealDecisionRefusal(otherModerator, action(), 'group', { standing: standing('moderator') }),
    ).toBeNull();
    expect(appealDecisionRefusal(admin, action(), 'group', { standing: standing(null) })).toBeNull();
    expect(appealDecisionRefusal(moderator, action(), 'group', { standing: standing('moderator') })).toBe(
      'moderation.own_action',
    );
    expect(appealDecisionRefusal(admin, action({ actorId: 'admin' }), 'platform', { standing: null })).toBe(
      'moderation.own_action',
    );
    expect(appealDecisionRefusal(member, action(), 'group', { standing: standing('member') })).toBe(
      'not_found',
    );
    expect(
      appealDecisionRefusal(otherModerator, action(), 'platform', { standing: standing('moderator') }),
    ).toBe('not_found');
    expect(
      appealDecisionRefusal(otherModerator, action({ targetUserId: 'mod2' }), 'group', {
        standing: standing('moderator'),
      }),
    ).toBe('moderation.self');
    expect(
      appealDecisionRefusal(moderatorWithoutTotp, action(), 'group', { standing: standing('moderator') }),
    ).toBe('auth.mfa_enrolment_required');
  });
});
