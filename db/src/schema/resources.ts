import {
  resourceAudiences,
  resourceKinds,
  resourceScopeTypes,
  resourceStatuses,
  resourceTopics,
  type ResourceSource,
} from '@spejl/shared/resources-values';
import { looseDanishSql } from '@spejl/shared/search-fold';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { groups, organisations } from './groups.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const inList = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));
/**
 * One column's text folded (shared/src/search-fold.ts) and weighted (title A, summary B, body D), twice: as Danish
 * stems ("merudgifterne" finds "merudgift") and as whole words for a search on the start of a word ("sosken" finds
 * "søskende", whose stem is shorter than the typed word).
 */
const foldedWeighted = (column: string, weight: string) =>
  (['danish', 'simple'] as const)
    .map(
      (config) =>
        `setweight(to_tsvector('${config}'::regconfig, ${looseDanishSql(`coalesce(${column}, '')`)}), '${weight}')`,
    )
    .join(' || ');

/**
 * The information kit: articles (Markdown), links and files, each owned by the platform, an association or a group.
 * `last_checked_on` and `review_due_on` are Danish calendar days; a resource past its review date shows its age to
 * readers and sits in its editors' queue. A withdrawn resource stays for its editors and the audit log.
 */
export const resources = pgTable(
  'resources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: resourceKinds }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    /** Markdown, for articles. */
    body: text('body'),
    /** An https address, for links. */
    url: text('url'),
    /**
     * The stored file, for files: a `message_attachments` row whose `resource_id` points back here (that side holds
     * the foreign key, so the sweep removes the file once the resource is gone).
     */
    fileId: uuid('file_id'),
    topic: text('topic', { enum: resourceTopics }).notNull(),
    audiences: text('audiences').array().notNull(),
    scopeType: text('scope_type', { enum: resourceScopeTypes }).notNull(),
    associationId: uuid('association_id').references(() => organisations.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    /** The municipality it holds in; null for all of Denmark. */
    region: text('region'),
    /** The year its rates and rules are for. */
    validYear: integer('valid_year'),
    sources: jsonb('sources').$type<ResourceSource[]>().notNull().default([]),
    language: text('language', { enum: ['da', 'en'] })
      .notNull()
      .default('da'),
    /** Null once the owner's account is deleted. */
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    public: boolean('public').notNull().default(false),
    status: text('status', { enum: resourceStatuses }).notNull().default('published'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnReason: text('withdrawn_reason'),
    lastCheckedOn: date('last_checked_on', { mode: 'string' }).notNull(),
    reviewDueOn: date('review_due_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Danish and English words, as messages' search. */
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('danish'::regconfig, title || ' ' || summary || ' ' || coalesce(body, '')) || to_tsvector('english'::regconfig, title || ' ' || summary || ' ' || coalesce(body, ''))`,
    ),
    /** The words once more with spellings folded, as Danish stems and as whole words, weighted (`foldedWeighted`). */
    searchFolded: tsvector('search_folded').generatedAlwaysAs(
      sql.raw(
        `${foldedWeighted('title', 'A')} || ${foldedWeighted('summary', 'B')} || ${foldedWeighted('body', 'D')}`,
      ),
    ),
  },
  (table) => [
    index('resources_scope_idx').on(table.scopeType, table.associationId, table.groupId),
    index('resources_review_idx').on(table.reviewDueOn).where(sql`${table.status} = 'published'`),
    index('resources_search_idx').using('gin', table.search),
    index('resources_search_folded_idx').using('gin', table.searchFolded),
    check('resources_kind_check', sql`${table.kind} in (${inList(resourceKinds)})`),
    check('resources_topic_check', sql`${table.topic} in (${inList(resourceTopics)})`),
    check(
      'resources_audiences_check',
      sql`cardinality(${table.audiences}) > 0 and ${table.audiences} <@ array[${inList(resourceAudiences)}]::text[]`,
    ),
    check('resources_scope_type_check', sql`${table.scopeType} in (${inList(resourceScopeTypes)})`),
    check(
      'resources_scope_check',
      sql`(${table.scopeType} = 'platform' and ${table.associationId} is null and ${table.groupId} is null) or (${table.scopeType} = 'association' and ${table.associationId} is not null and ${table.groupId} is null) or (${table.scopeType} = 'group' and ${table.groupId} is not null and ${table.associationId} is null)`,
    ),
    check('resources_public_check', sql`not (${table.public} and ${table.scopeType} = 'group')`),
    check(
      'resources_content_check',
      sql`(${table.kind} = 'article' and ${table.body} is not null) or (${table.kind} = 'link' and ${table.url} is not null) or ${table.kind} = 'file'`,
    ),
    check('resources_status_check', sql`${table.status} in (${inList(resourceStatuses)})`),
    check('resources_language_check', sql`${table.language} in ('da', 'en')`),
  ],
);

/** People an admin made editors of an association's resources (besides admins themselves). */
export const associationEditors = pgTable(
  'association_editors',
  {
    associationId: uuid('association_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.associationId, table.userId] }),
    index('association_editors_user_idx').on(table.userId),
  ],
);
