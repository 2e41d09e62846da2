import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { da, enrolTotp, openPage, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

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

/** Opens one of the person page's actions, fills the reason and confirms. */
async function act(page: Page, open: Parameters<typeof da>[0], reason: string) {
  await page.getByRole('button', { name: da(open), exact: true }).click();
  await page.getByLabel(da('adminPeople.reason'), { exact: true }).fill(reason);
  await page.getByRole('button', { name: da('adminPeople.confirm'), exact: true }).click();
}

describe('people in the administration', () => {
  it('finds a person, makes them coordinator, locks them out with a reason and unlocks them', async () => {
    const admin = await openPage(browser, server.url, contexts);
    await signInAs(admin, 'admin@spejl.test', 'Astrid');
    await enrolTotp(admin);
    const jonas = await openPage(browser, server.url, contexts, 360);
    await signInAs(jonas, 'ny@spejl.test', 'Jonas');

    await admin.goto('/admin/people');
    await admin.getByRole('heading', { level: 1, name: da('adminPeople.title') }).waitFor();
    await admin.getByLabel(da('adminPeople.search.label')).fill('JONAS');
    await admin.getByRole('button', { name: da('adminPeople.search.submit') }).click();
    const results = admin.getByRole('list', { name: da('adminPeople.search.resultsLabel') });
    await expect.poll(() => results.getByRole('link').count()).toBe(1);
    await results.getByText('ny@spejl.test').waitFor();
    for (const width of [1280, 360]) {
      await admin.setViewportSize({ width, height: 900 });
      expect(await overflowsHorizontally(admin), `search at ${width}`).toBe(false);
      await expectAccessible(admin, `the people search at ${width} px`);
    }
    await admin.setViewportSize({ width: 1280, height: 900 });

    await results.getByRole('link', { name: 'Jonas' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Jonas' }).waitFor();

    await admin.getByRole('button', { name: da('adminPeople.roleChange.open'), exact: true }).click();
    await admin
      .getByLabel(da('adminPeople.roleChange.field'))
      .selectOption({ label: da('role.coordinator') });
    await admin.getByLabel(da('adminPeople.reasonOptional')).fill('Ny koordinator for mentorer');
    await admin.getByRole('button', { name: da('adminPeople.confirm'), exact: true }).click();
    await admin
      .getByText(da('adminPeople.roleChange.done', { name: 'Jonas', role: da('role.coordinator') }))
      .waitFor();

    await admin.getByRole('button', { name: da('adminPeople.lock.open'), exact: true }).click();
    await admin.getByText(da('adminPeople.lock.confirm', { name: 'Jonas' })).waitFor();
    for (const width of [1280, 360]) {
      await admin.setViewportSize({ width, height: 900 });
      expect(await overflowsHorizontally(admin), `person at ${width}`).toBe(false);
      await expectAccessible(admin, `a person's page with the lock form open at ${width} px`);
    }
    await admin.getByLabel(da('adminPeople.reason'), { exact: true }).fill('Spam i flere grupper');
    await admin.getByRole('button', { name: da('adminPeople.confirm'), exact: true }).click();
    await admin.getByText(da('adminPeople.lock.done', { name: 'Jonas' })).waitFor();
    await admin.getByText(da('adminPeople.status.locked'), { exact: true }).waitFor();

    // Jonas's next page load finds him signed out, and signing in is refused with the reason why.
    await jonas.goto('/account');
    await expect.poll(() => new URL(jonas.url()).pathname).toBe('/sign-in');
    await jonas.goto('/sign-in');
    await jonas.getByLabel(da('auth.field.email')).fill('ny@spejl.test');
    await jonas.getByLabel(da('auth.field.password'), { exact: true }).fill('spejl-demo-2026');
    await jonas
      .getByRole('main')
      .getByRole('button', { name: da('auth.signIn.submit'), exact: true })
      .click();
    await jonas.getByText(da('error.auth.account_locked')).first().waitFor();

    await act(admin, 'adminPeople.unlock.open', 'Afklaret med Jonas');
    await admin.getByText(da('adminPeople.unlock.done')).waitFor();
    await signInAs(jonas, 'ny@spejl.test', 'Jonas');
  });
});
