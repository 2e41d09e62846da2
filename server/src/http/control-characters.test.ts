import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  Client,
  createGroupWith,
  createTestApp,
  signUp,
  signUpAdmin,
  type TestApp,
  testOrigin,
} from '../testing/app.ts';

/**
 * NUL (U+0000) and the other control characters: PostgreSQL refuses U+0000, so each of these was a 500 (and a logged
 * query) before the request validator refused them. Names also refuse invisible characters and role words.
 */
let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let member: Person;
let groupId: string;
let messageId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  member = await signUp(t.app, { displayName: 'Karla' });
  groupId = await createGroupWith(admin, { name: 'Kontroltegn' }, [{ person: member }]);
  const posted = await member.client.post(`/api/groups/${groupId}/messages`, {
    clientId: crypto.randomUUID(),
    body: 'Første besked',
  });
  messageId = posted.json().message.id;
});
afterAll(async () => {
  await t?.close();
});

function expectRefused(response: { statusCode: number; body: string }, what: string) {
  expect(response.statusCode, `${what}: ${response.body}`).toBe(400);
  expect(JSON.parse(response.body).error.code, what).toBe('validation.failed');
}

describe('control characters in requests', () => {
  it('are refused with validation.failed in bodies, queries and paths, where they used to give 500', async () => {
    for (const character of ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085']) {
      const text = `før${character}efter`;
      expectRefused(
        await member.client.post(`/api/groups/${groupId}/messages`, {
          clientId: crypto.randomUUID(),
          body: text,
        }),
        `message body ${JSON.stringify(character)}`,
      );
      expectRefused(await member.client.patch(`/api/messages/${messageId}`, { body: text }), 'edit');
      expectRefused(await member.client.patch('/api/me', { displayName: text }), 'display name');
      expectRefused(await member.client.patch(`/api/groups/${groupId}/profile`, { bio: text }), 'group bio');
      expectRefused(
        await admin.client.post('/api/webinars', {
          groupId,
          title: text,
          description: '',
          startsAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
          durationMinutes: 60,
          mode: 'online',
        }),
        'event title',
      );
      const encoded = encodeURIComponent(text);
      expectRefused(await member.client.get(`/api/groups?q=${encoded}`), 'directory search');
      expectRefused(await member.client.get(`/api/groups/${groupId}/search?q=${encoded}`), 'chat search');
      expectRefused(await member.client.get(`/api/groups/${encoded}`), 'group id');
      expectRefused(await member.client.get(`/api/messages/${encoded}/edits`), 'message id');
    }
    const refused = await member.client.post(`/api/groups/${groupId}/messages`, {
      clientId: crypto.randomUUID(),
      body: 'a\u0000b',
    });
    expect(refused.json().error.details.issues[0]).toMatchObject({
      path: 'body.body',
      code: 'control_character',
    });
  });

  it('keeps line breaks and tabs in a message', async () => {
    const body = 'Linje et\nLinje to\r\n\tindrykket';
    const posted = await member.client.post(`/api/groups/${groupId}/messages`, {
      clientId: crypto.randomUUID(),
      body,
    });
    expect(posted.statusCode).toBe(201);
    expect(posted.json().message.body).toBe(body);
  });

  it('never gives 500 on any route, whatever the path parameters, query or body strings hold', async () => {
    const spec = t.app.swagger() as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: object } }> } }>
      >;
    };
    // People of their own: the sweep signs out, ends sessions and deletes accounts on the way.
    const people = [await signUp(t.app), await signUpAdmin(t)];
    for (const person of people)
      await admin.client.post(`/api/groups/${groupId}/members`, { email: person.user.email, role: 'member' });
    let tried = 0;
    for (const [path, methods] of Object.entries(spec.paths))
      for (const [method, operation] of Object.entries(methods)) {
        // Signing out would leave the rest of the sweep to answer 401 before it reads anything.
        if (path === '/api/auth/logout') continue;
        const properties = Object.keys(
          operation.requestBody?.content?.['application/json']?.schema?.properties ?? {},
        );
        const body = Object.fromEntries(properties.map((name) => [name, 'x\u0000y']));
        const withIds = path.replace(/\{[^}]+\}/g, groupId);
        // One query parameter at a time, so no other parameter's error answers first.
        const urls = [
          path.replace(/\{[^}]+\}/g, 'a%00b'),
          ...['q', 'cursor', 'from', 'status'].map((name) => `${withIds}?${name}=%00`),
        ];
        for (const url of urls)
          for (const person of people) {
            const answer = await person.client.request(
              method.toUpperCase() as 'GET',
              url,
              operation.requestBody ? body : undefined,
            );
            expect(answer.statusCode, `${method} ${url} ${answer.body.slice(0, 200)}`).toBeLessThan(500);
            tried += 1;
          }
      }
    expect(tried).toBeGreaterThan(1000);
    for (const person of people) expect((await person.client.get('/api/me')).statusCode).toBe(200);
    // Over a thousand requests: about 27 s alone on PGlite, more on a busy machine.
  }, 120_000);

  it('are refused in WebSocket frames with an error frame, and the connection stays open', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, {
      headers: { origin: testOrigin, cookie: member.client.cookie ?? '' },
    });
    const frames: Array<{ type: string; code?: string; ref?: string }> = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const clientId = crypto.randomUUID();
    socket.send(JSON.stringify({ type: 'message.send', groupId, clientId, body: 'hej\u0000' }));
    socket.send(JSON.stringify({ type: 'subscribe', groupId: `${groupId}\u0000` }));
    socket.send(JSON.stringify({ type: 'room.chat.send', roomId: 'x', clientId: 'y', body: '\u0007' }));
    socket.send(JSON.stringify({ type: 'ping' }));
    await expect.poll(() => frames.some((frame) => frame.type === 'pong'), { timeout: 10_000 }).toBe(true);
    const errors = frames.filter((frame) => frame.type === 'error');
    expect(errors.map((frame) => frame.code)).toEqual(['ws.bad_frame', 'ws.bad_frame', 'ws.bad_frame']);
    expect(errors[0]?.ref).toBe(clientId);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
    const history = await member.client.get(`/api/groups/${groupId}/messages`);
    expect(JSON.stringify(history.json())).not.toContain('hej\\u0000');
  });
});

