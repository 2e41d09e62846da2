import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../server/src/modules/auth/auth.totp.ts';
import { janusRooms, type RunningJanus, startJanus } from '../../server/src/testing/janus.ts';
import { expectAccessible, launchBrowser } from '../support/browser.ts';
import { base32Decode, da, signInAs } from '../support/journeys.ts';
import { expectMediaFlows, trackConnections } from '../support/media.ts';
import { type RunningServer, startServer } from '../support/server.ts';

/**
 * Real media in Chromium with fake camera and microphone: a presenter sends, two viewers receive, and every
 * viewer's WebRTC statistics must show decoded video frames and received audio packets. Once with the built-in
 * p2p adapter, once through a real Janus started here (Janus missing fails the test; it never skips).
 */

describe.each(['p2p', 'janus'] as const)('video in a webinar room with the %s adapter', (adapter) => {
  let janus: RunningJanus | undefined;
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let roomUrl: string;

  async function person(email: string, name: string): Promise<Page> {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1280, height: 900 },
      locale: 'da-DK',
      permissions: ['camera', 'microphone'],
    });
    contexts.push(context);
    await context.addInitScript(trackConnections);
    const page = await context.newPage();
    await signInAs(page, email, name);
    return page;
  }

  beforeAll(async () => {
    janus = adapter === 'janus' ? await startJanus() : undefined;
    const env: Record<string, string> = janus
      ? { VIDEO: 'janus', JANUS_URL: janus.url, JANUS_SECRET: janus.secret }
      : { VIDEO: 'p2p', VIDEO_P2P_MAX_VIEWERS: '4' };
    [server, browser] = await Promise.all([startServer({ seed: true, env }), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.dispose();
    await janus?.stop();
  });

  let host: Page;
  let presenter: Page;
  let viewers: Page[];

  it('a host opens the room and a presenter turns on camera and microphone', async () => {
    host = await person('admin@spejl.test', 'Astrid');
    const headers = { origin: server.url };
    const enrol = await host.request.post('/api/me/mfa/totp', { headers });
    const secret = ((await enrol.json()) as { secret: string }).secret;
    await host.request.post('/api/me/mfa/totp/confirm', {
      headers,
      data: { code: totpCodeAt(base32Decode(secret), new Date()) },
    });
    const created = await host.request.post('/api/webinars', {
      headers,
      data: {
        title: `Video med ${adapter}`,
        description: 'En læge fortæller om ny behandling.',
        startsAt: new Date(Date.now() + 3600_000).toISOString(),
        durationMinutes: 60,
        mode: 'online',
      },
    });
    expect(created.status()).toBe(201);
    const id = ((await created.json()) as { webinar: { id: string } }).webinar.id;
    const staff = await host.request.post(`/api/webinars/${id}/staff`, {
      headers,
      data: { email: 'moderator@spejl.test', role: 'presenter' },
    });
    expect(staff.status()).toBe(200);
    roomUrl = `/events/${id}/room`;

    presenter = await person('moderator@spejl.test', 'Mads');
    viewers = [
      await person('medlem@spejl.test', 'Sofie (mor til Ida)'),
      await person('ny@spejl.test', 'Jonas'),
    ];
    for (const viewer of viewers)
      expect(
        (await viewer.request.post(`/api/webinars/${id}/registrations`, { headers, data: {} })).status(),
      ).toBe(201);

    await host.goto(roomUrl);
    await host.getByRole('button', { name: da('room.open') }).click();
    await host.getByRole('button', { name: da('room.close') }).waitFor();
    // "Open" gave way to "End the room": focus went with it, not to the page.
    expect(await host.evaluate(() => document.activeElement?.textContent?.trim())).toBe(da('room.close'));

    await presenter.goto(roomUrl);
    // One step for a presenter: "Go live" joins with camera and microphone on (watching is the other button).
    await presenter.getByRole('button', { name: da('video.stage.join') }).waitFor();
    await presenter.getByRole('button', { name: da('video.stage.goLive') }).click();
    await presenter.getByRole('button', { name: da('video.control.microphone'), pressed: true }).waitFor();
    await presenter.getByText(da('room.stageSpeaking', { names: 'Mads' })).waitFor();
    await presenter.locator('[data-video-tile="local"] video').waitFor();
  });

  it('two viewers see and hear the presenter: decoded video frames and audio packets in their WebRTC stats', async () => {
    for (const viewer of viewers) {
      await viewer.goto(roomUrl);
      await viewer.getByRole('button', { name: da('video.stage.join') }).click();
      await viewer.getByRole('figure').filter({ hasText: 'Mads' }).waitFor();
      // The one sending is the one named as speaking.
      await viewer.getByText(da('room.stageSpeaking', { names: 'Mads' })).waitFor();
    }
    await expectMediaFlows(viewers[0] as Page, 'Sofie');
    await expectMediaFlows(viewers[1] as Page, 'Jonas');
    // Through the SFU: the media went through a VideoRoom room the server created in Janus.
    if (janus)
      expect((await janusRooms(janus)).map((room) => room.description)).toEqual([
        expect.stringMatching(/^spejl room:/),
      ]);
    const tile = (viewers[0] as Page).getByLabel(da('video.tile.label', { name: 'Mads' }));
    await expect.poll(() => tile.evaluate((video: HTMLVideoElement) => video.videoWidth)).toBeGreaterThan(0);
    await expectAccessible(viewers[0] as Page, `the room with video on (${adapter}), as a viewer`);
    await expectAccessible(presenter, `the room with video on (${adapter}), as the presenter`);
  });

  it('shows live captions to everyone, and lets the host mute the presenter', async () => {
    const field = presenter.getByLabel(da('video.captions.input'));
    await field.fill('Velkommen, vi begynder nu');
    await field.press('Enter');
    for (const viewer of viewers)
      await viewer.locator('[data-captions]').getByText('Velkommen, vi begynder nu').waitFor();

    await host.getByRole('button', { name: da('video.stage.join') }).click();
    await host.getByRole('button', { name: da('video.control.muteAll') }).click();
    await presenter.getByText(da('video.notice.mutedBy', { name: 'Astrid' })).waitFor();
    await presenter.getByRole('button', { name: da('video.control.microphone'), pressed: false }).waitFor();
    await (viewers[0] as Page)
      .getByRole('figure')
      .filter({ hasText: 'Mads' })
      .getByText(da('video.tile.micOff'))
      .waitFor();
    await expectAccessible(host, `the room with video on (${adapter}), as the host`);
  });

  it('switches a viewer to sound only and back by keyboard', async () => {
    const viewer = viewers[1] as Page;
    await viewer.keyboard.press('Alt+KeyL');
    await viewer.getByRole('button', { name: da('video.control.audioOnly'), pressed: true }).waitFor();
    await viewer
      .getByRole('figure')
      .filter({ hasText: 'Mads' })
      .getByText(da('video.tile.audioOnly'))
      .waitFor();
    await viewer.keyboard.press('Alt+KeyL');
    await viewer.getByRole('button', { name: da('video.control.audioOnly'), pressed: false }).waitFor();
  });
});
