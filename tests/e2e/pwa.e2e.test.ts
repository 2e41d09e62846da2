import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  launchBrowser,
  launchWithProfile,
  overflowsHorizontally,
} from '../support/browser.ts';
import { da, openPage, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const memberName = 'Sofie (mor til Ida)';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ seed: true }), launchBrowser()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.dispose();
});

/** Width and height from a PNG's header (the IHDR chunk right after the signature), or null if it is no PNG. */
function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, index) => bytes[index] !== byte)) return null;
  if (new TextDecoder().decode(bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Fetches an image of the app and returns its size as the PNG says it. */
async function pngAt(path: string): Promise<{ width: number; height: number }> {
  const response = await fetch(new URL(path, server.url));
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type'), path).toBe('image/png');
  const size = pngSize(new Uint8Array(await response.arrayBuffer()));
  expect(size, `${path} is a PNG`).not.toBeNull();
  return size!;
}

/** Waits until the service worker controls the page and has finished activating (the first visit registers it). */
async function controlledByServiceWorker(page: Page): Promise<{ scope: string; state: string }> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 15_000,
  });
  return page.evaluate(async () => {
    const ready = await navigator.serviceWorker.ready;
    const worker = ready.active!;
    if (worker.state !== 'activated') {
      await new Promise<void>((resolve) =>
        worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()),
      );
    }
    return { scope: ready.scope, state: worker.state };
  });
}

/** Every address stored in any Cache Storage cache of the page's origin, with the cache's name. */
function cachedAddresses(page: Page): Promise<Array<{ cache: string; url: string }>> {
  return page.evaluate(async () => {
    const found: Array<{ cache: string; url: string }> = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) found.push({ cache: name, url: request.url });
    }
    return found;
  });
}

