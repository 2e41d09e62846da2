import type { Attachment } from '@spejl/shared';
import { attachmentLimits } from '@spejl/shared/attachments-values';
import { ApiError } from '../api/client.ts';
import { type UploadHandle, uploadAttachment } from '../api/attachments.ts';
import { t } from '../i18n/i18n.svelte.ts';

/** One file chosen for the next message: on its way, ready (with the server's id), or refused. */
export interface AttachmentDraft {
  key: number;
  name: string;
  status: 'uploading' | 'ready' | 'failed';
  /** 0–1 while uploading. */
  progress: number;
  upload: Attachment | null;
  error: string | null;
  /** A local preview of a chosen photo, revoked when the chip goes. */
  preview: string | null;
}

type Upload = (groupId: string, file: File, onProgress: (fraction: number) => void) => UploadHandle;

let nextKey = 0;

/**
 * The files chosen (picked, pasted or dropped) for the next message in one conversation: each starts uploading at
 * once, so sending only waits for what is still on its way. Removing a chip stops its upload.
 */
export class AttachmentDrafts {
  items = $state<AttachmentDraft[]>([]);
  /** Said politely when a file is added, ready or refused. */
  announcement = $state('');
  private readonly handles = new Map<number, UploadHandle>();
  private readonly groupId: string;
  private readonly upload: Upload;

  constructor(groupId: string, upload: Upload = uploadAttachment) {
    this.groupId = groupId;
    this.upload = upload;
  }

  get uploading(): boolean {
    return this.items.some((item) => item.status === 'uploading');
  }

  /** The ids of the uploads that are ready, in the order chosen. */
  get readyIds(): string[] {
    return this.items.flatMap((item) => (item.status === 'ready' && item.upload ? [item.upload.id] : []));
  }

  /** Starts uploading the files, as many as still fit on one message; says so when some do not. */
  add(files: Iterable<File>): void {
    for (const file of files) {
      if (this.items.length >= attachmentLimits.perMessage) {
        this.announcement = t('uploads.tooMany', { max: attachmentLimits.perMessage });
        return;
      }
      const key = ++nextKey;
      const preview =
        file.type.startsWith('image/') && typeof URL.createObjectURL === 'function'
          ? URL.createObjectURL(file)
          : null;
      this.items = [
        ...this.items,
        { key, name: file.name, status: 'uploading', progress: 0, upload: null, error: null, preview },
      ];
      this.announcement = t('uploads.uploading', { name: file.name });
      const handle = this.upload(this.groupId, file, (progress) => this.update(key, { progress }));
      this.handles.set(key, handle);
      handle.done
        .then((upload) => {
          this.update(key, { status: 'ready', progress: 1, upload });
          this.announcement = t('uploads.ready', { name: file.name });
        })
        .catch((error: unknown) => {
          if (error instanceof ApiError && error.code === 'aborted') return;
          const reason = error instanceof Error ? error.message : String(error);
          this.update(key, { status: 'failed', error: reason });
          this.announcement = t('uploads.failed', { name: file.name, reason });
        })
        .finally(() => this.handles.delete(key));
    }
  }

  /** Removes a chip, stopping its upload if it is still on its way. */
  remove(key: number): void {
    this.handles.get(key)?.abort();
    this.handles.delete(key);
    const item = this.items.find((entry) => entry.key === key);
    if (item?.preview) URL.revokeObjectURL(item.preview);
    this.items = this.items.filter((entry) => entry.key !== key);
  }

  /** Empties the list once the message is sent (or the conversation closes). */
  clear(): void {
    for (const item of [...this.items]) this.remove(item.key);
  }

  private update(key: number, changes: Partial<AttachmentDraft>) {
    this.items = this.items.map((item) => (item.key === key ? { ...item, ...changes } : item));
  }
}
