import { translate } from '@spejl/shared';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { da, daCount, openPage, signInAs } from '../support/journeys.ts';
import { openPersonMenu, personMenuButton } from '../support/navigation.ts';
import { type RunningServer, startServer } from '../support/server.ts';

// From the demo data (db/src/seed.ts, seed-chat.ts, seed-mentoring.ts).
const sofie = { email: 'medlem@spejl.test', name: 'Sofie (mor til Ida)' };
const sofiesGroups = [
  'Sjældne-netværket',
  'Hæmofili og andre blødersygdomme',
  'Forældre til piger med Rett syndrom',
];
const mads = { email: 'moderator@spejl.test', name: 'Mads' };
const maria = { email: 'maria@spejl.test', name: 'Maria (mor til Noah)' };
const mariasMentor = 'Birgitte (mor til Oliver)';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A side list entry: its title, then maybe its parent group, then its unread count in words when there is one. */
const entryName = (title: string, unread = 0) =>
  new RegExp(
    `^${escapeRegExp(title)}(\\s.*)?${unread > 0 ? ` ${escapeRegExp(`(${daCount('navigation.side.unread', unread)})`)}` : ''}$`,
  );
const texts = async (locator: Locator) => (await locator.allTextContents()).map((text) => text.trim());

/** The tallest a header of one row may be. */
const oneRow = 72;

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

const newPage = (width = 1280) => openPage(browser, server.url, contexts, width);

async function height(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return box.height;
}

/** The primary destinations: their tops are the same (one row), and each is at least 48 px tall. */
async function expectOneRowOfTargets(nav: Locator, minimum: number) {
  const boxes = await Promise.all((await nav.getByRole('link').all()).map((link) => link.boundingBox()));
  expect(boxes.length).toBeGreaterThan(1);
  const tops = new Set(boxes.map((box) => Math.round(box!.y)));
  expect(tops.size, 'the destinations sit in one row').toBe(1);
  for (const box of boxes) expect(box!.height).toBeGreaterThanOrEqual(minimum);
}

/** The layout at one width: the header is one row, and on a phone the destinations are a bar at the bottom. */
async function checkFrame(page: Page, width: number, label: string) {
  const header = page.getByRole('banner');
  expect(await height(header), `${label}: the header is one row`).toBeLessThanOrEqual(oneRow);
  const nav = page.getByRole('navigation', { name: da('nav.main') });
  const navBox = (await nav.boundingBox())!;
  if (width < 720) {
    // Fixed to the bottom of the screen, one row of 48 px targets.
    expect(Math.round(navBox.y + navBox.height), `${label}: the bar is at the bottom`).toBe(800);
    expect(navBox.height, `${label}: the bar is one row`).toBeLessThanOrEqual(oneRow);
    await expectOneRowOfTargets(nav, 48);
  } else {
    expect(navBox.y + navBox.height, `${label}: the destinations are in the header`).toBeLessThanOrEqual(
      oneRow,
    );
    await expectOneRowOfTargets(nav, 44);
    // Nothing in the row covers anything else: each link or button ends before the next one starts.
    const overlaps = await header.evaluate((element) => {
      const boxes = [...element.querySelectorAll('a, button')]
        .map((control) => control.getBoundingClientRect())
        .sort((a, b) => a.left - b.left);
      return boxes.slice(1).filter((box, index) => box.left < boxes[index]!.right - 1).length;
    });
    expect(overlaps, `${label}: controls in the header overlap`).toBe(0);
  }
  await expectAccessible(page, label);
  expect(await overflowsHorizontally(page), `${label} scrolls sideways`).toBe(false);
}

/** What the API says the signed-in person has: unread notifications, and unread messages per group. */
async function apiState(page: Page) {
  const notifications = await (await page.request.get('/api/notifications?unread=true&limit=100')).json();
  const groups = await (await page.request.get('/api/groups?mine=true&limit=100')).json();
  return {
    notifications: notifications.items.length as number,
    unread: new Map<string, number>(
      groups.items.map((group: { name: string; unread: { count: number } | null }) => [
        group.name,
        group.unread?.count ?? 0,
      ]),
    ),
  };
}

