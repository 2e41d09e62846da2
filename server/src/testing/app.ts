import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, type DatabaseHandle, mailOutbox, users } from '@spejl/db';
import { desc, eq } from 'drizzle-orm';
import { createTestDatabase, postgresTemplateName, throwawayDatabaseName } from '@spejl/db/testing';
import postgres from 'postgres';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { createDiskStorage } from '../files/storage.ts';
import { type Bus, createMemoryBus } from '../bus/bus.ts';
import { createPostgresBus } from '../bus/postgres-bus.ts';
import { type Jobs, startJobs } from '../jobs/jobs.ts';
import { type Clock, ManualClock } from '../clock.ts';
import { totpCodeAt } from '../modules/auth/auth.totp.ts';
import type { VideoOptions } from '../modules/video/video.module.ts';
import { defaultRealtimeLimits, type RealtimeLimits } from '../realtime/limits.ts';
import { testClockStart } from './time.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const testOrigin = 'http://localhost:3000';

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  jobs: Jobs;
  clock: ManualClock;
  /** The folder this app's uploaded files are stored in (removed on close). */
  filesDir: string;
  close(): Promise<void>;
}

/**
 * A full app on a fresh database for one test file, with a clock the test controls: pinned at the start (now, moved by
 * SPEJL_TEST_CLOCK_SHIFT_DAYS) and moved only by the test. Tests take every time from `t.clock`, never the calendar.
 */