describe('Spejl as an installable app', () => {
  it('links a Danish manifest whose icons have the sizes it states', async () => {
    const page = await openPage(browser, server.url, contexts);
    await page.goto('/');
    await page.getByRole('heading', { name: da('home.title'), level: 1 }).waitFor();
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');

    const response = await fetch(new URL(href!, server.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await response.json()) as Record<string, unknown> & {
      icons: Array<{ src: string; sizes: string; type: string; purpose?: string }>;
    };
    expect(manifest).toMatchObject({
      id: '/',
      name: 'Spejl',
      short_name: 'Spejl',
      lang: 'da',
      start_url: '/',
      scope: '/',
      display: 'standalone',
    });
    expect(manifest.description).toEqual(expect.stringContaining('sjældne diagnoser'));
    // The bar colour of the installed app is the one the page itself asks for, and both are in the palette.
    const themeColour = await page.locator('meta[name="theme-color"]').getAttribute('content');
    expect(manifest.theme_color).toBe(themeColour);
    expect(manifest.background_color).toBe('#fbf8f4');

    for (const icon of manifest.icons) {
      const [width, height] = icon.sizes.split('x').map(Number);
      expect(icon.type).toBe('image/png');
      expect(await pngAt(icon.src), icon.src).toEqual({ width, height });
    }
    const purposes = manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`).sort();
    expect(purposes).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);

    const touchIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
    expect(await pngAt(touchIcon!)).toEqual({ width: 180, height: 180 });
  });

  it('registers a service worker, and Chromium finds nothing that stops installing the app', async () => {
    const profile = mkdtempSync(path.join(tmpdir(), 'spejl-chromium-'));
    const context = await launchWithProfile(profile, { baseURL: server.url });
    contexts.push(context);
    const page = context.pages()[0] ?? (await context.newPage());
    const response = await page.goto('/');
    // The page's policy lets the worker and the manifest load from our own origin.
    const policy = response!.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("worker-src 'self'");
    expect(policy).toContain("manifest-src 'self'");

    const registration = await controlledByServiceWorker(page);
    expect(registration).toEqual({ scope: `${server.url}/`, state: 'activated' });

    const script = await fetch(`${server.url}/service-worker.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('cache-control')).toBe('no-cache');

    const session = await page.context().newCDPSession(page);
    const withManifest = (await session.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: Array<{ errorId: string }>;
    };
    const { installabilityErrors } = withManifest;
    expect(installabilityErrors.map((error) => error.errorId)).toEqual([]);
    // The same question about an address with no manifest gets an answer, so the empty list above means something.
    await page.goto('/favicon.svg');
    const control = (await session.send('Page.getInstallabilityErrors')) as typeof withManifest;
    expect(control.installabilityErrors.map((error) => error.errorId)).toContain('no-manifest');
    await session.detach();
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('keeps no answer from the API and no page fetched with the cookie', async () => {
    const page = await openPage(browser, server.url, contexts);
    await signInAs(page, 'medlem@spejl.test', memberName);
    await controlledByServiceWorker(page);
    // Signed in and online, through the service worker: the person's own data, groups and notifications.
    const statuses = await page.evaluate(() =>
      Promise.all(
        ['/api/me', '/api/groups', '/api/notifications'].map(async (path) => (await fetch(path)).status),
      ),
    );
    expect(statuses).toEqual([200, 200, 200]);
    await page.goto('/groups');
    await page.getByRole('heading', { name: da('groups.title'), level: 1 }).waitFor();

    const stored = await cachedAddresses(page);
    expect(stored.length).toBeGreaterThan(10);
    expect(stored.filter(({ url }) => new URL(url).pathname.startsWith('/api'))).toEqual([]);
    // Of the pages, only the shell is kept, and it was fetched without the cookie, so it knows nobody.
    const pages = stored.filter(({ url }) => !/\.[a-z0-9]+$/i.test(new URL(url).pathname));
    expect(pages.map(({ url }) => new URL(url).pathname)).toEqual(['/']);
    const shell = await page.evaluate(async () => (await caches.match('/'))?.text() ?? '');
    expect(shell).toContain('/_app/immutable/');
    expect(shell).not.toContain('Sofie');
    expect(shell).not.toContain('medlem@spejl.test');
  });

  // The last test: it stops the server, so that nothing but the service worker can answer the page.
  it('opens without a network at 360 px: the app frame, and a notice that messages wait', async () => {
    const page = await openPage(browser, server.url, contexts, 360);
    await page.goto('/groups');
    await page.getByRole('heading', { name: da('groups.title'), level: 1 }).waitFor();
    await controlledByServiceWorker(page);
    const notice = page.getByRole('status').filter({ hasText: da('pwa.offline') });
    expect(await notice.count()).toBe(0);

    // The network goes while the page is open: the notice comes without a reload.
    await page.context().setOffline(true);
    await notice.waitFor();
    expect(
      await page.evaluate(() =>
        fetch('/api/health').then(
          () => 'answered',
          () => 'failed',
        ),
      ),
    ).toBe('failed');
    await server.stop();
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await notice.waitFor();
    await page
      .getByRole('link', { name: da('app.name') })
      .first()
      .waitFor();
    await page.getByRole('navigation', { name: da('nav.main') }).waitFor();
    // Nobody could be asked who this is, so the frame does not tell a signed-in parent to sign in.
    expect(await page.getByRole('link', { name: da('nav.signIn') }).count()).toBe(0);
    await expectAccessible(page, 'the offline shell at 360 px');
    expect(await overflowsHorizontally(page)).toBe(false);
    // What could not be fetched is said calmly, as being offline, with a way to try again, not as an error.
    await page.getByRole('heading', { level: 1, name: da('pwa.offlineTitle') }).waitFor();
    await page.getByRole('button', { name: da('pwa.tryAgain') }).waitFor();
    expect(await page.getByRole('heading', { name: da('errorPage.title') }).count()).toBe(0);

    // Another address of the app opens offline too, from the same shell.
    await page.goto('/events');
    await notice.waitFor();

    // The notice is about the device's network: it goes when the network is back.
    await page.context().setOffline(false);
    await expect.poll(() => notice.count()).toBe(0);
  });
});
