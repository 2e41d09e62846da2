import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresTemplateName, throwawayDatabaseName } from '@spejl/db/testing';
import postgres from 'postgres';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  databaseUrl: string | undefined;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Stops the server and removes its data (folder or throwaway database). */
  dispose(): Promise<void>;
}

/**
 * Starts `node server/src/main.ts` as a real process on a free port. On PGlite it gets a fresh data folder (and
 * seeds demo data); with TEST_DATABASE_URL it gets a throwaway PostgreSQL database.
 */
export async function startServer(
  options: {
    env?: Record<string, string>;
    dataDir?: string;
    seed?: boolean;
    embedded?: boolean;
    port?: number;
    /** false leaves the server's stdout and stderr unread once its pipes fill, as a stalled log reader would. */
    readOutput?: boolean;
  } = {},
) {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'spejl-server-'));
  let databaseUrl: string | undefined;
  const testUrl = process.env.TEST_DATABASE_URL;
  if (testUrl && !options.env?.DATABASE_URL && !options.embedded) {
    const name = throwawayDatabaseName();
    const admin = postgres(testUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${postgresTemplateName}"`);
    await admin.end();
    const parsed = new URL(testUrl);
    parsed.pathname = `/${name}`;
    databaseUrl = parsed.toString();
  }
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_ORIGIN: `http://localhost:${port}`,
    SPEJL_DATA_DIR: dataDir,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  };
  delete env.TEST_DATABASE_URL;
  if (options.embedded) delete env.DATABASE_URL;
  delete env.VITEST;
  const child = spawn(process.execPath, ['server/src/main.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  if (options.readOutput !== false) {
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // Seeding happens before listening; on PostgreSQL the test asks for it explicitly.
  if (databaseUrl && options.seed) {
    const { createDb } = await import('@spejl/db');
    const { seedDemoData } = await import('@spejl/db/seed');
    const { hashPassword } = await import('../../server/src/modules/auth/auth.password.ts');
    const handle = await createDb({ databaseUrl, poolSize: 1 });
    await seedDemoData(handle.db, hashPassword);
    await handle.close();
  }
  const server: RunningServer = {
    url,
    port,
    dataDir,
    process: child,
    databaseUrl,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async dispose() {
      await server.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (databaseUrl && testUrl) {
        const admin = postgres(testUrl, { max: 1, onnotice: () => {} });
        await admin.unsafe(
          `drop database if exists "${new URL(databaseUrl).pathname.slice(1)}" with (force)`,
        );
        await admin.end();
      }
    },
  };
  return server;
}
