import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  createGroupWith,
  createTestApp,
  signUp,
  signUpAdmin,
  type TestApp,
  testOrigin,
} from '../testing/app.ts';

/**
 * Property-based fuzzing of every REST body and query, and of WebSocket frames: whatever arrives, the server
 * answers with a stable error (never 500), keeps running, and a refused request changes nothing in the database.
 */
let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let member: Person;
let groupId: string;
let messageId: string;

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  hasBody: boolean;
  properties: Record<string, { type?: string }>;
}

async function fingerprint(): Promise<string> {
  const tables = await t.database.raw.query(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
     and table_name not in ('bus_payloads') order by table_name`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const result = await t.database.raw.query(
      `select count(*)::text as n, coalesce(md5(string_agg(t::text, '' order by t::text)), '') as h from "${table_name}" t`,
    );
    parts.push(`${table_name}:${result.rows[0]?.n}:${result.rows[0]?.h}`);
  }
  return parts.join('|');
}

/** Every operation in our OpenAPI document, with its path parameters filled with real ids. */
function operations(): Operation[] {
  const spec = t.app.swagger() as {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: {
            content?: Record<string, { schema?: { properties?: Record<string, { type?: string }> } }>;
          };
        }
      >
    >;
  };
  const list: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const concrete = path
        .replace('{id}', path.startsWith('/api/messages') ? messageId : groupId)
        .replace(/\{[^}]+\}/g, 'abcdefghijklmnopqrstuvwxyz234567');
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      list.push({
        method: method.toUpperCase() as Operation['method'],
        path: concrete,
        hasBody: operation.requestBody !== undefined,
        properties: schema?.properties ?? {},
      });
    }
  }
  return list;
}

/** Bodies that are wrong in the ways clients get them wrong: any JSON, wrong types, unknown fields, huge strings. */
function badBody(operation: Operation) {
  const names = Object.keys(operation.properties);
  const wrongValue = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 20 }),
    fc.string({ minLength: 5000, maxLength: 70_000 }),
    fc.array(fc.string(), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
    fc.constantFrom('<script>alert(1)</script>', "'; drop table users; --", '\u0000', '💥'.repeat(3000)),
  );
  return fc.oneof(
    fc.anything({ maxDepth: 3 }),
    names.length > 0
      ? fc.record(Object.fromEntries(names.map((name) => [name, wrongValue])), { requiredKeys: [] })
      : fc.constant({ unexpected: true }),
    fc
      .record(Object.fromEntries(names.map((name) => [name, wrongValue])), { requiredKeys: [] })
      .map((body) => ({ ...body, __proto__: { polluted: true }, injected: 'extra' })),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  member = await signUp(t.app, { displayName: 'Fuzz Frida' });
  groupId = await createGroupWith(admin, { name: 'Fuzzgruppe' }, [{ person: member }]);
  const posted = await member.client.post(`/api/groups/${groupId}/messages`, {
    clientId: 'fuzz-message-1',
    body: 'Første besked',
  });
  messageId = posted.json().message.id;
});
afterAll(async () => {
  await t?.close();
});

describe('fuzzing the REST API', () => {
  it('answers every malformed body with a stable 4xx error and changes nothing', async () => {
    const bodyOperations = operations().filter((operation) => operation.hasBody);
    expect(bodyOperations.length).toBeGreaterThan(25);
    for (const operation of bodyOperations) {
      const before = await fingerprint();
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(badBody(operation), fc.boolean(), async (body, asAdmin) => {
          const client = (asAdmin ? admin : member).client;
          const payload = JSON.stringify(body);
          const answer = await t.app.inject({
            method: operation.method,
            url: operation.path,
            headers: {
              origin: testOrigin,
              cookie: client.cookie ?? '',
              'content-type': 'application/json',
            },
            payload: payload === undefined ? 'null' : payload,
          });
          expect(
            answer.statusCode,
            `${operation.method} ${operation.path} ${payload?.slice(0, 200)}`,
          ).toBeLessThan(500);
          if (answer.statusCode < 300) accepted += 1;
          else expect(answer.json().error.code).toMatch(/^[a-z_]+(\.[a-z_]+)?$/);
        }),
        { numRuns: 12, seed: 4242 },
      );
      if (accepted === 0) expect(await fingerprint(), `${operation.method} ${operation.path}`).toBe(before);
    }
  });

  it('answers malformed queries and path parameters with 4xx, never 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations().filter((operation) => operation.method === 'GET')),
        fc.dictionary(
          fc.constantFrom(
            'limit',
            'cursor',
            'q',
            'before',
            'after',
            'threadId',
            'status',
            'mine',
            'from',
            'to',
          ),
          fc.string({ maxLength: 300 }),
          { maxKeys: 4 },
        ),
        async (operation, query) => {
          const url = `${operation.path}?${new URLSearchParams(query).toString()}`;
          const answer = await member.client.get(url);
          expect(answer.statusCode, url).toBeLessThan(500);
        },
      ),
      { numRuns: 150, seed: 7 },
    );
    for (const bad of [
      '%',
      '..%2f..%2fetc%2fpasswd',
      'a'.repeat(5000),
      '00000000-0000-0000-0000-000000000000',
      "1' or '1'='1",
    ]) {
      for (const path of [`/api/groups/${bad}`, `/api/groups/${bad}/messages`, `/api/messages/${bad}`]) {
        const answer = await member.client.get(path);
        expect(answer.statusCode, path).toBeGreaterThanOrEqual(400);
        expect(answer.statusCode, path).toBeLessThan(500);
      }
    }
  });
});

describe('fuzzing the WebSocket', () => {
  it('answers every malformed frame with an error frame, keeps the connection, and changes nothing', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, {
      headers: { origin: testOrigin, cookie: member.client.cookie ?? '' },
    });
    const frames: Array<{ type: string; code?: string }> = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const before = await fingerprint();
    const frame = fc.oneof(
      fc.anything({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null'),
      fc.string({ maxLength: 200 }),
      fc
        .record({
          type: fc.constantFrom(
            'subscribe',
            'message.send',
            'typing',
            'read',
            'unsubscribe',
            'ping',
            'room.join',
            'nope',
          ),
          groupId: fc.oneof(fc.string({ maxLength: 80 }), fc.integer()),
          sinceSeq: fc.oneof(fc.integer({ min: -5 }), fc.string()),
          clientId: fc.string({ maxLength: 80 }),
          body: fc.oneof(fc.constant(''), fc.string({ minLength: 4001, maxLength: 5000 }), fc.integer()),
          extra: fc.anything({ maxDepth: 1 }),
        })
        .map((value) => JSON.stringify(value)),
    );
    const samples = fc.sample(frame, { numRuns: 25, seed: 99 });
    for (const [index, text] of samples.entries()) {
      socket.send(text);
      // Under the per-connection rate limit (10 frames a second).
      if (index % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 600));
    }
    socket.send(JSON.stringify({ type: 'ping' }));
    await expect.poll(() => frames.some((item) => item.type === 'pong'), { timeout: 10_000 }).toBe(true);
    const errors = frames.filter((item) => item.type === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(samples.length - 2);
    for (const error of errors)
      expect([
        'ws.bad_frame',
        'validation.failed',
        'not_found',
        'rate_limited',
        'ws.not_subscribed',
      ]).toContain(error.code);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    expect(await fingerprint()).toBe(before);
    socket.close();
  });
});
