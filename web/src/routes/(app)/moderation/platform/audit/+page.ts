import { moderationApi } from '#lib/api/moderation.ts';
import { loadGuarded, scopeGroupId } from '#lib/moderation/moderation-load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url, fetch }) => {
  const { scope } = await parent();
  const groupId = scopeGroupId(scope);
  const records = await loadGuarded(url, async () => {
    const [log, report] = await Promise.all([
      moderationApi.auditLog({ ...(groupId ? { groupId } : {}), fetch }),
      moderationApi.transparency({ ...(groupId ? { groupId } : {}), fetch }),
    ]);
    return { log, report };
  });
  return { records };
};
