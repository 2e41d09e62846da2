import { Validator } from '@seriousme/openapi-schema-validator';
import * as shared from '@spejl/shared';
import { errorResponse, group } from '@spejl/shared';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, signUp, signUpAdmin, type TestApp } from '../testing/app.ts';
import { originCheckExempt } from './security.ts';

interface Response {
  description: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
  headers?: Record<string, unknown>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
}
interface Operation {
  method: string;
  path: string;
  parameters?: Array<{ in: string; name: string; required?: boolean }>;
  responses: Record<string, Response>;
}

let t: TestApp;
let document: Document;
let admin: Awaited<ReturnType<typeof signUpAdmin>>;
let member: Awaited<ReturnType<typeof signUp>>;

/** Every `$ref` in the document, wherever it sits. */
function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value !== null && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref') found.push(String(child));
      else refsIn(child, found);
    }
  return found;
}

function operations(): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method, path, ...operation })),
  );
}

/** The error codes a documented response names in its description. */
function codesOf(response: Response | undefined): string[] {
  return [...(response?.description.matchAll(/`([a-z_.]+)`/g) ?? [])].map((match) => match[1] ?? '');
}

/** The operation's address, each path parameter filled with a value of the right form that names nothing. */
function unknownIds(operation: Operation): string {
  const path = operation.path
    .replace('{emoji}', encodeURIComponent('👍'))
    .replace(/\{[^}]+\}/g, 'abcdefghijklmnopqrstuvwxyz234567');
  const required = (operation.parameters ?? []).filter(
    (parameter) => parameter.in === 'query' && parameter.required,
  );
  return required.length === 0
    ? path
    : `${path}?${required.map((parameter) => `${parameter.name}=x`).join('&')}`;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  member = await signUp(t.app);
  const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(response.statusCode).toBe(200);
  document = response.json();
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document in which every $ref names an existing component', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');

    // Our own walk, so a validator that skipped references could not hide a dangling one.
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(300);
    const names = Object.keys(document.components.schemas);
    for (const ref of new Set(refs)) {
      expect(ref).toMatch(/^#\/components\/schemas\/[A-Za-z]+$/);
      expect(names, ref).toContain(ref.slice('#/components/schemas/'.length));
    }
    // A component nobody refers to (the unused `…Input` twins) is left out.
    for (const name of names) expect(refs, name).toContain(`#/components/schemas/${name}`);
  });

  it('has a component with its properties for every schema shared/ names, and refers to it', () => {
    const named = new Map<string, unknown>();
    for (const value of Object.values(shared)) {
      if (!(value instanceof z.ZodType)) continue;
      const id = z.globalRegistry.get(value)?.id;
      if (!id) continue;
      expect(named.get(id) ?? value, `two shared schemas are named ${id}`).toBe(value);
      named.set(id, value);
    }
    expect(named.size).toBeGreaterThan(25);
    for (const id of named.keys()) expect(Object.keys(document.components.schemas)).toContain(id);

    const groupSchema = document.components.schemas.Group;
    expect(Object.keys(groupSchema?.properties ?? {}).sort()).toEqual(Object.keys(group.shape).sort());
    expect(groupSchema?.required).toContain('permissions');
    // A name nested inside a response (the items of a list) is a reference too, not a copy.
    expect(refsIn(document.paths['/api/groups']?.get?.responses['200'])).toEqual([
      '#/components/schemas/Group',
    ]);
  });

  it('documents 401 with ErrorResponse exactly where a request without a session gets 401', async () => {
    const notifications = document.paths['/api/notifications']?.get;
    expect(notifications?.responses['401']?.content?.['application/json']?.schema?.$ref).toBe(
      '#/components/schemas/ErrorResponse',
    );
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/notifications' });
    expect(anonymous.statusCode).toBe(401);
    expect(errorResponse.parse(anonymous.json()).error.code).toBe('auth.required');

    const checked: string[] = [];
    for (const operation of operations()) {
      // No cookie and no Origin: a guarded route stops at the session check before reading anything.
      const answer = await t.app.inject({
        method: operation.method.toUpperCase() as InjectOptions['method'],
        url: unknownIds(operation),
      });
      const documented = codesOf(operation.responses['401']).includes('auth.required');
      const label = `${operation.method} ${operation.path} ${answer.statusCode}`;
      if (documented) expect(answer.json().error?.code, label).toBe('auth.required');
      else expect(answer.statusCode, label).not.toBe(401);
      checked.push(label);
    }
    expect(checked.length).toBeGreaterThan(120);
  });

  it('documents 404 exactly on the reads that answer 404 for ids that do not exist', async () => {
    const group = document.paths['/api/groups/{id}']?.get;
    expect(group?.responses['404']?.content?.['application/json']?.schema?.$ref).toBe(
      '#/components/schemas/ErrorResponse',
    );
    const unknown = await admin.client.get('/api/groups/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(errorResponse.parse(unknown.json()).error.code).toBe('not_found');

    const reads = operations().filter(
      (operation) => operation.method === 'get' && operation.path.includes('{'),
    );
    expect(reads.length).toBeGreaterThan(20);
    for (const operation of reads) {
      // An administrator with TOTP, so no policy refusal comes before the lookup.
      const answer = await admin.client.get(unknownIds(operation));
      const label = `${operation.path} ${answer.statusCode} ${answer.body.slice(0, 100)}`;
      if (operation.responses['404']) expect(answer.statusCode, label).toBe(404);
      else expect(answer.statusCode, label).not.toBe(404);
      expect(Object.keys(operation.responses), label).toContain(String(answer.statusCode));
    }
  });

  it('documents what routes declare (410, 409, 429 with Retry-After) and the Origin check', async () => {
    const preview = document.paths['/api/invites/{code}']?.get;
    expect(codesOf(preview?.responses['410'])).toEqual(['group.invite_invalid']);
    expect(preview?.responses['404']).toBeUndefined();
    const gone = await member.client.get('/api/invites/abcdefghijklmnopqrstuvwxyz234567');
    expect(gone.statusCode).toBe(410);
    expect(errorResponse.parse(gone.json()).error.code).toBe('group.invite_invalid');

    const join = document.paths['/api/groups/{id}/join-requests']?.post;
    expect(codesOf(join?.responses['409'])).toEqual(['group.already_member', 'group.request_pending']);
    expect(join?.responses['429']?.headers).toHaveProperty('retry-after');
    expect(codesOf(document.paths['/api/auth/login']?.post?.responses['401'])).toContain(
      'auth.invalid_credentials',
    );

    // Every state-changing route documents the foreign-Origin refusal, and a read never does (nor the one exemption).
    for (const operation of operations()) {
      const codes = codesOf(operation.responses['403']);
      if (operation.method === 'get' || originCheckExempt.has(operation.path))
        expect(codes, operation.path).not.toContain('auth.bad_origin');
      else expect(codes, `${operation.method} ${operation.path}`).toContain('auth.bad_origin');
    }
    const foreign = await member.client.post('/api/groups', {}, { origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('auth.bad_origin');
  });
});
