import { groupsApi } from '#lib/api/groups.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import type { ModerationScope } from '#lib/moderation/moderation-load.ts';
import type { LayoutLoad } from './$types';

/** The group whose moderation these pages are; a hidden or missing group is the same 404. */
export const load: LayoutLoad = async ({ parent, params, url, fetch }) => {
  await parent();
  try {
    const { group } = await groupsApi.get(params.id, fetch);
    const scope: ModerationScope = { kind: 'group', id: group.id, name: group.name, slug: group.slug };
    return { scope, mfaRequired: group.permissions.needsMfaForModeration };
  } catch (cause) {
    failLoad(cause, url);
  }
};
