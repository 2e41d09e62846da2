import { type Attachment, attachmentLimits } from '@spejl/shared';
import type { Clock } from '../../clock.ts';
import { type FileStorage, newFileKey } from '../../files/storage.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import { isUuid } from '../groups/groups.repository.ts';
import { prepareFile } from './messages.attachments.file.ts';
import {
  type AttachmentRow,
  type AttachmentsRepository,
  toAttachment,
} from './messages.attachments.repository.ts';
import { postRefusal } from './messages.policy.ts';
import type { MessagesService } from './messages.service.ts';

export interface AttachmentsDeps {
  repository: AttachmentsRepository;
  storage: FileStorage;
  /** Who may post in a group and who may read a message: the chat's own rules. */
  messages: Pick<MessagesService, 'openGroup' | 'openMessage'>;
  clock: Clock;
  /** Whether the actor reviews an open report of the message (moderation); they see its files with the report. */
  reviewsMessage?: (actor: Actor, messageId: string) => Promise<boolean>;
  /**
   * Whether the actor (signed out: null) may read the resource whose file this is, by the kit's policy; `public`
   * when anyone may, signed out too. Null when they may not.
   */
  resourceFileAccess?: (
    actor: Actor | null,
    resourceId: string,
    fileId: string,
  ) => Promise<{ public: boolean } | null>;
}

/** A file to serve: the bytes with what the response headers need. */
export interface ServedFile {
  bytes: Buffer;
  mime: string;
  name: string;
  kind: Attachment['kind'];
  /** `public` for a file anyone may read (a public resource's), which a cache may keep briefly; else `private`. */
  audience: 'public' | 'private';
}

const sweepBatch = 200;
/** The durable job that runs `sweep` (hourly, from main.ts). */
export const attachmentSweepQueue = 'messages.attachments-sweep';

/**
 * Photos and PDFs on messages (in groups, direct conversations and mentorships alike, all groups' chats) and on the
 * kit's file resources: upload (checked and re-encoded, messages.attachments.file.ts), serve to those who may read
 * the message or the resource, and remove the files of deleted messages and resources, unsent uploads and erased
 * accounts (`sweep`).
 */
export function createAttachmentsService(deps: AttachmentsDeps) {
  const { repository, storage, clock } = deps;

  /** Refuses before the body is read: nobody but a person who may post in the group gets an upload buffered. */
  async function assertMayUpload(actor: Actor, groupId: string): Promise<string> {
    const { context, reader } = await deps.messages.openGroup(actor, groupId);
    const refusal = postRefusal(reader);
    if (refusal) throw new AppError(refusal);
    return context.row.group.id;
  }

  /** Stores a checked upload; `groupId` null for the contract's `POST /api/uploads` (bound when sent). */
  async function store(actor: Actor, groupId: string | null, bytes: Buffer, name: string | undefined) {
    const file = await prepareFile(bytes, name);
    const fileKey = newFileKey();
    const thumbnailKey = file.thumbnail ? newFileKey() : null;
    await storage.put(fileKey, file.bytes);
    try {
      if (file.thumbnail && thumbnailKey) await storage.put(thumbnailKey, file.thumbnail);
      const row = await repository.insert({
        groupId,
        createdBy: actor.user.id,
        kind: file.kind,
        mime: file.mime,
        size: file.bytes.length,
        width: file.width,
        height: file.height,
        name: file.name,
        fileKey,
        thumbnailKey,
        createdAt: clock.now(),
      });
      return toAttachment(row);
    } catch (error) {
      await removeFiles([{ fileKey, thumbnailKey }]);
      throw error;
    }
  }

  /** A reader of the message now (its hidden text too), or a reviewer of an open report of it. */
  async function mayRead(actor: Actor, messageId: string): Promise<boolean> {
    try {
      const { row: message, reader } = await deps.messages.openMessage(actor, messageId);
      if (message.deletedAt !== null) return false;
      if (message.hiddenAt === null || reader.moderates || message.authorId === actor.user.id) return true;
    } catch (error) {
      // Not a member of a listed group (403 elsewhere) is no reason to confirm that the file exists.
      if (!(error instanceof AppError)) throw error;
    }
    return (await deps.reviewsMessage?.(actor, messageId)) ?? false;
  }

  async function removeFiles(rows: Array<Pick<AttachmentRow, 'fileKey' | 'thumbnailKey'>>) {
    for (const row of rows) {
      await storage.delete(row.fileKey);
      if (row.thumbnailKey) await storage.delete(row.thumbnailKey);
    }
  }

  return {
    assertMayUpload,

    /** An upload to a group the person may post in (checked again here, after the body was read). */
    async uploadToGroup(actor: Actor, groupId: string, bytes: Buffer, name: string | undefined) {
      const id = await assertMayUpload(actor, groupId);
      return store(actor, id, bytes, name);
    },

    /** An upload to no group yet: it can go on a message in any group the person may post in. */
    async upload(actor: Actor, bytes: Buffer, name: string | undefined) {
      return store(actor, null, bytes, name);
    },

    /**
     * A file for someone who may read its message now: a member (within the history they may see), the group's
     * moderators, and for a hidden message only its author and moderators; or its resource, by the kit's policy
     * (a public one signed out too). Everyone else, and every file of a deleted message or resource or not sent yet,
     * gets 404 `not_found` as an unknown id does; signed out, 401 `auth.required` for all of these alike.
     */
    async read(actor: Actor | null, id: string, variant: 'file' | 'thumbnail'): Promise<ServedFile> {
      const hidden = () => new AppError(actor ? 'not_found' : 'auth.required');
      const row = isUuid(id) ? await repository.find(id) : undefined;
      let audience: ServedFile['audience'] = 'private';
      if (row?.resourceId) {
        const access = (await deps.resourceFileAccess?.(actor, row.resourceId, row.id)) ?? null;
        if (!access) throw hidden();
        if (access.public) audience = 'public';
      } else {
        if (!row?.messageId || !actor) throw hidden();
        if (!(await mayRead(actor, row.messageId))) throw hidden();
      }
      const key = variant === 'thumbnail' ? row.thumbnailKey : row.fileKey;
      if (!key) throw new AppError('not_found');
      const bytes = await storage.get(key);
      if (!bytes) throw new AppError('not_found');
      return {
        bytes,
        mime: variant === 'thumbnail' ? 'image/webp' : row.mime,
        name: variant === 'thumbnail' ? `${row.name.replace(/\.[^.]*$/, '')}-thumbnail.webp` : row.name,
        kind: row.kind,
        audience,
      };
    },

    /**
     * Removes the files (then the rows) of deleted messages, of messages that are gone, of uploads never sent within
     * `attachmentLimits.unattachedHours`, and of accounts that are gone. Safe to run at any time and more than once.
     */
    async sweep(): Promise<number> {
      const unsentBefore = new Date(clock.now().getTime() - attachmentLimits.unattachedHours * 60 * 60_000);
      let removed = 0;
      for (;;) {
        const rows = await repository.doomed(unsentBefore, sweepBatch);
        if (rows.length === 0) return removed;
        // Files first: a crash in between leaves a row the next sweep finds, never a file nobody knows of.
        await removeFiles(rows);
        await repository.remove(rows.map((row) => row.id));
        removed += rows.length;
        if (rows.length < sweepBatch) return removed;
      }
    },

    /** Reads a stored file's bytes (for a person's export). */
    async bytesOf(row: Pick<AttachmentRow, 'fileKey'>): Promise<Buffer | null> {
      return storage.get(row.fileKey);
    },
  };
}

export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
