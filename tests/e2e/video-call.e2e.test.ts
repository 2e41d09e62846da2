import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectFitsBothWidths, launchBrowser } from '../support/browser.ts';
import { da, signInAs } from '../support/journeys.ts';
import { expectMediaFlows, trackConnections } from '../support/media.ts';
import { type RunningServer, startServer } from '../support/server.ts';

/**
 * The demo mentorship (Birgitte mentors Maria): a 1:1 video call from their private conversation, peer-to-peer
 * with fake camera and microphone; both sides must decode the other's video and receive their audio.
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

async function person(email: string, name: string, width = 1280, height = 900): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width, height },
    locale: 'da-DK',
    permissions: ['camera', 'microphone'],
  });
  contexts.push(context);
  await context.addInitScript(trackConnections);
  const page = await context.newPage();
  await signInAs(page, email, name);
  return page;
}

/** The pair's conversation page, found through the person's own mentorships. */
async function openConversation(page: Page) {
  const me = (await (await page.request.get('/api/mentoring/me')).json()) as {
    matches: Array<{ id: string; status: string }>;
  };
  const match = me.matches.find((candidate) => candidate.status === 'active');
  await page.goto(`/mentoring/matches/${match?.id}/conversation`);
  await page.getByRole('heading', { name: da('video.call.title') }).waitFor();
}

/** What has focus: its tag and its text (a button's label), so a test can say where focus went. */
function focused(page: Page): Promise<{ tag: string; text: string }> {
  return page.evaluate(() => ({
    tag: document.activeElement?.tagName ?? 'NONE',
    text: (document.activeElement?.textContent ?? '').replace(/\s+/g, ' ').trim(),
  }));
}

