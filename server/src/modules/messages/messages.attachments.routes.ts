import fastifyMultipart from '@fastify/multipart';
import { attachmentIdParams, attachmentServedTypes, groupIdParams, uploadResponse } from '@spejl/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { limitRule } from '../../http/limits.ts';
import type { RouteLimit } from '../../http/route-limits.ts';
import { visitorReads } from '../groups/groups.routes.ts';
import type { AttachmentsService, ServedFile } from './messages.attachments.ts';

const tags = ['messages'];
/** Multipart framing around the one file: boundaries and part headers, never near this. */
const framingBytes = 64 * 1024;

/** Uploads per person: a family sharing a whole album passes; a script filling the disk does not. */
export const attachmentUploads: RouteLimit = {
  rule: limitRule('attachment-uploads:person', 60, 60 * 60),
  key: (request: FastifyRequest) => [actorOf(request).user.id],
};

const uploadErrors = [
  'upload.type_not_allowed',
  'upload.too_large',
  'upload.unreadable',
  'group.not_member',
  'group.read_only',
  'direct.pending',
  'direct.unavailable',
  'rate_limited',
] as const;

/** `attachment` for PDFs (never shown in the app's own origin), `inline` for the photos we encoded ourselves. */
function contentDisposition(file: Pick<ServedFile, 'name' | 'kind'>): string {
  const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const disposition = file.kind === 'pdf' ? 'attachment' : 'inline';
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`;
}

function sendFile(reply: FastifyReply, file: ServedFile) {
  return (
    reply
      .type(file.mime)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', contentDisposition(file))
      // Checked again on every use: a deleted message's file must not live on in a cache. A public resource's file
      // may be kept five minutes, so a leaflet shared by link is cheap, and a withdrawn one is gone soon after.
      .header('cache-control', file.audience === 'public' ? 'public, max-age=300' : 'private, no-cache')
      .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'; sandbox")
      .send(file.bytes)
  );
}

/**
 * Photos and PDFs for messages. Upload: `POST /groups/:id/attachments` (and the contract's `POST /uploads`, bound to
 * a group when sent), multipart with one `file` field of at most `UPLOAD_MAX_MB`; answers 201 `{upload}`, whose id a
 * new message's `attachments` names, or a file resource's `fileId`. Download: `GET /attachments/:id` and
 * `/thumbnail` (the contract's `/files/:id` too), for those who may read the message or the resource only.
 */
export function attachmentRoutes(deps: {
  attachments: AttachmentsService;
  maxBytes: number;
}): FastifyPluginAsyncZod {
  const { attachments, maxBytes } = deps;

  async function readUpload(request: FastifyRequest): Promise<{ bytes: Buffer; name: string | undefined }> {
    // A Content-Length that says too much is refused before a byte is read.
    if (Number(request.headers['content-length'] ?? 0) > maxBytes + framingBytes)
      throw new AppError('upload.too_large');
    if (!request.isMultipart())
      throw new AppError('validation.failed', {
        details: [{ path: ['file'], message: 'send the file as multipart/form-data, in the field "file"' }],
      });
    try {
      const part = await request.file();
      if (part?.fieldname !== 'file')
        throw new AppError('validation.failed', { details: [{ path: ['file'], message: 'required' }] });
      return { bytes: await part.toBuffer(), name: part.filename };
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
        throw new AppError('upload.too_large');
      if (error instanceof AppError) throw error;
      if ((error as { code?: string }).code?.startsWith('FST_'))
        throw new AppError('validation.failed', {
          details: [{ path: ['file'], message: (error as Error).message }],
        });
      throw error;
    }
  }

  return async (app) => {
    await app.register(fastifyMultipart, {
      limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1, headerPairs: 20 },
    });
    app.post(
      '/groups/:id/attachments',
      {
        onRequest: requireAuth,
        config: { errors: uploadErrors, limits: [attachmentUploads] },
        schema: {
          tags,
          params: groupIdParams,
          consumes: ['multipart/form-data'],
          response: { 201: uploadResponse },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await attachments.assertMayUpload(actor, request.params.id);
        const { bytes, name } = await readUpload(request);
        const upload = await attachments.uploadToGroup(actor, request.params.id, bytes, name);
        return reply.code(201).send({ upload });
      },
    );

    app.post(
      '/uploads',
      {
        onRequest: requireAuth,
        config: { errors: uploadErrors, limits: [attachmentUploads] },
        schema: { tags, consumes: ['multipart/form-data'], response: { 201: uploadResponse } },
      },
      async (request, reply) => {
        const { bytes, name } = await readUpload(request);
        const upload = await attachments.upload(actorOf(request), bytes, name);
        return reply.code(201).send({ upload });
      },
    );

    for (const prefix of ['/attachments', '/files']) {
      for (const variant of ['file', 'thumbnail'] as const) {
        app.get(
          `${prefix}/:id${variant === 'thumbnail' ? '/thumbnail' : ''}`,
          {
            // Signed out, only a public resource's file; anything else answers 401 as an unknown id does.
            config: { errors: ['auth.required', 'not_found', 'rate_limited'], limits: [visitorReads] },
            schema: {
              tags,
              params: attachmentIdParams,
              produces: variant === 'thumbnail' ? ['image/webp'] : [...attachmentServedTypes],
            },
          },
          async (request, reply) =>
            sendFile(reply, await attachments.read(request.actor, request.params.id, variant)),
        );
      }
    }
  };
}
