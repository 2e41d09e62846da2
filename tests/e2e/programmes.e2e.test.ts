import { utcToCopenhagenFields } from '@spejl/shared/webinars.time';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { da, enrolTotp, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

/**
 * The demo programme "De første måneder", as a new family meets it on a phone: from the home page to the programme,
 * enrolling, "Dit næste skridt", ticking off the first step and seeing the next one open; then the coordinator sees
 * the family in the matrix and confirms a step for it, and starts a cohort on a phone.
 */
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const programmeTitle = 'De første måneder';
const firstStep = 'Læs om jeres rettigheder';
const secondStep = 'Meld dig ind i Sjældne-netværket eller jeres diagnosegruppe';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ seed: true }), launchBrowser()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.dispose();
});

async function newPage(width: number): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width, height: 800 },
    locale: 'da-DK',
  });
  contexts.push(context);
  return context.newPage();
}

async function checkPage(page: Page, label: string) {
  await expectAccessible(page, label);
  expect(await overflowsHorizontally(page), `${label} scrolls sideways`).toBe(false);
}

describe('the new-family programme, in Danish', () => {
  let programmePath = '';
  /** The coordinator's tab, signed in with two-step verification, kept for the cohort journey. */
  let coordinatorPage: Page | undefined;

  it('a family at 360 px enrols from the home page, sees its next step, ticks it off and sees the next open', async () => {
    const family = await newPage(360);
    await signInAs(family, 'ny@spejl.test', 'Jonas');
    const card = family.getByRole('region', { name: programmeTitle });
    await card.getByRole('link', { name: da('programmes.home.invite') }).click();
    await family.getByRole('heading', { name: programmeTitle, level: 1 }).waitFor();
    programmePath = new URL(family.url()).pathname;
    expect(programmePath).toMatch(/^\/programmes\/[^/]+$/);
    // Before enrolling: the steps as a path that says when each opens, and that every family is welcome.
    await family.getByText(da('programmes.enrol.welcome')).waitFor();
    const steps = family.getByRole('region', { name: da('programmes.stepsTitle') });
    expect(
      await steps
        .getByRole('listitem')
        .filter({ has: family.getByRole('heading', { level: 3 }) })
        .count(),
    ).toBe(6);
    await checkPage(family, 'the programme before enrolling (360 px)');

    // The family may name its association; "Nej / ved ikke" is the answer until it does.
    const association = family.getByLabel(da('programmes.enrol.association'));
    expect(await association.inputValue()).toBe('');
    expect(await association.locator('option').count()).toBeGreaterThan(1);
    const chosen = await association.locator('option').nth(1).getAttribute('value');
    await association.selectOption(chosen ?? '');
    const sent = family.waitForRequest(
      (request) => request.method() === 'POST' && request.url().endsWith('/enrolments'),
    );
    await family.getByRole('button', { name: da('programmes.enrol.submit') }).click();
    expect((await sent).postDataJSON()).toEqual({ associationId: chosen });
    const next = family.getByRole('region', { name: da('programmes.next.title') });
    await next.getByRole('heading', { name: firstStep, level: 3 }).waitFor();
    await family.getByRole('status').getByText(da('programmes.enrol.done')).waitFor();
    // Focus lands on "Dit næste skridt", where the family reads what to do.
    await expect
      .poll(() => family.evaluate(() => document.activeElement?.textContent?.trim()))
      .toBe(da('programmes.next.title'));
    // The questionnaire before the start is offered, with 1–5 scales as radio groups.
    const questions = family.getByRole('region', { name: da('programmes.evaluation.title.before') });
    await questions.getByRole('button', { name: da('programmes.evaluation.start') }).click();
    await questions.getByRole('group', { name: da('programmes.question.knowledge') }).waitFor();
    await checkPage(family, 'the programme with the next step (360 px)');

    await next.getByRole('button', { name: da('programmes.action.read') }).click();
    await family
      .getByRole('status')
      .getByText(da('programmes.markedNext', { step: firstStep, next: secondStep }))
      .waitFor();
    await next.getByRole('heading', { name: secondStep, level: 3 }).waitFor();
    await next.getByRole('button', { name: da('programmes.action.marked_done') }).waitFor();
    await next
      .getByRole('link', { name: da('programmes.links.group', { group: 'Sjældne-netværket' }) })
      .waitFor();
    const done = steps
      .getByRole('listitem')
      .filter({ has: family.getByRole('heading', { name: firstStep }) });
    await done.getByText(da('programmes.state.done'), { exact: true }).waitFor();
    const opened = steps
      .getByRole('listitem')
      .filter({ has: family.getByRole('heading', { name: secondStep }) });
    await opened.getByText(da('programmes.state.open'), { exact: true }).waitFor();
    await checkPage(family, 'the programme after the first step (360 px)');

    // The home page now shows the next step.
    await family.goto('/');
    await family
      .getByRole('region', { name: programmeTitle })
      .getByText(da('programmes.home.next', { step: secondStep }))
      .waitFor();
  });

  it('the coordinator, with two-step verification, sees the family in the matrix and confirms a step', async () => {
    const coordinator = await newPage(1280);
    coordinatorPage = coordinator;
    await signInAs(coordinator, 'koordinator@spejl.test', 'Karen');
    await enrolTotp(coordinator);
    await coordinator.goto(programmePath);
    await coordinator.getByRole('link', { name: da('programmes.coordinator.link') }).click();
    await coordinator
      .getByRole('heading', {
        name: da('programmes.coordinator.title', { programme: programmeTitle }),
        level: 1,
      })
      .waitFor();
    const table = coordinator.getByRole('table', { name: da('programmes.matrix.caption') });
    const row = table.getByRole('row').filter({ has: coordinator.getByRole('rowheader', { name: /Jonas/ }) });
    await row.getByRole('cell').first().getByText(da('programmes.state.done')).waitFor();
    await checkPage(coordinator, 'the coordinator view (1280 px)');

    await row
      .getByRole('button', {
        name: da('programmes.matrix.confirmFor', { step: 'Mød din mentor', family: 'Jonas' }),
      })
      .click();
    await coordinator
      .getByRole('status')
      .getByText(da('programmes.matrix.confirmed', { step: 'Mød din mentor', family: 'Jonas' }))
      .waitFor();
    await expect(
      row
        .getByRole('button', {
          name: da('programmes.matrix.confirmFor', { step: 'Mød din mentor', family: 'Jonas' }),
        })
        .count(),
    ).resolves.toBe(0);

    // On a phone the table scrolls inside its own box; the page itself does not.
    await coordinator.setViewportSize({ width: 360, height: 800 });
    await checkPage(coordinator, 'the coordinator view (360 px)');
  });

  it('the coordinator at 360 px starts a cohort, sees it listed and can show its families in the matrix', async () => {
    const coordinator = coordinatorPage;
    if (!coordinator) throw new Error('the coordinator journey above did not run');
    await coordinator.setViewportSize({ width: 360, height: 800 });
    await coordinator.goto(`${programmePath}/coordinator`);
    const cohorts = coordinator.getByRole('region', { name: da('programmes.cohorts.title'), exact: true });
    const name = 'Forårsholdet 2027';
    // A month from now in Danish time; the form refuses days that have passed.
    const startsOn = utcToCopenhagenFields(new Date(Date.now() + 30 * 24 * 60 * 60 * 1000)).date;
    await cohorts.getByLabel(da('programmes.cohorts.name')).fill(name);
    await cohorts.getByLabel(da('programmes.cohorts.startsOn')).fill(startsOn);
    const sent = coordinator.waitForRequest(
      (request) => request.method() === 'POST' && request.url().endsWith('/cohorts'),
    );
    await cohorts.getByRole('button', { name: da('programmes.cohorts.submit') }).click();
    expect((await sent).postDataJSON()).toEqual({ name, startsOn });
    await cohorts.getByRole('status').getByText(name, { exact: false }).waitFor();
    await cohorts.getByRole('listitem').filter({ hasText: name }).waitFor();
    await checkPage(coordinator, 'the coordinator view with a new cohort (360 px)');

    const matrix = coordinator.getByRole('region', { name: da('programmes.matrix.title') });
    const filter = matrix.getByLabel(da('programmes.matrix.cohort'), { exact: true });
    await filter.selectOption({ label: name });
    await matrix.getByRole('button', { name: da('programmes.matrix.show') }).click();
    await coordinator.waitForURL(/[?&]cohortId=/);
    await matrix.getByText(da('programmes.matrix.none')).waitFor();
    expect(await filter.inputValue()).not.toBe('');
  });
});
