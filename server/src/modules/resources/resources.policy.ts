import {
  type ErrorCode,
  type GroupKind,
  type GroupRole,
  isConversationKind,
  type ResourceScopeType,
  type ResourceStatus,
} from '@spejl/shared';
import { type Actor, hasPlatformPower, mfaRefusal } from '../auth/auth.policy.ts';

/** The parts of a resource that decide who reads and edits it. */
export interface ResourceAccess {
  scope: ResourceScopeType;
  associationId: string | null;
  groupId: string | null;
  public: boolean;
  status: ResourceStatus;
  /** The group of a group's resource (null when it is gone). */
  group: { visibility: 'listed' | 'hidden'; kind: GroupKind } | null;
}

/** What decides an actor's rights in the kit: their groups and the associations an admin made them editors of. */
export interface ReaderContext {
  memberships: Array<{ groupId: string; role: GroupRole; associationId: string | null; kind: GroupKind }>;
  editorOf: string[];
}

export const noContext: ReaderContext = { memberships: [], editorOf: [] };

/** A platform admin with TOTP proven in this session edits and reads every resource. */
const isAdmin = (actor: Actor | null) => actor !== null && hasPlatformPower(actor, 'admin');

/** Memberships that count for the kit: a private conversation (mentorship, direct) is no group of an association. */
const groupMemberships = (context: ReaderContext) =>
  context.memberships.filter((membership) => !isConversationKind(membership.kind));

/** The actor's role in a group, for the kit. */
function roleIn(context: ReaderContext, groupId: string | null): GroupRole | null {
  return groupMemberships(context).find((membership) => membership.groupId === groupId)?.role ?? null;
}

/** In at least one group of the association. */
function memberOfAssociation(context: ReaderContext, associationId: string | null): boolean {
  return (
    associationId !== null &&
    groupMemberships(context).some((membership) => membership.associationId === associationId)
  );
}

/**
 * May the actor edit resources in this scope (create, edit, mark still correct, withdraw, delete)? Admins everywhere;
 * an association's editors in its scope; a group's owners in the group's. Every one of them with TOTP proven in the
 * session, as every power beyond a member's.
 */
export function editorRefusal(
  actor: Actor,
  scope: Pick<ResourceAccess, 'scope' | 'associationId' | 'groupId'>,
  context: ReaderContext,
): ErrorCode | null {
  if (isAdmin(actor)) return null;
  const holdsRole =
    actor.user.platformRole === 'admin' ||
    (scope.scope === 'association' &&
      scope.associationId !== null &&
      context.editorOf.includes(scope.associationId)) ||
    (scope.scope === 'group' && roleIn(context, scope.groupId) === 'owner');
  if (!holdsRole) return 'auth.forbidden';
  return mfaRefusal(actor);
}

/** True when the group's resources do not exist for the actor: a conversation, a hidden group they are not in, or gone. */
function groupInvisible(actor: Actor | null, resource: ResourceAccess, context: ReaderContext): boolean {
  if (resource.scope !== 'group') return false;
  if (!resource.group || isConversationKind(resource.group.kind)) return true;
  return (
    resource.group.visibility === 'hidden' && roleIn(context, resource.groupId) === null && !isAdmin(actor)
  );
}

/**
 * May the actor read this resource? Null when allowed, else the code to answer with. Signed out, only public
 * resources; anything else answers 401 as a group does, so a hidden group's resource and one that does not exist
 * cannot be told apart. Signed in, a hidden group's resource and a withdrawn one (for all but its editors) answer 404.
 */
export function readRefusal(
  actor: Actor | null,
  resource: ResourceAccess,
  context: ReaderContext,
): ErrorCode | null {
  if (actor === null)
    return resource.public && resource.status === 'published' && resource.scope !== 'group'
      ? null
      : 'auth.required';
  if (groupInvisible(actor, resource, context)) return 'resource.not_found';
  if (resource.status === 'withdrawn')
    return editorRefusal(actor, resource, context) === null ? null : 'resource.not_found';
  if (isAdmin(actor) || resource.scope === 'platform') return null;
  if (resource.scope === 'association') {
    const reads =
      resource.public ||
      memberOfAssociation(context, resource.associationId) ||
      (resource.associationId !== null && context.editorOf.includes(resource.associationId));
    return reads ? null : 'resource.members_only';
  }
  return roleIn(context, resource.groupId) === null ? 'group.not_member' : null;
}