describe('navigation, in Danish', () => {
  it('a visitor sees Spejl, Grupper, Arrangementer, Viden, Log ind and Opret konto in one row at 1280 and 360 px', async () => {
    for (const width of [1280, 360]) {
      const page = await newPage(width);
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/groups');
      await page.getByRole('heading', { name: da('groups.title'), level: 1 }).waitFor();
      const nav = page.getByRole('navigation', { name: da('nav.main') });
      expect(await texts(nav.getByRole('link'))).toEqual([
        da('nav.groups'),
        da('nav.events'),
        da('nav.knowledge'),
      ]);
      expect(await nav.getByRole('link', { name: da('nav.groups') }).getAttribute('aria-current')).toBe(
        'page',
      );
      const header = page.getByRole('banner');
      await header.getByRole('link', { name: da('app.name') }).waitFor();
      await header.getByRole('link', { name: da('nav.signIn') }).waitFor();
      await header.getByRole('link', { name: da('nav.signUp') }).waitFor();
      expect(await personMenuButton(page).count()).toBe(0);
      expect(await page.getByRole('navigation', { name: da('navigation.side.groups') }).count()).toBe(0);
      await checkFrame(page, width, `/groups signed out at ${width} px`);

      // The events page is for members: a visitor's Arrangementer is the front page's events for everyone.
      await nav.getByRole('link', { name: da('nav.events') }).click();
      await page.waitForURL('**/#front-events');
      await page.getByRole('heading', { name: da('welcome.front.eventsTitle') }).waitFor();
      await expect
        .poll(() => nav.getByRole('link', { name: da('nav.events') }).getAttribute('aria-current'))
        .toBe('page');
      await checkFrame(page, width, `the front page signed out at ${width} px`);

      // The language is one menu away, named in both languages.
      await header.getByRole('button', { name: da('navigation.languageMenu') }).click();
      await page.getByRole('menuitemradio', { name: 'English' }).click();
      await page.getByRole('heading', { name: translate('en', 'welcome.front.eventsTitle') }).waitFor();
      await header.getByRole('button', { name: translate('en', 'navigation.languageMenu') }).click();
      await page.getByRole('menuitemradio', { name: 'Dansk' }).click();
      await page.getByRole('heading', { name: da('welcome.front.eventsTitle') }).waitFor();
    }
  });

  it('a member finds the bell with its count, the person menu by keyboard, and their groups beside the page', async () => {
    const page = await newPage(1280);
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInAs(page, sofie.email, sofie.name);
    const before = await apiState(page);
    const nav = page.getByRole('navigation', { name: da('nav.main') });
    expect(await texts(nav.getByRole('link'))).toEqual([
      da('nav.groups'),
      da('nav.mentoring'),
      da('nav.events'),
      da('nav.knowledge'),
    ]);
    const bellName = (count: number) =>
      count === 0 ? da('nav.notifications') : daCount('navigation.bell', count);
    const banner = page.getByRole('banner');
    await banner.getByRole('link', { name: bellName(before.notifications), exact: true }).waitFor();

    // The side list: the member's groups, each with the unread count the API gives, and no conversation yet.
    const groups = page.getByRole('navigation', { name: da('navigation.side.groups') });
    for (const name of sofiesGroups) {
      await groups.getByRole('link', { name: entryName(name, before.unread.get(name)) }).waitFor();
    }
    expect(
      [...before.unread.values()].some((count) => count > 0),
      'the demo has unread messages',
    ).toBe(true);
    await page
      .getByRole('navigation', { name: da('navigation.side.conversations') })
      .getByText(da('navigation.side.noConversations'))
      .waitFor();
    await checkFrame(page, 1280, 'home signed in at 1280 px');

    // Mads mentions Sofie in a group they share: the bell says so at once, in words.
    const madsPage = await newPage(1280);
    await signInAs(madsPage, mads.email, mads.name);
    const me = (await (await page.request.get('/api/me')).json()).user.id as string;
    const network = (await (await madsPage.request.get('/api/groups/sjaeldne-netvaerket')).json()).group.id;
    const posted = await madsPage.request.post(`/api/groups/${network}/messages`, {
      data: { clientId: `navigation-${Date.now()}`, body: `<@${me}> kommer du til sommermødet?` },
      headers: { origin: server.url },
    });
    expect(posted.status()).toBe(201);
    const bell = banner.getByRole('link', { name: bellName(before.notifications + 1), exact: true });
    await bell.waitFor();
    // The number is shown beside the bell (its name says it in words).
    expect(await bell.locator('..').textContent()).toContain(String(before.notifications + 1));

    // A moderator's menu holds Moderation; Sofie's does not.
    await openPersonMenu(madsPage);
    await madsPage.getByRole('menuitem', { name: new RegExp(`^${da('nav.moderation')}`) }).waitFor();
    await madsPage.close();

    // The person menu by keyboard: Enter opens it on its first item, arrows move, Escape closes it on the button.
    const button = personMenuButton(page);
    await button.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: da('navigation.personMenu') });
    await menu.waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    await expect.poll(focused).toBe(da('nav.account'));
    expect(await menu.getByRole('menuitem', { name: da('nav.moderation') }).count()).toBe(0);
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe(da('direct.title'));
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe(da('language.da'));
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe(da('language.en'));
    await page.keyboard.press('ArrowUp');
    await expect.poll(focused).toBe(da('language.da'));
    await expectAccessible(page, 'the person menu open');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await button.getAttribute('aria-expanded')).toBe('false');

    // Choosing a page from it goes there and starts reading at the page's heading.
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe(da('nav.account'));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/account');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    // A group in the side list opens its conversation, marked as the current page; the count is the new one.
    const network0 = before.unread.get('Sjældne-netværket') ?? 0;
    await groups.getByRole('link', { name: entryName('Sjældne-netværket', network0 + 1) }).click();
    await page.waitForURL('**/groups/sjaeldne-netvaerket/chat');
    await expect
      .poll(() =>
        groups.getByRole('link', { name: entryName('Sjældne-netværket', 0) }).getAttribute('aria-current'),
      )
      .toBe('page');
    await expectAccessible(page, 'a group conversation with the side list');

    // A tablet's width: the labels go under the icons, and everything still fits one row.
    await page.setViewportSize({ width: 768, height: 800 });
    await page.goto('/groups');
    await page.getByRole('heading', { name: da('groups.title'), level: 1 }).waitFor();
    await checkFrame(page, 768, 'the directory signed in at 768 px');

    // At 360 px: the same header in one row, the destinations in a bar at the bottom, no side list.
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto('/groups/sjaeldne-netvaerket');
    await page.getByRole('heading', { name: 'Sjældne-netværket', level: 1 }).waitFor();
    await expect.poll(() => groups.count()).toBe(0);
    expect(await nav.getByRole('link', { name: da('nav.groups') }).getAttribute('aria-current')).toBe('true');
    await checkFrame(page, 360, 'a group page signed in at 360 px');
    await page.goto('/');
    await page.getByRole('heading', { name: da('home.greeting', { name: sofie.name }) }).waitFor();
    await checkFrame(page, 360, 'home signed in at 360 px');

    // Signing out is in the menu, on a phone too.
    await openPersonMenu(page);
    await page.getByRole('menuitem', { name: da('nav.signOut'), exact: true }).click();
    await page.waitForURL('**/sign-in');
    await page.getByRole('heading', { name: da('auth.signIn.title') }).waitFor();
    expect((await page.request.get('/api/me')).status()).toBe(401);
    await page
      .getByRole('banner')
      .getByRole('link', { name: da('nav.signIn') })
      .waitFor();
  });

  it('a family sees their mentorship under Samtaler, with their mentor’s avatar', async () => {
    const page = await newPage(1280);
    await signInAs(page, maria.email, maria.name);
    const conversations = page.getByRole('navigation', { name: da('navigation.side.conversations') });
    const link = conversations.getByRole('link', { name: entryName(mariasMentor) });
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^\/mentoring\/matches\/[^/]+\/conversation$/);
    // The mentor's initials, beside her name (so the avatar itself is hidden from screen readers).
    const avatar = link.locator('.avatar');
    expect(await avatar.getAttribute('data-initials')).toBe('B');
    expect(await avatar.getAttribute('aria-hidden')).toBe('true');
    await link.click();
    await page.waitForURL('**/conversation');
    await expect.poll(() => link.getAttribute('aria-current')).toBe('page');
    await expectAccessible(page, 'a mentorship conversation with the side list');
  });
});