export async function createTestApp(
  options: {
    nodeEnv?: 'development' | 'production' | 'test';
    clock?: Clock;
    heartbeatMs?: number;
    video?: VideoOptions;
    /** WebSocket caps and the unread-bytes limit; the production defaults unless a test narrows them. */
    realtime?: Partial<RealtimeLimits>;
    /** Log lines at this level to this stream (silent by default). */
    log?: { level: string; stream: { write(line: string): void } };
    /** A database several test apps share, as the processes of one deployment do; the caller closes it. */
    database?: DatabaseHandle;
    /** The bus; its kind also picks where rate-limit counters live (memory, PostgreSQL or Redis). */
    bus?: Bus;
    redisUrl?: string;
    /** Keeps this run's rate-limit counters in a shared Redis apart from other runs' (they live for up to an hour). */
    limitNamespace?: string;
    /** The largest upload in bytes (UPLOAD_MAX_MB); 20 MB unless a test narrows it. */
    uploadMaxBytes?: number;
    /**
     * Keep signed-in sessions between requests, as production does (auth.session-cache.ts): `true` for its 30 s, or
     * a time in ms. Off unless asked: many tests write users and sessions straight into the database, where no
     * change is announced on the bus (browser tests and the benchmark run the server as production does).
     */
    sessionCache?: boolean | number;
    /**
     * Keep groups and newest pages in group chat's memory, as production does (messages.memory.ts): `true` for its
     * 30 s, or a time in ms.
     */
    chatMemory?: boolean | number;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(repoRoot));
  const clock = (options.clock as ManualClock | undefined) ?? new ManualClock(testClockStart());
  const jobs = await startJobs(database, { pollingIntervalSeconds: 0.5 });
  const bus = options.bus ?? createMemoryBus();
  const filesDir = await mkdtemp(path.join(os.tmpdir(), 'spejl-files-'));
  const app = await buildApp({
    storage: createDiskStorage(filesDir),
    ...(options.limitNamespace ? { limitNamespace: options.limitNamespace } : {}),
    database,
    bus,
    jobs,
    clock,
    logLevel: options.log?.level ?? 'silent',
    ...(options.log ? { logStream: options.log.stream } : {}),
    ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    sessionCacheTtlMs:
      typeof options.sessionCache === 'number' ? options.sessionCache : options.sessionCache ? undefined : 0,
    chatMemoryTtlMs:
      typeof options.chatMemory === 'number'
        ? options.chatMemory
        : options.chatMemory === false
          ? 0
          : undefined,
    ...(options.video ? { video: options.video } : {}),
    config: {
      publicOrigin: testOrigin,
      nodeEnv: options.nodeEnv ?? 'test',
      smtpUrl: undefined,
      mailFrom: 'Spejl <test@localhost>',
      trustProxy: false,
      realtime: { ...defaultRealtimeLimits, ...options.realtime },
      redisUrl: options.redisUrl,
      ...(options.uploadMaxBytes ? { uploadMaxBytes: options.uploadMaxBytes } : {}),
    },
  });
  await app.ready();
  testDatabases.set(app, database);
  return {
    app,
    database,
    jobs,
    clock,
    filesDir,
    async close() {
      await app.close();
      await jobs.stop();
      if (options.bus) await bus.close();
      if (!options.database) await database.close();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}

/** The database behind each test app, so `signUp` can read the mail outbox as the person reads their inbox. */
const testDatabases = new WeakMap<FastifyInstance, DatabaseHandle>();

/**
 * A fresh, migrated database on a real PostgreSQL (TEST_DATABASE_URL, or this machine's), for tests where several
 * app instances share one database as several processes do; `close` drops it.
 */
export async function createSharedPostgres(): Promise<DatabaseHandle & { url: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = throwawayDatabaseName('shared');
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    // The template is this run's only when the global setup made it (TEST_DATABASE_URL); another checkout's may
    // be in use, and PostgreSQL copies no template that has connections.
    const [template] = process.env.TEST_DATABASE_URL
      ? await admin`select 1 from pg_database where datname = ${postgresTemplateName}`
      : [];
    await admin.unsafe(`create database "${name}"${template ? ` template "${postgresTemplateName}"` : ''}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: url.toString(), poolSize: 8 });
  // A template left by an earlier run may lack the newest migrations.
  await handle.migrate();
  const close = handle.close;
  return Object.assign(handle, {
    url: url.toString(),
    async close() {
      await close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  });
}

/**
 * Two app instances on one fresh PostgreSQL database, each with its own postgres bus, as two processes of one
 * deployment behind a load balancer: their route limits count in that database. One clock drives both; `close`
 * closes them and drops the database.
 */
export async function createSharedTestApps(
  options: { sessionCache?: boolean | number; chatMemory?: boolean | number } = {},
): Promise<{
  first: TestApp;
  second: TestApp;
  clock: ManualClock;
  close(): Promise<void>;
}> {
  const database = await createSharedPostgres();
  const clock = new ManualClock(testClockStart());
  const open = async () =>
    createTestApp({
      database,
      clock,
      bus: await createPostgresBus({ databaseUrl: database.url, raw: database.raw }),
      ...options,
    });
  const first = await open().catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const second = await open().catch(async (error: unknown) => {
    await first.close();
    await database.close();
    throw error;
  });
  return {
    first,
    second,
    clock,
    async close() {
      await first.close();
      await second.close();
      await database.close();
    },
  };
}

/** The same browser (its cookie and address) talking to another process of the deployment. */
export function sameBrowserOn(t: TestApp, client: Client): Client {
  const other = new Client(t.app, client.remoteAddress);
  other.cookie = client.cookie;
  return other;
}

/** A test client that keeps the session cookie between requests, like a browser. */
let clientCounter = 0;

export class Client {
  cookie: string | undefined;
  /** Each client comes from its own address, so per-IP rate limits behave as for distinct people. */
  remoteAddress: string;
  private readonly app: FastifyInstance;
  constructor(app: FastifyInstance, remoteAddress?: string) {
    this.app = app;
    clientCounter += 1;
    this.remoteAddress =
      remoteAddress ??
      `10.${(clientCounter >> 16) & 255}.${(clientCounter >> 8) & 255}.${clientCounter & 255}`;
  }

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await this.app.inject({
      method,
      url,
      remoteAddress: this.remoteAddress,
      headers: {
        origin: testOrigin,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    this.keepCookie(response);
    return response;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', url, body, headers);
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body);
  put = (url: string, body?: unknown) => this.request('PUT', url, body);
  delete = (url: string, body?: unknown) => this.request('DELETE', url, body);

  private keepCookie(response: LightMyRequestResponse) {
    const setCookie = response.headers['set-cookie'];
    const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    for (const line of list) {
      const [pair] = line.split(';');
      if (!pair) continue;
      const [name, value] = pair.split('=');
      if (!name?.includes('spejl_session')) continue;
      this.cookie = value ? `${name}=${value}` : undefined;
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookie = undefined;
    }
  }
}

/**
 * The confirmation link the server mailed to an address, read from the mail outbox as the person reads their
 * inbox; waits for mail the server sends after answering.
 */
export async function confirmationLink(app: FastifyInstance, email: string): Promise<string> {
  const database = testDatabases.get(app);
  if (!database) throw new Error('confirmationLink needs an app made by createTestApp');
  await app.services.auth.settled();
  const mails = await database.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.to, email.trim().toLowerCase()))
    .orderBy(desc(mailOutbox.createdAt));
  for (const mail of mails) {
    const token = /\/verify-email\?token=([a-z2-7]+)/.exec(mail.text)?.[1];
    if (token) return token;
  }
  throw new Error(`no confirmation mail to ${email}`);
}

let counter = 0;
/**
 * Signs up a new user through the API as a person does: the form, then the link in the mail, followed in the same
 * browser (the client holds the pending session sign-up started, so no password is asked). Returns a client holding
 * that session, now active.
 */
export async function signUp(
  app: FastifyInstance,
  overrides: Partial<{
    email: string;
    password: string;
    displayName: string;
    locale: 'da' | 'en';
    /** Health-data consents given at signup; by default the one for groups, as most members give it. */
    consents: Array<'health_data_groups' | 'health_data_mentoring'>;
  }> = {},
) {
  counter += 1;
  const client = new Client(app);
  const body = {
    email: overrides.email ?? `user${counter}-${Date.now()}@example.test`,
    password: overrides.password ?? 'korrekt hest batteri',
    displayName: overrides.displayName ?? `Bruger ${counter}`,
    acceptTerms: true as const,
    consents: overrides.consents ?? ['health_data_groups'],
    ...(overrides.locale ? { locale: overrides.locale } : {}),
  };
  const response = await client.post('/api/auth/signup', body);
  if (response.statusCode !== 201 || !client.cookie)
    throw new Error(`signup failed: ${response.statusCode} ${response.body}`);
  const token = await confirmationLink(app, body.email);
  const confirmed = await client.post('/api/auth/verify-email', { token });
  if (confirmed.statusCode !== 200 || !confirmed.json().signedIn)
    throw new Error(`confirmation failed: ${confirmed.statusCode} ${confirmed.body}`);
  return { client, user: confirmed.json().user as { id: string; email: string }, password: body.password };
}

/** Turns on TOTP for the client's user through the API, as a person would. */
export async function enableTotp(client: Client, clock: Clock): Promise<void> {
  const enrol = await client.post('/api/me/mfa/totp');
  if (enrol.statusCode !== 200) throw new Error(`totp enrol failed: ${enrol.statusCode} ${enrol.body}`);
  const key = decodeBase32IgnorePadding(enrol.json().secret as string);
  const confirm = await client.post('/api/me/mfa/totp/confirm', { code: totpCodeAt(key, clock.now()) });
  if (confirm.statusCode !== 200)
    throw new Error(`totp confirm failed: ${confirm.statusCode} ${confirm.body}`);
}

/** A platform admin with TOTP, signed in. */
export async function signUpAdmin(t: TestApp) {
  const person = await signUp(t.app, { displayName: 'Astrid Andersen' });
  await t.database.db.update(users).set({ platformRole: 'admin' }).where(eq(users.id, person.user.id));
  await enableTotp(person.client, t.clock);
  return person;
}

/** Creates a group as the admin and adds people with roles; returns its id. */
export async function createGroupWith(
  admin: { client: Client },
  body: Partial<{
    name: string;
    slug: string;
    visibility: 'listed' | 'hidden';
    historyVisibleToNewMembers: boolean;
  }>,
  members: Array<{ person: { user: { email: string } }; role?: 'member' | 'moderator' | 'owner' }> = [],
): Promise<string> {
  counter += 1;
  const response = await admin.client.post('/api/groups', {
    name: body.name ?? `Gruppe ${counter}`,
    slug: body.slug ?? `gruppe-${counter}-${Date.now()}`,
    kind: 'diagnosis',
    visibility: body.visibility ?? 'listed',
    joinPolicy: 'request',
    ...(body.historyVisibleToNewMembers === undefined
      ? {}
      : { historyVisibleToNewMembers: body.historyVisibleToNewMembers }),
  });
  if (response.statusCode !== 201) throw new Error(`group create failed: ${response.body}`);
  const id = response.json().group.id as string;
  for (const { person, role } of members) {
    const added = await admin.client.post(`/api/groups/${id}/members`, {
      email: person.user.email,
      role: role ?? 'member',
    });
    if (added.statusCode !== 201) throw new Error(`add member failed: ${added.body}`);
  }
  return id;
}
