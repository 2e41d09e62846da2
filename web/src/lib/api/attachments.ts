import type { Attachment } from '@spejl/shared';
import { ApiError } from './client.ts';

/** An upload on its way: its answer, and a way to stop it. */
export interface UploadHandle {
  done: Promise<Attachment>;
  abort(): void;
}

/**
 * Uploads a photo or PDF to a group's (or conversation's) chat, reporting progress (0–1) as the bytes leave. Over
 * XMLHttpRequest, as fetch reports no upload progress; the answer is the upload that a new message names by its id.
 */
export function uploadAttachment(
  groupId: string,
  file: File,
  onProgress: (fraction: number) => void,
): UploadHandle {
  return send(`/api/groups/${encodeURIComponent(groupId)}/attachments`, file, onProgress);
}

/** Uploads a photo or PDF bound to nothing yet (`POST /api/uploads`): a file resource of the kit names it. */
export function uploadFile(file: File, onProgress: (fraction: number) => void): UploadHandle {
  return send('/api/uploads', file, onProgress);
}

function send(url: string, file: File, onProgress: (fraction: number) => void): UploadHandle {
  const request = new XMLHttpRequest();
  const done = new Promise<Attachment>((resolve, reject) => {
    request.open('POST', url);
    request.responseType = 'text';
    request.setRequestHeader('accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(request.responseText);
      } catch {
        json = null;
      }
      if (request.status === 201 && json && typeof json === 'object' && 'upload' in json) {
        onProgress(1);
        resolve((json as { upload: Attachment }).upload);
        return;
      }
      const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      reject(
        new ApiError(
          typeof error?.code === 'string' ? error.code : 'internal',
          request.status,
          typeof error?.message === 'string' ? error.message : request.statusText,
        ),
      );
    };
    request.onerror = () => reject(new ApiError('network', 0, 'network'));
    request.onabort = () => reject(new ApiError('aborted', 0, 'aborted'));
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
  return { done, abort: () => request.abort() };
}
