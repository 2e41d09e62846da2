import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { da, signUpInBrowser } from '../support/journeys.ts';
import { type Mailbox, startMailbox } from '../support/mailbox.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const screenshots = process.env.SPEJL_SCREENSHOTS ?? '/tmp/spejl-screenshots';
// From the demo data (db/src/seed.ts, seed-webinars.ts): a listed group, a hidden one, an event for everyone and
// one for a group only.
const listedGroup = 'Cystisk fibrose';
const hiddenGroup = 'Forældre til piger med Rett syndrom';
const eventForEveryone = 'Sådan søger du om merudgifter og tabt arbejdsfortjeneste';
const groupEvent = 'Nyt om behandling af cystisk fibrose';

let server: RunningServer;
let browser: Browser;
let mailbox: Mailbox;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([
    startServer({ seed: true, env: { SMTP_URL: mailbox.url } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.dispose();
  await mailbox?.close();
});

async function newPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width, height: 900 },
    locale: 'da-DK',
  });
  contexts.push(context);
  return context.newPage();
}

/** The confirmation link in the newest mail to the address, as path and query (with any `redirectTo`). */
async function confirmationLink(email: string): Promise<string> {
  const mail = await mailbox.waitFor(email, /\/verify-email\?token=/);
  const link = new URL(/https?:\/\/\S+\/verify-email\?\S+/.exec(mail.text)![0]);
  return link.pathname + link.search;
}

