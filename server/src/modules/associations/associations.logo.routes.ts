import {
  association,
  associationLogoLimits,
  associationLogoQuery,
  associationLogoServedTypes,
  associationParams,
} from '@spejl/shared';
import type { FastifyError, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requireAuth } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { powerRefusals } from '../../http/openapi-errors.ts';
import type { AssociationLogosService } from './associations.logo.ts';
import { administerRefusal } from './associations.policy.ts';
import { associationChanges } from './associations.routes.ts';

const tags = ['associations'];
const logoErrors = [
  'association.not_found',
  'association.logo_too_large',
  'association.logo_type',
  'association.logo_unreadable',
  ...powerRefusals,
  'rate_limited',
] as const;

/** Refuses before the body is read, so nobody but an admin gets an upload buffered, let alone decoded. */
async function requireAdministrator(request: FastifyRequest) {
  const refusal = administerRefusal(actorOf(request));
  if (refusal) throw new AppError(refusal);
}

/**
 * Associations' logos: admins upload (PUT) and remove (DELETE) them under /admin; anyone reads them, as the
 * association's name is public in the directory.
 *
 * The upload is the image itself as the request body, not multipart/form-data: there is one file and no other field,
 * so @fastify/multipart (with its streams, temporary files and field limits) would buy nothing, and the browser sends
 * a chosen File as the body as it is. Whatever the Content-Type says, the body is read as bytes: the type is told from
 * the bytes alone (associations.logo-image.ts).
 */
export function associationLogoRoutes(deps: { logos: AssociationLogosService }): FastifyPluginAsyncZod {
  const { logos } = deps;
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    // Over the route's bodyLimit Fastify stops reading (at once, when Content-Length says so) and fails with its
    // own error; the upload's own code tells the admin what to do. Anything else goes on to the app's handler.
    app.setErrorHandler((error: FastifyError) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError('association.logo_too_large');
      throw error;
    });

    app.put(
      '/admin/associations/:id/logo',
      {
        onRequest: [requireAuth, requireAdministrator],
        bodyLimit: associationLogoLimits.maxBytes,
        config: { errors: logoErrors, limits: [associationChanges] },
        schema: { tags, params: associationParams, response: { 200: association } },
      },
      async (request) => {
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return logos.upload(actorOf(request), request.params.id, bytes);
      },
    );

    app.delete(
      '/admin/associations/:id/logo',
      {
        onRequest: requireAuth,
        config: {
          errors: ['association.not_found', ...powerRefusals, 'rate_limited'],
          limits: [associationChanges],
        },
        schema: { tags, params: associationParams, response: { 200: association } },
      },
      async (request) => logos.remove(actorOf(request), request.params.id),
    );

    app.get(
      '/associations/:id/logo',
      {
        schema: {
          tags,
          params: associationParams,
          querystring: associationLogoQuery,
          produces: [...associationLogoServedTypes],
        },
      },
      async (request, reply) => {
        const logo = await logos.read(request.params.id);
        const version = String(logo.updatedAt.getTime());
        const etag = `"${version}"`;
        const extension = logo.contentType === 'image/png' ? 'png' : 'webp';
        reply
          // The versioned address from `logoUrl` never changes content; any other is checked again each time.
          .header(
            'cache-control',
            request.query.v === version ? 'public, max-age=31536000, immutable' : 'no-cache',
          )
          .header('etag', etag)
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', `inline; filename="logo.${extension}"`);
        if (request.headers['if-none-match'] === etag) return reply.code(304).send();
        return reply.type(logo.contentType).send(Buffer.from(logo.image));
      },
    );
  };
}
