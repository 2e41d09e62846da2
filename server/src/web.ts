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
      // A stored copy of the service worker would hold back a new version: every update check asks the server.
      if (request.url.split('?', 1)[0] === '/service-worker.js')
        reply.raw.setHeader('cache-control', 'no-cache');
      withCharset(reply.raw);
      handler(request.raw, reply.raw, () => {
        reply.raw.statusCode = 404;
        reply.raw.setHeader('content-type', 'text/plain; charset=utf-8');
        reply.raw.end('Not found');
      });
    },
  });
}

/** Text responses name their charset (ASVS 4.1.1): SvelteKit sends `text/html` and `text/javascript` without one. */
function withCharset(response: ServerResponse): void {
  const fix = (value: unknown) =>
    typeof value === 'string' && /^(text\/|application\/javascript)/i.test(value) && !/charset=/i.test(value)
      ? `${value}; charset=utf-8`
      : value;
  const setHeader = response.setHeader.bind(response);
  response.setHeader = ((name: string, value: number | string | readonly string[]) =>
    setHeader(
      name,
      name.toLowerCase() === 'content-type' ? (fix(value) as string) : value,
    )) as typeof response.setHeader;
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
  response.writeHead = ((...args: unknown[]) => {
    const headers = args.find(
      (arg, index) => index > 0 && typeof arg === 'object' && arg !== null && !Array.isArray(arg),
    );
    if (headers) {
      const record = headers as Record<string, unknown>;
      for (const key of Object.keys(record))
        if (key.toLowerCase() === 'content-type') record[key] = fix(record[key]);
    }
    const current = response.getHeader('content-type');
    if (current !== undefined) setHeader('content-type', fix(current) as string);
    return writeHead(...args);
  }) as typeof response.writeHead;
}
