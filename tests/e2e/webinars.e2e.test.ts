import { utcToCopenhagenFields } from '@spejl/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../server/src/modules/auth/auth.totp.ts';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { base32Decode, da, daCount, openPage, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const title = 'Spørgetime om hjælpemidler';
const question = 'Kan kommunen betale for en kørestol til weekenden?';

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

/** A signed-in person in their own browser context (their own cookies), in Danish. */
async function person(email: string, name: string): Promise<Page> {
  const page = await openPage(browser, server.url, contexts);
  await signInAs(page, email, name);
  return page;
}

/** Turns on two-step verification through the API with the page's own session, as the account page would. */
async function enableTotp(page: Page) {
  const headers = { origin: server.url };
  const enrol = await page.request.post('/api/me/mfa/totp', { headers });
  const secret = ((await enrol.json()) as { secret: string }).secret;
  const confirm = await page.request.post('/api/me/mfa/totp/confirm', {
    headers,
    data: { code: totpCodeAt(base32Decode(secret), new Date()) },
  });
  expect(confirm.status()).toBe(200);
}

/** Opens one of the room's panels (chat, questions, polls, people) by its tab, with the keyboard's Enter. */
async function openPanel(page: Page, name: string) {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name, exact: true, selected: true }).waitFor();
}

const section = (page: Page, heading: string) =>
  page.locator('section', { has: page.getByRole('heading', { name: heading, exact: true }) });

