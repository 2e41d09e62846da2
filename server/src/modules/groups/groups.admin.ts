import type { moderationAuditLog } from '@spejl/db';
import {
  type AdminGroup,
  type CreateGroupBody,
  isConversationKind,
  type UpdateGroupBody,
} from '@spejl/shared';
import { AppError } from '../../http/errors.ts';
import { pageOf } from '../../http/pagination.ts';
import { type Actor, hasPlatformPower, powerRefusal } from '../auth/auth.policy.ts';
import type { Bus } from '../../bus/bus.ts';
import { publishDirectoryChange } from './groups.list-memory.ts';
import { authorize, loadGroup, newGroupValues, publishGroupChange } from './groups.context.ts';
import type { GroupsAdminRepository } from './groups.admin.repository.ts';
import type { GroupRow, GroupsRepository } from './groups.repository.ts';
import { groupMatcher } from './groups.search.ts';
import type { GroupsService } from './groups.service.ts';

export interface GroupsAdminDeps {
  repository: GroupsRepository;
  admin: GroupsAdminRepository;
  groups: Pick<GroupsService, 'get'>;
  /** Writes to the platform audit log, through the moderation module that owns it. */
  audit: (entries: Array<typeof moderationAuditLog.$inferInsert>) => Promise<void>;
  clock: { now(): Date };
  /** Tells the chat and live sockets of a change (`group.changed`); the CLI has none (the chat sees it within 30 s). */
  bus?: Bus;
}

const collator = new Intl.Collator('da', { sensitivity: 'base' });
/** Settings an owner may change; the rest of the body (parent, association, kind) is a move, for admins. */
const settingKeys = [
  'name',
  'description',
  'visibility',
  'joinPolicy',
  'historyVisibleToNewMembers',
  'diagnosisTerms',
  'directMessagesAllowed',
] as const;

type Changes = Partial<Pick<GroupRow, (typeof settingKeys)[number] | 'parentId' | 'organisationId' | 'kind'>>;

