import {
  type ArchiveAssociationBody,
  type AssociationStatus,
  associationLimits,
  associationLogoUrl,
  type archiveAssociationBody,
  type createAssociationBody,
  type updateAssociationBody,
} from '@spejl/shared';
import type { z } from 'zod';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { AuditInsert, Executor } from '../moderation/moderation.repository.ts';
import { administerRefusal, canAdministerAssociations } from './associations.policy.ts';
import type { AssociationRow, AssociationsRepository } from './associations.repository.ts';

export interface AssociationsDeps {
  repository: AssociationsRepository;
  clock: Clock;
  /** The moderation module's audit log (insert only), in the same transaction as the change. */
  audit: (entries: AuditInsert[], executor: Executor) => Promise<void>;
  transaction: <T>(work: (tx: Executor) => Promise<T>) => Promise<T>;
  /** Told after a change the group directory shows (a name): the group list forgets its kept answers. */
  changed?: () => Promise<void>;
}

/** Who acts: an admin in the web, or an operator on the host (`pnpm spejl association:*`, no person to name). */
export type AssociationsActor = Actor | { operator: true };
const isOperator = (by: AssociationsActor): by is { operator: true } => 'operator' in by;
/** The audit entry's actor: the admin, or nobody for an operator (the entry then says `via: 'cli'`). */
const actorIdOf = (by: AssociationsActor) => (isOperator(by) ? null : by.user.id);
const via = (by: AssociationsActor) => (isOperator(by) ? { via: 'cli' } : {});

type CreateInput = z.output<typeof createAssociationBody>;
type UpdateInput = z.output<typeof updateAssociationBody>;
type ArchiveInput = z.output<typeof archiveAssociationBody> | ArchiveAssociationBody;

/** The fields the audit log keeps before and after a change. */
const detailKeys = ['name', 'shortName', 'website', 'contactEmail', 'description'] as const;

/** A slug from a name, in the spelling a URL takes: "Hæmofili-foreningen" becomes "haemofili-foreningen". */
export function slugFromName(name: string): string {
  const slug = name
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'oe')
    .replaceAll('å', 'aa')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'forening';
}

function details(row: AssociationRow) {
  return Object.fromEntries(detailKeys.map((key) => [key, row[key]]));
}

/** Only what changed, for the audit log. */
function changed(before: AssociationRow, after: AssociationRow) {
  const keys = detailKeys.filter((key) => before[key] !== after[key]);
  return {
    before: Object.fromEntries(keys.map((key) => [key, before[key]])),
    after: Object.fromEntries(keys.map((key) => [key, after[key]])),
  };
}

