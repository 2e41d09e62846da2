import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { da, daCount, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

/**
 * The one conversation (group chat and the mentorship pair) as people on a phone and at a desk use it: a pane
 * that fills the screen with its composer in view, one "…" menu per message that works by keyboard, and focus
 * that never falls to the page.
 */
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sofieName = 'Sofie (mor til Ida)';
const mentorName = 'Birgitte (mor til Oliver)';
const familyName = 'Maria (mor til Noah)';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ seed: true }), launchBrowser()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.dispose();
});

async function person(email: string, name: string, width: number, height = 740): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width, height },
    locale: 'da-DK',
  });
  contexts.push(context);
  const page = await context.newPage();
  await signInAs(page, email, name);
  return page;
}

async function openGroupChat(page: Page) {
  await page.goto('/groups/sjaeldne-netvaerket/chat');
  await page.getByRole('heading', { name: da('chat.title'), level: 2 }).waitFor();
  await page.getByText(da('chat.connection.open')).waitFor();
}

/** The pair's conversation, found through the person's own mentorships (as video-call.e2e.test.ts does). */
async function openMentorship(page: Page, other: string) {
  const me = (await (await page.request.get('/api/mentoring/me')).json()) as {
    matches: Array<{ id: string; status: string }>;
  };
  const match = me.matches.find((candidate) => candidate.status === 'active');
  await page.goto(`/mentoring/matches/${match?.id}/conversation`);
  await page
    .getByRole('heading', { name: da('mentoring.conversation.with', { name: other }), level: 1 })
    .waitFor();
  await page.getByText(da('chat.connection.open')).waitFor();
}

const log = (page: Page) => page.getByRole('region', { name: da('chat.log') });
const message = (page: Page, text: string) => log(page).getByRole('article').filter({ hasText: text }).last();
const actionsOf = (article: Locator, author: string) =>
  article.getByRole('button', { name: da('chat.actionsFor', { name: author }) });
const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

/** The composer's box is on screen, not under the tab bar or off the bottom, and nothing covers it. */
async function composerInView(page: Page, composer: Locator) {
  const box = await composer.boundingBox();
  const height = await page.evaluate(() => window.innerHeight);
  expect(box, 'the composer has a box').not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(height);
  const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, {
    x: box!.x + box!.width / 2,
    y: box!.y + box!.height / 2,
  });
  expect(onTop).toBe('TEXTAREA');
}