function invalid(path: string, message: string): AppError {
  return new AppError('validation.failed', { details: [{ path: [path], message }] });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The operator at the server (the CLI), who holds every power there already; the audit log records no actor. */
export const operator = { operator: true } as const;
/** Who asks: a signed-in person, or the operator. */
export type Caller = Actor | typeof operator;
const isOperatorCall = (caller: Caller): caller is typeof operator => 'operator' in caller;
const isAdmin = (caller: Caller) => isOperatorCall(caller) || hasPlatformPower(caller, 'admin');
const actorIdOf = (caller: Caller) => (isOperatorCall(caller) ? null : caller.user.id);

/** A group as the administration lists it. */
function toAdminGroup(row: NonNullable<Awaited<ReturnType<GroupsAdminRepository['findAny']>>>): AdminGroup {
  const group = row.group;
  return {
    id: group.id,
    slug: group.slug,
    name: group.name,
    kind: isConversationKind(group.kind) ? 'network' : group.kind,
    visibility: group.visibility,
    joinPolicy: group.joinPolicy,
    parentId: group.parentId,
    parentName: row.parentName,
    organisation:
      group.organisationId && row.organisationName
        ? { id: group.organisationId, name: row.organisationName }
        : null,
    memberCount: row.memberCount,
    archivedAt: group.archivedAt?.toISOString() ?? null,
    createdAt: group.createdAt.toISOString(),
  };
}

/**
 * Changing a group's settings (owners and admins), moving it under another parent or association, archiving and
 * bringing it back (admins). Every change goes to the audit log with its actor, reason and before/after values.
 */
export function createGroupsAdminService(deps: GroupsAdminDeps) {
  const { repository, admin, clock } = deps;

  /** Admins pass; anyone else learns nothing about a group they may not see (404), then 403. */
  async function requireAdminFor(actor: Caller, id: string): Promise<void> {
    if (isOperatorCall(actor) || hasPlatformPower(actor, 'admin')) return;
    await loadGroup(repository, actor, id);
    throw new AppError(powerRefusal(actor, 'admin') ?? 'auth.forbidden');
  }

  async function setArchived(actor: Caller, idOrSlug: string, archive: boolean, reason: string) {
    await requireAdminFor(actor, idOrSlug);
    const row = await admin.findAny(
      isOperatorCall(actor) ? ((await admin.idOfSlug(idOrSlug)) ?? idOrSlug) : idOrSlug,
    );
    if (!row) throw new AppError('not_found');
    const before = row.group.archivedAt;
    if ((before !== null) !== archive) {
      const now = clock.now();
      const after = archive ? now : null;
      await admin.setArchived(row.group.id, after, now);
      await publishGroupChange(deps.bus, row.group.id);
      await deps.audit([
        {
          groupId: row.group.id,
          actorId: actorIdOf(actor),
          action: archive ? 'group.archived' : 'group.unarchived',
          reason,
          before: { archivedAt: before?.toISOString() ?? null },
          after: { archivedAt: after?.toISOString() ?? null },
          createdAt: now,
        },
      ]);
    }
    const updated = await admin.findAny(row.group.id);
    if (!updated) throw new AppError('not_found');
    return toAdminGroup(updated);
  }

  async function found(id: string) {
    const row = await admin.findAny(id);
    if (!row) throw new AppError('not_found');
    return row;
  }

  /** An active group (not archived, not a private conversation) by id or slug, for the operator. */
  async function activeRow(idOrSlug: string) {
    const row = await repository.findGroup(idOrSlug);
    if (!row || isConversationKind(row.group.kind)) throw new AppError('not_found');
    return found(row.group.id);
  }

  /** Applies a change to a group the caller may edit, and records it. */
  async function apply(caller: Caller, group: GroupRow, body: UpdateGroupBody): Promise<void> {
    const moving = body.parentId !== undefined || body.associationId !== undefined || body.kind !== undefined;
    if (moving && !isAdmin(caller)) throw new AppError('auth.forbidden');

    const changes: Changes = {};
    for (const key of settingKeys) {
      const value = body[key];
      if (value !== undefined && !same(value, group[key])) Object.assign(changes, { [key]: value });
    }
    if (body.parentId !== undefined && body.parentId !== group.parentId) {
      if (body.parentId === null) changes.parentId = null;
      else {
        const parentId = body.parentId;
        const parent = await (isOperatorCall(caller)
          ? activeRow(parentId)
          : loadGroup(repository, caller, parentId)
        ).catch(() => {
          throw invalid('parentId', 'unknown');
        });
        const parentRow = 'row' in parent ? parent.row.group : parent.group;
        if (isConversationKind(parentRow.kind)) throw invalid('parentId', 'unknown');
        // The new parent's chain up to the top must not pass through the group: it cannot sit under itself.
        if ((await admin.ancestorsOf(parentRow.id)).includes(group.id))
          throw new AppError('group.move_cycle');
        changes.parentId = parentRow.id;
      }
    }
    const parentId = changes.parentId !== undefined ? changes.parentId : group.parentId;
    const kind =
      body.kind ?? (parentId !== null ? 'subgroup' : group.kind === 'subgroup' ? null : group.kind);
    if (kind === null || isConversationKind(kind))
      throw invalid('kind', 'a group at the top level needs a kind');
    if ((kind === 'subgroup') !== (parentId !== null))
      throw invalid('parentId', 'a subgroup needs a parent, and only a subgroup has one');
    if (kind !== group.kind) changes.kind = kind;
    if (body.associationId !== undefined && body.associationId !== group.organisationId) {
      if (body.associationId !== null && !(await repository.organisationExists(body.associationId)))
        throw invalid('associationId', 'unknown');
      changes.organisationId = body.associationId;
    }
    const moved = ['parentId', 'organisationId', 'kind'].some((key) => key in changes);
    if (moved && !body.reason) throw invalid('reason', 'a move needs a reason');
    const keys = Object.keys(changes) as Array<keyof Changes>;
    if (keys.length === 0) return;
    const now = clock.now();
    await repository.updateGroup(group.id, { ...changes, updatedAt: now });
    await publishGroupChange(deps.bus, group.id);
    await deps.audit([
      {
        groupId: group.id,
        actorId: actorIdOf(caller),
        action: moved ? 'group.moved' : 'group.updated',
        reason: body.reason ?? null,
        before: Object.fromEntries(keys.map((key) => [key, group[key]])),
        after: Object.fromEntries(keys.map((key) => [key, changes[key]])),
        createdAt: now,
      },
    ]);
  }

  return {
    /** Changes settings (owners and admins) and, for admins, the parent, association and kind. */
    async update(actor: Actor, id: string, body: UpdateGroupBody) {
      const context = await loadGroup(repository, actor, id);
      authorize(actor, 'edit', context);
      await apply(actor, context.row.group, body);
      return deps.groups.get(actor, context.row.group.id);
    },

    /** The same change by the operator at the server (the CLI): an active group by id or slug. */
    async updateAsOperator(id: string, body: UpdateGroupBody) {
      const row = await activeRow(id);
      await apply(operator, row.group, body);
      return toAdminGroup(await found(row.group.id));
    },

    /**
     * Creates a group as the operator at the server (the CLI), checked as `POST /api/groups` checks it; the owner,
     * when given, is the first member. The web's admins create through `POST /api/groups` and own what they make.
     */
    async createAsOperator(body: CreateGroupBody, ownerEmail: string | null) {
      let organisationId = body.associationId ?? body.organisationId ?? null;
      let parentId: string | null = null;
      if (body.parentId !== undefined) {
        const parent = await activeRow(body.parentId).catch(() => {
          throw invalid('parentId', 'unknown');
        });
        parentId = parent.group.id;
        organisationId ??= parent.group.organisationId;
      }
      if ((body.kind === 'subgroup') !== (parentId !== null))
        throw invalid('parentId', 'a subgroup needs a parent, and only a subgroup has one');
      if (organisationId !== null && !(await repository.organisationExists(organisationId)))
        throw invalid('associationId', 'unknown');
      const owner = ownerEmail ? await repository.findUserByEmail(ownerEmail) : null;
      if (ownerEmail && !owner) throw invalid('owner', 'no account with that email');
      const now = clock.now();
      const created = await repository.transaction(async (tx) => {
        const group = await repository.insertGroup(
          newGroupValues(body, { parentId, organisationId }, now),
          tx,
        );
        if (!group) throw new AppError('group.slug_taken');
        if (owner) {
          await repository.insertMembership(
            { groupId: group.id, userId: owner.id, role: 'owner', joinedAt: now },
            tx,
          );
          await repository.recordEvent(
            {
              groupId: group.id,
              userId: owner.id,
              actorId: null,
              kind: 'joined.added',
              toRole: 'owner',
              createdAt: now,
            },
            tx,
          );
        }
        return group;
      });
      await deps.audit([
        {
          groupId: created.id,
          actorId: null,
          targetUserId: owner?.id ?? null,
          action: 'group.created',
          after: { name: created.name, slug: created.slug, kind: created.kind, parentId, organisationId },
          createdAt: now,
        },
      ]);
      await publishDirectoryChange(deps.bus);
      return toAdminGroup(await found(created.id));
    },

    /** Every group for the administration, archived ones when asked; searched like the directory. */
    async list(
      actor: Caller,
      query: { q?: string | undefined; archived: 'true' | 'false' | 'all' },
      page: { offset: number; limit: number },
    ) {
      const refusal = isOperatorCall(actor) ? null : powerRefusal(actor, 'admin');
      if (refusal) throw new AppError(refusal);
      const rows = await admin.listAll(query.archived);
      const matcher = query.q ? groupMatcher(query.q) : null;
      const ranks = new Map<string, number>();
      const found = matcher
        ? rows.filter((row) => {
            const rank = matcher({ ...row.group, organisationName: row.organisationName });
            if (rank !== null) ranks.set(row.group.id, rank);
            return rank !== null;
          })
        : rows;
      found.sort(
        (a, b) =>
          (ranks.get(a.group.id) ?? 0) - (ranks.get(b.group.id) ?? 0) ||
          collator.compare(a.group.name, b.group.name),
      );
      const { items, nextCursor } = pageOf(found, page);
      return { items: items.map(toAdminGroup), nextCursor };
    },

    /** One group for the administration, archived or not (admins). */
    async find(actor: Caller, idOrSlug: string) {
      await requireAdminFor(actor, idOrSlug);
      const id = isOperatorCall(actor) ? ((await admin.idOfSlug(idOrSlug)) ?? idOrSlug) : idOrSlug;
      const row = await admin.findAny(id);
      if (!row) throw new AppError('not_found');
      return toAdminGroup(row);
    },

    /** Archives a group (admins): it leaves the directory and answers 404 to everyone, as archived groups do. */
    archive: (actor: Caller, id: string, reason: string) => setArchived(actor, id, true, reason),
    /** Brings an archived group back (admins). */
    unarchive: (actor: Caller, id: string, reason: string) => setArchived(actor, id, false, reason),
  };
}

export type GroupsAdminService = ReturnType<typeof createGroupsAdminService>;