describe('webinars in the browser, in Danish', () => {
  let host: Page;
  let sofie: Page;
  let jonas: Page;
  let eventUrl: string;

  it('an admin schedules a webinar for everyone from the events page', async () => {
    host = await person('admin@spejl.test', 'Astrid');
    await enableTotp(host);
    await host
      .getByRole('navigation', { name: da('nav.main') })
      .getByRole('link', { name: da('nav.events') })
      .click();
    await host.getByRole('heading', { name: da('events.title'), level: 1 }).waitFor();
    await expectAccessible(host, 'the events list');
    await host.getByRole('link', { name: da('events.new') }).click();
    await host.getByRole('heading', { name: da('eventForm.titleNew'), level: 1 }).waitFor();
    await expectAccessible(host, 'the new event form');

    const tomorrow = utcToCopenhagenFields(new Date(Date.now() + 24 * 3600_000)).date;
    await host.getByLabel(da('eventForm.audience')).selectOption({ label: da('eventForm.audiencePlatform') });
    await host.getByLabel(da('eventForm.title')).fill(title);
    await host
      .getByLabel(da('eventForm.description'))
      .fill('En ergoterapeut svarer på spørgsmål om hjælpemidler.');
    await host.getByLabel(da('eventForm.date')).fill(tomorrow);
    await host.getByLabel(da('eventForm.time')).fill('19:00');
    await host.getByLabel(da('eventForm.duration')).fill('60');
    await host.getByRole('button', { name: da('eventForm.create') }).click();
    await host.getByRole('heading', { name: title, level: 1 }).waitFor();
    await host.getByText(da('eventForm.created')).waitFor();
    // Written in Danish time, shown in Danish time.
    await host.getByText(/19\.00 til 20\.00/).waitFor();
    eventUrl = new URL(host.url()).pathname;
    await expectAccessible(host, 'the event page as its organiser');
    await host.getByRole('link', { name: da('event.edit') }).click();
    await host.getByRole('heading', { name: da('eventForm.titleEdit'), level: 1 }).waitFor();
    await expectAccessible(host, 'the edit page');
  });

  it('two members register and wait in the lobby until the host opens the room', async () => {
    sofie = await person('medlem@spejl.test', 'Sofie (mor til Ida)');
    jonas = await person('ny@spejl.test', 'Jonas');
    for (const page of [sofie, jonas]) {
      await page.goto('/events');
      await page.getByRole('link', { name: title }).click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.getByRole('button', { name: da('registration.submit') }).click();
      await page.getByText(da('registration.done.registered')).waitFor();
      await page.locator('.request-state__title', { hasText: da('registration.registered') }).waitFor();
    }
    await expectAccessible(sofie, 'the event page, registered');
    await sofie.getByRole('link', { name: da('event.addToCalendar') }).waitFor();
    // Mine lists it.
    await jonas.goto('/events?view=mine');
    await jonas.getByRole('link', { name: title }).waitFor();
    // And so does the front page, under the person's coming events.
    await jonas.goto('/');
    await jonas
      .getByRole('region', { name: da('home.myEvents') })
      .getByRole('link', { name: title })
      .waitFor();
    await expectAccessible(jonas, 'the front page with a coming event');

    for (const page of [sofie, jonas]) {
      await page.goto(eventUrl);
      await page
        .getByRole('link', { name: da('event.room') })
        .last()
        .click();
      await page.getByRole('heading', { name: da('room.lobby') }).waitFor();
    }
    await expectAccessible(sofie, 'the room lobby');

    await host.goto(`${eventUrl}/room`);
    await host.getByRole('heading', { name: da('room.hostControls') }).waitFor();
    await host.getByText(da('room.lobbyHost')).waitFor();
    await host.getByRole('button', { name: da('room.open') }).click();
    for (const page of [sofie, jonas])
      await page.getByRole('tab', { name: da('room.tab.chat'), selected: true }).waitFor();
    await host.getByRole('button', { name: da('room.close') }).waitFor();
    await expectAccessible(host, 'the room as its host');
    await expectAccessible(jonas, 'the open room as an attendee');
  });

  it('chats in the same conversation as groups: Enter sends, hosts are marked, a host takes a line down', async () => {
    const composerOf = (page: Page) => page.getByRole('textbox', { name: da('room.chatComposerLabel') });
    const logOf = (page: Page) => page.getByRole('region', { name: da('chat.log') });
    const line = (page: Page, text: string) =>
      logOf(page).getByRole('article').filter({ hasText: text }).last();

    await composerOf(sofie).fill('Hej fra Aarhus, vi er tre der ser med');
    await composerOf(sofie).press('Enter');
    await line(jonas, 'Hej fra Aarhus').waitFor();
    await expect.poll(() => composerOf(sofie).inputValue()).toBe('');
    // The author's name and avatar head the line, as in group chat.
    await line(jonas, 'Hej fra Aarhus').getByText('Sofie (mor til Ida)', { exact: true }).waitFor();
    await composerOf(host).fill('Velkommen, vi starter om et øjeblik');
    await composerOf(host).press('Enter');
    // The host's badge comes from the role the server recorded, not from a name anyone can choose.
    await line(jonas, 'Velkommen, vi starter').getByText(da('webinars.role.host'), { exact: true }).waitFor();
    expect(await line(jonas, 'Hej fra Aarhus').getByText(da('webinars.role.host')).count()).toBe(0);
    // An attendee may do nothing to someone else's line in a room: not even a menu button is there.
    expect(await line(jonas, 'Hej fra Aarhus').getByRole('button').count()).toBe(0);
    await expectAccessible(jonas, 'the room chat as an attendee');

    // The host takes Sofie's line down from its menu; everyone sees it gone, its text too.
    await line(host, 'Hej fra Aarhus')
      .getByRole('button', { name: da('chat.actionsFor', { name: 'Sofie (mor til Ida)' }) })
      .click();
    await host.getByRole('menuitem', { name: da('chat.delete') }).click();
    await host.getByRole('button', { name: da('chat.deleteYes') }).click();
    for (const page of [jonas, sofie]) await logOf(page).getByText(da('chat.deleted')).waitFor();
    expect(await logOf(jonas).getByText('Hej fra Aarhus').count()).toBe(0);
    // Focus stays in the conversation, on the line, not on the page.
    expect(await host.evaluate(() => document.activeElement?.closest('article') !== null)).toBe(true);
    await expectAccessible(host, 'the room chat as its host');
  });

  it('lets an attendee on a phone watch the stage and write in the chat at once', async () => {
    await jonas.setViewportSize({ width: 360, height: 740 });
    const composer = jonas.getByRole('textbox', { name: da('room.chatComposerLabel') });
    await composer.click();
    await composer.fill('Jeg ser med fra telefonen');
    await composer.press('Enter');
    await jonas
      .getByRole('region', { name: da('chat.log') })
      .getByRole('article')
      .filter({ hasText: 'Jeg ser med fra telefonen' })
      .waitFor();
    const height = await jonas.evaluate(() => window.innerHeight);
    const inView = async (box: { y: number; height: number } | null) => {
      expect(box).not.toBeNull();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(height);
    };
    // The composer and the stage are on the screen together: nobody has to choose between watching and writing.
    await inView(await composer.boundingBox());
    await inView(await jonas.locator('.room-stage__area').first().boundingBox());
    expect(await overflowsHorizontally(jonas)).toBe(false);
    await expectAccessible(jonas, 'the room chat at 360 px');
    await jonas.setViewportSize({ width: 1280, height: 900 });
  });

  it('runs Q&A: Sofie asks, Jonas supports it, the host marks it answered', async () => {
    // Questions sit in a tab beside the stage (under it on a phone), chat first.
    for (const page of [sofie, jonas, host]) await openPanel(page, da('room.tab.questions'));
    await sofie.getByLabel(da('room.ask')).fill(question);
    await sofie.getByLabel(da('room.askAnonymous')).check();
    await sofie.getByRole('button', { name: da('room.askSubmit') }).click();

    const jonasQuestions = section(jonas, da('room.questions'));
    await jonasQuestions.getByText(question, { exact: true }).waitFor();
    // Anonymous to other attendees.
    await jonasQuestions.getByText(new RegExp(`^${da('room.anonymous')}`)).waitFor();
    await jonasQuestions.getByRole('button', { name: `${da('room.upvote')}: ${question}` }).click();
    await jonasQuestions
      .getByRole('button', { name: `${da('room.upvoted')}: ${question}`, pressed: true })
      .waitFor();

    const hostQuestions = section(host, da('room.questions'));
    // The host sees who asked, and the support.
    await hostQuestions.getByText(/Sofie \(mor til Ida\) \(Anonym\)/).waitFor();
    await hostQuestions.getByText(daCount('room.votes', 1)).waitFor();
    await hostQuestions.getByRole('button', { name: `${da('room.markAnswered')}: ${question}` }).click();
    await section(sofie, da('room.questions')).getByText(da('room.question.answered')).waitFor();
    await jonasQuestions.getByText(da('room.question.answered')).waitFor();
  });

  it('runs a poll whose result the attendees see when the host shows it', async () => {
    for (const page of [sofie, jonas, host]) await openPanel(page, da('room.tab.polls'));
    const hostPolls = section(host, da('room.polls'));
    await hostPolls.getByLabel(da('room.pollQuestion')).fill('Hvor langt har I kørt i dag?');
    await hostPolls.getByLabel(da('room.pollOptions')).fill('Under 50 km\n50-150 km\nOver 150 km');
    await hostPolls.getByRole('button', { name: da('room.pollCreate') }).click();

    for (const page of [sofie, jonas]) {
      const polls = section(page, da('room.polls'));
      await polls.getByRole('radio', { name: 'Over 150 km' }).check();
      await polls.getByRole('button', { name: da('room.pollVote') }).click();
      await polls.getByText(da('room.pollVoted')).waitFor();
      await polls.getByText(da('room.pollResultsHidden')).waitFor();
    }
    await hostPolls.getByText(da('room.pollTotal', { count: 2 })).waitFor();
    await hostPolls
      .getByRole('button', { name: `${da('room.pollShow')}: Hvor langt har I kørt i dag?` })
      .click();
    await section(sofie, da('room.polls'))
      .getByText(daCount('room.pollResult', 2, { label: 'Over 150 km' }))
      .waitFor();
    await expectAccessible(sofie, 'the room with a poll result');
  });

  it('lets Jonas raise his hand with the keyboard, and the host give him the floor', async () => {
    const raise = jonas.getByRole('button', { name: da('room.raiseHand') });
    await raise.focus();
    await jonas.keyboard.press('Enter');
    await jonas.getByRole('button', { name: da('room.raiseHand'), pressed: true }).waitFor();
    await jonas.getByText(da('room.handRaised')).waitFor();
    // The host sees the raised hand counted on the people tab, and gives the floor there.
    await host.getByRole('tab', { name: new RegExp(daCount('room.tab.hands', 1)) }).click();
    const hostHands = section(host, da('room.hands'));
    await hostHands.getByRole('button', { name: da('room.invite', { name: 'Jonas' }) }).click();
    await jonas.getByText(da('room.youSpeak')).waitFor();
    await hostHands.getByText(da('room.invited')).waitFor();
    await expectAccessible(host, 'the room with a raised hand');
  });

  it('shows the organiser the attendance report and the registrants', async () => {
    await host.goto(`${eventUrl}/attendance`);
    await host.getByRole('heading', { name: da('attendance.title'), level: 1 }).waitFor();
    await host.getByText(daCount('attendance.summary', 2, { attended: 2, noShow: 0 })).waitFor();
    const table = host.getByRole('table');
    await table.getByRole('rowheader', { name: 'Sofie (mor til Ida)' }).waitFor();
    await table.getByRole('rowheader', { name: 'Jonas' }).waitFor();
    await expectAccessible(host, 'the attendance report');
    await host.getByRole('link', { name: da('event.registrants') }).click();
    await host.getByRole('heading', { name: da('registrants.title'), level: 1 }).waitFor();
    await host.getByRole('link', { name: da('registrants.csv') }).waitFor();
    await expectAccessible(host, 'the registrant list');
  });

  it('passes axe on the events pages at 360 px, without sideways scrolling', async () => {
    await sofie.setViewportSize({ width: 360, height: 800 });
    for (const [path, heading] of [
      ['/events', da('events.title')],
      ['/events?view=past', da('events.title')],
      [eventUrl, title],
      [`${eventUrl}/room`, da('room.title', { title })],
    ] as const) {
      await sofie.goto(path);
      await sofie.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await sofie.waitForTimeout(300);
      await expectAccessible(sofie, `${path} at 360 px`);
      expect(await overflowsHorizontally(sofie), `${path} scrolls sideways at 360 px`).toBe(false);
    }
  });
});
