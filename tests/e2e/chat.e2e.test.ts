import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { da, daCount, openPage, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

let server: RunningServer;
/** Servers stopped by the restart test; their data is removed at the end with the current one's. */
const restarted: RunningServer[] = [];
let browser: Browser;
const contexts: BrowserContext[] = [];
let sofie: Page;
let mads: Page;
const sofieName = 'Sofie (mor til Ida)';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ seed: true }), launchBrowser()]);
  sofie = await openPage(browser, server.url, contexts);
  mads = await openPage(browser, server.url, contexts);
  await signInAs(sofie, 'medlem@spejl.test', sofieName);
  await signInAs(mads, 'moderator@spejl.test', 'Mads');
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  for (const stopped of restarted) await stopped.dispose();
  if (restarted.length === 0) await server?.dispose();
});

/** The article of the message whose text contains `text`, in the main log or in the thread panel. */
const messageIn = (page: Page, region: 'log' | 'thread', text: string) =>
  (region === 'log'
    ? page.getByRole('region', { name: da('chat.log') })
    : page.getByRole('complementary', { name: da('chat.thread') })
  )
    .getByRole('article')
    .filter({ hasText: text })
    .first();

/** A message's "…" button, which opens its one menu of actions. */
const actionsOf = (article: Locator, author: string) =>
  article.getByRole('button', { name: da('chat.actionsFor', { name: author }) });

async function openChat(page: Page) {
  await page.goto('/groups/sjaeldne-netvaerket');
  await page.getByRole('link', { name: da('chat.open') }).click();
  await page.getByRole('heading', { name: da('chat.title'), level: 2 }).waitFor();
  await page.getByText(da('chat.connection.open')).waitFor();
}

