import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { da, enrolTotp, openPage, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Sofie on a phone (360 px), Mads on a desktop (1280 px): both members of Sjældne-netværket. */
let sofie: Page;
let mads: Page;
const sofieName = 'Sofie (mor til Ida)';
let conversationPath = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ seed: true }), launchBrowser()]);
  sofie = await openPage(browser, server.url, contexts, 360);
  mads = await openPage(browser, server.url, contexts, 1280);
  await signInAs(sofie, 'medlem@spejl.test', sofieName);
  await signInAs(mads, 'moderator@spejl.test', 'Mads');
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  await server?.dispose();
});

/** The composer, labelled with the other person's name. */
const composerOf = (page: Page) =>
  page.getByLabel(da('chat.composerLabel', { group: page === sofie ? 'Mads' : sofieName }));
const logOf = (page: Page) => page.getByRole('region', { name: da('chat.log') });

describe('direct messages in the browser, in Danish', () => {
  it('are off until each turns them on: Sofie on the messages page, Mads on his account page', async () => {
    await sofie.goto('/messages');
    await sofie.getByRole('heading', { name: da('direct.title'), level: 1 }).waitFor();
    await sofie.getByText(da('direct.empty.off')).waitFor();
    await expectAccessible(sofie, 'the empty messages page at 360 px');
    expect(await overflowsHorizontally(sofie)).toBe(false);
    await sofie.getByLabel(da('direct.settings.label')).check();
    await sofie.getByText(da('direct.settings.savedOn')).waitFor();
    await sofie.getByText(da('direct.empty.on')).waitFor();

    await mads.goto('/account');
    await mads.getByRole('heading', { name: da('direct.settings.heading') }).waitFor();
    await mads.getByLabel(da('direct.settings.label')).check();
    await mads.getByText(da('direct.settings.savedOn')).waitFor();
    await mads.getByRole('heading', { name: da('direct.blocks.heading') }).waitFor();
    await mads.getByText(da('direct.blocks.empty')).waitFor();
  });

  it('lets Sofie ask Mads from the group’s member list, with her first message', async () => {
    await sofie.goto('/groups/sjaeldne-netvaerket');
    await sofie.getByRole('heading', { name: da('group.memberList.title') }).waitFor();
    await sofie.getByRole('button', { name: da('direct.write.openFor', { name: 'Mads' }) }).click();
    const dialog = sofie.getByRole('dialog', { name: da('direct.write.title', { name: 'Mads' }) });
    await dialog.getByLabel(da('direct.write.body')).fill('Hej Mads, må jeg spørge dig om årsmødet?');
    await expectAccessible(sofie, 'the first-message dialog at 360 px');
    await dialog.getByRole('button', { name: da('direct.write.send') }).click();
    await dialog.getByText(da('direct.write.sent')).waitFor();
    await dialog.getByRole('link', { name: da('direct.write.toConversation') }).click();
    await sofie.waitForURL(/\/messages\/[0-9a-f-]{36}$/);
    conversationPath = new URL(sofie.url()).pathname;

    await sofie.getByRole('heading', { name: 'Mads', level: 1 }).waitFor();
    await sofie.getByText(da('direct.banner.waiting', { name: 'Mads' })).waitFor();
    await logOf(sofie).getByText('må jeg spørge dig om årsmødet').waitFor();
    // While Mads has not answered, Sofie writes nothing more: no composer.
    expect(await composerOf(sofie).count()).toBe(0);
    await sofie.getByRole('button', { name: da('direct.blockFor', { name: 'Mads' }) }).waitFor();
    await sofie.getByRole('button', { name: da('direct.report') }).waitFor();
    await expectAccessible(sofie, 'a waiting request at 360 px');
    expect(await overflowsHorizontally(sofie)).toBe(false);
  });

  it('shows Mads the request; he accepts and the two write to each other live', async () => {
    await mads.goto('/messages');
    await mads.getByRole('heading', { name: da('direct.requests.heading') }).waitFor();
    await mads.getByRole('button', { name: da('direct.acceptFor', { name: sofieName }) }).waitFor();
    await expectAccessible(mads, 'the messages page with a request at 1280 px');
    await mads.getByRole('main').getByRole('link', { name: sofieName }).click();
    await mads.getByText(da('direct.banner.incoming', { name: sofieName })).waitFor();
    await logOf(mads).getByText('må jeg spørge dig om årsmødet').waitFor();
    await expectAccessible(mads, 'a request to answer at 1280 px');
    await mads.getByRole('button', { name: da('direct.accept'), exact: true }).click();
    await mads.getByText(da('direct.accepted')).waitFor();

    // Sofie's page follows the answer by itself: her composer appears.
    const sofieComposer = composerOf(sofie);
    await sofieComposer.waitFor();
    await sofieComposer.fill('Tak! Kommer du til årsmødet i Odense?');
    await sofieComposer.press('Enter');
    await logOf(mads).getByText('Kommer du til årsmødet i Odense?').waitFor();

    const madsComposer = composerOf(mads);
    await madsComposer.fill('Ja, jeg tager toget lørdag morgen.');
    await madsComposer.press('Enter');
    await logOf(sofie).getByText('jeg tager toget lørdag morgen').waitFor();
    // The conversation fills the screen as the groups' chat does: the page itself does not scroll.
    expect(await sofie.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(
      true,
    );
    await expectAccessible(sofie, 'an accepted conversation at 360 px');
    expect(await overflowsHorizontally(sofie)).toBe(false);
  });

  it('lets Mads report a message from the header; it waits in the admins’ platform queue', async () => {
    await mads.getByRole('button', { name: da('direct.report'), exact: true }).click();
    const panel = mads.getByRole('region', { name: da('direct.report.heading', { name: sofieName }) });
    await panel.getByText('Kommer du til årsmødet i Odense?').waitFor();
    await panel
      .getByRole('listitem')
      .filter({ hasText: 'Kommer du til årsmødet i Odense?' })
      .getByRole('button', { name: new RegExp(da('moderation.flag.open')) })
      .click();
    const dialog = mads.getByRole('dialog', { name: da('moderation.flag.title') });
    await dialog.getByLabel(da('moderation.reason.spam')).check();
    await expectAccessible(mads, 'reporting a direct message at 1280 px');
    await dialog.getByRole('button', { name: da('moderation.flag.submit') }).click();
    await mads.getByRole('heading', { name: da('moderation.flag.thanksTitle') }).waitFor();
    await mads
      .getByRole('dialog', { name: da('moderation.flag.thanksTitle') })
      .getByRole('button', { name: da('moderation.flag.close'), exact: true })
      .click();

    const adminContext = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1280, height: 900 },
      locale: 'da-DK',
    });
    contexts.push(adminContext);
    const admin = await adminContext.newPage();
    await signInAs(admin, 'admin@spejl.test', 'Astrid');
    await enrolTotp(admin);
    await admin.goto('/moderation/platform');
    await admin.getByRole('heading', { name: da('moderation.queue.title') }).waitFor();
    await admin.getByText('Kommer du til årsmødet i Odense?').waitFor();
    await admin.getByText(da('moderation.item.direct')).first().waitFor();
    // Only the reported message: nothing else of the pair's conversation.
    expect(await admin.getByText('jeg tager toget lørdag morgen').count()).toBe(0);
    expect(await admin.getByText('må jeg spørge dig om årsmødet').count()).toBe(0);
  });

  it('lets Mads block Sofie: it leaves his list, and she can no longer write', async () => {
    await mads.goto(conversationPath);
    await mads.getByRole('button', { name: da('direct.blockFor', { name: sofieName }) }).click();
    const dialog = mads.getByRole('dialog', { name: da('direct.block.title', { name: sofieName }) });
    await expectAccessible(mads, 'the block dialog at 1280 px');
    await dialog.getByRole('button', { name: da('direct.block.confirm') }).click();
    await mads.waitForURL(/\/messages$/);
    await mads.getByText(da('direct.block.done', { name: sofieName })).waitFor();
    expect(await mads.getByRole('main').getByRole('link', { name: sofieName }).count()).toBe(0);

    // Sofie's open conversation refuses her next message, and says so in plain words.
    const sofieComposer = composerOf(sofie);
    await sofieComposer.fill('Er du der stadig?');
    await sofieComposer.press('Enter');
    await sofie.getByText(da('chat.notSent', { reason: da('error.direct.unavailable') })).waitFor();
    await sofie.reload();
    await sofie.getByText(da('direct.banner.unavailable')).waitFor();
    expect(await composerOf(sofie).count()).toBe(0);

    // Mads finds her among the people he blocked, and can lift it.
    await mads.goto('/account');
    await mads.getByRole('button', { name: da('direct.unblockFor', { name: sofieName }) }).waitFor();
    await expectAccessible(mads, 'the account page with a blocked person at 1280 px');
  });
});
