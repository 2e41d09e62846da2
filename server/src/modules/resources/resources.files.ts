import type { Clock } from '../../clock.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { isUuid } from '../groups/groups.repository.ts';
import type { Executor } from '../moderation/moderation.repository.ts';

/**
 * The commands of the uploads module (messages.attachments*) a file resource needs: the editor uploads with
 * `POST /api/uploads`, the resource binds the upload in its own transaction, and the sweep removes a file once it is
 * off its resource (replaced, or the resource deleted).
 */
export interface ResourceFiles {
  /** Binds the person's own free upload to the resource; undefined when it is not theirs or not free. */
  claim(
    uploadId: string,
    target: { resourceId: string; userId: string; at: Date },
    tx: Executor,
  ): Promise<{ id: string } | undefined>;
  /** Takes a replaced file off the resource, for the sweep to remove. */
  release(resourceId: string, fileId: string, tx: Executor): Promise<void>;
  /** Removes the files taken off resources (replaced, or of a deleted resource): after the commit. */
  removeReleased(): Promise<unknown>;
}

/** Refuses an upload id that cannot name an upload, before it reaches a uuid column. */
export function checkUploadId(id: string): void {
  if (!isUuid(id)) throw new AppError('resource.upload_unavailable');
}

/** Binds the editor's upload to the resource in the transaction, or refuses the whole change. */
export function fileBinder(deps: { files?: ResourceFiles | undefined; clock: Clock }) {
  return async (actor: Actor, uploadId: string, resourceId: string, tx: Executor) => {
    const claimed = await deps.files?.claim(
      uploadId,
      { resourceId, userId: actor.user.id, at: deps.clock.now() },
      tx,
    );
    if (!claimed) throw new AppError('resource.upload_unavailable');
  };
}
