import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectAccessible, launchBrowser } from '../support/browser.ts';
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

async function person(email: string, name: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width, height: 900 },
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
});
