import { digestRuns, mailOutbox, messages, userPreferences } from '@spejl/db';
import { translate, translateCount } from '@spejl/shared';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  createGroupWith,
  createSharedTestApps,
  createTestApp,
  signUp,
  signUpAdmin,
  type TestApp,
  testOrigin,
} from '../../testing/app.ts';
import { activeMentorship, signUpCoordinator } from '../mentoring/mentoring.testing.ts';

type Person = Awaited<ReturnType<typeof signUp>>;
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

let t: TestApp;
let admin: Person;
let reader: Person;
let writers: Record<'anna' | 'bo' | 'carl' | 'dorte', Person>;
let busyGroup: string;
let readGroup: string;
let oldGroup: string;
let mutedGroup: string;
let conversationId: string;
/** Midnight UTC two days after the clock's start: a day in the clock's future, never a calendar date. */
let day0: number;
let counter = 0;

/** What members wrote about their children: none of it may ever be in a mail. */
const secrets = {
  old: 'Gammel nyhed om søvnmedicin',
  busy: 'Vi har fået afslag på merudgifter fra kommunen',
  read: 'Har nogen erfaring med sondemad om natten',
  own: 'Min egen besked om epilepsi',
  deleted: 'Slettet besked om kramper',
  direct: 'Må jeg spørge om din søns operation',
};

