import {
  type createResourceBody,
  type republishResourceBody,
  type Resource,
  type ResourceListQuery,
  resourceLimits,
  type updateResourceBody,
  type withdrawResourceBody,
} from '@spejl/shared';
import type { z } from 'zod';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import { readPage, toPage } from '../../http/pagination.ts';
import { type Actor, mfaRefusal } from '../auth/auth.policy.ts';
import type { AuditInsert, Executor } from '../moderation/moderation.repository.ts';
import { addMonths, danishToday, defaultReviewDue, queueCutoff } from './resources.dates.ts';
import {
  changeRefusal,
  createRefusal,
  fileAudience,
  noContext,
  type ReaderContext,
  reachOf,
  readRefusal,
  type ResourceAccess,
} from './resources.policy.ts';
import { checkUploadId, fileBinder, type ResourceFiles } from './resources.files.ts';
import { accessOf, createResourcePresenter } from './resources.present.ts';
import type { ResourceInsert, ResourcesRepository, ResourceWithScope } from './resources.repository.ts';

export interface ResourcesDeps {
  repository: ResourcesRepository;
  clock: Clock;
  /** The moderation module's audit log (insert only), in the same transaction as the change. */
  audit: (entries: AuditInsert[], executor: Executor) => Promise<void>;
  transaction: <T>(work: (tx: Executor) => Promise<T>) => Promise<T>;
  /** The uploads a file resource is made from (messages.attachments* own them); absent, files cannot be made. */
  files?: ResourceFiles;
}

type CreateInput = z.output<typeof createResourceBody>;
type UpdateInput = z.output<typeof updateResourceBody>;
type WithdrawInput = z.output<typeof withdrawResourceBody>;
type RepublishInput = z.output<typeof republishResourceBody>;

/** The fields the audit log keeps before and after an edit; the body is recorded by its length only. */
const auditedKeys = [
  'title',
  'summary',
  'topic',
  'audiences',
  'region',
  'validYear',
  'sources',
  'language',
  'public',
  'url',
  'fileId',
  'lastCheckedOn',
  'reviewDueOn',
] as const;

const invalid = (path: string[], message: string) =>
  new AppError('validation.failed', { details: [{ path: ['body', ...path], message }] });

/** The audit entry's common part: which resource, in which scope. */
function subject(row: Pick<ResourceWithScope, 'id' | 'title' | 'scopeType' | 'associationId' | 'groupId'>) {
  return {
    resourceId: row.id,
    title: row.title,
    scope: row.scopeType,
    associationId: row.associationId,
    groupId: row.groupId,
  };
}

