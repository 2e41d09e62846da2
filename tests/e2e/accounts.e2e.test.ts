import { translate } from '@spejl/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../server/src/modules/auth/auth.totp.ts';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { base32Decode, da, enrolTotp } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ seed: true }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

async function newPage(width = 1280): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width, height: 900 },
    locale: 'da-DK',
  });
  return { context, page: await context.newPage() };
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel(da('auth.field.email')).fill(email);
  await page.getByLabel(da('auth.field.password'), { exact: true }).fill(password);
  await page
    .getByRole('main')
    .getByRole('button', { name: da('auth.signIn.submit'), exact: true })
    .click();
}

describe('accounts in the browser, in Danish', () => {
  it('signs up, signs out and signs in again', async () => {
    const { context, page } = await newPage();
    await page.goto('/sign-up');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('da');
    await expectAccessible(page, '/sign-up');
    await page.getByLabel(da('auth.field.email')).fill('ny.familie@example.test');
    await page.getByLabel(da('auth.field.displayName')).fill('Familien Holm');
    await page.getByLabel(da('auth.field.password'), { exact: true }).fill('vores datter er stærk');
    await page.getByLabel(da('auth.signUp.acceptTerms')).check();
    await page
      .getByRole('main')
      .getByRole('button', { name: da('auth.signUp.submit'), exact: true })
      .click();
    await page.getByRole('heading', { name: da('home.greeting', { name: 'Familien Holm' }) }).waitFor();
    await expectAccessible(page, '/ (signed in)');

    await page.getByRole('button', { name: da('nav.signOut'), exact: true }).click();
    await page.waitForURL('**/sign-in');
    await page.getByRole('heading', { name: da('auth.signIn.title') }).waitFor();
    const me = await page.request.get('/api/me');
    expect(me.status()).toBe(401);

    await signIn(page, 'ny.familie@example.test', 'vores datter er stærk');
    await page.getByRole('heading', { name: da('home.greeting', { name: 'Familien Holm' }) }).waitFor();
    await context.close();
  });

  it('shows a translated error for a wrong password and keeps the form', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'medlem@spejl.test', 'helt forkert kodeord');
    await page.getByText(da('error.auth.invalid_credentials')).first().waitFor();
    expect(await page.getByLabel(da('auth.field.email')).inputValue()).toBe('medlem@spejl.test');
    await expectAccessible(page, '/sign-in with an error');
    await context.close();
  });

  it('enrols TOTP on the account page, then needs the code to sign in', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'koordinator@spejl.test', 'spejl-demo-2026');
    await page.getByRole('heading', { name: da('home.greeting', { name: 'Karen' }) }).waitFor();
    await page.goto('/account');
    await page.getByRole('heading', { name: da('account.title'), level: 1 }).waitFor();
    await page.getByText(da('account.session.current')).first().waitFor();
    await expectAccessible(page, '/account');

    await page.getByRole('button', { name: da('account.mfa.start') }).click();
    await page.getByRole('img', { name: da('account.mfa.qrAlt') }).waitFor();
    const secretText = (await page.locator('.totp-enrol__secret code').textContent()) ?? '';
    const key = base32Decode(secretText.trim());
    await page.getByLabel(da('auth.field.totp')).fill(totpCodeAt(key, new Date()));
    await page.getByRole('button', { name: da('account.mfa.confirm'), exact: true }).click();
    await page.getByText(da('account.mfa.enabled')).first().waitFor();
    await expectAccessible(page, '/account with TOTP on');

    await page.getByRole('button', { name: da('nav.signOut'), exact: true }).click();
    await page.waitForURL('**/sign-in');
    await signIn(page, 'koordinator@spejl.test', 'spejl-demo-2026');
    const codeField = page.getByLabel(da('auth.field.totp'));
    await codeField.waitFor();
    await expectAccessible(page, '/sign-in TOTP step');
    // Wait for the next time step so the code differs from the one used to confirm (replays are refused).
    const step = () => Math.floor(Date.now() / 30_000);
    const used = step();
    while (step() === used) await page.waitForTimeout(500);
    await codeField.fill(totpCodeAt(key, new Date()));
    await page
      .getByRole('main')
      .getByRole('button', { name: da('auth.signIn.submit'), exact: true })
      .click();
    await page.getByRole('heading', { name: da('home.greeting', { name: 'Karen' }) }).waitFor();
    await context.close();
  });

  it('lets an admin read the development outbox, where the verification mail is', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'admin@spejl.test', 'spejl-demo-2026');
    await page.getByRole('heading', { name: da('home.greeting', { name: 'Astrid' }) }).waitFor();
    // The outbox holds live reset links: even in development, only an administrator with TOTP may read it.
    await enrolTotp(page);
    await page.goto('/dev/outbox');
    await page.getByRole('heading', { name: da('outbox.title') }).waitFor();
    await page.getByText(da('mail.verify.subject')).first().waitFor();
    await expectAccessible(page, '/dev/outbox');
    await context.close();
  });

  it('passes axe on every signed-out page and fits a 360 px screen', async () => {
    const { context, page } = await newPage(360);
    for (const path of [
      '/',
      '/sign-in',
      '/sign-up',
      '/forgot-password',
      '/reset-password?token=abcdefghijklmnopqrst',
      '/verify-email?token=abcdefghijklmnopqrst',
      '/no-such-page',
    ]) {
      await page.goto(path);
      await page.locator('h1').first().waitFor();
      await expectAccessible(page, `${path} at 360 px`);
      expect(await overflowsHorizontally(page), `${path} scrolls sideways at 360 px`).toBe(false);
    }
    await page.goto('/sign-up');
    await page.getByRole('button', { name: da('nav.menu') }).click();
    await page
      .getByRole('link', { name: da('nav.signIn') })
      .first()
      .waitFor();
    await context.close();
  });

  it('switches to English and back', async () => {
    const { context, page } = await newPage();
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: da('auth.signIn.title') }).waitFor();
    await page.getByRole('button', { name: da('language.en') }).click();
    await page.getByRole('heading', { name: translate('en', 'auth.signIn.title') }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: translate('en', 'auth.signIn.title') }).waitFor();
    await page.getByRole('button', { name: translate('en', 'language.da') }).click();
    await page.getByRole('heading', { name: da('auth.signIn.title') }).waitFor();
    await context.close();
  });
});
