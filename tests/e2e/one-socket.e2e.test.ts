import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { da, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

/**
 * A tab holds one WebSocket (issue 19): group chat, the mentorship conversation with its video call, the webinar
 * room and the moderation queue all ride on the same connection, however a person moves between them.
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

/** A signed-in page that counts the WebSockets it opens (the count starts after signing in). */
async function person(email: string, name: string) {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 900 },
    locale: 'da-DK',
    permissions: ['camera', 'microphone'],
  });
  contexts.push(context);
  const page = await context.newPage();
  // Signed out, a page opens no socket; the home page after signing in opens one. Wait for it before counting, or
  // a home page slow to connect would be counted as the next page's second socket.
  const homeSocket = page.waitForEvent('websocket', { timeout: 15_000 });
  await signInAs(page, email, name);
  await homeSocket;
  const opened: string[] = [];
  page.on('websocket', (socket) => opened.push(new URL(socket.url()).pathname));
  return { page, opened };
}

/** Follows a link on the page inside the app (no page load), as a person does. */
async function follow(page: Page, name: string) {
  await page.getByRole('link', { name, exact: true }).first().click();
}

/** Moves inside the app to a path, as a link there would (SvelteKit navigates without loading the page). */
async function navigate(page: Page, path: string) {
  await page.evaluate((href) => {
    const link = document.createElement('a');
    link.href = href;
    link.textContent = 'videre';
    document.querySelector('main')?.append(link);
  }, path);
  await follow(page, 'videre');
}

describe('one WebSocket per tab', () => {
  it('carries notifications, the mentorship conversation and its call on one connection', async () => {
    const { page, opened } = await person('birgitte@spejl.test', 'Birgitte (mor til Oliver)');
    await page.goto('/notifications');
    await page.getByRole('heading', { level: 1 }).first().waitFor();

    const me = (await (await page.request.get('/api/mentoring/me')).json()) as {
      matches: Array<{ id: string; status: string }>;
    };
    const match = me.matches.find((candidate) => candidate.status === 'active');
    // In the app, on to the conversation: its messages and the call panel use the connection the page has.
    await navigate(page, `/mentoring/matches/${match?.id}/conversation`);
    await page.getByRole('heading', { name: da('video.call.title') }).waitFor();
    await page.getByRole('button', { name: da('video.call.start') }).waitFor();
    expect(opened).toEqual(['/api/ws']);
  });

  it('joins a webinar room over the connection the page already has', async () => {
    const { page, opened } = await person('medlem@spejl.test', 'Sofie (mor til Ida)');
    await page.goto('/events');
    await follow(page, 'Sådan søger du om merudgifter og tabt arbejdsfortjeneste');
    await page
      .getByRole('link', { name: da('event.room') })
      .last()
      .click();
    await page.getByRole('heading', { name: da('room.lobby') }).waitFor();
    expect(opened).toEqual(['/api/ws']);

    // Leaving the room keeps the connection for the rest of the app.
    await navigate(page, '/groups/sjaeldne-netvaerket/chat');
    await page.getByText(da('chat.connection.open')).waitFor();
    expect(opened).toEqual(['/api/ws']);
  });
});
