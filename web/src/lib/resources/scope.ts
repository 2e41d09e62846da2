import type { ResourceListItem } from '../api/resources.ts';
import { t } from '../i18n/i18n.svelte.ts';

/** Whose a resource is, as a reader reads it: the association's or group's name, or "Hele Spejl". */
export function scopeName(scope: ResourceListItem['scope']): string {
  if (scope.type === 'platform' || !scope.name) return t(`resources.scope.${scope.type}`);
  return scope.name;
}
