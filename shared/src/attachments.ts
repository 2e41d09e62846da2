import { z } from 'zod';
import { attachmentKinds, attachmentServedTypes } from './attachments-values.ts';

export * from './attachments-values.ts';

/** A file on a message as every reader gets it; the bytes are at `attachmentUrl(id)`. */
export const attachment = z
  .object({
    id: z.string(),
    kind: z.enum(attachmentKinds),
    /** The type the server sniffed and serves. */
    mime: z.enum(attachmentServedTypes),
    /** Bytes of the served file. */
    size: z.number().int(),
    /** Pixels, for images; null for PDFs. */
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    /** The file's name as uploaded, cleaned of anything but its readable name. */
    name: z.string(),
  })
  .meta({ id: 'Attachment' });
export type Attachment = z.infer<typeof attachment>;

/** `POST /api/groups/:id/attachments` and `POST /api/uploads` answer 201 with the upload, not yet on a message. */
export const uploadResponse = z.object({ upload: attachment });

export const attachmentIdParams = z.strictObject({ id: z.string().min(1).max(64) });
