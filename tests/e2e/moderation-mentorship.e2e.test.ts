import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { da, enrolTotp, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const mentorName = 'Birgitte (mor til Oliver)';
const worrying = 'Jeg orker ikke mere. Nogle gange tænker jeg, at alle ville have det bedre uden mig.';
/** A line of the seeded conversation: the coordinator must never see it. */
const earlierInConversation = 'Torsdag aften passer fint';
const screenshots = process.env.SPEJL_SCREENSHOTS ?? '/tmp/spejl-screenshots';

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

async function signedIn(email: string, name: string, totp = false): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 900 },
    locale: 'da-DK',
  });
  contexts.push(context);
  const page = await context.newPage();
  await signInAs(page, email, name);
  if (totp) await enrolTotp(page);
  return page;
}

/** Calls the API with the page's own session cookie, as the page's scripts do. */
async function api<T>(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(`/api${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    },
    { method, path, body },
  ) as Promise<{ status: number; json: T }>;
}

describe('a report from a mentorship, in the browser, in Danish', () => {
  it('reaches the coordinator live with the reported message alone; the coordinator pauses the mentor; the family hears the outcome', async () => {
    const coordinator = await signedIn('koordinator@spejl.test', 'Karen', true);
    await coordinator.goto('/moderation');
    await coordinator.getByRole('heading', { name: da('moderation.overview.title'), level: 1 }).waitFor();
    const card = coordinator.getByRole('region', { name: da('moderation.mentoring.title'), exact: true });
    await card.getByRole('link', { name: new RegExp(`^${da('moderation.nav.queue')}\\s*:`) }).click();
    await coordinator.getByRole('heading', { name: da('moderation.queue.title'), level: 1 }).waitFor();
    await coordinator.getByText(da('moderation.mentoring.intro')).waitFor();
    await coordinator.getByText(da('moderation.queue.live')).waitFor();
    await expectAccessible(coordinator, 'the mentoring queue, empty');

    // Birgitte writes in the pair's conversation; Maria reports it out of worry.
    const mentor = await signedIn('birgitte@spejl.test', mentorName);
    const mine = await api<{ matches: Array<{ conversationId: string | null }> }>(
      mentor,
      'GET',
      '/mentoring/me',
    );
    const conversationId = mine.json.matches.find((match) => match.conversationId)?.conversationId;
    expect(conversationId).toBeTruthy();
    const posted = await api<{ message: { id: string } }>(
      mentor,
      'POST',
      `/groups/${conversationId}/messages`,
      {
        clientId: `e2e-mentorship-${Date.now()}`,
        body: worrying,
      },
    );
    expect(posted.status).toBe(201);
    const family = await signedIn('maria@spejl.test', 'Maria (mor til Noah)');
    const flagged = await api<{ support: boolean }>(
      family,
      'POST',
      `/messages/${posted.json.message.id}/flags`,
      {
        reason: 'self_harm',
      },
    );
    expect(flagged.status).toBe(201);
    expect(flagged.json.support).toBe(true);

    // It appears in the coordinator's queue without a reload: urgent, marked as a mentorship, and nothing else of
    // the pair's conversation.
    const item = coordinator.getByRole('article', {
      name: da('moderation.item.titleBy', { name: mentorName }),
    });
    await item.getByText(worrying).waitFor();
    await item.getByText(da('moderation.item.urgent')).waitFor();
    await item.getByText(da('moderation.item.mentorship')).first().waitFor();
    await coordinator.screenshot({ path: `${screenshots}/mentoring-queue-1280.png`, fullPage: true });
    await coordinator.setViewportSize({ width: 360, height: 800 });
    expect(await overflowsHorizontally(coordinator), 'the mentoring queue scrolls sideways at 360 px').toBe(
      false,
    );
    await expectAccessible(coordinator, 'the mentoring queue at 360 px');
    await coordinator.screenshot({ path: `${screenshots}/mentoring-queue-360.png`, fullPage: true });
    await coordinator.setViewportSize({ width: 1280, height: 900 });

    await item.getByRole('link', { name: da('moderation.item.titleBy', { name: mentorName }) }).click();
    await coordinator
      .getByRole('heading', { name: da('moderation.item.title', { name: mentorName }) })
      .waitFor();
    await coordinator.getByText(da('moderation.item.mentorshipOnly')).waitFor();
    expect(await coordinator.getByText(earlierInConversation).count()).toBe(0);
    await coordinator.getByRole('button', { name: da('moderation.item.claim') }).click();
    await coordinator.getByText(da('moderation.item.claimed')).waitFor();
    // Only the actions that fit a pair are offered.
    expect(await coordinator.getByRole('radio', { name: da('moderation.action.hide') }).count()).toBe(0);
    await coordinator.getByRole('radio', { name: da('moderation.action.pause_mentor') }).check();
    await coordinator
      .getByLabel(da('moderation.act.reason'), { exact: true })
      .fill('Vi har ringet til Birgitte. Hun holder pause som mentor, mens hun får hjælp.');
    await expectAccessible(coordinator, 'a mentorship case with the decision form filled in');
    await coordinator.setViewportSize({ width: 360, height: 800 });
    expect(await overflowsHorizontally(coordinator), 'the case scrolls sideways at 360 px').toBe(false);
    await coordinator.screenshot({ path: `${screenshots}/mentoring-case-360.png`, fullPage: true });
    await coordinator.setViewportSize({ width: 1280, height: 900 });
    await coordinator.screenshot({ path: `${screenshots}/mentoring-case-1280.png`, fullPage: true });
    await coordinator.getByRole('button', { name: da('moderation.act.submit') }).click();
    await coordinator
      .getByText(da('moderation.act.done', { outcome: da('moderation.outcome.pause_mentor') }))
      .waitFor();

    // The mentor is paused in the mentoring module's own record.
    const paused = await api<{ profile: { status: string } }>(
      coordinator,
      'GET',
      `/mentoring/mentors/${(await api<{ user: { id: string } }>(mentor, 'GET', '/me')).json.user.id}`,
    );
    expect(paused.json.profile.status).toBe('paused');

    // Where coordinators work, the way to the reports is in their own menu, with the open count.
    await coordinator.goto('/mentoring/coordinator');
    await coordinator
      .getByRole('navigation', { name: da('mentoring.coordinator.nav') })
      .getByRole('link', { name: da('moderation.mentoring.navReports', { count: 0 }) })
      .waitFor();
    await coordinator.screenshot({ path: `${screenshots}/coordinator-dashboard-1280.png` });

    // Maria is told the outcome of her report, naming the mentorship, not a group.
    await family.goto('/notifications');
    await family
      .getByText(
        da('notification.reportResolvedUpheld', {
          group: da('moderation.mentoring.conversation'),
          action: da('moderation.outcome.pause_mentor'),
        }),
      )
      .waitFor();
    await expectAccessible(family, 'the family’s notifications');
    for (const page of [coordinator, mentor, family]) await page.close();
  });
});
