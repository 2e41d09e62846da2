import { mailOutbox } from '@spejl/db';
import { defaultNotificationChannels } from '@spejl/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  createGroupWith,
  createTestApp,
  signUp,
  signUpAdmin,
  type TestApp,
} from '../../testing/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const mailsTo = async (email: string) =>
  t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, email));

describe('GET and PATCH /api/me/preferences', () => {
  it('needs a session (401) and our own origin for changes (403)', async () => {
    const anonymous = new Client(t.app);
    expect((await anonymous.get('/api/me/preferences')).json().error.code).toBe('auth.required');
    expect((await anonymous.patch('/api/me/preferences', { hidePresence: true })).statusCode).toBe(401);
    const { client } = await signUp(t.app);
    const foreign = await client.request(
      'PATCH',
      '/api/me/preferences',
      { hidePresence: true },
      {
        origin: 'https://evil.example',
      },
    );
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('auth.bad_origin');
    expect((await client.get('/api/me/preferences')).json().hidePresence).toBe(false);
  });

  it('refuses unknown fields and unknown notification types with 400', async () => {
    const { client } = await signUp(t.app);
    const unknown = await client.patch('/api/me/preferences', { shareEverything: true });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('validation.failed');
    for (const bad of [
      { channels: { everything: ['push'] } },
      { channels: { mention: ['pigeon'] } },
      { digest: 'hourly' },
      { quietHours: { start: '25:00', end: '07:00' } },
      { quietHours: { start: '22:00' } },
      { timeZone: 'Mars/Olympus_Mons' },
    ]) {
      const refused = await client.patch('/api/me/preferences', bad);
      expect(refused.statusCode, JSON.stringify(bad)).toBe(400);
      expect(refused.json().error.code).toBe('validation.failed');
    }
    // Nothing of the refused changes was kept.
    expect((await client.get('/api/me/preferences')).json().digest).toBe('off');
  });

  it('starts from the defaults and keeps each choice separately', async () => {
    const { client } = await signUp(t.app);
    const defaults = {
      hidePresence: false,
      readReceipts: true,
      directMessages: false,
      channels: defaultNotificationChannels,
      digest: 'off',
      quietHours: null,
      timeZone: 'Europe/Copenhagen',
      pushPreviews: false,
    };
    expect((await client.get('/api/me/preferences')).json()).toEqual(defaults);
    await client.patch('/api/me/preferences', { readReceipts: false });
    const changed = await client.patch('/api/me/preferences', {
      channels: { reply: ['mail', 'mail'], call: [] },
      digest: 'weekly',
      quietHours: { start: '22:30', end: '06:45' },
      timeZone: 'America/Nuuk',
      pushPreviews: true,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({
      ...defaults,
      readReceipts: false,
      // Only the kinds named change; a repeated channel counts once.
      channels: { ...defaultNotificationChannels, reply: ['mail'], call: [] },
      digest: 'weekly',
      quietHours: { start: '22:30', end: '06:45' },
      timeZone: 'America/Nuuk',
      pushPreviews: true,
    });
    expect((await client.get('/api/me/preferences')).json()).toEqual(changed.json());
    const cleared = await client.patch('/api/me/preferences', { quietHours: null, digest: 'off' });
    expect(cleared.json()).toMatchObject({ quietHours: null, digest: 'off', readReceipts: false });
  });
});

describe('notification mail follows the preferences', () => {
  it('mails a mention by default, in the reader’s language, and stops when the person opts out', async () => {
    const admin = await signUpAdmin(t);
    const writer = await signUp(t.app, { displayName: 'Karen' });
    const reader = await signUp(t.app, { displayName: 'Jonas', locale: 'en' });
    const groupId = await createGroupWith(admin, { name: 'Noonan-forældre' }, [
      { person: writer },
      { person: reader },
    ]);
    const post = (body: string) =>
      writer.client.post(`/api/groups/${groupId}/messages`, {
        clientId: `c-${Math.random()}`.replace('.', ''),
        body,
      });

    expect((await post(`Hej <@${reader.user.id}>`)).statusCode).toBe(201);
    const mentionMails = async () =>
      (await mailsTo(reader.user.email)).filter((mail) => mail.subject.includes('mentioned'));
    expect(await mentionMails()).toHaveLength(1);
    expect((await mailsTo(reader.user.email)).some((mail) => mail.subject.includes('added to'))).toBe(true);
    const [mention] = await mentionMails();
    expect(mention?.subject).toBe('Karen mentioned you in Noonan-forældre.');
    expect(mention?.text).toContain(`/groups/`);
    expect(mention?.text).toContain('/account#notifications-heading');

    await reader.client.patch('/api/me/preferences', { channels: { mention: ['push'] } });
    expect((await post(`Igen <@${reader.user.id}>`)).statusCode).toBe(201);
    const notifications = (await reader.client.get('/api/notifications')).json().items;
    expect(notifications.filter((item: { type: string }) => item.type === 'mention')).toHaveLength(2);
    expect(await mentionMails()).toHaveLength(1);
  });
});
