import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { errorBody } from './http/errors.ts';
import { baseSecurityHeaders } from './http/security.ts';

type NodeHandler = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/** The folder adapter-node writes the built web app to. */
export const webBuildFolder = path.resolve(import.meta.dirname, '../../web/build');

/**
 * Serves the built SvelteKit app (adapter-node's handler) for every GET/HEAD outside /api. SvelteKit adds its own
 * CSP with script hashes; we add the other security headers.
 */
export async function mountWeb(app: FastifyInstance, options: { publicOrigin: string; production: boolean }) {
  const handlerFile = path.join(webBuildFolder, 'handler.js');
  if (!existsSync(handlerFile)) {
    throw new Error(`The web app is not built (${handlerFile} is missing). Run \`pnpm build\` first.`);
  }
  process.env.ORIGIN ??= options.publicOrigin;
  const { handler } = (await import(pathToFileURL(handlerFile).href)) as { handler: NodeHandler };
  const headers = baseSecurityHeaders(options.production);
  app.route({
    method: ['GET', 'HEAD'],
    url: '/*',
    schema: { hide: true },
    handler(request, reply) {
      if (request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/api?')) {
        return reply.code(404).send(errorBody('not_found', request.locale));
      }
      reply.hijack();
      for (const [name, value] of Object.entries(headers)) reply.raw.setHeader(name, value);
      handler(request.raw, reply.raw, () => {
        reply.raw.statusCode = 404;
        reply.raw.end('Not found');
      });
    },
  });
}
