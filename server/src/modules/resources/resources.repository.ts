import {
  associationEditors,
  type Database,
  groupMemberships,
  groups,
  messageAttachments,
  organisations,
  resources,
  users,
} from '@spejl/db';
import {
  type ResourceAudience,
  type ResourceStatus,
  type ResourceTopic,
  resourceLimits,
  resourceTopics,
} from '@spejl/shared';
import { looseDanish } from '@spejl/shared/search-fold';
import { and, asc, desc, eq, getTableColumns, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias, type SelectedFields } from 'drizzle-orm/pg-core';
import { isUuid } from '../groups/groups.repository.ts';
import type { Executor } from '../moderation/moderation.repository.ts';
import type { ReaderContext, ResourceReach } from './resources.policy.ts';

export type ResourceRow = typeof resources.$inferSelect;
export type ResourceInsert = typeof resources.$inferInsert;

const {
  body: _body,
  search: _search,
  searchFolded: _searchFolded,
  ...listColumns
} = getTableColumns(resources);
const { search: _s, searchFolded: _f, ...detailColumns } = getTableColumns(resources);
const scopeAssociation = alias(organisations, 'scope_association');
const scopeGroup = alias(groups, 'scope_group');
const owner = alias(users, 'resource_owner');

/**
 * What a row carries beside the resource: its scope's names, its group's visibility, its owner's name, and what its
 * file is (the upload bound to it; messages.attachments* own those rows, this only reads them).
 */
const around = {
  associationName: scopeAssociation.name,
  groupName: scopeGroup.name,
  groupVisibility: scopeGroup.visibility,
  groupKind: scopeGroup.kind,
  groupAssociationId: scopeGroup.organisationId,
  ownerName: owner.displayName,
  ownerDeletedAt: owner.deletedAt,
  fileName: messageAttachments.name,
  fileKind: messageAttachments.kind,
  fileMime: messageAttachments.mime,
  fileSize: messageAttachments.size,
};

/** The slug Sjældne-netværket's group has in the demo data and a new install. */
const networkSlug = 'sjaeldne-netvaerket';

/** Danish words a search ignores when it holds others, as the directory does. */
const fillerWords = new Set(
  'og i til med for af en et de den det der som på om at hos'.split(' ').map(looseDanish),
);

/**
 * A folded search as a tsquery: every word must match, as a Danish stem or as the start of a whole word. Only letters
 * and digits reach to_tsquery, so nothing in the query is its syntax.
 */
