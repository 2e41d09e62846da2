import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mailbox, signUpAndConfirm, startMailbox } from '../support/mailbox.ts';
import { repoRoot, type RunningServer, startServer } from '../support/server.ts';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe('pnpm start: one process, one port', () => {
  let server: RunningServer;
  let mailbox: Mailbox;
  beforeAll(async () => {
    mailbox = await startMailbox();
    server = await startServer({ seed: true, env: { LOG_LEVEL: 'info', SMTP_URL: mailbox.url } });
  });
  afterAll(async () => {
    await server.dispose();
    await mailbox.close();
  });

  it('reports the database in use at /api/health', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      db: onPostgres ? 'postgres' : 'pglite',
      bus: 'memory',
    });
  });

  it('serves the web app in Danish with a CSP that allows no inline scripts', async () => {
    const response = await fetch(`${server.url}/sign-in`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<html lang="da"/);
    const csp = response.headers.get('content-security-policy') ?? '';
    const scriptSrc = csp.split(';').find((part) => part.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const english = await fetch(`${server.url}/sign-in`, { headers: { cookie: 'spejl_locale=en' } });
    expect(await english.text()).toMatch(/<html lang="en"/);
  });

  it('answers unknown /api paths with JSON 404, not the web app', async () => {
    const response = await fetch(`${server.url}/api/does-not-exist`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });

  it('has the demo users, and signs one in', async () => {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'medlem@spejl.test', password: 'spejl-demo-2026' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/spejl_session=.+HttpOnly/i);
    // The pair of the demo mentorship that the start names (on PGlite the server seeds and prints them itself).
    for (const email of ['maria@spejl.test', 'birgitte@spejl.test']) {
      const pair = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ email, password: 'spejl-demo-2026' }),
      });
      expect(pair.status, email).toBe(200);
      if (!process.env.TEST_DATABASE_URL) expect(server.output()).toContain(email);
    }
  });

  it('never writes a password or session token to the log', async () => {
    const password = 'mit-hemmelige-log-kodeord';
    const { cookie } = await signUpAndConfirm(server.url, mailbox, {
      email: 'log@example.test',
      password,
      displayName: 'Log',
    });
    const token = cookie.split('=')[1]!;
    const link = (await mailbox.waitFor('log@example.test')).text.match(/token=([a-z2-7]+)/)![1]!;
    await fetch(`${server.url}/api/me`, { headers: { cookie } });
    await fetch(`${server.url}/verify-email?token=abcdefghijklmnopqrstuvwxyz234567`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const log = server.output();
    expect(log).toContain('"url":"/api/auth/signup"');
    expect(log).not.toContain(password);
    expect(log).not.toContain(token);
    expect(log).not.toContain(link);
    expect(log).not.toContain('abcdefghijklmnopqrstuvwxyz234567');
    expect(log).toMatch(/"reqId":"[0-9a-f-]{36}"/);
  });
});

describe('start-up and shutdown', () => {
  it('stops with a clear message on malformed configuration', () => {
    const result = spawnSync(process.execPath, ['server/src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: 'not-a-port', BUS: 'carrier-pigeon' },
      encoding: 'utf8',
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('BUS');
  });

  // The data-folder lock belongs to the embedded database, so this runs on PGlite in both CI passes.
  it('keeps data across a graceful restart and releases the data-folder lock', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'spejl-restart-'));
    try {
      const mailbox = await startMailbox();
      const first = await startServer({ dataDir, embedded: true, env: { SMTP_URL: mailbox.url } });
      await signUpAndConfirm(first.url, mailbox, {
        email: 'vedvarende@example.test',
        password: 'en lang sætning her',
        displayName: 'V',
      });
      await mailbox.close();
      expect(existsSync(path.join(dataDir, 'spejl.lock'))).toBe(true);

      // While the server holds the folder, the CLI must refuse to open it.
      const cli = spawnSync(process.execPath, ['server/src/cli.ts', 'db:migrate'], {
        cwd: repoRoot,
        env: { ...process.env, SPEJL_DATA_DIR: dataDir, TEST_DATABASE_URL: '' },
        encoding: 'utf8',
      });
      expect(cli.status).not.toBe(0);
      expect(cli.stderr).toContain('in use by another Spejl process');

      expect(await first.stop()).toBe(0);
      expect(existsSync(path.join(dataDir, 'spejl.lock'))).toBe(false);

      // A lock left by a crashed process (pid no longer alive) does not keep the folder stuck.
      writeFileSync(path.join(dataDir, 'spejl.lock'), '999999');
      const second = await startServer({ dataDir, embedded: true });
      const login = await fetch(`${second.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: second.url },
        body: JSON.stringify({ email: 'vedvarende@example.test', password: 'en lang sætning her' }),
      });
      expect(login.status).toBe(200);
      await second.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('finishes a request in flight when told to stop', async () => {
    const server = await startServer();
    try {
      // A kept-alive connection the server has already accepted, so the request below is in flight, not queued.
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      const inFlight = fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ email: 'medlem@spejl.test', password: 'forkert kodeord' }),
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const stopped = server.stop();
      const response = await inFlight;
      expect(response.status).toBe(401);
      expect(await stopped).toBe(0);
    } finally {
      await server.dispose();
    }
  });

  // A supervisor whose log reader stalls must still be able to stop Spejl: the log is written asynchronously and the
  // last flush is bounded, so the process ends within its 15 s deadline. Repeated, because the hang was a race.
  it('stops within its deadline even when nobody reads its log', async () => {
    for (let round = 0; round < 3; round += 1) {
      const server = await startServer({ env: { LOG_LEVEL: 'info' }, readOutput: false });
      try {
        // Two log lines per request: far more than the pipe (64 KiB) and the unread stream buffer hold.
        for (let batch = 0; batch < 40; batch += 1)
          await Promise.all(Array.from({ length: 50 }, () => fetch(`${server.url}/api/health`)));
        const started = Date.now();
        const code = await Promise.race([
          server.stop(),
          new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 20_000)),
        ]);
        expect(code, `round ${round}`).not.toBe('still running');
        expect(Date.now() - started).toBeLessThan(16_000);
      } finally {
        server.process.kill('SIGKILL');
        await server.dispose();
      }
    }
  }, 150_000);
});

describe('demo data', () => {
  it('is never written for a server that answers under a real name, even without NODE_ENV=production', async () => {
    const server = await startServer({
      embedded: true,
      env: { PUBLIC_ORIGIN: 'https://spejl.example.dk', SERVE_WEB: 'false' },
    });
    try {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://spejl.example.dk' },
        body: JSON.stringify({ email: 'admin@spejl.test', password: 'spejl-demo-2026' }),
      });
      expect(login.status).toBe(401);
      expect(server.output()).not.toContain('Demo accounts');
    } finally {
      await server.dispose();
    }
  });
});
