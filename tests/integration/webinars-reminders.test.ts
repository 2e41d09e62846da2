import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../server/src/modules/auth/auth.totp.ts';
import { type Mailbox, signUpAndConfirm, startMailbox } from '../support/mailbox.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const password = 'spejl-demo-2026';

function base32Decode(value: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let buffer = 0;
  const out: number[] = [];
  for (const char of value.toUpperCase().replace(/\s|=/g, '')) {
    buffer = (buffer << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}

async function call(server: RunningServer, cookie: string, method: string, url: string, body?: unknown) {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      origin: server.url,
      cookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: text ? JSON.parse(text) : null,
    cookie: response.headers.get('set-cookie'),
  };
}

const cookieOf = (header: string | null) => (header ?? '').split(';')[0] ?? '';

describe('event reminders are durable jobs', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'spejl-reminders-'));
  const servers: RunningServer[] = [];
  let mailbox: Mailbox | undefined;
  afterAll(async () => {
    await mailbox?.close();
    for (const server of servers.reverse()) await server.stop();
    // The first server owns the throwaway PostgreSQL database (if any); dispose it last.
    await servers[servers.length - 1]?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a reminder scheduled before a restart is sent after it, exactly once per registrant', async () => {
    // The web app is not needed here.
    mailbox = await startMailbox();
    const first = await startServer({
      dataDir,
      seed: true,
      env: { SERVE_WEB: 'false', SMTP_URL: mailbox.url },
    });
    servers.push(first);

    const login = await call(first, '', 'POST', '/api/auth/login', { email: 'admin@spejl.test', password });
    expect(login.status).toBe(200);
    const signedIn = cookieOf(login.cookie);
    const enrol = await call(first, signedIn, 'POST', '/api/me/mfa/totp');
    const code = totpCodeAt(base32Decode(enrol.json.secret as string), new Date());
    const confirmed = await call(first, signedIn, 'POST', '/api/me/mfa/totp/confirm', { code });
    expect(confirmed.status).toBe(200);
    // Turning TOTP on gives the session a new token.
    const admin = cookieOf(confirmed.cookie);

    const registrants: Array<{ cookie: string; id: string }> = [];
    for (const name of ['Karla', 'Emil']) {
      const { cookie, user } = await signUpAndConfirm(first.url, mailbox, {
        email: `${name.toLowerCase()}-${Date.now()}@example.test`,
        password: 'korrekt hest batteri',
        displayName: name,
      });
      registrants.push({ cookie, id: user.id });
    }

    // Starts in an hour and 12 seconds, so the 1-hour reminder is due 12 seconds from now.
    const startsAt = new Date(Date.now() + 60 * 60_000 + 12_000);
    const created = await call(first, admin, 'POST', '/api/webinars', {
      title: 'Genstartet påmindelse',
      description: '',
      startsAt: startsAt.toISOString(),
      durationMinutes: 45,
      mode: 'online',
    });
    expect(created.status).toBe(201);
    const webinarId = created.json.webinar.id as string;
    for (const registrant of registrants)
      expect(
        (await call(first, registrant.cookie, 'POST', `/api/webinars/${webinarId}/registrations`, {})).status,
      ).toBe(201);

    // Restart before the reminder is due. The second process finds the job in the database.
    expect(await first.stop()).toBe(0);
    const second = await startServer({
      dataDir,
      env: { SERVE_WEB: 'false', ...(first.databaseUrl ? { DATABASE_URL: first.databaseUrl } : {}) },
    });
    servers.push(second);

    const reminders = async (cookie: string) =>
      (
        (await call(second, cookie, 'GET', '/api/notifications')).json.items as Array<{
          type: string;
          data: { webinarId?: string };
        }>
      ).filter((item) => item.type === 'webinar.reminder' && item.data.webinarId === webinarId).length;
    for (const registrant of registrants)
      await expect.poll(() => reminders(registrant.cookie), { timeout: 45_000, interval: 500 }).toBe(1);
    // Give a duplicate every chance to appear.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    for (const registrant of registrants) expect(await reminders(registrant.cookie)).toBe(1);
    const outbox = (await call(second, admin, 'GET', '/api/dev/outbox')).json.items as Array<{
      subject: string;
    }>;
    expect(outbox.filter((mail) => mail.subject === 'Om en time: Genstartet påmindelse')).toHaveLength(3);
  });
});