function foldedQuery(query: string): SQL | null {
  const all = looseDanish(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const meaningful = all.filter((word) => !fillerWords.has(word));
  const words = (meaningful.length > 0 ? meaningful : all).slice(0, resourceLimits.queryWordsMax);
  if (words.length === 0) return null;
  return sql.join(
    words.map((word) => sql`(to_tsquery('danish', ${word}) || to_tsquery('simple', ${`${word}:*`}))`),
    sql` && `,
  );
}

/** The resources an actor's reach selects (resources.policy.ts `listedFor`, written as SQL). */
function visibleTo(reach: ResourceReach, status: ResourceStatus): SQL | undefined {
  const notConversation = or(
    sql`${resources.scopeType} <> 'group'`,
    inArray(scopeGroup.kind, ['diagnosis', 'network', 'subgroup']),
  );
  if (!reach.signedIn)
    return and(
      status === 'published' ? undefined : sql`false`,
      eq(resources.status, 'published'),
      eq(resources.public, true),
      sql`${resources.scopeType} <> 'group'`,
    );
  const inList = (column: typeof resources.associationId | typeof resources.groupId, ids: string[]) =>
    ids.length > 0 ? inArray(column, ids) : sql`false`;
  if (status === 'withdrawn') {
    const editable = reach.everything
      ? undefined
      : or(
          and(eq(resources.scopeType, 'platform'), reach.editPlatform ? undefined : sql`false`),
          and(
            eq(resources.scopeType, 'association'),
            inList(resources.associationId, reach.editAssociations),
          ),
          and(eq(resources.scopeType, 'group'), inList(resources.groupId, reach.editGroups)),
        );
    return and(eq(resources.status, 'withdrawn'), notConversation, editable);
  }
  const readable = reach.everything
    ? undefined
    : or(
        eq(resources.scopeType, 'platform'),
        and(
          eq(resources.scopeType, 'association'),
          or(eq(resources.public, true), inList(resources.associationId, reach.readAssociations)),
        ),
        and(eq(resources.scopeType, 'group'), inList(resources.groupId, reach.readGroups)),
      );
  return and(eq(resources.status, 'published'), notConversation, readable);
}

/** The editable part of a reach, for the review queue. */
function editableBy(reach: ResourceReach): SQL | undefined {
  if (reach.everything) return undefined;
  const inList = (column: typeof resources.associationId | typeof resources.groupId, ids: string[]) =>
    ids.length > 0 ? inArray(column, ids) : sql`false`;
  return or(
    and(eq(resources.scopeType, 'platform'), reach.editPlatform ? undefined : sql`false`),
    and(eq(resources.scopeType, 'association'), inList(resources.associationId, reach.editAssociations)),
    and(eq(resources.scopeType, 'group'), inList(resources.groupId, reach.editGroups)),
  );
}

export interface ResourceFilters {
  q?: string | undefined;
  topic?: ResourceTopic | undefined;
  audience?: ResourceAudience | undefined;
  groupId?: string | undefined;
  associationId?: string | undefined;
  status: ResourceStatus;
}

/** The resources and association_editors tables, and the reads of groups and associations the kit needs. */
export function createResourcesRepository(db: Database) {
  function withScope<T extends SelectedFields>(columns: T) {
    return db
      .select({ ...columns, ...around })
      .from(resources)
      .leftJoin(scopeAssociation, eq(scopeAssociation.id, resources.associationId))
      .leftJoin(scopeGroup, eq(scopeGroup.id, resources.groupId))
      .leftJoin(owner, eq(owner.id, resources.ownerId))
      .leftJoin(
        messageAttachments,
        and(eq(messageAttachments.id, resources.fileId), eq(messageAttachments.resourceId, resources.id)),
      );
  }

  return {
    /** The actor's groups and the associations they edit. */
    async contextOf(userId: string): Promise<ReaderContext> {
      const memberships = await db
        .select({
          groupId: groupMemberships.groupId,
          role: groupMemberships.role,
          associationId: groups.organisationId,
          kind: groups.kind,
        })
        .from(groupMemberships)
        .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
        .where(eq(groupMemberships.userId, userId));
      const editorOf = await db
        .select({ associationId: associationEditors.associationId })
        .from(associationEditors)
        .where(eq(associationEditors.userId, userId));
      return { memberships, editorOf: editorOf.map((row) => row.associationId) };
    },

    async find(id: string) {
      if (!isUuid(id)) return null;
      const [row] = await withScope(detailColumns).where(eq(resources.id, id));
      return row ?? null;
    },

    /** A page of the resources the reach selects, searched and filtered: best match first, else by title. */
    async list(reach: ResourceReach, filters: ResourceFilters, page: { offset: number; limit: number }) {
      const query = filters.q ? foldedQuery(filters.q) : null;
      const searched = filters.q
        ? or(
            query ? sql`${resources.searchFolded} @@ (${query})` : undefined,
            sql`${resources.search} @@ (websearch_to_tsquery('danish', ${filters.q}) || websearch_to_tsquery('english', ${filters.q}))`,
          )
        : undefined;
      const byRank = query ? [desc(sql`ts_rank(${resources.searchFolded}, ${query})`)] : [];
      return withScope(listColumns)
        .where(
          and(
            visibleTo(reach, filters.status),
            searched,
            filters.topic ? eq(resources.topic, filters.topic) : undefined,
            filters.audience ? sql`${resources.audiences} @> array[${filters.audience}]::text[]` : undefined,
            filters.groupId
              ? isUuid(filters.groupId)
                ? eq(resources.groupId, filters.groupId)
                : sql`false`
              : undefined,
            filters.associationId
              ? isUuid(filters.associationId)
                ? eq(resources.associationId, filters.associationId)
                : sql`false`
              : undefined,
          ),
        )
        .orderBy(...byRank, asc(resources.title), asc(resources.id))
        .limit(page.limit + 1)
        .offset(page.offset);
    },

    /**
     * The printable kit: public, published platform and association resources with their bodies, by topic (in the
     * kit's order) then title; one more than `limit`, so the caller knows when some were left out.
     */
    async kit(
      filters: { topic?: ResourceTopic | undefined; audience?: ResourceAudience | undefined },
      limit: number,
    ) {
      const topicOrder = sql`array_position(array[${sql.join(
        resourceTopics.map((topic) => sql`${topic}`),
        sql`, `,
      )}]::text[], ${resources.topic})`;
      return withScope(detailColumns)
        .where(
          and(
            eq(resources.status, 'published'),
            eq(resources.public, true),
            inArray(resources.scopeType, ['platform', 'association']),
            filters.topic ? eq(resources.topic, filters.topic) : undefined,
            filters.audience ? sql`${resources.audiences} @> array[${filters.audience}]::text[]` : undefined,
          ),
        )
        .orderBy(topicOrder, asc(resources.title), asc(resources.id))
        .limit(limit + 1);
    },

    /** Published resources the reach may edit whose review date is on or before `dueBy`: the oldest date first. */
    async reviewQueue(reach: ResourceReach, dueBy: string, page: { offset: number; limit: number }) {
      return withScope(listColumns)
        .where(
          and(
            eq(resources.status, 'published'),
            lte(resources.reviewDueOn, dueBy),
            or(
              sql`${resources.scopeType} <> 'group'`,
              inArray(scopeGroup.kind, ['diagnosis', 'network', 'subgroup']),
            ),
            editableBy(reach),
          ),
        )
        .orderBy(asc(resources.reviewDueOn), asc(resources.title), asc(resources.id))
        .limit(page.limit + 1)
        .offset(page.offset);
    },

    async insert(values: ResourceInsert, executor: Executor) {
      const [row] = await executor.insert(resources).values(values).returning({ id: resources.id });
      return row!;
    },

    async update(id: string, values: Partial<ResourceInsert>, executor: Executor) {
      await executor.update(resources).set(values).where(eq(resources.id, id));
    },

    async remove(id: string, executor: Executor) {
      await executor.delete(resources).where(eq(resources.id, id));
    },

    /** An association by id, with what a contact card shows. */
    async association(id: string) {
      if (!isUuid(id)) return null;
      const [row] = await db
        .select({
          id: organisations.id,
          name: organisations.name,
          website: organisations.website,
          contactEmail: organisations.contactEmail,
        })
        .from(organisations)
        .where(eq(organisations.id, id));
      return row ?? null;
    },

    /** A group by id, with what decides access to its resources. */
    async group(id: string) {
      if (!isUuid(id)) return null;
      const [row] = await db
        .select({
          id: groups.id,
          name: groups.name,
          slug: groups.slug,
          visibility: groups.visibility,
          kind: groups.kind,
          associationId: groups.organisationId,
          archivedAt: groups.archivedAt,
        })
        .from(groups)
        .where(eq(groups.id, id));
      return row ?? null;
    },

    /**
     * Sjældne-netværket: the network group (kind `network`) and the association it belongs to, the contact for a
     * diagnosis without an association.
     */
    async network() {
      const [row] = await db
        .select({
          group: { id: groups.id, name: groups.name, slug: groups.slug },
          associationId: groups.organisationId,
        })
        .from(groups)
        .where(and(eq(groups.kind, 'network'), eq(groups.visibility, 'listed'), isNull(groups.archivedAt)))
        .orderBy(
          // Other network groups can exist (a programme's cohort keeps one): the one named so, a top-level one
          // that belongs to an association, then the oldest.
          desc(sql`${groups.slug} = ${networkSlug}`),
          desc(sql`${groups.parentId} is null and ${groups.organisationId} is not null`),
          asc(groups.createdAt),
          asc(groups.id),
        )
        .limit(1);
      return row ?? null;
    },

    async editors(associationId: string) {
      return db
        .select({
          userId: associationEditors.userId,
          displayName: users.displayName,
          addedAt: associationEditors.createdAt,
        })
        .from(associationEditors)
        .innerJoin(users, eq(users.id, associationEditors.userId))
        .where(eq(associationEditors.associationId, associationId))
        .orderBy(asc(users.displayName), asc(users.id));
    },

    /** An account that can be made an editor, by id or email; null when there is none (or it is deleted). */
    async person(by: { userId?: string | undefined; email?: string | undefined }) {
      if (by.userId !== undefined && !isUuid(by.userId)) return null;
      const [row] = await db
        .select({ id: users.id, displayName: users.displayName })
        .from(users)
        .where(
          and(
            by.userId !== undefined
              ? eq(users.id, by.userId)
              : eq(users.email, (by.email ?? '').trim().toLowerCase()),
            isNull(users.deletedAt),
          ),
        );
      return row ?? null;
    },

    async addEditor(values: typeof associationEditors.$inferInsert, executor: Executor) {
      const rows = await executor
        .insert(associationEditors)
        .values(values)
        .onConflictDoNothing()
        .returning({ userId: associationEditors.userId });
      return rows.length > 0;
    },

    async removeEditor(associationId: string, userId: string, executor: Executor) {
      const rows = await executor
        .delete(associationEditors)
        .where(
          and(eq(associationEditors.associationId, associationId), eq(associationEditors.userId, userId)),
        )
        .returning({ userId: associationEditors.userId });
      return rows.length > 0;
    },
  };
}

export type ResourcesRepository = ReturnType<typeof createResourcesRepository>;
/** A resource row with its scope's names and its owner, as `find` and `list` answer. */
export type ResourceWithScope = NonNullable<Awaited<ReturnType<ResourcesRepository['find']>>>;
export type ResourceListRow = Awaited<ReturnType<ResourcesRepository['list']>>[number];
