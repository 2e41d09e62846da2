import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { AuditInsert, Executor } from '../moderation/moderation.repository.ts';
import { prepareLogo } from './associations.logo-image.ts';
import type { AssociationLogosRepository } from './associations.logo.repository.ts';
import { administerRefusal } from './associations.policy.ts';
import type { AssociationsRepository } from './associations.repository.ts';
import type { Association } from './associations.service.ts';

export interface AssociationLogosDeps {
  logos: AssociationLogosRepository;
  associations: Pick<AssociationsRepository, 'find'>;
  /** The association as the API shows it (the associations service's `get`), answered after a change. */
  present: (actor: Actor, id: string) => Promise<Association>;
  clock: Clock;
  /** The moderation module's audit log (insert only), in the same transaction as the change. */
  audit: (entries: AuditInsert[], executor: Executor) => Promise<void>;
  transaction: <T>(work: (tx: Executor) => Promise<T>) => Promise<T>;
  /** Told after a logo changes (the group directory shows its address): the group list forgets its kept answers. */
  changed?: () => Promise<void>;
}

/** Associations' logos: admins (with TOTP in the session) upload and remove them; anyone reads them. */
export function createAssociationLogosService(deps: AssociationLogosDeps) {
  const { logos, clock } = deps;

  function assertAdmin(actor: Actor) {
    const refusal = administerRefusal(actor);
    if (refusal) throw new AppError(refusal);
  }

  async function loadAssociation(id: string) {
    const found = await deps.associations.find(id);
    if (!found) throw new AppError('association.not_found');
    return found.row;
  }

  return {
    /** Replaces the logo with the upload, checked and re-encoded (associations.logo-image.ts). */
    async upload(actor: Actor, id: string, bytes: Buffer): Promise<Association> {
      assertAdmin(actor);
      const association = await loadAssociation(id);
      const logo = await prepareLogo(bytes);
      const now = clock.now();
      await deps.transaction(async (tx) => {
        const previous = await logos.updatedAt(id, tx);
        // The time versions the logo's address: a new logo must never keep the old one's, even in the same millisecond.
        const updatedAt =
          previous && previous.getTime() >= now.getTime() ? new Date(previous.getTime() + 1) : now;
        await logos.save(
          { associationId: id, image: logo.image, contentType: logo.contentType, updatedAt },
          tx,
        );
        await deps.audit(
          [
            {
              groupId: null,
              actorId: actor.user.id,
              action: 'association.logo_updated',
              reason: null,
              before: { associationId: id, name: association.name, hadLogo: previous !== null },
              after: {
                associationId: id,
                name: association.name,
                uploadedType: logo.sourceType,
                uploadedBytes: bytes.length,
                contentType: logo.contentType,
                width: logo.width,
                height: logo.height,
              },
              createdAt: now,
            },
          ],
          tx,
        );
      });
      await deps.changed?.();
      return deps.present(actor, id);
    },

    /** Removes the logo; removing one that is not there changes nothing and logs nothing. */
    async remove(actor: Actor, id: string): Promise<Association> {
      assertAdmin(actor);
      const association = await loadAssociation(id);
      const now = clock.now();
      await deps.transaction(async (tx) => {
        if (!(await logos.remove(id, tx))) return;
        await deps.audit(
          [
            {
              groupId: null,
              actorId: actor.user.id,
              action: 'association.logo_removed',
              reason: null,
              before: { associationId: id, name: association.name, hadLogo: true },
              after: { associationId: id, name: association.name, hadLogo: false },
              createdAt: now,
            },
          ],
          tx,
        );
      });
      await deps.changed?.();
      return deps.present(actor, id);
    },

    /**
     * The logo to serve. No policy: a logo is as public as the association's name, which the signed-out directory
     * shows. An unknown association and one without a logo answer alike (404 `not_found`).
     */
    async read(id: string) {
      const row = await logos.find(id);
      if (!row) throw new AppError('not_found');
      return row;
    },
  };
}

export type AssociationLogosService = ReturnType<typeof createAssociationLogosService>;