/** Associations: admins (with TOTP in the session) list, create, edit, archive and bring them back. */
export function createAssociationsService(deps: AssociationsDeps) {
  const { repository, clock } = deps;

  function assertAdmin(actor: AssociationsActor) {
    if (isOperator(actor)) return;
    const refusal = administerRefusal(actor);
    if (refusal) throw new AppError(refusal);
  }

  function present(
    actor: AssociationsActor,
    row: AssociationRow,
    groupCount: number,
    logoUpdatedAt: Date | null,
  ) {
    return {
      id: row.id,
      name: row.name,
      slug: row.slug,
      shortName: row.shortName,
      website: row.website,
      contactEmail: row.contactEmail,
      description: row.description,
      logoUrl: logoUpdatedAt ? associationLogoUrl(row.id, logoUpdatedAt) : null,
      groupCount,
      archivedAt: row.archivedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      permissions: { canEdit: isOperator(actor) || canAdministerAssociations(actor) },
    };
  }

  async function load(id: string, executor?: Executor) {
    const found = await repository.find(id, executor);
    if (!found) throw new AppError('association.not_found');
    return found;
  }

  async function uniqueSlug(name: string) {
    const base = slugFromName(name);
    for (let suffix = 1; ; suffix += 1) {
      const candidate = suffix === 1 ? base : `${base}-${suffix}`;
      if (!(await repository.slugTaken(candidate))) return candidate;
    }
  }

  async function setArchived(actor: AssociationsActor, id: string, input: ArchiveInput, archive: boolean) {
    assertAdmin(actor);
    const { row } = await load(id);
    if (archive && row.archivedAt) throw new AppError('association.already_archived');
    if (!archive && !row.archivedAt) throw new AppError('association.not_archived');
    const now = clock.now();
    await deps.transaction(async (tx) => {
      await repository.update(id, { archivedAt: archive ? now : null, updatedAt: now }, tx);
      await deps.audit(
        [
          {
            groupId: null,
            actorId: actorIdOf(actor),
            action: archive ? 'association.archived' : 'association.unarchived',
            reason: input.reason.trim(),
            before: { associationId: id, name: row.name, archivedAt: row.archivedAt?.toISOString() ?? null },
            after: {
              associationId: id,
              name: row.name,
              archivedAt: archive ? now.toISOString() : null,
              ...via(actor),
            },
            createdAt: now,
          },
        ],
        tx,
      );
    });
    await deps.changed?.();
    const found = await load(id);
    return present(actor, found.row, found.groupCount, found.logoUpdatedAt);
  }

  return {
    /** Every association in the chosen state, by name. */
    async list(actor: AssociationsActor, status: AssociationStatus) {
      assertAdmin(actor);
      const rows = await repository.list(status, associationLimits.listMax);
      return {
        items: rows.map(({ row, groupCount, logoUpdatedAt }) =>
          present(actor, row, groupCount, logoUpdatedAt),
        ),
        nextCursor: null,
      };
    },

    async get(actor: AssociationsActor, id: string) {
      assertAdmin(actor);
      const { row, groupCount, logoUpdatedAt } = await load(id);
      return present(actor, row, groupCount, logoUpdatedAt);
    },

    async create(actor: AssociationsActor, input: CreateInput) {
      assertAdmin(actor);
      if (await repository.nameTaken(input.name)) throw new AppError('association.name_taken');
      const now = clock.now();
      const slug = await uniqueSlug(input.name);
      const row = await deps.transaction(async (tx) => {
        const inserted = await repository.insert(
          {
            name: input.name,
            slug,
            shortName: input.shortName ?? null,
            website: input.website ?? null,
            contactEmail: input.contactEmail ?? null,
            description: input.description ?? '',
            createdAt: now,
            updatedAt: now,
          },
          tx,
        );
        await deps.audit(
          [
            {
              groupId: null,
              actorId: actorIdOf(actor),
              action: 'association.created',
              reason: input.reason ?? null,
              before: null,
              after: { associationId: inserted.id, slug, ...details(inserted), ...via(actor) },
              createdAt: now,
            },
          ],
          tx,
        );
        return inserted;
      });
      return present(actor, row, 0, null);
    },

    async update(actor: AssociationsActor, id: string, input: UpdateInput) {
      assertAdmin(actor);
      const { row: before } = await load(id);
      if (input.name !== undefined && (await repository.nameTaken(input.name, id)))
        throw new AppError('association.name_taken');
      const now = clock.now();
      const values = Object.fromEntries(
        detailKeys.filter((key) => input[key] !== undefined).map((key) => [key, input[key]]),
      );
      await deps.transaction(async (tx) => {
        const after = await repository.update(id, { ...values, updatedAt: now }, tx);
        if (!after) throw new AppError('association.not_found');
        const difference = changed(before, after);
        if (Object.keys(difference.after).length === 0) return;
        await deps.audit(
          [
            {
              groupId: null,
              actorId: actorIdOf(actor),
              action: 'association.updated',
              reason: input.reason ?? null,
              before: { associationId: id, ...difference.before },
              after: { associationId: id, ...difference.after, ...via(actor) },
              createdAt: now,
            },
          ],
          tx,
        );
      });
      await deps.changed?.();
      const found = await load(id);
      return present(actor, found.row, found.groupCount, found.logoUpdatedAt);
    },

    /** Archives an association: hidden from the default list; its groups keep working and keep its name. */
    archive: (actor: AssociationsActor, id: string, input: ArchiveInput) =>
      setArchived(actor, id, input, true),
    unarchive: (actor: AssociationsActor, id: string, input: ArchiveInput) =>
      setArchived(actor, id, input, false),
  };
}

export type AssociationsService = ReturnType<typeof createAssociationsService>;
/** An association as the service answers. */
export type Association = Awaited<ReturnType<AssociationsService['get']>>;