describe('the conversation in the browser, in Danish', () => {
  it('fills a 360 px screen: the page stands still, the messages scroll, the composer stays in view', async () => {
    const phone = await person('medlem@spejl.test', sofieName, 360);
    await openGroupChat(phone);
    const composer = phone.getByRole('textbox', {
      name: da('chat.composerLabel', { group: 'Sjældne-netværket' }),
    });
    await composerInView(phone, composer);

    // Enter sends, Shift+Enter is a new line in the same message.
    await composer.click();
    await composer.pressSequentially('Første linje');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('anden linje');
    await composer.press('Enter');
    const twoLines = message(phone, 'Første linje');
    await twoLines.waitFor();
    expect(await twoLines.textContent()).toContain('anden linje');
    for (let index = 1; index <= 6; index += 1) {
      await composer.fill(`Besked nummer ${index} fra telefonen`);
      await composer.press('Enter');
    }
    await message(phone, 'Besked nummer 6 fra telefonen').waitFor();
    await expect.poll(() => composer.inputValue()).toBe('');
    await composerInView(phone, composer);
    // The newest message is on screen above the composer.
    const newest = await message(phone, 'Besked nummer 6 fra telefonen').boundingBox();
    const composerBox = await composer.boundingBox();
    expect(newest!.y + newest!.height).toBeLessThanOrEqual(composerBox!.y);

    const sizes = await phone.evaluate(() => ({
      document: document.documentElement.scrollHeight,
      window: window.innerHeight,
    }));
    expect(sizes.document).toBeLessThanOrEqual(sizes.window + 1);
    const scroller = await log(phone).evaluate((element) => ({
      scrolls: element.scrollHeight > element.clientHeight,
      overflow: getComputedStyle(element).overflowY,
    }));
    expect(scroller).toEqual({ scrolls: true, overflow: 'auto' });
    expect(await overflowsHorizontally(phone)).toBe(false);

    // Scrolled up, a button leads back down; it counts what came from others meanwhile.
    await log(phone).evaluate((element) => element.scrollTo({ top: 0 }));
    const jump = phone.getByRole('button', { name: da('chat.jumpToNewest') });
    await jump.waitFor();
    await jump.click();
    await jump.waitFor({ state: 'detached' });
    await expectAccessible(phone, 'the group chat at 360 px');
  });

  it('shows each message with its author, a staff badge from the role, and only a "…" button', async () => {
    const desk = await person('medlem@spejl.test', sofieName, 1280, 900);
    await openGroupChat(desk);
    // Mads moderates the group: the badge comes from his role in the members list.
    const welcome = message(desk, 'Velkommen til Sjældne-netværkets samtale');
    await welcome.getByText(da('groupRole.moderator'), { exact: true }).waitFor();
    expect(await welcome.getByText('Mads', { exact: true }).count()).toBe(1);
    expect(await welcome.getByRole('img').count()).toBe(0);
    // A message with no reactions or replies has one button: its menu.
    const own = message(desk, 'Er der nogen, der skal med til årsmødet');
    expect(await own.getByRole('button').count()).toBe(1);
    await actionsOf(own, sofieName).waitFor();
    // The day it was written is named above it.
    await log(desk)
      .getByRole('heading', { name: da('chat.today'), level: 3 })
      .waitFor();
    await expectAccessible(desk, 'the group chat at 1280 px');
  });

  it('works from the keyboard: the menu, the emoji picker and a thread return focus where it belongs', async () => {
    const desk = await person('medlem@spejl.test', sofieName, 1280, 900);
    await openGroupChat(desk);
    const own = message(desk, 'Er der nogen, der skal med til årsmødet');
    const menuButton = actionsOf(own, sofieName);

    // Enter opens the menu; it offers what Sofie may do with her own message, and no report.
    await menuButton.focus();
    await desk.keyboard.press('Enter');
    const menu = desk.getByRole('menu', { name: da('chat.actionsFor', { name: sofieName }) });
    await menu.waitFor();
    const entries = await menu.getByRole('menuitem').allTextContents();
    expect(entries.map((entry) => entry.trim())).toEqual([
      da('chat.reply'),
      da('chat.react'),
      da('chat.edit'),
      da('chat.delete'),
    ]);
    await expectAccessible(desk, 'a message with its menu open');
    await desk.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await expect.poll(() => isFocused(menuButton)).toBe(true);

    // React: the picker opens with focus on the first emoji; Escape closes it and focus goes back to "…".
    await desk.keyboard.press('Enter');
    await menu.getByRole('menuitem', { name: da('chat.react') }).click();
    const firstEmoji = own.getByRole('button', { name: da('chat.reactWith', { emoji: '👍' }) });
    await expect.poll(() => isFocused(firstEmoji)).toBe(true);
    await desk.keyboard.press('Escape');
    await firstEmoji.waitFor({ state: 'detached' });
    await expect.poll(() => isFocused(menuButton)).toBe(true);

    // Choosing a reaction adds it and puts focus back on "…", never on the page.
    await desk.keyboard.press('Enter');
    // The menu opens with its first entry (reply) under focus; the arrow moves to the next.
    await expect.poll(() => isFocused(menu.getByRole('menuitem').first())).toBe(true);
    await desk.keyboard.press('ArrowDown');
    await desk.keyboard.press('Enter');
    await expect.poll(() => isFocused(firstEmoji)).toBe(true);
    await desk.keyboard.press('Enter');
    await own.getByRole('button', { name: da('chat.reaction.mine', { emoji: '👍', count: 1 }) }).waitFor();
    await expect.poll(() => isFocused(menuButton)).toBe(true);

    // A thread: its reply box gets focus, and keeps it after each reply.
    await desk.keyboard.press('Enter');
    await expect.poll(() => isFocused(menu.getByRole('menuitem', { name: da('chat.reply') }))).toBe(true);
    await desk.keyboard.press('Enter');
    const replyBox = desk.getByRole('textbox', { name: da('chat.replyLabel') });
    await expect.poll(() => isFocused(replyBox)).toBe(true);
    await desk.keyboard.type('Jeg kan køre fra Aarhus kl. 8.');
    await desk.keyboard.press('Enter');
    const thread = desk.getByRole('complementary', { name: da('chat.thread') });
    await thread.getByRole('article').filter({ hasText: 'Jeg kan køre fra Aarhus' }).waitFor();
    await expect.poll(() => isFocused(replyBox)).toBe(true);
    await desk.keyboard.type('Og hjem igen kl. 17.');
    await desk.keyboard.press('Enter');
    await thread.getByRole('article').filter({ hasText: 'Og hjem igen' }).waitFor();
    await expect.poll(() => isFocused(replyBox)).toBe(true);
    await expectAccessible(desk, 'the group chat with a thread open');
    // Escape closes the thread and returns to the message it was opened from.
    await desk.keyboard.press('Escape');
    await thread.waitFor({ state: 'detached' });
    await expect.poll(() => isFocused(menuButton)).toBe(true);
    await own.getByRole('button', { name: daCount('chat.replies', 2) }).waitFor();
  });

  it('brings the composer one key away: a skip link, "/" and Alt+Shift+C', async () => {
    const desk = await person('medlem@spejl.test', sofieName, 1280, 900);
    await openGroupChat(desk);
    const composer = desk.getByRole('textbox', {
      name: da('chat.composerLabel', { group: 'Sjældne-netværket' }),
    });
    expect(await composer.getAttribute('aria-keyshortcuts')).toContain('Alt+Shift+C');
    const skip = desk.getByRole('link', { name: da('chat.skipToComposer') });
    await skip.focus();
    await desk.keyboard.press('Enter');
    await expect.poll(() => isFocused(composer)).toBe(true);

    await log(desk).focus();
    await desk.keyboard.press('/');
    await expect.poll(() => isFocused(composer)).toBe(true);
    expect(await composer.inputValue()).toBe('');

    await actionsOf(message(desk, 'Velkommen til'), 'Mads').focus();
    await desk.keyboard.press('Alt+Shift+C');
    await expect.poll(() => isFocused(composer)).toBe(true);
  });

  it('gives the mentorship pair the same conversation: Enter sends, edit, delete, react and report', async () => {
    const mentor = await person('birgitte@spejl.test', mentorName, 1280, 900);
    const family = await person('maria@spejl.test', familyName, 360);
    await openMentorship(mentor, familyName);
    await openMentorship(family, mentorName);

    // Maria writes with Enter; Birgitte reads it live, and it is read out to her politely.
    const familyComposer = family.getByRole('textbox', {
      name: da('chat.composerLabelPerson', { name: mentorName }),
    });
    await composerInView(family, familyComposer);
    await familyComposer.fill('Tak for sidst! Må jeg ringe på torsdag?');
    await familyComposer.press('Enter');
    await message(mentor, 'Må jeg ringe på torsdag').waitFor();
    await expect
      .poll(() => mentor.locator('[aria-live="polite"]').filter({ hasText: 'Må jeg ringe' }).count())
      .toBe(1);

    // Birgitte answers, corrects her answer and reacts to Maria's message, all through the "…" menu.
    const mentorComposer = mentor.getByRole('textbox', {
      name: da('chat.composerLabelPerson', { name: familyName }),
    });
    await mentorComposer.fill('Ja, ring kl. 19.');
    await mentorComposer.press('Enter');
    const answer = message(mentor, 'Ja, ring kl. 19.');
    await answer.waitFor();
    await actionsOf(answer, mentorName).click();
    await mentor.getByRole('menuitem', { name: da('chat.edit') }).click();
    // While it is being corrected the text is in the edit box, not in the message.
    const edit = log(mentor).getByLabel(da('chat.editLabel'));
    await expect.poll(() => isFocused(edit)).toBe(true);
    await edit.fill('Ja, ring kl. 20.');
    await log(mentor)
      .getByRole('button', { name: da('chat.save') })
      .click();
    await message(family, 'Ja, ring kl. 20.').getByText(da('chat.edited'), { exact: false }).waitFor();

    const question = message(mentor, 'Må jeg ringe på torsdag');
    await actionsOf(question, familyName).click();
    await mentor.getByRole('menuitem', { name: da('chat.react') }).click();
    await question.getByRole('button', { name: da('chat.reactWith', { emoji: '❤️' }) }).click();
    await expect.poll(() => isFocused(actionsOf(question, familyName))).toBe(true);
    await message(family, 'Må jeg ringe på torsdag')
      .getByRole('button', { name: da('chat.reaction.other', { emoji: '❤️', count: 1 }) })
      .waitFor();

    // Maria writes something she regrets and deletes it.
    await familyComposer.fill('Forkert besked');
    await familyComposer.press('Enter');
    const wrong = message(family, 'Forkert besked');
    await wrong.waitFor();
    await actionsOf(wrong, familyName).click();
    // Her own message has no report entry.
    expect(await family.getByRole('menuitem', { name: da('moderation.flag.open') }).count()).toBe(0);
    await family.getByRole('menuitem', { name: da('chat.delete') }).click();
    await family.getByRole('button', { name: da('chat.deleteYes') }).click();
    await log(mentor).getByText(da('chat.deleted')).waitFor();
    await expect.poll(() => mentor.getByText('Forkert besked').count()).toBe(0);

    // Maria reports Birgitte's message: the dialog opens from the menu, and closing it returns focus to "…".
    const reported = message(family, 'Ja, ring kl. 20.');
    await actionsOf(reported, mentorName).click();
    await family.getByRole('menuitem', { name: da('moderation.flag.open') }).click();
    const dialog = family.getByRole('dialog', { name: da('moderation.flag.title') });
    await dialog.getByLabel(da('moderation.reason.other')).check();
    await dialog.getByLabel(da('moderation.flag.noteRequiredLabel')).fill('Jeg er i tvivl om tidspunktet.');
    await expectAccessible(family, 'the report dialog in a mentorship at 360 px');
    await dialog.getByRole('button', { name: da('moderation.flag.submit') }).click();
    await family.getByRole('heading', { name: da('moderation.flag.thanksTitle') }).waitFor();
    await family.getByRole('button', { name: da('moderation.flag.close'), exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => isFocused(actionsOf(reported, mentorName))).toBe(true);

    await expectAccessible(family, 'the mentorship conversation at 360 px');
    await expectAccessible(mentor, 'the mentorship conversation at 1280 px');
    expect(await overflowsHorizontally(family)).toBe(false);
  });
});
