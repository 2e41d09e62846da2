import type { Resource, ResourceListItem } from '@spejl/shared';
import type { Actor } from '../auth/auth.policy.ts';
import { reviewStateOf } from './resources.dates.ts';
import { type ReaderContext, type ResourceAccess, resourcePermissionsFor } from './resources.policy.ts';
import type { ResourceListRow, ResourcesRepository, ResourceWithScope } from './resources.repository.ts';

/** The parts of a row the policy decides on. */
export function accessOf(row: ResourceListRow | ResourceWithScope): ResourceAccess {
  return {
    scope: row.scopeType,
    associationId: row.associationId,
    groupId: row.groupId,
    public: row.public,
    status: row.status,
    group:
      row.groupKind && row.groupVisibility ? { kind: row.groupKind, visibility: row.groupVisibility } : null,
  };
}

/** How resources are answered: the allowlisted read shape, its review state for today, and whom to contact. */
export function createResourcePresenter(deps: { repository: ResourcesRepository; today: () => string }) {
  const { repository, today } = deps;

  /** A resource as lists and the queue show it, with what the actor may do. */
  function listItem(actor: Actor | null, context: ReaderContext, row: ResourceListRow): ResourceListItem {
    const access = accessOf(row);
    const permissions = resourcePermissionsFor(actor, access, context);
    const state = reviewStateOf(row.reviewDueOn, today());
    const scopeName = row.scopeType === 'association' ? row.associationName : row.groupName;
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      summary: row.summary,
      topic: row.topic,
      audiences: row.audiences as ResourceListItem['audiences'],
      audience: (row.audiences as ResourceListItem['audiences'])[0] ?? 'families',
      scope: {
        type: row.scopeType,
        id: row.associationId ?? row.groupId,
        name: row.scopeType === 'platform' ? null : (scopeName ?? null),
      },
      region: row.region,
      validYear: row.validYear,
      language: row.language,
      public: row.public,
      status: row.status,
      url: row.kind === 'link' ? row.url : null,
      fileId: row.kind === 'file' ? row.fileId : null,
      file:
        row.kind === 'file' &&
        row.fileId &&
        row.fileName &&
        row.fileKind &&
        row.fileMime &&
        row.fileSize !== null
          ? { id: row.fileId, name: row.fileName, kind: row.fileKind, mime: row.fileMime, size: row.fileSize }
          : null,
      reviewedOn: row.lastCheckedOn,
      reviewDueOn: row.reviewDueOn,
      reviewState: state,
      overdue: state === 'overdue',
      // Volunteers' names are for the other editors, not for every reader of a public page.
      owner:
        permissions.canEdit && row.ownerId && row.ownerName && !row.ownerDeletedAt
          ? { id: row.ownerId, displayName: row.ownerName }
          : null,
      withdrawn:
        row.status === 'withdrawn' && row.withdrawnAt
          ? { at: row.withdrawnAt.toISOString(), reason: row.withdrawnReason ?? '' }
          : null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      permissions,
    };
  }

  /** Whom to ask: the resource's association, else (a platform resource, a group without one) Sjældne-netværket. */
  async function contactOf(row: ResourceWithScope): Promise<Resource['contact']> {
    const associationId = row.scopeType === 'group' ? row.groupAssociationId : row.associationId;
    if (associationId) {
      const association = await repository.association(associationId);
      if (association) return { association, group: null, fallback: false };
    }
    const network = await repository.network();
    if (!network) return { association: null, group: null, fallback: true };
    const association = network.associationId ? await repository.association(network.associationId) : null;
    return { association, group: network.group, fallback: true };
  }

  return { listItem, contactOf };
}
