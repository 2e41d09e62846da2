import type { ModerationScope } from '#lib/moderation/moderation-load.ts';
import type { LayoutLoad } from './$types';

/** Reports from mentorships' private conversations: the coordinators' queue. */
export const load: LayoutLoad = async ({ parent }) => {
  await parent();
  const scope: ModerationScope = { kind: 'mentoring' };
  return { scope, mfaRequired: false };
};