/** The element's box is wholly inside the window (not under the tab bar, not off the bottom). */
async function inView(page: Page, label: string, box: { y: number; height: number } | null) {
  const height = await page.evaluate(() => window.innerHeight);
  expect(box, `${label} has a box`).not.toBeNull();
  expect(box!.y, `${label} starts on screen`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${label} ends on screen`).toBeLessThanOrEqual(height);
}

describe('a video call inside a mentorship', () => {
  it('Birgitte starts a call, Maria is told, follows the notification in, and both see and hear each other', async () => {
    const mentor = await person('birgitte@spejl.test', 'Birgitte (mor til Oliver)');
    const family = await person('maria@spejl.test', 'Maria (mor til Noah)', 390);
    await openConversation(mentor);
    // Maria's front page leads to the mentorship.
    await family.goto('/');
    await family
      .getByRole('region', { name: da('home.mentoring') })
      .getByText(da('home.mentorship', { name: 'Birgitte (mor til Oliver)' }))
      .waitFor();

    await mentor.getByRole('button', { name: da('video.call.start') }).click();
    await mentor.getByText(da('video.call.waiting', { name: 'Maria (mor til Noah)' })).waitFor();
    // Maria is elsewhere in Spejl: the call reaches her live, on the page she is on, and in her notifications.
    const alert = family.getByRole('status').filter({
      hasText: da('mentoring.notification.callStarted', { name: 'Birgitte (mor til Oliver)' }),
    });
    await alert.getByRole('link', { name: da('mentoring.notification.joinCall') }).waitFor();
    await expectAccessible(family, 'the front page telling Maria about the call, on a phone');
    await family.goto('/notifications');
    const ring = family
      .getByRole('listitem')
      .filter({ hasText: da('mentoring.notification.callStarted', { name: 'Birgitte (mor til Oliver)' }) });
    await ring.getByRole('link', { name: da('mentoring.notification.joinCall') }).click();
    await family.getByRole('heading', { name: da('video.call.title') }).waitFor();
    await expectAccessible(family, 'the conversation with the call panel, on a phone');
    await family.getByText(da('video.call.otherIn', { name: 'Birgitte (mor til Oliver)' })).waitFor();
    await family.getByRole('button', { name: da('video.call.join') }).click();

    await mentor.getByRole('figure').filter({ hasText: 'Maria (mor til Noah)' }).waitFor();
    await family.getByRole('figure').filter({ hasText: 'Birgitte (mor til Oliver)' }).waitFor();
    await expectMediaFlows(mentor, 'Birgitte');
    await expectMediaFlows(family, 'Maria');
    await expectAccessible(mentor, 'the conversation during a call');

    await family.getByRole('button', { name: da('video.call.leave') }).click();
    await mentor.getByText(da('video.call.waiting', { name: 'Maria (mor til Noah)' })).waitFor();
    await mentor
      .getByRole('figure')
      .filter({ hasText: 'Maria (mor til Noah)' })
      .waitFor({ state: 'detached' });
  });

  it('is a button in the header on a 360 px phone, takes the screen while it runs, and keeps focus on the page', async () => {
    // Whoever was in the call before leaves it with their tab.
    for (const context of contexts.splice(0)) await context.close();
    const family = await person('maria@spejl.test', 'Maria (mor til Noah)', 360, 740);
    const mentor = await person('birgitte@spejl.test', 'Birgitte (mor til Oliver)');
    await openConversation(family);
    await expectFitsBothWidths(family, 'the conversation with its call button');
    await family.setViewportSize({ width: 360, height: 740 });

    // The call is one labelled button; the messages keep most of the screen and the composer is in view.
    const composer = family.getByRole('textbox', {
      name: da('chat.composerLabelPerson', { name: 'Birgitte (mor til Oliver)' }),
    });
    const callButton = family.getByRole('button', { name: da('video.call.start') });
    const callRegion = family.getByRole('region', { name: da('video.call.title') });
    const log = family.getByRole('region', { name: da('chat.log') });
    await inView(family, 'the composer', await composer.boundingBox());
    await inView(family, 'the call button', await callButton.boundingBox());
    expect((await callButton.boundingBox())!.height, 'the call button is one line').toBeLessThanOrEqual(56);
    expect(
      (await callRegion.boundingBox())!.height,
      'the idle call is no more than its button',
    ).toBeLessThanOrEqual(56);
    expect((await log.boundingBox())!.height, 'the messages keep the room').toBeGreaterThanOrEqual(260);

    // Birgitte is on her front page when Maria calls from her phone. Starting the call takes Maria's screen, and her
    // focus to hanging up once it is connected.
    await callButton.click();
    await expect
      .poll(() => focused(family), { timeout: 10_000 })
      .toEqual({ tag: 'BUTTON', text: da('video.call.leave') });
    await callRegion.getByText(da('video.call.waiting', { name: 'Birgitte (mor til Oliver)' })).waitFor();
    expect((await callRegion.boundingBox())!.height, 'the running call takes the screen').toBeGreaterThan(
      300,
    );
    await expectAccessible(family, 'the conversation during a call, at 360 px');
    // Birgitte's "Not now" leaves her focus on the page she is on.
    const ring = mentor.getByRole('status').filter({
      hasText: da('mentoring.notification.callStarted', { name: 'Maria (mor til Noah)' }),
    });
    await ring.getByRole('button', { name: da('mentoring.callAlert.dismiss') }).click();
    await ring.getByRole('button').waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await focused(mentor)).tag, { message: 'focus after "Not now"' })
      .toBe('H1');
    // Maria hangs up from the keyboard: focus goes back to her call button.
    await family.keyboard.press('Enter');
    await callButton.waitFor();
    await expect.poll(() => focused(family)).toEqual({ tag: 'BUTTON', text: da('video.call.start') });

    // Birgitte calls back from the conversation: on Maria's phone it rings in the header, above the messages.
    await openConversation(mentor);
    await mentor.getByRole('button', { name: da('video.call.start') }).click();
    await expect
      .poll(() => focused(mentor), { timeout: 10_000 })
      .toEqual({ tag: 'BUTTON', text: da('video.call.leave') });
    const answer = family.getByRole('button', { name: da('video.call.join') });
    await callRegion.getByText(da('video.call.otherIn', { name: 'Birgitte (mor til Oliver)' })).waitFor();
    await inView(family, 'the ringing call', await callRegion.boundingBox());
    await inView(family, 'the composer while the call rings', await composer.boundingBox());
    await expectAccessible(family, 'the conversation with the call ringing, at 360 px');
    // Answering takes the screen and focus to hanging up.
    await answer.click();
    await expect
      .poll(() => focused(family), { timeout: 10_000 })
      .toEqual({ tag: 'BUTTON', text: da('video.call.leave') });
    await family.getByRole('figure').filter({ hasText: 'Birgitte (mor til Oliver)' }).waitFor();
    await callRegion.getByRole('heading', { name: da('video.call.title') }).waitFor();

    // Hanging up from the keyboard: focus goes back to the call button (which rings again: Birgitte is still in).
    await family.keyboard.press('Enter');
    await answer.waitFor();
    await expect
      .poll(() => focused(family), { message: 'focus after hanging up' })
      .toEqual({ tag: 'BUTTON', text: da('video.call.join') });

    // Birgitte hangs up too: her focus comes back to her call button, and Maria's button is the plain one again.
    await mentor.getByRole('button', { name: da('video.call.leave') }).click();
    await mentor.getByRole('button', { name: da('video.call.start') }).waitFor();
    await expect.poll(() => focused(mentor)).toEqual({ tag: 'BUTTON', text: da('video.call.start') });
    await callButton.waitFor();
    await expect.poll(() => focused(family)).toEqual({ tag: 'BUTTON', text: da('video.call.start') });
    await inView(family, 'the composer after the call', await composer.boundingBox());
  });
});