/** The information kit's resources: read by whom their scope allows, changed by its editors, every change audited. */
export function createResourcesService(deps: ResourcesDeps) {
  const { repository, clock } = deps;
  const today = () => danishToday(clock.now());

  const contextOf = async (actor: Actor | null): Promise<ReaderContext> =>
    actor ? repository.contextOf(actor.user.id) : noContext;
  const { listItem, contactOf } = createResourcePresenter({ repository, today });

  async function load(id: string) {
    const row = await repository.find(id);
    if (!row) throw new AppError('resource.not_found');
    return row;
  }

  /** Loads a resource the actor may change, or throws the refusal. */
  async function loadForChange(actor: Actor, id: string) {
    const row = await load(id);
    const context = await contextOf(actor);
    const refusal = changeRefusal(actor, accessOf(row), context);
    if (refusal) throw new AppError(refusal);
    return row;
  }

  /** A review date an editor chose: from today up to two years on. */
  function checkReviewDate(value: string) {
    const now = today();
    if (value < now || value > addMonths(now, resourceLimits.reviewMonthsMax))
      throw invalid(['reviewDueOn'], 'out_of_range');
  }

  async function audit(
    actor: Actor,
    row: Parameters<typeof subject>[0],
    action: string,
    change: {
      reason?: string | null;
      before?: Record<string, unknown> | null;
      after?: Record<string, unknown>;
    },
    tx: Executor,
  ) {
    await deps.audit(
      [
        {
          groupId: row.groupId,
          actorId: actor.user.id,
          action,
          reason: change.reason ?? null,
          before: change.before ?? null,
          after: { ...subject(row), ...change.after },
          createdAt: clock.now(),
        },
      ],
      tx,
    );
  }

  /** The checked dates after "still correct" or publishing again; the year its rules are for must not have ended. */
  function checkedToday(row: ResourceWithScope) {
    const now = today();
    if (row.validYear !== null && row.validYear < Number(now.slice(0, 4)))
      throw new AppError('resource.valid_year_passed');
    return { lastCheckedOn: now, reviewDueOn: defaultReviewDue(now, row.validYear) };
  }

  const claimFile = fileBinder(deps);

  const service = {
    /** The resources the reader may see: searched (Danish-aware), filtered, a page at a time. */
    async list(actor: Actor | null, query: ResourceListQuery) {
      const page = readPage(query);
      const context = await contextOf(actor);
      const rows = await repository.list(reachOf(actor, context), query, page);
      const { items, nextCursor } = toPage(rows, page);
      return { items: items.map((row) => listItem(actor, context, row)), nextCursor };
    },

    /** One resource with its body, sources and contact. */
    async get(actor: Actor | null, id: string): Promise<Resource> {
      const row = await repository.find(id);
      // Signed out, a resource that does not exist answers as one that is not public (groups do the same).
      if (!row) throw new AppError(actor ? 'resource.not_found' : 'auth.required');
      const context = await contextOf(actor);
      const refusal = readRefusal(actor, accessOf(row), context);
      if (refusal) throw new AppError(refusal);
      return {
        ...listItem(actor, context, row),
        body: row.kind === 'article' ? row.body : null,
        sources: row.sources,
        contact: await contactOf(row),
      };
    },

    /** Creates a resource in a scope the actor edits; it counts as checked today. */
    async create(actor: Actor, input: CreateInput) {
      const context = await contextOf(actor);
      let associationId: string | null = null;
      let groupId: string | null = null;
      let group: ResourceAccess['group'] = null;
      if (input.scope.type === 'association') {
        const association = await repository.association(input.scope.id);
        if (!association) throw new AppError('association.not_found');
        associationId = association.id;
      } else if (input.scope.type === 'group') {
        const found = await repository.group(input.scope.id);
        // A group that does not exist, is archived, or that the actor may not see: all the same 404.
        if (!found || found.archivedAt) throw new AppError('not_found');
        groupId = found.id;
        group = { kind: found.kind, visibility: found.visibility };
      }
      const refusal = createRefusal(
        actor,
        { scope: input.scope.type, associationId, groupId, group },
        context,
      );
      if (refusal) throw new AppError(refusal);
      if (input.reviewDueOn !== undefined) checkReviewDate(input.reviewDueOn);
      if (input.fileId !== undefined) checkUploadId(input.fileId);
      const now = today();
      const validYear = input.validYear ?? null;
      const values: ResourceInsert = {
        kind: input.kind,
        title: input.title,
        summary: input.summary,
        body: input.kind === 'article' ? (input.body ?? null) : null,
        url: input.kind === 'link' ? (input.url ?? null) : null,
        fileId: input.kind === 'file' ? (input.fileId ?? null) : null,
        topic: input.topic,
        audiences: input.audiences,
        scopeType: input.scope.type,
        associationId,
        groupId,
        region: input.region ?? null,
        validYear,
        sources: input.sources,
        language: input.language,
        ownerId: actor.user.id,
        public: input.public,
        status: 'published',
        lastCheckedOn: now,
        reviewDueOn: input.reviewDueOn ?? defaultReviewDue(now, validYear),
        createdAt: clock.now(),
        updatedAt: clock.now(),
      };
      const { id } = await deps.transaction(async (tx) => {
        const inserted = await repository.insert(values, tx);
        if (values.fileId) await claimFile(actor, values.fileId, inserted.id, tx);
        await audit(
          actor,
          { id: inserted.id, title: input.title, scopeType: input.scope.type, associationId, groupId },
          'resource.created',
          { after: { kind: input.kind, public: input.public, reviewDueOn: values.reviewDueOn } },
          tx,
        );
        return inserted;
      });
      return service.get(actor, id);
    },

    /** Edits a resource; its kind and scope stay. `checked` also records a check today. */
    async update(actor: Actor, id: string, input: UpdateInput) {
      const row = await loadForChange(actor, id);
      if (input.body !== undefined && row.kind !== 'article')
        throw invalid(['body'], 'only_articles_have_a_body');
      if (input.url !== undefined && row.kind !== 'link')
        throw invalid(['url'], 'only_links_have_an_address');
      if (input.fileId !== undefined && row.kind !== 'file')
        throw invalid(['fileId'], 'only_files_have_a_file');
      if (input.fileId !== undefined) checkUploadId(input.fileId);
      if (input.public === true && row.scopeType === 'group')
        throw invalid(['public'], 'group_resources_are_not_public');
      if (input.reviewDueOn !== undefined) checkReviewDate(input.reviewDueOn);
      const values: Partial<ResourceInsert> = {};
      for (const key of [...auditedKeys, 'body'] as const) {
        if (key === 'lastCheckedOn') continue;
        if (input[key] !== undefined) Object.assign(values, { [key]: input[key] });
      }
      const validYear = input.validYear !== undefined ? input.validYear : row.validYear;
      if (input.checked) values.lastCheckedOn = today();
      if (input.reviewDueOn === undefined && (input.checked || validYear !== row.validYear))
        values.reviewDueOn = defaultReviewDue(values.lastCheckedOn ?? row.lastCheckedOn, validYear);
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const key of auditedKeys) {
        const next = values[key];
        if (next !== undefined && JSON.stringify(next) !== JSON.stringify(row[key])) {
          before[key] = row[key];
          after[key] = next;
        }
      }
      if (values.body !== undefined && values.body !== row.body) {
        before.bodyLength = row.body?.length ?? 0;
        after.bodyLength = values.body?.length ?? 0;
      }
      const newFile = after.fileId !== undefined ? values.fileId : undefined;
      if (Object.keys(after).length > 0)
        await deps.transaction(async (tx) => {
          if (newFile) {
            // The old file goes (after the commit); the new one must be the editor's own free upload.
            if (row.fileId) await deps.files?.release(id, row.fileId, tx);
            await claimFile(actor, newFile, id, tx);
          }
          await repository.update(id, { ...values, updatedAt: clock.now() }, tx);
          await audit(
            actor,
            { ...row, title: values.title ?? row.title },
            'resource.updated',
            {
              reason: input.reason ?? null,
              before,
              after,
            },
            tx,
          );
        });
      if (newFile) await deps.files?.removeReleased();
      return service.get(actor, id);
    },

    /** "Still correct": moves the check to today and the review date on; nothing else changes. */
    async stillCorrect(actor: Actor, id: string) {
      const row = await loadForChange(actor, id);
      if (row.status === 'withdrawn') throw new AppError('resource.withdrawn');
      const dates = checkedToday(row);
      await deps.transaction(async (tx) => {
        await repository.update(id, dates, tx);
        await audit(
          actor,
          row,
          'resource.checked',
          {
            before: { lastCheckedOn: row.lastCheckedOn, reviewDueOn: row.reviewDueOn },
            after: dates,
          },
          tx,
        );
      });
      return service.get(actor, id);
    },

    /** Withdraws a resource: gone for readers, kept for its editors with the reason. */
    async withdraw(actor: Actor, id: string, input: WithdrawInput) {
      const row = await loadForChange(actor, id);
      if (row.status === 'withdrawn') throw new AppError('resource.already_in_state');
      await deps.transaction(async (tx) => {
        await repository.update(
          id,
          {
            status: 'withdrawn',
            withdrawnAt: clock.now(),
            withdrawnReason: input.reason,
            updatedAt: clock.now(),
          },
          tx,
        );
        await audit(
          actor,
          row,
          'resource.withdrawn',
          { reason: input.reason, after: { status: 'withdrawn' } },
          tx,
        );
      });
      return service.get(actor, id);
    },

    /** Publishes a withdrawn resource again; the editor vouches for it, so it counts as checked today. */
    async republish(actor: Actor, id: string, input: RepublishInput) {
      const row = await loadForChange(actor, id);
      if (row.status === 'published') throw new AppError('resource.already_in_state');
      const dates = checkedToday(row);
      await deps.transaction(async (tx) => {
        await repository.update(
          id,
          { status: 'published', withdrawnAt: null, withdrawnReason: null, ...dates, updatedAt: clock.now() },
          tx,
        );
        await audit(
          actor,
          row,
          'resource.republished',
          {
            reason: input.reason ?? null,
            after: { status: 'published', ...dates },
          },
          tx,
        );
      });
      return service.get(actor, id);
    },

    /** Deletes a resource for good, its file too; the audit log keeps its title and scope. */
    async remove(actor: Actor, id: string) {
      const row = await loadForChange(actor, id);
      await deps.transaction(async (tx) => {
        await repository.remove(id, tx);
        await audit(
          actor,
          row,
          'resource.deleted',
          {
            before: { kind: row.kind, status: row.status, public: row.public },
            after: {},
          },
          tx,
        );
      });
      // The file's row lost its resource with the delete (the foreign key sets it null); the sweep removes it.
      if (row.fileId) await deps.files?.removeReleased();
    },

    /**
     * Whether the actor may have the file of a resource (`GET /api/files/:id`), by the kit's policy: `public` when
     * anyone may. Null when not, or when the file is not this resource's.
     */
    async fileAccess(actor: Actor | null, resourceId: string, fileId: string) {
      const row = await repository.find(resourceId);
      if (row?.kind !== 'file' || row.fileId !== fileId) return null;
      const audience = fileAudience(actor, accessOf(row), await contextOf(actor));
      return audience ? { public: audience === 'public' } : null;
    },

    /** The editor's queue: due and overdue resources in the scopes they edit, the oldest review date first. */
    async reviewQueue(actor: Actor, query: { cursor?: string | undefined; limit: number }) {
      const context = await contextOf(actor);
      const holdsRole =
        actor.user.platformRole === 'admin' ||
        context.editorOf.length > 0 ||
        context.memberships.some((membership) => membership.role === 'owner');
      if (!holdsRole) throw new AppError('auth.forbidden');
      const refusal = mfaRefusal(actor);
      if (refusal) throw new AppError(refusal);
      const page = readPage(query);
      const rows = await repository.reviewQueue(reachOf(actor, context), queueCutoff(today()), page);
      const { items, nextCursor } = toPage(rows, page);
      return { items: items.map((row) => listItem(actor, context, row)), nextCursor };
    },
  };
  return service;
}

export type ResourcesService = ReturnType<typeof createResourcesService>;
