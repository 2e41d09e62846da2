import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  expectFitsBothWidths,
  launchBrowser,
  overflowsHorizontally,
} from '../support/browser.ts';
import { da, enrolTotp, openPage, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

/**
 * "Viden", the information kit: a parent on a phone finds a rights guide signed out, reads and prints it, and sees a
 * guide that has not been checked for over a year say so; an editor clears a due guide from the review queue and
 * deletes it.
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

describe('Viden, the information kit', () => {
  it('lets a signed-out visitor on a phone filter, search, read, see a guide’s age and print', async () => {
    const page = await openPage(browser, server.url, contexts, 360);
    await page.goto('/');
    await page
      .getByRole('navigation', { name: da('nav.main') })
      .getByRole('link', { name: da('nav.knowledge') })
      .click();
    await page.getByRole('heading', { level: 1, name: da('resources.title') }).waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await expectAccessible(page, 'the knowledge list at 360 px, signed out');

    // Only public texts: the association's checklist and the group's text are not for visitors.
    await page.getByRole('link', { name: extraCosts }).waitFor();
    expect(await page.getByRole('link', { name: /cystisk fibrose/i }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /Bedsteforældre/ }).count()).toBe(0);

    // The overdue guide says so openly, in words.
    const respite = page.getByRole('article', { name: 'Aflastning' });
    await respite.getByText(/^Skal gennemgås: sidst gennemgået for over 1 år siden$/).waitFor();

    // On a phone the topics and the audience fold away behind "Filtre"; the search stays in view.
    const filters = page.getByRole('button', { name: da('resources.filters.toggle') });
    expect(await filters.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('button', { name: da('resources.topic.rights_and_benefits') }).count()).toBe(
      0,
    );
    expect(await page.getByRole('searchbox', { name: da('resources.search.label') }).isVisible()).toBe(true);
    await filters.click();
    expect(await filters.getAttribute('aria-expanded')).toBe('true');

    // A topic narrows the list; the school guide leaves it.
    await page.getByRole('link', { name: 'Når dit barn skal starte i skole' }).waitFor();
    await page.getByRole('button', { name: da('resources.topic.rights_and_benefits') }).click();
    await page.waitForURL(/topic=rights_and_benefits/);
    await page.getByRole('button', { name: da('resources.filters.toggleCount', { count: 1 }) }).waitFor();
    await page.getByRole('link', { name: 'Når dit barn skal starte i skole' }).waitFor({ state: 'detached' });
    expect(
      await page
        .getByRole('button', { name: da('resources.topic.rights_and_benefits') })
        .getAttribute('aria-pressed'),
    ).toBe('true');

    // The printable kit for that topic downloads as a PDF, signed out.
    const kitLink = page.getByRole('link', { name: da('resources.kit.download') });
    expect(await kitLink.getAttribute('href')).toBe('/api/kit.pdf?topic=rights_and_benefits&lang=da');
    const [download] = await Promise.all([page.waitForEvent('download'), kitLink.click()]);
    expect(download.suggestedFilename()).toBe('spejl-videnskit-rights-and-benefits.pdf');
    expect(await overflowsHorizontally(page)).toBe(false);

    // A search that finds nothing says so and offers the way back.
    const search = page.getByRole('searchbox', { name: da('resources.search.label') });
    await search.fill('xyzzy');
    await page.getByText(da('resources.empty')).waitFor();
    await page.getByRole('link', { name: da('resources.emptyReset') }).waitFor();

    // The Danish-aware search finds "Merudgifter" from "merudgift", typed as a parent would.
    await search.fill('merudgift');
    await page.waitForURL(/q=merudgift/);
    await page.getByRole('link', { name: extraCosts }).waitFor();
    await page.getByRole('link', { name: 'Aflastning' }).waitFor({ state: 'detached' });
    await expectAccessible(page, 'the knowledge list, searched, at 360 px');

    await page.getByRole('link', { name: extraCosts }).click();
    await page.getByRole('heading', { level: 1, name: extraCosts }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Hvad er merudgifter?' }).waitFor();
    const facts = page.getByRole('region', { name: da('resources.page.facts') });
    await facts.getByText(da('resources.page.checked')).waitFor();
    const today = new Intl.DateTimeFormat('da-DK', {
      dateStyle: 'long',
      timeZone: 'Europe/Copenhagen',
    }).format(new Date());
    await facts.getByText(today, { exact: true }).waitFor();
    const validYear = da('resources.page.validYear', { year: new Date().getFullYear() });
    await page
      .getByRole('article')
      .locator('p', { hasText: new RegExp(`^${validYear}$`) })
      .waitFor();
    await page.getByRole('button', { name: da('resources.page.print') }).waitFor();
    await page.getByRole('button', { name: da('resources.page.share') }).waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await expectAccessible(page, 'an article at 360 px');

    // On paper: no navigation, no buttons, and each link's address printed after it.
    const nav = page.locator('nav.primary-nav');
    const printButton = page.locator('button', { hasText: da('resources.page.print') });
    expect(await nav.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await nav.isVisible()).toBe(false);
    expect(await printButton.isVisible()).toBe(false);
    expect(await page.locator('header.app-header').isVisible()).toBe(false);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      'rgb(255, 255, 255)',
    );
    const afterSource = await page
      .getByRole('link', { name: 'borger.dk' })
      .first()
      .evaluate((link) => getComputedStyle(link, '::after').content);
    expect(afterSource).toContain('https://www.borger.dk');
    await page.emulateMedia({ media: 'screen' });

    // The overdue guide's own page warns before the text.
    await page.goto('/knowledge');
    await page.getByRole('link', { name: 'Aflastning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aflastning' }).waitFor();
    await page.getByText(da('resources.overdue.explain')).waitFor();

    // A link shows where it goes.
    await page.goto('/knowledge?q=sundhedsstyrelsen');
    await page.getByRole('link', { name: 'Sundhedsstyrelsen om sjældne sygdomme' }).click();
    await page.getByRole('link', { name: da('resources.page.linkOpen', { domain: 'sst.dk' }) }).waitFor();
    await expectFitsBothWidths(page, 'a link resource');
  });

  it('lets an editor mark a due text as still correct from the review queue, and it leaves the queue', async () => {
    const page = await openPage(browser, server.url, contexts, 1280);
    await signInAs(page, 'admin@spejl.test', 'Astrid');
    await enrolTotp(page);
    await page.goto('/knowledge');
    await page.getByRole('link', { name: da('resources.editor.queue') }).click();
    await page.getByRole('heading', { level: 1, name: da('resources.review.title') }).waitFor();
    const item = page.getByRole('article', { name: 'Aflastning' });
    await item.waitFor();
    await expectFitsBothWidths(page, 'the review queue');

    await item
      .getByRole('button', { name: da('resources.review.stillCorrectLabel', { title: 'Aflastning' }) })
      .click();
    const question = item.getByText(da('resources.review.confirmStill', { title: 'Aflastning' }));
    await question.waitFor();
    expect(await question.evaluate((node) => node === document.activeElement)).toBe(true);
    await item.getByRole('button', { name: da('resources.review.confirmStillYes') }).click();

    await page
      .getByRole('status')
      .filter({ hasText: da('resources.review.markedCorrect', { title: 'Aflastning' }) })
      .waitFor();
    await item.waitFor({ state: 'detached' });
    await expectAccessible(page, 'the review queue after a check');

    // Readers now see it as checked today, and it stays out of the queue.
    await page.goto('/knowledge?q=aflastning');
    await page.getByRole('article', { name: 'Aflastning' }).getByText('Gennemgået i dag').waitFor();
    await page.goto('/knowledge/review');
    await page.getByRole('heading', { level: 1, name: da('resources.review.title') }).waitFor();
    expect(await page.getByRole('article', { name: 'Aflastning' }).count()).toBe(0);

    // Deleting is asked in words, says what withdrawing would keep, and ends on the list with a status.
    await page.goto('/knowledge?q=aflastning');
    await page.getByRole('link', { name: 'Aflastning', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Aflastning' }).waitFor();
    await page.getByRole('button', { name: da('resources.delete.button') }).click();
    const deleteQuestion = page.getByText(da('resources.delete.question', { title: 'Aflastning' }));
    await deleteQuestion.waitFor();
    expect(await deleteQuestion.evaluate((node) => node === document.activeElement)).toBe(true);
    await page.getByText(da('resources.delete.explain')).waitFor();
    await expectAccessible(page, 'the question before deleting a text');
    await page.getByRole('button', { name: da('resources.delete.yes') }).click();
    await page.waitForURL(/\/knowledge$/);
    await page
      .getByRole('status')
      .filter({ hasText: da('resources.delete.done', { title: 'Aflastning' }) })
      .waitFor();
    await page.getByRole('link', { name: extraCosts }).waitFor();
    expect(await page.getByRole('link', { name: 'Aflastning', exact: true }).count()).toBe(0);
  });
});
