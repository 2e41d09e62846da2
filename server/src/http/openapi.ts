import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { errorDocumentation } from './openapi-errors.ts';

/**
 * The OpenAPI 3.1 document behind GET /api/openapi.json. Routes describe themselves with zod; every schema
 * named with `.meta({ id })` in shared/ becomes a component (`<Id>` as sent, `<Id>Input` as received), and
 * each route's error responses are added from what it declares (openapi-errors.ts). Register before routes.
 */
export async function registerOpenApi(app: FastifyInstance, options: { version: string }): Promise<void> {
  const errors = errorDocumentation();
  app.addHook('onRoute', errors.onRoute);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Spejl API',
        version: options.version,
        description: 'The Spejl JSON API. The session cookie is the only credential.',
      },
    },
    transform: (input) => errors.addTo(jsonSchemaTransform(input), input.route),
    transformObject: (input) => withoutUnusedInputs(jsonSchemaTransformObject(input)),
  });
}

/** Every `$ref` target in a part of the document. */
function refsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value !== null && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.add(child);
      else refsIn(child, found);
    }
  return found;
}

/**
 * Drops the `<Id>Input` twins that no operation refers to: every named schema is emitted twice (as sent and
 * as received), and a client generator would otherwise make a type for each unused one.
 */
function withoutUnusedInputs<
  T extends { paths?: unknown; components?: { schemas?: Record<string, unknown> } },
>(document: T): T {
  const schemas = document.components?.schemas;
  if (!schemas) return document;
  const used = new Set<string>();
  const queue = [...refsIn(document.paths)];
  while (queue.length > 0) {
    const name = queue.pop()!.replace('#/components/schemas/', '');
    if (used.has(name)) continue;
    used.add(name);
    queue.push(...refsIn(schemas[name]));
  }
  const kept = Object.entries(schemas).filter(
    ([name]) => used.has(name) || !(name.endsWith('Input') && name.slice(0, -'Input'.length) in schemas),
  );
  return { ...document, components: { ...document.components, schemas: Object.fromEntries(kept) } };
}