const at = (hours: number) => t.clock.set(new Date(day0 + hours * hourMs));
const post = async (person: Person, groupId: string, body: string) => {
  const response = await person.client.post(`/api/groups/${groupId}/messages`, {
    clientId: `digest-${++counter}`,
    body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().message as { id: string; seq: number };
};
const digestsTo = (email: string, database = t.database) =>
  database.db
    .select()
    .from(mailOutbox)
    .where(
      and(
        eq(mailOutbox.to, email),
        like(mailOutbox.subject, `${translate('da', 'digest.subject', { summary: '' })}%`),
      ),
    );
/** Signs in again once the clock has moved past the session's idle limit. */
const signIn = async (person: Person) => {
  const response = await person.client.post('/api/auth/login', {
    email: person.user.email,
    password: person.password,
  });
  expect(response.statusCode, response.body).toBe(200);
};
const digestOf = async (person: Person) => {
  const [row] = await t.database.db
    .select({ digest: userPreferences.digest })
    .from(userPreferences)
    .where(eq(userPreferences.userId, person.user.id));
  return row?.digest;
};
const turnOn = async (person: Person, digest: 'daily' | 'weekly', timeZone = 'UTC') => {
  const response = await person.client.patch('/api/me/preferences', { digest, timeZone });
  expect(response.statusCode, response.body).toBe(200);
};

beforeAll(async () => {
  t = await createTestApp();
  const start = t.clock.now();
  day0 = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()) + 2 * dayMs;
  admin = await signUpAdmin(t);
  reader = await signUp(t.app, { displayName: 'Rikke Læser' });
  writers = {
    anna: await signUp(t.app, { displayName: 'Anna Andersen' }),
    bo: await signUp(t.app, { displayName: 'Bo Bech' }),
    carl: await signUp(t.app, { displayName: 'Carl Clausen' }),
    dorte: await signUp(t.app, { displayName: 'Dorte Dahl' }),
  };
  const everyone = [reader, ...Object.values(writers)].map((person) => ({ person }));
  busyGroup = await createGroupWith(admin, { name: 'Cystisk fibrose' }, everyone);
  readGroup = await createGroupWith(admin, { name: 'Rett syndrom' }, everyone);
  oldGroup = await createGroupWith(admin, { name: 'Angelman' }, everyone);
  mutedGroup = await createGroupWith(admin, { name: 'Noonan syndrom' }, everyone);
  const muted = await reader.client.patch(`/api/groups/${mutedGroup}/profile`, { muted: true });
  expect(muted.statusCode, muted.body).toBe(200);
  expect(muted.json().membership.muted).toBe(true);
  for (const person of [reader, writers.anna]) {
    const enabled = await person.client.patch('/api/me/direct-settings', { enabled: true });
    expect(enabled.statusCode, enabled.body).toBe(200);
  }

  // Before the digest is on: an unread message it must never list.
  at(0);
  await post(writers.anna, oldGroup, secrets.old);
  at(1);
  await turnOn(reader, 'daily');

  at(2);
  // Writing moves one's own read position: the reader's message first, then five by others.
  await post(reader, busyGroup, secrets.own);
  for (const name of ['bo', 'carl', 'dorte', 'anna'] as const)
    await post(writers[name], busyGroup, secrets.busy);
  await post(writers.bo, busyGroup, secrets.busy);
  const deleted = await post(writers.bo, busyGroup, secrets.deleted);
  expect((await writers.bo.client.delete(`/api/messages/${deleted.id}`)).statusCode).toBeLessThan(300);
  // A group the reader muted: never in the digest.
  await post(writers.carl, mutedGroup, secrets.busy);
  const read = await post(writers.bo, readGroup, secrets.read);
  const marked = await reader.client.put(`/api/groups/${readGroup}/read`, { seq: read.seq });
  expect(marked.statusCode, marked.body).toBeLessThan(300);

  // A direct conversation: asked, accepted, and one more message.
  const asked = await writers.anna.client.post('/api/direct', {
    userId: reader.user.id,
    body: secrets.direct,
    clientId: `digest-${++counter}`,
  });
  expect(asked.statusCode, asked.body).toBe(201);
  conversationId = asked.json().conversation.id;
  const accepted = await reader.client.post(`/api/conversations/${conversationId}/accept`);
  expect(accepted.statusCode, accepted.body).toBe(200);
  await post(writers.anna, conversationId, secrets.direct);
});
afterAll(async () => {
  await t?.close();
});

describe('the daily digest', () => {
  it('is not sent before 07:00 in the person’s time zone', async () => {
    at(6.5);
    expect(await t.app.services.digests.sendDueDigests()).toBe(0);
    expect(await digestsTo(reader.user.email)).toEqual([]);
  });

  it('goes out once at 07:00 even when two runs race, listing only unread, newer activity by others, never its text', async () => {
    at(7.1);
    const [first, second] = await Promise.all([
      t.app.services.digests.sendDueDigests(),
      t.app.services.digests.sendDueDigests(),
    ]);
    expect(first + second).toBe(1);
    const mails = await digestsTo(reader.user.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    if (!mail) throw new Error('no digest');

    const busy = translate('da', 'digest.item', {
      place: 'Cystisk fibrose',
      messages: translateCount('da', 'digest.count.messages', 5),
      authors: `Bo Bech, Anna Andersen, Dorte Dahl og ${translateCount('da', 'digest.count.others', 1)}`,
    });
    expect(mail.text).toContain(`- ${busy}\n${testOrigin}/groups/${busyGroup}/chat`);
    const direct = translate('da', 'digest.item', {
      place: translate('da', 'digest.place.direct', { name: 'Anna Andersen' }),
      messages: translateCount('da', 'digest.count.messages', 2),
      authors: 'Anna Andersen',
    });
    expect(mail.text).toContain(`- ${direct}\n${testOrigin}/messages/${conversationId}`);
    expect(mail.text).toContain(`${testOrigin}/notifications`);
    // Read, written before the digest was on: not listed.
    expect(mail.text).not.toContain('Rett syndrom');
    expect(mail.text).not.toContain('Angelman');
    // Muted.
    expect(mail.text).not.toContain('Noonan');
    expect(mail.subject).toBe(
      translate('da', 'digest.subject', {
        summary: translate('da', 'digest.summary.messages', {
          messages: translateCount('da', 'digest.count.messages', 7),
          places: translate('da', 'digest.and', {
            first: translateCount('da', 'digest.count.groups', 1),
            second: translateCount('da', 'digest.count.conversations', 1),
          }),
        }),
      }),
    );
    for (const secret of Object.values(secrets))
      for (const part of [mail.subject, mail.text, mail.html ?? '']) expect(part).not.toContain(secret);

    // The HTML part in the common layout, each group a link; and the RFC 8058 headers.
    expect(mail.html).toContain('<html lang="da"');
    expect(mail.html).toContain(`href="${testOrigin}/groups/${busyGroup}/chat"`);
    expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers?.['List-Unsubscribe']).toMatch(
      new RegExp(`^<${testOrigin}/api/digest/unsubscribe\\?token=[A-Za-z0-9_.%-]+>$`),
    );
    expect(mail.text).toMatch(new RegExp(`${testOrigin}/unsubscribe\\?token=[A-Za-z0-9_.%-]+`));
  });

  it('sends nothing more that day, and the next day only what is new since', async () => {
    at(12);
    expect(await t.app.services.digests.sendDueDigests()).toBe(0);
    at(24 + 3);
    await post(writers.carl, busyGroup, secrets.busy);
    at(24 + 7.2);
    expect(await t.app.services.digests.sendDueDigests()).toBe(1);
    const mails = await digestsTo(reader.user.email);
    expect(mails).toHaveLength(2);
    const latest = mails.find((mail) => mail.createdAt.getTime() === day0 + (24 + 7.2) * hourMs);
    expect(latest?.text).toContain(
      translate('da', 'digest.item', {
        place: 'Cystisk fibrose',
        messages: translateCount('da', 'digest.count.messages', 1),
        authors: 'Carl Clausen',
      }),
    );
    expect(latest?.text).not.toContain('Samtale med');
  });

  it('sends no mail when nothing is new', async () => {
    at(48 + 8);
    expect(await t.app.services.digests.sendDueDigests()).toBe(0);
    expect(await digestsTo(reader.user.email)).toHaveLength(2);
    // The period was looked at once all the same, so a later run that day does not look again.
    const runs = await t.database.db.select().from(digestRuns).where(eq(digestRuns.userId, reader.user.id));
    expect(runs.map((run) => run.items).sort()).toEqual([0, 1, 2]);
  });
});

describe('the weekly digest', () => {
  it('goes out from Monday 07:00 in the person’s time zone, once in the ISO week', async () => {
    const weekly = await signUp(t.app, { displayName: 'Ugle Uge' });
    await admin.client.post(`/api/groups/${busyGroup}/members`, { email: weekly.user.email });
    // The first Monday at least six days ahead (after the daily tests' days), in Copenhagen time (UTC+1 or +2).
    let monday = day0 + 6 * dayMs;
    while (new Date(monday).getUTCDay() !== 1) monday += dayMs;
    const copenhagen = (hours: number) => {
      const probe = new Date(monday + hours * hourMs);
      const local = Number(
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: 'numeric', hourCycle: 'h23' })
          .formatToParts(probe)
          .find((part) => part.type === 'hour')?.value,
      );
      const offset = (local - probe.getUTCHours() + 24) % 24;
      t.clock.set(new Date(monday + (hours - offset) * hourMs));
    };
    // The clock jumps days at a time here (how far depends on the weekday the run starts on), past sessions' idle
    // limit: each person signs in again before acting.
    copenhagen(-72);
    await signIn(weekly);
    await turnOn(weekly, 'weekly', 'Europe/Copenhagen');
    copenhagen(-48);
    await signIn(writers.dorte);
    await post(writers.dorte, busyGroup, secrets.busy);

    copenhagen(6.9);
    expect(await t.app.services.digests.sendDueDigests()).toBe(0);
    expect(await digestsTo(weekly.user.email)).toHaveLength(0);
    copenhagen(7.05);
    await t.app.services.digests.sendDueDigests();
    expect(await digestsTo(weekly.user.email)).toHaveLength(1);

    copenhagen(2 * 24 + 3);
    await signIn(writers.dorte);
    await post(writers.dorte, busyGroup, secrets.busy);
    copenhagen(2 * 24 + 9);
    await t.app.services.digests.sendDueDigests();
    expect(await digestsTo(weekly.user.email)).toHaveLength(1);

    copenhagen(7 * 24 + 7.5);
    await t.app.services.digests.sendDueDigests();
    const mails = await digestsTo(weekly.user.email);
    expect(mails).toHaveLength(2);
    expect(mails.some((mail) => mail.text.includes(translate('da', 'digest.intro.weekly')))).toBe(true);
  });
});