describe('group chat in the browser, in Danish', () => {
  it('lets two members chat live: a mention, a reply in a thread and a reaction reach the other side', async () => {
    await openChat(sofie);
    await openChat(mads);
    // The demo conversation is there, and each sees the other online.
    await expect.poll(() => sofie.getByText(da('chat.onlineNow', { names: 'Mads' })).count()).toBe(1);
    await expect.poll(() => mads.getByText(da('chat.onlineNow', { names: sofieName })).count()).toBe(1);

    // Sofie mentions Mads by picking him from the list; he sees her typing, then the message, live.
    const composer = sofie.getByLabel(da('chat.composerLabel', { group: 'Sjældne-netværket' }));
    await composer.click();
    await composer.pressSequentially('Hej @Ma');
    await sofie.getByRole('option', { name: 'Mads' }).waitFor();
    await composer.press('Enter');
    await composer.pressSequentially('kan du tage kagen med til årsmødet?');
    await expect.poll(() => mads.getByText(da('chat.typingOne', { name: sofieName })).count()).toBe(1);
    await composer.press('Enter');
    await expect.poll(() => composer.inputValue()).toBe('');

    const madsCopy = messageIn(mads, 'log', 'kagen med til årsmødet');
    await madsCopy.waitFor();
    await expect.poll(() => madsCopy.locator('.mention').textContent()).toBe('@Mads');
    await expect
      .poll(() => mads.locator('[aria-live="polite"]').filter({ hasText: 'kagen' }).count())
      .toBe(1);
    // The mention is also a notification, counted live on the bell.
    await expect
      .poll(() =>
        mads
          .getByRole('banner')
          .getByRole('link', { name: daCount('navigation.bell', 1) })
          .count(),
      )
      .toBe(1);

    // Mads answers in a thread; Sofie sees the reply count on her message and the reply in the thread.
    await actionsOf(madsCopy, sofieName).click();
    await mads.getByRole('menuitem', { name: da('chat.reply') }).click();
    const threadComposer = mads.getByLabel(da('chat.replyLabel'));
    await threadComposer.fill('Selvfølgelig, jeg tager en drømmekage med.');
    await threadComposer.press('Enter');
    await messageIn(mads, 'thread', 'drømmekage').waitFor();

    const sofieOwn = messageIn(sofie, 'log', 'kagen med til årsmødet');
    await sofieOwn.getByRole('button', { name: daCount('chat.replies', 1) }).click();
    const reply = messageIn(sofie, 'thread', 'drømmekage');
    await reply.waitFor();

    // Sofie reacts to the reply; Mads sees the count change without reloading.
    await actionsOf(reply, 'Mads').click();
    await sofie.getByRole('menuitem', { name: da('chat.react') }).click();
    await reply.getByRole('button', { name: da('chat.reactWith', { emoji: '👍' }) }).click();
    await reply.getByRole('button', { name: da('chat.reaction.mine', { emoji: '👍', count: 1 }) }).waitFor();
    await messageIn(mads, 'thread', 'drømmekage')
      .getByRole('button', { name: da('chat.reaction.other', { emoji: '👍', count: 1 }) })
      .waitFor();
  });

  it('lets a member report a message from the chat, with an accessible dialog', async () => {
    const madsReply = messageIn(sofie, 'thread', 'drømmekage');
    await actionsOf(madsReply, 'Mads').click();
    await sofie.getByRole('menuitem', { name: da('moderation.flag.open') }).click();
    const dialog = sofie.getByRole('dialog', { name: da('moderation.flag.title') });
    await dialog.getByLabel(da('moderation.reason.spam')).check();
    await expectAccessible(sofie, 'the report dialog in the chat');
    await dialog.getByRole('button', { name: da('moderation.flag.submit') }).click();
    await sofie.getByRole('heading', { name: da('moderation.flag.thanksTitle') }).waitFor();
    await sofie.getByRole('button', { name: da('moderation.flag.close'), exact: true }).click();
  });

  it('shows a lost connection, reconnects by itself and catches up without gaps or doubles', async () => {
    const first = server;
    await first.stop();
    await sofie.getByText(da('chat.connection.reconnecting')).waitFor();
    // The same port and data, as after a restart or a deploy.
    server = await startServer({
      port: first.port,
      dataDir: first.dataDir,
      ...(first.databaseUrl ? { env: { DATABASE_URL: first.databaseUrl } } : {}),
    });
    restarted.push(first);
    const posted = await mads.evaluate(async () => {
      const response = await fetch('/api/groups/sjaeldne-netvaerket/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: 'while-away-0001', body: 'Skrevet mens forbindelsen var væk' }),
      });
      return response.status;
    });
    expect(posted).toBe(201);
    await sofie.getByText(da('chat.connection.open')).waitFor({ timeout: 30_000 });
    const log = sofie.getByRole('region', { name: da('chat.log') });
    await log.getByText('Skrevet mens forbindelsen var væk').waitFor();
    // Live again: a new message arrives without reloading, and nothing came twice.
    const composer = mads.getByLabel(da('chat.composerLabel', { group: 'Sjældne-netværket' }));
    await mads.getByText(da('chat.connection.open')).waitFor({ timeout: 30_000 });
    await composer.fill('Og nu er vi tilbage');
    await composer.press('Enter');
    await log.getByText('Og nu er vi tilbage').waitFor();
    expect(await log.getByText('Skrevet mens forbindelsen var væk').count()).toBe(1);
  });

  it('keeps the conversation after a reload, with Sofie’s message once', async () => {
    await sofie.reload();
    await sofie.getByText(da('chat.connection.open')).waitFor();
    await expect
      .poll(() =>
        sofie
          .getByRole('region', { name: da('chat.log') })
          .getByText('kagen med til årsmødet')
          .count(),
      )
      .toBe(1);
  });

  it('passes axe on the chat page with a thread open, and fits a 360 px screen', async () => {
    await expectAccessible(sofie, 'the chat with a thread open');
    const phone = await openPage(browser, server.url, contexts, 360);
    await signInAs(phone, 'medlem@spejl.test', sofieName);
    await openChat(phone);
    await expectAccessible(phone, 'the chat at 360 px');
    expect(await overflowsHorizontally(phone)).toBe(false);
    await phone.goto('/account');
    await phone.getByRole('heading', { name: da('preferences.heading') }).waitFor();
    await expectAccessible(phone, 'the account page with preferences');
  });

  it('lets a person turn off mail for mentions on the account page', async () => {
    await sofie.goto('/account');
    // The table's cell is named by its column and its row: "Mail nogen nævner mig".
    const mentionMail = () =>
      sofie.getByRole('checkbox', { name: `${da('notify.table.mail')} ${da('notify.kind.mention')}` });
    expect(await mentionMail().isChecked()).toBe(true);
    await mentionMail().uncheck();
    await sofie.getByRole('button', { name: da('notify.save') }).click();
    await sofie.getByText(da('notify.saved')).waitFor();
    await sofie.reload();
    expect(await mentionMail().isChecked()).toBe(false);
  });
});
