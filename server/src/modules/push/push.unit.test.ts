import { type NotificationPayload, pushPayload, translate } from '@spejl/shared';
import { notificationSamples } from '@spejl/shared/notifications.samples';
import { describe, expect, it } from 'vitest';
import { createEndpointGuard, isPublicAddress } from './push.endpoints.ts';
import { vapidSubjectOf } from './push.keys.ts';
import { deviceLabel } from './push.label.ts';
import { conversationMessagePush, notificationPush } from './push.payload.ts';
import { inQuietHours, localMinutes } from './push.sender.ts';

describe('which addresses push may be sent to', () => {
  it.each([
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.10', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['224.0.0.1', false],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fd00::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['not an address', false],
    ['8.8.8.8', true],
    ['142.250.74.42', true],
    ['2001:4860:4860::8888', true],
    ['::ffff:8.8.8.8', true],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  const publicHost = async () => ['142.250.74.42'];
  const internalHost = async () => ['142.250.74.42', '10.0.0.5'];

  it('in production takes only https endpoints whose host resolves to public addresses only', async () => {
    const guard = createEndpointGuard({
      production: true,
      resolve: async (host) => (host === 'push.example' ? publicHost() : internalHost()),
    });
    expect(await guard.allows('https://push.example/send/abc')).toBe(true);
    expect(await guard.allows('https://142.250.74.42/send/abc')).toBe(true);
    expect(await guard.allows('http://push.example/send/abc')).toBe(false);
    expect(await guard.allows('https://rebound.example/send/abc')).toBe(false);
    expect(await guard.allows('https://127.0.0.1/send')).toBe(false);
    expect(await guard.allows('https://[::ffff:10.0.0.1]/send')).toBe(false);
    expect(await guard.allows('https://[fd00::1]/send')).toBe(false);
    expect(await guard.allows('https://user:secret@push.example/send')).toBe(false);
    expect(await guard.allows('ftp://push.example/send')).toBe(false);
    expect(() => guard.assertSendable('https://10.0.0.1/send')).toThrow();
    expect(() => guard.assertSendable('http://142.250.74.42/send')).toThrow();
  });

  it('a host that resolves to no address, or fails to resolve, is refused in production', async () => {
    const guard = createEndpointGuard({
      production: true,
      resolve: async (host) => {
        if (host === 'empty.example') return [];
        throw new Error('ENOTFOUND');
      },
    });
    expect(await guard.allows('https://empty.example/send')).toBe(false);
    expect(await guard.allows('https://missing.example/send')).toBe(false);
  });

  it('outside production allows http and loopback (a test receiver)', async () => {
    const guard = createEndpointGuard({ production: false });
    expect(await guard.allows('http://127.0.0.1:9999/push/abc')).toBe(true);
    expect(await guard.allows('http://localhost:9999/push/abc')).toBe(true);
    expect(await guard.allows('ftp://127.0.0.1/push')).toBe(false);
  });

  it('the connection’s lookup refuses a name that resolves to a loopback address in production (DNS rebinding)', async () => {
    const lookup = (production: boolean, all: boolean) =>
      new Promise<{ error: Error | null; address: unknown }>((resolve) =>
        createEndpointGuard({ production }).lookup('localhost', { all }, (error, address) =>
          resolve({ error, address }),
        ),
      );
    expect((await lookup(true, true)).error?.message).toMatch(/not public/);
    expect((await lookup(true, false)).error?.message).toMatch(/not public/);
    const allowed = await lookup(false, false);
    expect(allowed.error).toBeNull();
    expect(['127.0.0.1', '::1']).toContain(allowed.address);
    const all = await lookup(false, true);
    expect(Array.isArray(all.address)).toBe(true);
  });
});

describe('quiet hours', () => {
  /** Today (UTC, by the running clock) at hh:mm UTC: a time of day, never a calendar date. */
  const todayAt = (hours: number, minutes: number) => {
    const at = new Date();
    at.setUTCHours(hours, minutes, 0, 0);
    return at;
  };
  const utc = (start: number, end: number) => ({ start, end, timeZone: 'UTC' });

  it('hold pushes back within a daytime window [start, end)', () => {
    expect(inQuietHours(todayAt(13, 0), utc(12 * 60, 14 * 60))).toBe(true);
    expect(inQuietHours(todayAt(12, 0), utc(12 * 60, 14 * 60))).toBe(true);
    expect(inQuietHours(todayAt(14, 0), utc(12 * 60, 14 * 60))).toBe(false);
    expect(inQuietHours(todayAt(11, 59), utc(12 * 60, 14 * 60))).toBe(false);
  });

  it('run overnight when the start is after the end (22:00–07:00)', () => {
    const night = utc(22 * 60, 7 * 60);
    expect(inQuietHours(todayAt(23, 30), night)).toBe(true);
    expect(inQuietHours(todayAt(3, 0), night)).toBe(true);
    expect(inQuietHours(todayAt(7, 0), night)).toBe(false);
    expect(inQuietHours(todayAt(12, 0), night)).toBe(false);
    expect(inQuietHours(todayAt(21, 59), night)).toBe(false);
  });

  it('are read in the person’s own time zone', () => {
    const at = todayAt(12, 0);
    const copenhagen = localMinutes(at, 'Europe/Copenhagen');
    // Copenhagen is one or two hours ahead of UTC, whatever the season.
    expect([13 * 60, 14 * 60]).toContain(copenhagen);
    expect(inQuietHours(at, { start: copenhagen, end: copenhagen + 30, timeZone: 'Europe/Copenhagen' })).toBe(
      true,
    );
    expect(inQuietHours(at, { start: copenhagen, end: copenhagen + 30, timeZone: 'UTC' })).toBe(false);
  });

  it('are off when unset or empty, and an unknown zone falls back to the default', () => {
    expect(inQuietHours(todayAt(13, 0), { start: null, end: null, timeZone: 'UTC' })).toBe(false);
    expect(inQuietHours(todayAt(13, 0), utc(600, 600))).toBe(false);
    expect(localMinutes(todayAt(12, 0), 'Not/AZone')).toBe(localMinutes(todayAt(12, 0), 'Europe/Copenhagen'));
  });
});

describe('what a push says', () => {
  const samples = Object.entries(notificationSamples).flatMap(([type, list]) =>
    (list as object[]).map((data) => ({ type, data, id: 'n-1' }) as NotificationPayload & { id: string }),
  );

  it('every type gives a valid payload to a page of ours, in both languages, with and without previews', () => {
    for (const sample of samples)
      for (const locale of ['da', 'en'] as const)
        for (const previews of [false, true]) {
          const payload = notificationPush(sample, { locale, previews });
          expect(pushPayload.safeParse(payload).success, `${sample.type} ${locale}`).toBe(true);
          expect(payload.url.startsWith('/') && !payload.url.startsWith('//'), payload.url).toBe(true);
          expect(payload.title, sample.type).not.toMatch(/\{[a-z]+\}/i);
        }
  });

  it('without previews, says only "new activity" or where a message is, never who', () => {
    const allowed = new Set([
      translate('da', 'push.title.activity'),
      translate('da', 'push.title.message'),
      translate('da', 'push.title.messageIn', { group: 'Cystisk fibrose' }),
      translate('da', 'push.title.call'),
    ]);
    for (const sample of samples) {
      const payload = notificationPush(sample, { locale: 'da', previews: false });
      expect(allowed.has(payload.title), `${sample.type}: ${payload.title}`).toBe(true);
    }
  });

  it('never carries a moderator’s reasons or words, even with previews', () => {
    for (const sample of samples) {
      const data = sample.data as Record<string, unknown>;
      const text = JSON.stringify(notificationPush(sample, { locale: 'da', previews: true }));
      for (const field of ['reason', 'messageToUser'])
        if (typeof data[field] === 'string' && data[field])
          expect(text, sample.type).not.toContain(data[field]);
    }
  });

  it('a mention says where (and with previews who), and leads to the message', () => {
    const mention = samples.find((sample) => sample.type === 'mention')!;
    expect(notificationPush(mention, { locale: 'en', previews: false })).toEqual({
      v: 1,
      title: 'New message in Cystisk fibrose',
      url: `/groups/${(mention.data as { groupId: string }).groupId}/chat?message=${(mention.data as { messageId: string }).messageId}`,
      tag: `conversation:${(mention.data as { groupId: string }).groupId}`,
      notificationId: 'n-1',
    });
    expect(notificationPush(mention, { locale: 'da', previews: true }).title).toBe(
      translate('da', 'notification.mention', { name: 'Anna', group: 'Cystisk fibrose' }),
    );
  });

  it('a conversation message leads to the conversation, one tag per conversation', () => {
    const groupId = '0b7f8c1e-2d3a-4b5c-9d6e-7f8091a2b3c4';
    expect(
      conversationMessagePush(
        { kind: 'mentorship', groupId, matchId: 'm-1', authorName: 'Mia' },
        { locale: 'da', previews: false },
      ),
    ).toEqual({
      v: 1,
      title: 'Ny besked',
      url: '/mentoring/matches/m-1/conversation',
      tag: `conversation:${groupId}`,
    });
    expect(
      conversationMessagePush(
        { kind: 'direct', groupId, matchId: null, authorName: 'Mia' },
        { locale: 'en', previews: true },
      ),
    ).toEqual({
      v: 1,
      title: 'New message from Mia',
      url: `/messages/${groupId}`,
      tag: `conversation:${groupId}`,
    });
  });
});

describe('device labels and the VAPID subject', () => {
  it.each([
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      'da',
      'Chrome på Android',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      'en',
      'Safari on iOS',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'da',
      'Edge på Windows',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'da', 'Firefox på Linux'],
    [undefined, 'da', 'Ukendt browser'],
  ] as const)('%s → %s', (agent, locale, label) => {
    expect(deviceLabel(agent, locale)).toBe(label);
  });

  it('the subject is configured, or the mail address we send from, never the host name', () => {
    const origin = 'https://spejl.example';
    expect(
      vapidSubjectOf({ vapidSubject: 'mailto:ops@x.example', mailFrom: 'a@b.example', publicOrigin: origin }),
    ).toBe('mailto:ops@x.example');
    expect(vapidSubjectOf({ mailFrom: 'Spejl <no-reply@spejl.example>', publicOrigin: origin })).toBe(
      'mailto:no-reply@spejl.example',
    );
    expect(vapidSubjectOf({ mailFrom: 'Spejl', publicOrigin: origin })).toBe(origin);
  });
});