describe('POST /api/digest/unsubscribe', () => {
  const unsubscribe = (query: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/digest/unsubscribe?${query}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: 'List-Unsubscribe=One-Click',
    });

  it('refuses a forged or altered token with digest.token_invalid, and changes nothing', async () => {
    const token = await t.app.services.digests.tokenFor(reader.user.id);
    const [, signature] = token.split('.');
    const otherId = Buffer.from(writers.anna.user.id).toString('base64url');
    for (const forged of [
      `${otherId}.${signature}`,
      `${token.slice(0, -2)}xx`,
      'nonsense',
      `${token}.extra`,
    ]) {
      const response = await unsubscribe(`token=${encodeURIComponent(forged)}`);
      expect(response.statusCode, forged).toBe(400);
      expect(response.json().error.code).toBe('digest.token_invalid');
    }
    expect(await digestOf(reader)).toBe('daily');
  });

  it('is never done by a GET (mail scanners follow links)', async () => {
    const token = await t.app.services.digests.tokenFor(reader.user.id);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/digest/unsubscribe?token=${encodeURIComponent(token)}`,
    });
    expect(response.statusCode).toBe(404);
    expect(await digestOf(reader)).toBe('daily');
  });

  it('turns the digest off with one click, without a session, POSTed from a mail provider’s server', async () => {
    const [mail] = await digestsTo(reader.user.email);
    const link = /^<(.+)>$/.exec(mail?.headers?.['List-Unsubscribe'] ?? '')?.[1];
    if (!link) throw new Error('no List-Unsubscribe link');
    const url = new URL(link);
    const response = await t.app.inject({
      method: 'POST',
      url: `${url.pathname}${url.search}`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://mail.provider.example',
        'sec-fetch-site': 'cross-site',
      },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ digest: 'off' });
    expect(await digestOf(reader)).toBe('off');
    // Again: still fine (a provider retries).
    const again = await t.app.inject({
      method: 'POST',
      url: `${url.pathname}${url.search}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(again.statusCode).toBe(200);
    // As multipart/form-data, the encoding RFC 8058 prefers.
    const boundary = 'spejl-test-boundary';
    const multipart = await t.app.inject({
      method: 'POST',
      url: `${url.pathname}${url.search}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    expect(multipart.statusCode, multipart.body).toBe(200);
    // Off means off: the next morning brings no digest.
    const before = (await digestsTo(reader.user.email)).length;
    t.clock.advance(dayMs);
    await signIn(writers.anna);
    await post(writers.anna, busyGroup, secrets.busy);
    t.clock.advance(dayMs);
    await t.app.services.digests.sendDueDigests();
    expect(await digestsTo(reader.user.email)).toHaveLength(before);
  });

  it('accepts the web page’s POST without a body, and only this route skips the Origin check', async () => {
    // Sessions have expired over the days the clock moved: a fresh one, as the person signs in again.
    const anna = await signUp(t.app, { displayName: 'Anne Arnesen' });
    await turnOn(anna, 'daily');
    const token = await t.app.services.digests.tokenFor(anna.user.id);
    const page = new Client(t.app);
    const response = await page.post(`/api/digest/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(await digestOf(anna)).toBe('off');
    const refused = await anna.client.patch('/api/me/preferences', { digest: 'daily' });
    expect(refused.statusCode).toBe(200);
    const foreign = await anna.client.request(
      'PATCH',
      '/api/me/preferences',
      { digest: 'off' },
      {
        origin: 'https://mail.provider.example',
      },
    );
    expect(foreign.statusCode).toBe(403);
    expect(await digestOf(anna)).toBe('daily');
  });
});

describe('a mentorship conversation', () => {
  it('is listed by the other person’s name, with a link to the mentorship’s conversation', async () => {
    // Fresh people: the sessions made at the start have expired over the days the clock moved.
    const staff = await signUpAdmin(t);
    const coordinator = await signUpCoordinator(t);
    const group = await createGroupWith(staff, { name: 'Noonan syndrom' });
    const pair = await activeMentorship(t, coordinator, {
      family: 'Familien Holm',
      mentor: 'Mentor Lise',
      groupId: group,
    });
    await turnOn(pair.family, 'daily');
    const now = t.clock.now();
    const nextDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + dayMs;
    t.clock.set(new Date(nextDay + 2 * hourMs));
    await post(pair.mentor, pair.groupId, secrets.direct);
    t.clock.set(new Date(nextDay + 7.5 * hourMs));
    await t.app.services.digests.sendDueDigests();
    const [mail] = await digestsTo(pair.family.user.email);
    const item = translate('da', 'digest.item', {
      place: translate('da', 'digest.place.mentorship', { name: 'Mentor Lise' }),
      messages: translateCount('da', 'digest.count.messages', 1),
      authors: 'Mentor Lise',
    });
    expect(mail?.text).toContain(`- ${item}\n${testOrigin}/mentoring/matches/${pair.matchId}/conversation`);
    expect(mail?.text).not.toContain(secrets.direct);
  });
});

// Always on the real PostgreSQL (as the other multi-node tests): PGlite serves one process.
describe('two server processes on one database', () => {
  it('send one digest per person and period between them', async () => {
    const shared = await createSharedTestApps();
    try {
      const { first, second, clock } = shared;
      const start = clock.now();
      const base = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()) + 2 * dayMs;
      const boss = await signUpAdmin(first);
      const people = [await signUp(first.app), await signUp(second.app), await signUp(first.app)];
      clock.set(new Date(base));
      for (const person of people) await turnOn(person, 'daily');
      const group = await createGroupWith(
        boss,
        {},
        people.map((person) => ({ person })),
      );
      clock.set(new Date(base + hourMs));
      const author = boss;
      const response = await author.client.post(`/api/groups/${group}/messages`, {
        clientId: 'shared-1',
        body: secrets.busy,
      });
      expect(response.statusCode, response.body).toBe(201);
      clock.set(new Date(base + 7.5 * hourMs));
      const counts = await Promise.all([
        first.app.services.digests.sendDueDigests(),
        second.app.services.digests.sendDueDigests(),
        first.app.services.digests.sendDueDigests(),
        second.app.services.digests.sendDueDigests(),
      ]);
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(people.length);
      for (const person of people) expect(await digestsTo(person.user.email, first.database)).toHaveLength(1);
      const messagesInGroup = await first.database.db
        .select()
        .from(messages)
        .where(eq(messages.groupId, group));
      expect(messagesInGroup).toHaveLength(1);
    } finally {
      await shared.close();
    }
  });
});
