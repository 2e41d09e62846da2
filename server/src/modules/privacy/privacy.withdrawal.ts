import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { createJoiningService } from '../groups/groups.joining.ts';
import type { createGroupsService } from '../groups/groups.service.ts';
import type { PrivacyService } from './privacy.service.ts';

/**
 * The documented effect of withdrawing consent to health data in groups: the person leaves every group and their
 * pending requests are withdrawn. A sole owner must hand the group over first, so no group is left without one.
 */
export function leaveAllGroups(deps: {
  groups: ReturnType<typeof createGroupsService>;
  joining: ReturnType<typeof createJoiningService>;
  privacy: () => PrivacyService;
}) {
  return async (actor: Actor): Promise<void> => {
    const privacy = deps.privacy();
    const owned = await privacy.soleOwnerships(actor.user.id);
    if (owned.length > 0)
      throw new AppError('privacy.sole_owner', { details: { groups: owned.map((group) => group.name) } });
    for (const { groupId } of await privacy.pendingRequests(actor.user.id))
      await deps.joining.withdraw(actor, groupId);
    const mine = await deps.groups.list(actor, { mine: true }, { offset: 0, limit: 1000 });
    for (const group of mine.items) await deps.groups.removeMember(actor, group.id, actor.user.id, {});
  };
}
