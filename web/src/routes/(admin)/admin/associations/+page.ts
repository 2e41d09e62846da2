import { type AssociationStatus, associationStatuses } from '@spejl/shared/associations-values';
import { associationsApi } from '#lib/api/associations.ts';
import { failLoad } from '#lib/api/load-errors.ts';
import type { PageLoad } from './$types';

/** The associations in the chosen state (`?status=active|archived|all`), for admins. */
export const load: PageLoad = async ({ parent, url, fetch }) => {
  await parent();
  const asked = url.searchParams.get('status');
  const status: AssociationStatus = (associationStatuses as readonly string[]).includes(asked ?? '')
    ? (asked as AssociationStatus)
    : 'active';
  try {
    const list = await associationsApi.list(status, fetch);
    return { status, associations: list.items };
  } catch (cause) {
    failLoad(cause, url);
  }
};