describe('a first visit, in Danish', () => {
  it('a visitor finds a group while signed out and joins it after sign-up', async () => {
    const page = await newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: da('home.title'), level: 1 }).waitFor();
    await page.getByRole('heading', { name: da('welcome.front.groupsTitle') }).waitFor();
    await page.getByRole('heading', { name: eventForEveryone }).waitFor();
    // Events for a group and hidden groups are never shown to a visitor.
    expect(await page.getByText(groupEvent).count()).toBe(0);
    expect(await page.getByText(hiddenGroup).count()).toBe(0);
    await expectAccessible(page, 'front page signed out');
    expect(await overflowsHorizontally(page)).toBe(false);

    // The search box on the front page opens the directory with the diagnosis searched for.
    await page.getByLabel(da('groups.search.label')).fill('cystisk');
    await page.getByRole('button', { name: da('groups.search.submit'), exact: true }).click();
    await page.waitForURL('**/groups?q=cystisk');
    const card = page.getByRole('link', { name: listedGroup, exact: true });
    await card.waitFor();
    await expectAccessible(page, 'directory signed out');
    // Not even a search for its name finds the hidden group.
    await page.goto('/groups?q=Rett');
    await page.locator('.search-summary', { hasText: 'Rett' }).waitFor();
    expect(await page.getByText(hiddenGroup).count()).toBe(0);

    await page.goto('/groups?q=cystisk');
    await page.getByRole('link', { name: listedGroup, exact: true }).click();
    await page.waitForURL('**/groups/cystisk-fibrose');
    await page.getByRole('heading', { name: listedGroup, level: 1 }).waitFor();
    await expectAccessible(page, 'a listed group signed out');
    await page.getByRole('link', { name: da('welcome.group.signUp') }).click();
    await page.waitForURL('**/sign-up?redirectTo=/groups/cystisk-fibrose');

    const email = 'foraelder.cf@example.test';
    await page.getByLabel(da('auth.field.email')).fill(email);
    await page.getByLabel(da('auth.field.displayName')).fill('Mette');
    await page.getByLabel(da('auth.field.password'), { exact: true }).fill('vores søn er modig');
    await page.getByLabel(da('auth.signUp.acceptTerms')).check();
    await page.getByLabel(da('signup.consent.groups')).check();
    await page
      .getByRole('main')
      .getByRole('button', { name: da('auth.signUp.submit'), exact: true })
      .click();
    await page.getByRole('heading', { name: da('auth.signUp.checkMail.title') }).waitFor();

    // The mailed link brings the person back to the group, signed in, to ask to join.
    const link = await confirmationLink(email);
    expect(link).toContain('redirectTo=%2Fgroups%2Fcystisk-fibrose');
    await page.goto(link);
    await page.waitForURL('**/groups/cystisk-fibrose');
    await page.getByText(da('auth.signUp.done')).waitFor();
    await page.getByRole('heading', { name: listedGroup, level: 1 }).waitFor();
    await page.getByRole('button', { name: da('group.join.submit'), exact: true }).click();
    await page.getByText(da('group.pending.title')).waitFor();

    // The home page shows the request waiting, not "you are in no groups yet", and offers the guided start.
    await page.goto('/');
    await page.getByRole('heading', { name: da('home.greeting', { name: 'Mette' }) }).waitFor();
    await page.getByText(da('welcome.pending.item', { group: listedGroup })).waitFor();
    expect(await page.getByText(da('home.noGroups')).count()).toBe(0);
    await page.getByRole('heading', { name: da('welcome.card.title') }).waitFor();
    await expectAccessible(page, 'home with a pending request');
    expect(await overflowsHorizontally(page)).toBe(false);
  });

  it('the guided start can be left and resumed, or skipped, and is remembered', async () => {
    const page = await newPage(360);
    await signUpInBrowser(page, mailbox, {
      email: 'bedstemor@example.test',
      name: 'Inge',
      password: 'mit barnebarn er sej',
    });
    await page.getByRole('link', { name: da('welcome.card.start') }).click();
    await page.waitForURL('**/welcome');
    await page.getByRole('heading', { name: da('welcome.step.group.title') }).waitFor();
    await page.getByText(da('welcome.progress', { step: 1, total: 5 })).waitFor();
    await expectAccessible(page, 'guided start at 360 px');
    expect(await overflowsHorizontally(page)).toBe(false);
    const remembered = page.waitForResponse(
      (response) => response.url().includes('/api/me/welcome') && response.request().method() === 'PATCH',
    );
    await page.getByRole('button', { name: da('welcome.next'), exact: true }).click();
    await page.getByRole('heading', { name: da('welcome.step.consent.title') }).waitFor();
    expect((await remembered).ok()).toBe(true);
    // Focus moves to the new step, so a screen reader reads it from the top.
    await page.waitForFunction(() => document.activeElement?.id === 'welcome-step', undefined, {
      timeout: 5000,
    });

    // Left half-way: the home page offers to continue, and the step was remembered.
    await page.goto('/');
    await page.getByRole('link', { name: da('welcome.card.resume') }).click();
    await page.getByRole('heading', { name: da('welcome.step.consent.title') }).waitFor();
    await page.getByRole('button', { name: da('welcome.skipAll'), exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText(da('welcome.skipped')).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: da('home.greeting', { name: 'Inge' }) }).waitFor();
    expect(await page.getByRole('heading', { name: da('welcome.card.title') }).count()).toBe(0);
  });

  it('skips from the home page in one press', async () => {
    const page = await newPage();
    await signUpInBrowser(page, mailbox, {
      email: 'travl.far@example.test',
      name: 'Kasper',
      password: 'to børn og en hund',
    });
    await page.getByRole('button', { name: da('welcome.card.skip'), exact: true }).click();
    await page.getByText(da('welcome.skipped')).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: da('home.greeting', { name: 'Kasper' }) }).waitFor();
    expect(await page.getByRole('heading', { name: da('welcome.card.title') }).count()).toBe(0);
  });

  it('reads well signed out at 360 and 1280 px, and a hidden group still needs signing in', async () => {
    for (const width of [360, 1280]) {
      const page = await newPage(width);
      await page.goto('/');
      await page.getByRole('heading', { name: da('welcome.front.eventsTitle') }).waitFor();
      expect(await overflowsHorizontally(page), `front page at ${width}`).toBe(false);
      await page.screenshot({ path: `${screenshots}/first-visit-front-${width}.png`, fullPage: true });
      await page.goto('/groups');
      await page.getByRole('link', { name: listedGroup, exact: true }).waitFor();
      expect(await overflowsHorizontally(page), `groups at ${width}`).toBe(false);
      await expectAccessible(page, `directory at ${width}`);
      await page.screenshot({ path: `${screenshots}/first-visit-groups-${width}.png`, fullPage: true });
      await page.goto('/groups/cystisk-fibrose');
      await page.getByRole('link', { name: da('welcome.group.signUp') }).waitFor();
      expect(await overflowsHorizontally(page), `group at ${width}`).toBe(false);
      await page.screenshot({ path: `${screenshots}/first-visit-group-${width}.png`, fullPage: true });
    }
    const page = await newPage();
    await page.goto('/groups/rett-foraeldre');
    await page.waitForURL('**/sign-in?redirectTo=/groups/rett-foraeldre');
  });
});
