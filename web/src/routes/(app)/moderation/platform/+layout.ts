import type { ModerationScope } from '#lib/moderation/moderation-load.ts';
import type { LayoutLoad } from './$types';

/** The platform's moderation (escalations, reports about moderators, illegal content): admins only. */
export const load: LayoutLoad = async ({ parent }) => {
  await parent();
  const scope: ModerationScope = { kind: 'platform' };
  return { scope, mfaRequired: false };
};