/**
 * Who may have a resource's file: `public` when anyone may (signed out too, so a cache may keep it briefly),
 * `private` when the actor may read the resource, null when not (the file answers as an unknown one).
 */
export function fileAudience(
  actor: Actor | null,
  resource: ResourceAccess,
  context: ReaderContext,
): 'public' | 'private' | null {
  if (readRefusal(actor, resource, context) !== null) return null;
  return readRefusal(null, resource, noContext) === null ? 'public' : 'private';
}

/** May the actor change this resource? They must be able to read it (else that refusal) and edit its scope. */
export function changeRefusal(
  actor: Actor,
  resource: ResourceAccess,
  context: ReaderContext,
): ErrorCode | null {
  return readRefusal(actor, resource, context) ?? editorRefusal(actor, resource, context);
}

/**
 * May the actor create a resource in this scope? A group they may not see answers `not_found`, like the group
 * routes; a group's resources are never public (the body's schema refuses that).
 */
export function createRefusal(
  actor: Actor,
  scope: Pick<ResourceAccess, 'scope' | 'associationId' | 'groupId' | 'group'>,
  context: ReaderContext,
): ErrorCode | null {
  if (scope.scope === 'group') {
    const access: ResourceAccess = { ...scope, public: false, status: 'published' };
    if (groupInvisible(actor, access, context)) return 'not_found';
  }
  return editorRefusal(actor, scope, context);
}

/** What the actor may do with a resource, from the same refusals the routes answer with. */
export function resourcePermissionsFor(
  actor: Actor | null,
  resource: ResourceAccess,
  context: ReaderContext,
) {
  const canEdit = actor !== null && changeRefusal(actor, resource, context) === null;
  return { canEdit, canWithdraw: canEdit && resource.status === 'published', canDelete: canEdit };
}

/**
 * Which resources the actor finds in lists and the review queue, as sets a query can use; `listedFor` reads it back
 * for one resource, and the policy test checks that it agrees with `readRefusal` and `editorRefusal`.
 */
export interface ResourceReach {
  signedIn: boolean;
  everything: boolean;
  readAssociations: string[];
  readGroups: string[];
  editPlatform: boolean;
  editAssociations: string[];
  editGroups: string[];
}

export function reachOf(actor: Actor | null, context: ReaderContext): ResourceReach {
  const memberships = groupMemberships(context);
  if (actor === null)
    return {
      signedIn: false,
      everything: false,
      readAssociations: [],
      readGroups: [],
      editPlatform: false,
      editAssociations: [],
      editGroups: [],
    };
  const admin = isAdmin(actor);
  const powers = mfaRefusal(actor) === null;
  const unique = (values: Array<string | null>) => [...new Set(values.filter((value) => value !== null))];
  return {
    signedIn: true,
    everything: admin,
    readAssociations: unique([
      ...memberships.map((membership) => membership.associationId),
      ...context.editorOf,
    ]),
    readGroups: memberships.map((membership) => membership.groupId),
    editPlatform: admin,
    editAssociations: admin || !powers ? [] : [...context.editorOf],
    editGroups:
      admin || !powers
        ? []
        : memberships
            .filter((membership) => membership.role === 'owner')
            .map((membership) => membership.groupId),
  };
}

/** True when a resource is in the actor's reach as `reachOf` describes it: what the list query selects. */
export function listedFor(reach: ResourceReach, resource: ResourceAccess, scopeEditable: boolean): boolean {
  if (!reach.signedIn)
    return resource.public && resource.status === 'published' && resource.scope !== 'group';
  if (resource.scope === 'group' && (!resource.group || isConversationKind(resource.group.kind)))
    return false;
  if (resource.status === 'withdrawn') return scopeEditable;
  if (reach.everything || resource.scope === 'platform') return true;
  if (resource.scope === 'association')
    return resource.public || reach.readAssociations.includes(resource.associationId ?? '');
  return reach.readGroups.includes(resource.groupId ?? '');
}

/** True when the reach lets the actor edit the resource's scope (what the withdrawn list and the queue select). */
export function editableIn(reach: ResourceReach, resource: ResourceAccess): boolean {
  if (reach.everything) return true;
  if (resource.scope === 'association') return reach.editAssociations.includes(resource.associationId ?? '');
  if (resource.scope === 'group') return reach.editGroups.includes(resource.groupId ?? '');
  return reach.editPlatform;
}
