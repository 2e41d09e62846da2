import type { ResourceScopeInput } from '@spejl/shared';
import { associationsApi } from '../api/associations.ts';
import { groupsApi } from '../api/groups.ts';
import { resourcesApi } from '../api/resources.ts';
import { t } from '../i18n/i18n.svelte.ts';

/** One place a new resource may go, with the label the form shows. */
export interface ScopeOption {
  value: string;
  label: string;
  scope: ResourceScopeInput;
}

const settle = async <T>(promise: Promise<T>, fallback: T): Promise<T> => {
  try {
    return await promise;
  } catch {
    return fallback;
  }
};

/**
 * Where the person may put a new resource: the platform and every active association for an admin; the associations
 * they edit; the groups they own. The API has no "which associations do I edit" route, so an association editor's
 * associations come from the resources they may edit (an editor of an association with no resources yet does not
 * see it here).
 */
export async function loadScopeOptions(isAdmin: boolean): Promise<ScopeOption[]> {
  const [associations, editable, owned] = await Promise.all([
    isAdmin ? settle(associationsApi.list('active'), { items: [], nextCursor: null }) : null,
    settle(resourcesApi.list({ limit: 100 }), { items: [], nextCursor: null }),
    settle(groupsApi.list({ mine: true, limit: 100 }), { items: [], nextCursor: null }),
  ]);
  const options: ScopeOption[] = [];
  if (isAdmin)
    options.push({
      value: 'platform',
      label: t('resources.form.scopePlatform'),
      scope: { type: 'platform' },
    });
  const seen = new Set<string>();
  const addAssociation = (id: string, name: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    options.push({
      value: `association:${id}`,
      label: t('resources.form.scopeAssociation', { name }),
      scope: { type: 'association', id },
    });
  };
  for (const association of associations?.items ?? []) addAssociation(association.id, association.name);
  for (const item of editable.items)
    if (item.permissions.canEdit && item.scope.type === 'association' && item.scope.id)
      addAssociation(item.scope.id, item.scope.name ?? item.scope.id);
  for (const group of owned.items)
    if (group.myMembership?.role === 'owner')
      options.push({
        value: `group:${group.id}`,
        label: t('resources.form.scopeGroup', { name: group.name }),
        scope: { type: 'group', id: group.id },
      });
  return options;
}
