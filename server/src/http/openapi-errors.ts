import { type ErrorCode, errorStatus } from '@spejl/shared';
import type { FastifyInstance, FastifySchema, onRouteHookHandler, RouteOptions } from 'fastify';
import { requireAuth } from './context.ts';
import { originCheckExempt } from './security.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The error codes this route's service answers with that the OpenAPI document cannot derive from the
     * route itself: conflicts (409), gone links (410), rate limits (429), refusals of a read, an id in the
     * body or query that is not found, credentials refused without a session.
     */
    errors?: readonly ErrorCode[];
  }
}

/** How a power that needs a role and a verified second factor refuses (auth.policy.ts `powerRefusal`). */
export const powerRefusals = [
  'auth.forbidden',
  'auth.mfa_enrolment_required',
  'auth.mfa_step_up_required',
] as const satisfies readonly ErrorCode[];

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const statusText: Record<number, string> = {
  400: 'The request is malformed, or its input is invalid.',
  401: 'No valid session, or the credentials were refused.',
  403: 'Refused.',
  404: 'Not found, or not visible to this user.',
  409: 'Conflicts with the current state.',
  410: 'No longer valid.',
  413: 'The body is larger than the server accepts.',
  429: 'Too many requests: wait as long as Retry-After says.',
};

interface DocumentedRoute {
  method: RouteOptions['method'];
  url: string;
  schema?: FastifySchema | undefined;
  config?: { errors?: readonly ErrorCode[] | undefined } | undefined;
}

/**
 * The error codes a route can answer with. Derived from what it declares: input schemas or a body (400
 * `validation.failed`, or a malformed body), a session (401), a state-changing method (403 for a foreign
 * Origin, 413 over the body limit), path parameters (404, unless the route answers 410 for them); plus its
 * `config.errors`.
 */
export function routeErrorCodes(route: DocumentedRoute, needsSession: boolean): ErrorCode[] {
  const methods = [route.method].flat();
  const takesBody = methods.some((method) => stateChanging.has(method));
  const schema = route.schema ?? {};
  const declared = route.config?.errors ?? [];
  const codes = new Set<ErrorCode>();
  if (takesBody || schema.body || schema.querystring || schema.params || schema.headers)
    codes.add('validation.failed');
  if (needsSession) codes.add('auth.required');
  if (takesBody && !originCheckExempt.has(route.url)) codes.add('auth.bad_origin');
  if (route.url.includes('/:') && !declared.some((code) => errorStatus[code] === 410)) codes.add('not_found');
  if (takesBody) codes.add('payload_too_large');
  for (const code of declared) codes.add(code);
  return [...codes];
}

/** True when `requireAuth` guards the route: on the route itself, or as an onRequest hook of its plugin. */
function requiresSession(
  instance: FastifyInstance,
  route: DocumentedRoute & Pick<RouteOptions, 'onRequest'>,
) {
  if ([route.onRequest ?? []].flat().includes(requireAuth)) return true;
  // Fastify keeps a plugin's hooks behind a symbol and adds them only after the plugin's body ran, so they
  // are read when the document is built. openapi.test.ts checks this against requests without a session.
  const hooksKey = Object.getOwnPropertySymbols(instance).find(
    (symbol) => symbol.description === 'fastify.hooks',
  );
  const hooks = hooksKey
    ? (instance as unknown as Record<symbol, { onRequest?: unknown[] }>)[hooksKey]
    : undefined;
  return hooks?.onRequest?.includes(requireAuth) ?? false;
}

/** The OpenAPI response for one error status, listing the codes this route is known to answer with. */
function errorResponseFor(status: number, codes: ErrorCode[]) {
  const listed = codes.map((code) => `\`${code}\``).join(', ');
  return {
    description: `${statusText[status] ?? 'Failed.'} Error codes include ${listed}.`,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
    ...(status === 429
      ? {
          headers: {
            'retry-after': { type: 'integer', description: 'Seconds to wait before trying again.' },
          },
        }
      : {}),
  };
}

/** Swagger's 200 for a route without a response schema (a CSV or .ics file), dropped once errors exist. */
function successWithoutSchema(schema: FastifySchema & { produces?: readonly string[] }) {
  const types = schema.produces ?? [];
  return {
    200: {
      description: 'Default Response',
      ...(types.length > 0
        ? { content: Object.fromEntries(types.map((type) => [type, { schema: { type: 'string' } }])) }
        : { type: 'null' }),
    },
  };
}

/**
 * Documents the error responses of every route: an onRoute hook notes where each route is declared, and the
 * swagger transform adds a response per status it can answer with, each with the shared `ErrorResponse`
 * schema. A status the route's own response schema already names is left as the route wrote it.
 */
export function errorDocumentation() {
  const declaredIn = new WeakMap<object, FastifyInstance>();
  const onRoute: onRouteHookHandler = function (routeOptions) {
    declaredIn.set(routeOptions, this);
  };

  function addTo<T extends { schema: FastifySchema }>(transformed: T, route: RouteOptions): T {
    const instance = declaredIn.get(route);
    if (!instance || (transformed.schema as { hide?: boolean }).hide) return transformed;
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of routeErrorCodes(route, requiresSession(instance, route))) {
      const status = errorStatus[code];
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    const response: Record<string, unknown> = {};
    for (const [status, codes] of byStatus) response[status] = errorResponseFor(status, codes);
    Object.assign(response, transformed.schema.response ?? successWithoutSchema(transformed.schema));
    return { ...transformed, schema: { ...transformed.schema, response } };
  }

  return { onRoute, addTo };
}
