// No zod here: the database schema and the web import these values directly.

/** What a message may carry: photos and PDFs (a municipality's decision letter). */
export const attachmentKinds = ['image', 'pdf'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

/** What may be uploaded, told from the bytes (never the name): HEIC photos are converted to JPEG. */
export const attachmentUploadTypes = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/pdf',
] as const;

/** What the server serves: images it encoded itself, and PDFs as uploaded; never HTML or SVG. */
export const attachmentServedTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentServedType = (typeof attachmentServedTypes)[number];

export const attachmentLimits = {
  /** Files one message may carry. */
  perMessage: 4,
  /** Default upload limit in megabytes (`UPLOAD_MAX_MB`). */
  defaultMaxMegabytes: 20,
  /** Thumbnails are at most this wide (never enlarged). */
  thumbnailWidth: 480,
  /** The original file name kept for `Content-Disposition`, in characters. */
  nameMax: 120,
  /** An upload not sent with a message within this time is removed. */
  unattachedHours: 24,
} as const;

/** The address a file is served from; `/thumbnail` for an image's small version. */
export function attachmentUrl(id: string, thumbnail = false): string {
  return `/api/attachments/${encodeURIComponent(id)}${thumbnail ? '/thumbnail' : ''}`;
}
