import type { addAssociationEditorBody, ErrorCode } from '@spejl/shared';
import type { z } from 'zod';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import { type Actor, powerRefusal } from '../auth/auth.policy.ts';
import { isUuid } from '../groups/groups.repository.ts';
import type { AuditInsert, Executor } from '../moderation/moderation.repository.ts';
import type { ResourcesRepository } from './resources.repository.ts';

type AddEditorInput = z.output<typeof addAssociationEditorBody>;

export interface AssociationEditorsDeps {
  repository: ResourcesRepository;
  clock: Clock;
  /** The moderation module's audit log (insert only), in the same transaction as the change. */
  audit: (entries: AuditInsert[], executor: Executor) => Promise<void>;
  transaction: <T>(work: (tx: Executor) => Promise<T>) => Promise<T>;
}

function assertAdmin(actor: Actor) {
  const refusal: ErrorCode | null = powerRefusal(actor, 'admin');
  if (refusal) throw new AppError(refusal);
}

/**
 * The people an admin makes editors of an association's resources. An explicit list rather than "every owner of one of
 * its groups": the association's public guides go to hospitals and municipalities in its name, so an admin decides
 * who writes them, and each appointment is in the audit log. Admins and TOTP in the session, as other admin powers.
 */
export function createAssociationEditorsService(deps: AssociationEditorsDeps) {
  const { repository, clock } = deps;
  const editors = {
    /** An association's editors, by name. */
    async list(actor: Actor, associationId: string) {
      assertAdmin(actor);
      const association = await repository.association(associationId);
      if (!association) throw new AppError('association.not_found');
      const rows = await repository.editors(association.id);
      return {
        items: rows.map((row) => ({ ...row, addedAt: row.addedAt.toISOString() })),
        nextCursor: null,
      };
    },

    /** Makes a person an editor of an association's resources (admins). */
    async add(actor: Actor, associationId: string, input: AddEditorInput) {
      assertAdmin(actor);
      const association = await repository.association(associationId);
      if (!association) throw new AppError('association.not_found');
      const person = await repository.person(input);
      if (!person) throw new AppError('not_found');
      await deps.transaction(async (tx) => {
        const added = await repository.addEditor(
          {
            associationId: association.id,
            userId: person.id,
            addedBy: actor.user.id,
            createdAt: clock.now(),
          },
          tx,
        );
        if (!added) throw new AppError('resource.editor_exists');
        await deps.audit(
          [
            {
              groupId: null,
              actorId: actor.user.id,
              targetUserId: person.id,
              action: 'resource.editor_added',
              reason: input.reason ?? null,
              before: null,
              after: { associationId: association.id, userId: person.id },
              createdAt: clock.now(),
            },
          ],
          tx,
        );
      });
      return editors.list(actor, association.id);
    },

    /** Takes away a person's right to edit an association's resources (admins). */
    async remove(actor: Actor, associationId: string, userId: string) {
      assertAdmin(actor);
      const association = await repository.association(associationId);
      if (!association) throw new AppError('association.not_found');
      if (!isUuid(userId)) throw new AppError('not_found');
      await deps.transaction(async (tx) => {
        const removed = await repository.removeEditor(association.id, userId, tx);
        if (!removed) throw new AppError('not_found');
        await deps.audit(
          [
            {
              groupId: null,
              actorId: actor.user.id,
              targetUserId: userId,
              action: 'resource.editor_removed',
              before: { associationId: association.id, userId },
              after: null,
              createdAt: clock.now(),
            },
          ],
          tx,
        );
      });
    },
  };
  return editors;
}

export type AssociationEditorsService = ReturnType<typeof createAssociationEditorsService>;
