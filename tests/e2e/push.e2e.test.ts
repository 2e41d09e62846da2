import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PushReceiver, startPushReceiver } from '../../server/src/testing/push-receiver.ts';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { da, demoPassword } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

/**
 * A mention reaches a parent's phone as a push. Chromium here has no push service of its own (it would be Google's),
 * so the phone's subscription points at a real Web Push receiver in the test, which checks the VAPID signature and
 * decrypts what the server sent; the decrypted push is then handed to the phone's service worker, as the push
 * service would, and shows as a notification.
 */
let server: RunningServer;
let browser: Browser;
let receiver: PushReceiver;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser, receiver] = await Promise.all([
    startServer({ seed: true }),
    launchBrowser(),
    startPushReceiver(),
  ]);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.dispose();
  await receiver?.close();
});

async function phone(): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 360, height: 740 },
    locale: 'da-DK',
  });
  contexts.push(context);
  await context.grantPermissions(['notifications'], { origin: server.url });
  return context;
}

/** Signs in through the API only: no page, so no socket that tells the server someone is reading. */
async function signInByApi(context: BrowserContext, email: string) {
  const response = await context.request.post('/api/auth/login', {
    data: { email, password: demoPassword },
    headers: { origin: server.url },
  });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { user: { id: string } }).user;
}

async function serviceWorkerReady(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

describe('push for a mention, on a phone', () => {
  let pushed: { text: string; payload: Record<string, unknown> };
  let subscription: ReturnType<PushReceiver['subscription']>;

  it('sends an encrypted push that names the group and never the words', async () => {
    const sofie = await phone();
    const sofieUser = await signInByApi(sofie, 'medlem@spejl.test');
    subscription = receiver.subscription();
    const subscribed = await sofie.request.post('/api/me/push-subscriptions', {
      data: subscription,
      headers: { origin: server.url },
    });
    expect(subscribed.status(), await subscribed.text()).toBe(201);

    const mads = await browser.newContext({ baseURL: server.url });
    contexts.push(mads);
    await signInByApi(mads, 'moderator@spejl.test');
    const group = (await (await mads.request.get('/api/groups/sjaeldne-netvaerket')).json()) as {
      group: { id: string };
    };
    const words = 'Vi fik svar fra kommunen om merudgifter i dag';
    const posted = await mads.request.post(`/api/groups/${group.group.id}/messages`, {
      data: { clientId: `push-e2e-${Date.now()}`, body: `<@${sofieUser.id}> ${words}` },
      headers: { origin: server.url },
    });
    expect(posted.status(), await posted.text()).toBe(201);

    await expect.poll(() => receiver.to(subscription).length, { timeout: 10_000 }).toBe(1);
    expect(receiver.refused).toEqual([]);
    const [push] = receiver.to(subscription);
    if (!push) throw new Error('no push');
    pushed = push;
    // The lock screen says where, not who or what (Sofie has not chosen previews).
    expect(push.payload).toMatchObject({
      v: 1,
      title: da('push.title.messageIn', { group: 'Sjældne-netværket' }),
      url: expect.stringMatching(/^\/groups\/[^/]+\/chat\?message=/),
    });
    expect(push.text).not.toContain('kommunen');
    expect(push.text).not.toContain('Mads');
  });

  it('shows as a notification from the service worker at 360 px, opening the message', async () => {
    const sofie = contexts[0]!;
    const page = await sofie.newPage();
    await page.goto('/');
    await serviceWorkerReady(page);
    const cdp = await sofie.newCDPSession(page);
    const registrations: string[] = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => {
      for (const registration of event.registrations) registrations.push(registration.registrationId);
    });
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => registrations.length).toBeGreaterThan(0);
    // What the push service hands the browser once it has decrypted it: the very bytes the server encrypted.
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: server.url,
      registrationId: registrations.at(-1)!,
      data: pushed.text,
    });
    const shown = () =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((notification) => ({
          title: notification.title,
          body: notification.body,
          tag: notification.tag,
          url: (notification.data as { url?: string } | null)?.url,
        })),
      );
    await expect.poll(async () => (await shown()).length).toBe(1);
    const [notification] = await shown();
    expect(notification).toEqual({
      title: pushed.payload.title,
      body: '',
      tag: pushed.payload.tag,
      url: pushed.payload.url,
    });
    await cdp.detach();
  });

  it('lists the device on the account page, and says so when this browser cannot turn push on', async () => {
    // Signed in already (through the API, above): the same cookie.
    const page = await contexts[0]!.newPage();
    await page.goto('/account#notifications-heading');
    const section = page.getByRole('region', { name: da('notify.heading') });
    await section.getByRole('heading', { name: da('notify.device.heading') }).waitFor();
    // The subscription made above is this person's one device.
    const devices = section.getByRole('list', { name: da('notify.devices.heading') });
    await expect.poll(() => devices.getByRole('listitem').count()).toBe(1);

    // Chromium here has no push service: pressing the button asks, then says plainly that it did not work.
    await section.getByRole('button', { name: da('notify.device.turnOn') }).click();
    await section
      .getByRole('alert')
      .filter({ hasText: da('notify.device.failed.unavailable') })
      .waitFor();
    await expectAccessible(page, 'the notification settings at 360 px');
    expect(await overflowsHorizontally(page)).toBe(false);

    // Removing the device stops its pushes.
    // Named "Fjern push fra <device>", so a screen reader knows which.
    const remove = devices.getByRole('button', { name: da('notify.devices.remove') });
    await remove.click();
    await page.getByText(da('notify.devices.removed')).waitFor();
    const left = await contexts[0]!.request.get('/api/me/push-subscriptions');
    expect(((await left.json()) as { items: unknown[] }).items).toEqual([]);
  });
});
