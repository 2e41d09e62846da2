import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser } from '../support/browser.ts';
import { da, openPage, signUpInBrowser } from '../support/journeys.ts';
import { type Mailbox, startMailbox } from '../support/mailbox.ts';
import { type RunningServer, startServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const email = `privat-${Date.now()}@example.test`;
const password = 'lang og hemmelig sætning';
const name = 'Privat Pernille';
let page: Page;
let mailbox: Mailbox;

beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([
    startServer({ seed: true, env: { SMTP_URL: mailbox.url } }),
    launchBrowser(),
  ]);
  page = await openPage(browser, server.url, contexts);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.dispose();
  await mailbox?.close();
});

describe('privacy in the browser, in Danish', () => {
  it('asks for consent to health data when a new member first asks to join, then sends the request', async () => {
    await signUpInBrowser(page, mailbox, { email, name, password }, async (current, step) => {
      // The health-data consent is separate and not ticked for them.
      if (step === 'form')
        expect(await current.getByLabel(da('signup.consent.groups')).isChecked()).toBe(false);
    });

    await page.goto('/groups/gaucher');
    await page.getByRole('button', { name: da('group.join.submit') }).click();
    await page.getByRole('heading', { name: da('join.consent.heading') }).waitFor();
    await expectAccessible(page, 'the consent question when joining');
    await page.getByRole('button', { name: da('join.consent.accept') }).click();
    await page.getByText(da('group.join.sent')).waitFor();
  });

  it('shows consents and their history, and withdrawing the groups consent withdraws the request', async () => {
    await page.goto('/account');
    await page.getByRole('heading', { name: da('privacy.consents'), exact: true }).waitFor();
    await expectAccessible(page, 'the account page with data and consents');
    const groups = page.locator('.consent').filter({ hasText: da('privacy.consent.health_data_groups') });
    await groups.getByRole('button', { name: da('privacy.consent.withdraw') }).click();
    await groups
      .getByRole('group')
      .getByRole('button', { name: da('privacy.consent.withdraw') })
      .click();
    await page.getByText(da('privacy.consent.saved')).waitFor();
    await groups.getByRole('button', { name: da('privacy.consent.give') }).waitFor();
    await page.goto('/groups/gaucher');
    await page.getByRole('button', { name: da('group.join.submit') }).waitFor();
  });

  it('downloads everything as one JSON file', async () => {
    await page.goto('/account');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: da('privacy.export.download') }).click(),
    ]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const archive = JSON.parse(await readFile(path, 'utf8'));
    expect(archive.account.profile).toMatchObject({ email, displayName: name });
    expect(archive.groups.joinRequests).toContainEqual(expect.objectContaining({ status: 'withdrawn' }));
  });

  it('deletes the account after the password, and the person cannot sign in again', async () => {
    await page.goto('/account');
    await page.getByLabel(da('privacy.delete.delete')).check();
    await page.getByLabel(da('privacy.delete.password')).fill(password);
    await page.getByRole('button', { name: da('privacy.delete.submit') }).click();
    // The confirmation box is required.
    await page.getByText(da('privacy.delete.confirmRequired')).first().waitFor();
    await page.getByLabel(da('privacy.delete.confirm')).check();
    await page.getByRole('button', { name: da('privacy.delete.submit') }).click();
    await page.getByText(da('privacy.delete.done')).waitFor();
    const other = await openPage(browser, server.url, contexts);
    await other.goto('/sign-in');
    await other.getByLabel(da('auth.field.email')).fill(email);
    await other.getByLabel(da('auth.field.password'), { exact: true }).fill(password);
    await other
      .getByRole('main')
      .getByRole('button', { name: da('auth.signIn.submit'), exact: true })
      .click();
    await other.getByText(da('error.auth.invalid_credentials')).first().waitFor();
  });
});
