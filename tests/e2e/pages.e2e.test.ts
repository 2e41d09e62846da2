import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { da, demoPassword, enrolTotp, openPage, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let admin: Page;
let member: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ seed: true }), launchBrowser()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.dispose();
});

const footerLink = (page: Page, key: 'pages.footer.help' | 'pages.footer.terms' | 'pages.footer.privacy') =>
  page.getByRole('contentinfo').getByRole('link', { name: da(key), exact: true });

/** Publishes a new version of a page through the admin's form, as an admin would. */
async function publish(
  page: Page,
  slug: string,
  text: { body: string; reason: string; requiresConsent?: boolean },
) {
  await page.goto(`/admin/pages/${slug}`);
  const body = page.getByLabel(da('pages.admin.field.body'));
  await body.waitFor();
  await body.fill(text.body);
  await page.getByLabel(da('pages.admin.field.reason')).fill(text.reason);
  if (text.requiresConsent) await page.getByLabel(da('pages.admin.field.requiresConsent')).check();
  await page.getByRole('button', { name: da('pages.admin.publish') }).click();
}

describe('the terms, the privacy policy and the help, in Danish', () => {
  it('lets a signed-out visitor open each page from the footer, at desktop and phone width', async () => {
    for (const width of [1280, 360]) {
      const page = await openPage(browser, server.url, contexts, width);
      await page.goto('/');
      await footerLink(page, 'pages.footer.help').click();
      await page.getByRole('heading', { level: 1, name: 'Hjælp' }).waitFor();
      const contents = page.getByRole('navigation', { name: da('pages.contents') });
      await contents.getByRole('link', { name: 'Anmeld en besked' }).click();
      await expect.poll(() => page.url()).toContain('#anmeld-en-besked');
      expect(await overflowsHorizontally(page), `help at ${width}`).toBe(false);
      await expectAccessible(page, `the help page at ${width} px`);
      if (width === 360) await page.screenshot({ path: '/tmp/pages-help-360.png', fullPage: true });

      await footerLink(page, 'pages.footer.terms').click();
      await page.getByRole('heading', { level: 1, name: 'Vilkår for at bruge Spejl' }).waitFor();
      await page.getByText('ring 112').first().waitFor();
      expect(await overflowsHorizontally(page), `terms at ${width}`).toBe(false);
      await expectAccessible(page, `the terms at ${width} px`);

      await footerLink(page, 'pages.footer.privacy').click();
      await page.getByRole('heading', { level: 1, name: 'Privatlivspolitik' }).waitFor();
      await page.getByRole('heading', { name: 'Dine rettigheder' }).waitFor();
      expect(await overflowsHorizontally(page), `privacy at ${width}`).toBe(false);
      await expectAccessible(page, `the privacy policy at ${width} px`);
      if (width === 360) await page.screenshot({ path: '/tmp/pages-privacy-360.png', fullPage: true });
    }
  });

  it('links the sign-up form to the terms and the privacy policy', async () => {
    const page = await openPage(browser, server.url, contexts, 360);
    await page.goto('/sign-up');
    const form = page.getByRole('main').locator('form');
    await expect
      .poll(() => form.getByRole('link', { name: da('pages.signup.terms') }).getAttribute('href'), {
        timeout: 15_000,
      })
      .toBe('/terms');
    expect(await form.getByRole('link', { name: da('pages.signup.privacy') }).getAttribute('href')).toBe(
      '/privacy',
    );
    expect(await overflowsHorizontally(page)).toBe(false);
    await expectAccessible(page, 'the sign-up form with its links');
  });

  it('lets an admin change the help, and a member reads the new text', async () => {
    admin = await openPage(browser, server.url, contexts);
    await signInAs(admin, 'admin@spejl.test', 'Astrid');
    await enrolTotp(admin);
    await publish(admin, 'help', {
      body: '## Ring til foreningen\n\nVores telefon er åben tirsdag kl. 10-12.',
      reason: 'Telefontid tilføjet',
    });
    await admin.getByText(da('pages.admin.published', { version: 2 })).waitFor();
    await admin.getByText('Telefontid tilføjet').waitFor();
    await expectAccessible(admin, 'the admin’s page editor');
    await admin.setViewportSize({ width: 360, height: 900 });
    expect(await overflowsHorizontally(admin)).toBe(false);
    await expectAccessible(admin, 'the admin’s page editor at 360 px');
    await admin.screenshot({ path: '/tmp/pages-editor-360.png' });
    await admin.setViewportSize({ width: 1280, height: 900 });

    member = await openPage(browser, server.url, contexts);
    await signInAs(member, 'medlem@spejl.test', 'Sofie (mor til Ida)');
    await footerLink(member, 'pages.footer.help').click();
    await member.getByText('Vores telefon er åben tirsdag kl. 10-12.').waitFor();
    await member.getByText(da('pages.updated', { version: 2 }).split(',')[0]!).waitFor();
  });

  it('asks a member to accept a new version of the terms before going on', async () => {
    await publish(admin, 'terms', {
      body: '## Billeder\n\nDel kun billeder af dine egne børn.',
      reason: 'Ny husregel om billeder af børn',
      requiresConsent: true,
    });
    await admin.getByText(da('pages.admin.published', { version: 2 })).waitFor();

    const phone = await openPage(browser, server.url, contexts, 360);
    // Signing in leads to the question first, not to the home page.
    await phone.goto('/sign-in');
    await phone.getByLabel(da('auth.field.email')).fill('ny@spejl.test');
    await phone.getByLabel(da('auth.field.password'), { exact: true }).fill(demoPassword);
    await phone
      .getByRole('main')
      .getByRole('button', { name: da('auth.signIn.submit'), exact: true })
      .click();
    await phone.getByRole('heading', { level: 1, name: da('pages.reconsent.title') }).waitFor();
    expect(await overflowsHorizontally(phone)).toBe(false);
    await expectAccessible(phone, 'the new terms question at 360 px');
    await phone.screenshot({ path: '/tmp/pages-consent-360.png', fullPage: true });

    await member.goto('/groups');
    await member.getByRole('heading', { level: 1, name: da('pages.reconsent.title') }).waitFor();
    await member.getByText('Ny husregel om billeder af børn').waitFor();
    await expectAccessible(member, 'the new terms question');
    await member.getByRole('button', { name: da('pages.reconsent.decline') }).click();
    await member.getByRole('heading', { name: da('pages.reconsent.declineTitle') }).waitFor();
    await member.getByRole('button', { name: da('pages.reconsent.accept') }).click();
    await expect.poll(() => new URL(member.url()).pathname).toBe('/groups');
    // Accepted once: the next visit goes straight on.
    await member.reload();
    await member.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await member.getByRole('heading', { level: 1, name: da('pages.reconsent.title') }).count()).toBe(
      0,
    );
    expect(new URL(member.url()).pathname).toBe('/groups');
  });
});
