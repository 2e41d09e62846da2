import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { da, openPage, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

/**
 * A resource linked in chat shows as a card: a parent on a phone copies the link of a public guide with "Del" and
 * posts it in her group's conversation, where the guide's card appears under the message.
 */
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

const extraCosts = /^Merudgifter til børn med handicap/;

describe('a resource linked in chat', () => {
  it('shows as a card with the title under the message, at 360 px', async () => {
    const page = await openPage(browser, server.url, contexts, 360);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await signInAs(page, 'medlem@spejl.test', 'Sofie (mor til Ida)');

    // The link "Del" copies is the one the chat recognises.
    await page.goto('/knowledge');
    await page.getByRole('link', { name: extraCosts }).click();
    await page.getByRole('heading', { level: 1, name: extraCosts }).waitFor();
    await page.getByRole('button', { name: da('resources.page.share') }).click();
    await page.getByText(da('resources.page.copied')).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());

    await page.goto('/groups/sjaeldne-netvaerket');
    await page.getByRole('link', { name: da('chat.open') }).click();
    await page.getByRole('heading', { name: da('chat.title'), level: 2 }).waitFor();
    await page.getByText(da('chat.connection.open')).waitFor();
    const composer = page.getByLabel(da('chat.composerLabel', { group: 'Sjældne-netværket' }));
    await composer.fill(`Den her hjalp os med ansøgningen: ${copied}`);
    await composer.press('Enter');

    const message = page
      .getByRole('region', { name: da('chat.log') })
      .getByRole('article')
      .filter({ hasText: 'hjalp os med ansøgningen' })
      .first();
    await message.waitFor();
    const cards = message.getByRole('list', { name: da('chat.resourceLinks') });
    await cards.getByRole('link', { name: extraCosts }).waitFor();
    expect(await cards.getByText(da('resources.topic.rights_and_benefits')).count()).toBe(1);
    // The link in the text stays beside the card.
    expect(await message.locator(`.message-body a[href="${copied}"]`).count()).toBe(1);
    // The card grew the log after the message came; a reader at the bottom stays there and sees it.
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: da('chat.log') })
          .evaluate((log) => log.scrollHeight - log.scrollTop - log.clientHeight),
      )
      .toBeLessThan(40);
    expect(await overflowsHorizontally(page)).toBe(false);
    await expectAccessible(page, 'a resource card in the group chat at 360 px');

    // The card's title is the way to the guide.
    await cards.getByRole('link', { name: extraCosts }).click();
    await page.getByRole('heading', { level: 1, name: extraCosts }).waitFor();
  });
});