describe('names people see', () => {
  it('refuse invisible characters, bidirectional overrides and role words, and are stored NFC-normalised', async () => {
    for (const displayName of [
      'Mads (moderator)',
      'Admin Astrid',
      'Spejl',
      'KOORDINATOR',
      'Mads\u200b',
      '\u202eadsaM',
      'Ma\u2066ds',
      'Mads\u00ad',
    ]) {
      const response = await new Client(t.app).post('/api/auth/signup', {
        email: `navn-${crypto.randomUUID()}@example.test`,
        password: 'korrekt hest batteri',
        displayName,
        acceptTerms: true,
      });
      expect(response.statusCode, JSON.stringify(displayName)).toBe(400);
      expectRefused(await member.client.patch('/api/me', { displayName }), JSON.stringify(displayName));
      expectRefused(
        await member.client.patch(`/api/groups/${groupId}/profile`, { profileName: displayName }),
        `profile ${JSON.stringify(displayName)}`,
      );
    }
    // "Modersmål" and "Adminah" hold a role word only as part of a longer word: they are names.
    for (const displayName of ['Mette Modersmål', 'Adminah', 'Søren Spejlæg']) {
      const response = await member.client.patch('/api/me', { displayName });
      expect(response.statusCode, displayName).toBe(200);
    }
    const decomposed = 'Jo\u0301rgen';
    const renamed = await member.client.patch('/api/me', { displayName: decomposed });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().user.displayName).toBe('Jórgen');
    expect(renamed.json().user.displayName).toBe(decomposed.normalize('NFC'));
  });
});
