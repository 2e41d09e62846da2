import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { da, openPage } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.dispose();
});

describe('the unsubscribe page of a digest mail', () => {
  it('explains and waits for the button, signed out, at phone and desktop width; a bad link is said plainly', async () => {
    for (const width of [360, 1280]) {
      const page = await openPage(browser, server.url, contexts, width);
      const posts: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST') posts.push(new URL(request.url()).pathname);
      });
      await page.goto('/unsubscribe?token=bm90LWEtdXNlcg.forged');
      await page.getByRole('heading', { level: 1, name: da('digest.unsubscribe.title') }).waitFor();
      await page.getByText(da('digest.unsubscribe.explain')).waitFor();
      // Opening the link did nothing: mail scanners open every link.
      expect(posts).toEqual([]);
      expect(await overflowsHorizontally(page), `at ${width}`).toBe(false);
      await expectAccessible(page, `the unsubscribe page at ${width} px`);

      await page.getByRole('button', { name: da('digest.unsubscribe.submit') }).click();
      await page.getByRole('alert').getByText(da('digest.unsubscribe.invalid')).waitFor();
      expect(posts).toEqual(['/api/digest/unsubscribe']);
      await expectAccessible(page, `the refused unsubscribe link at ${width} px`);
      const settings = page.getByRole('link', { name: da('digest.unsubscribe.settings') });
      expect(await settings.getAttribute('href')).toBe('/account#notifications-heading');
    }
  });
});
