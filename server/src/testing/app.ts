import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DatabaseHandle, users } from '@spejl/db';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '@spejl/db/testing';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { createMemoryBus } from '../bus/bus.ts';
import { type Jobs, startJobs } from '../jobs/jobs.ts';
import { type Clock, ManualClock } from '../clock.ts';
import { totpCodeAt } from '../modules/auth/auth.totp.ts';
import type { VideoOptions } from '../modules/video/video.module.ts';
import { testClockStart } from './time.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const testOrigin = 'http://localhost:3000';

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  jobs: Jobs;
  clock: ManualClock;
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
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(repoRoot);
  const clock = (options.clock as ManualClock | undefined) ?? new ManualClock(testClockStart());
  const jobs = await startJobs(database, { pollingIntervalSeconds: 0.5 });
  const app = await buildApp({
    database,
    bus: createMemoryBus(),
    jobs,
    clock,
    logLevel: 'silent',
    ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    ...(options.video ? { video: options.video } : {}),
    config: {
      publicOrigin: testOrigin,
      nodeEnv: options.nodeEnv ?? 'test',
      smtpUrl: undefined,
      mailFrom: 'Spejl <test@localhost>',
      trustProxy: false,
    },
  });
  await app.ready();
  return {
    app,
    database,
    jobs,
    clock,
    async close() {
      await app.close();
      await jobs.stop();
      await database.close();
    },
  };
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

let counter = 0;
/** Signs up a new user through the API and returns a client holding their session. */
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
  if (response.statusCode !== 201) throw new Error(`signup failed: ${response.statusCode} ${response.body}`);
  return { client, user: response.json().user as { id: string; email: string }, password: body.password };
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
  const person = await signUp(t.app, { displayName: 'Astrid Admin' });
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
