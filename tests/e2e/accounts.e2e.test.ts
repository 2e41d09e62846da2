import { translate } from '@spejl/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../server/src/modules/auth/auth.totp.ts';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { base32Decode, confirmationPath, da, enrolTotp, signUpInBrowser } from '../support/journeys.ts';
import { type Mailbox, startMailbox } from '../support/mailbox.ts';
import { signOutInBrowser } from '../support/navigation.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const screenshots = process.env.SPEJL_SCREENSHOTS ?? '/tmp/spejl-screenshots';

let server: RunningServer;
let browser: Browser;
let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([
    startServer({ seed: true, env: { SMTP_URL: mailbox.url } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  await mailbox?.close();
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
  it('signs up, confirms with the mailed link, signs out and signs in again', async () => {
    const { context, page } = await newPage();
    await signUpInBrowser(
      page,
      mailbox,
      { email: 'ny.familie@example.test', name: 'Familien Holm', password: 'vores datter er stærk' },
      async (current, step) => {
        if (step === 'form') await expect.poll(() => current.locator('html').getAttribute('lang')).toBe('da');
        if (step === 'check mail') {
          // The heading takes focus, so a screen reader starts at the news; the mail can be asked for again.
          expect(await current.evaluate(() => document.activeElement?.tagName)).toBe('H1');
          await current.getByRole('button', { name: da('auth.signUp.checkMail.resend') }).click();
          await current.getByText(da('auth.signUp.checkMail.resent')).waitFor();
          // The newest mail's link is the one that works; wait for it before the journey follows a link.
          const mails = () => mailbox.mails.filter((mail) => mail.to.includes('ny.familie@example.test'));
          await expect.poll(() => mails().length).toBe(2);
        }
        await expectAccessible(current, `/sign-up, ${step}`);
      },
    );
    await expectAccessible(page, '/ (signed in)');

    await signOutInBrowser(page);
    await page.waitForURL('**/sign-in');
    await page.getByRole('heading', { name: da('auth.signIn.title') }).waitFor();
    const me = await page.request.get('/api/me');
    expect(me.status()).toBe(401);

    await signIn(page, 'ny.familie@example.test', 'vores datter er stærk');
    await page.getByRole('heading', { name: da('home.greeting', { name: 'Familien Holm' }) }).waitFor();
    await context.close();
  });

  it('asks for the password when the link is opened in another browser, and signs in there', async () => {
    const email = `andenbrowser-${Date.now()}@example.test`;
    const password = 'min telefon er min browser';
    const { context: first, page: signup } = await newPage(360);
    await signup.goto('/sign-up');
    await signup.getByLabel(da('auth.field.email')).fill(email);
    await signup.getByLabel(da('auth.field.displayName')).fill('Anden Browser');
    await signup.getByLabel(da('auth.field.password'), { exact: true }).fill(password);
    await signup.getByLabel(da('auth.signUp.acceptTerms')).check();
    await signup
      .getByRole('main')
      .getByRole('button', { name: da('auth.signUp.submit'), exact: true })
      .click();
    await signup.getByRole('heading', { name: da('auth.signUp.checkMail.title') }).waitFor();
    expect(await overflowsHorizontally(signup), '/sign-up, check mail, scrolls sideways at 360 px').toBe(
      false,
    );
    await signup.screenshot({ path: `${screenshots}/sign-up-check-mail-360.png`, fullPage: true });
    await signup.setViewportSize({ width: 1280, height: 900 });
    await signup.screenshot({ path: `${screenshots}/sign-up-check-mail-1280.png`, fullPage: true });
    // The browser that signed up holds a session that is not usable yet.
    expect((await signup.request.get('/api/me')).status()).toBe(401);

    const { context: second, page } = await newPage(360);
    await page.goto(await confirmationPath(mailbox, email));
    const field = page.getByLabel(da('auth.field.password'), { exact: true });
    await field.waitFor();
    await page.getByText(da('auth.verify.passwordNeeded')).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('password');
    await expectAccessible(page, '/verify-email, password needed');
    expect(await overflowsHorizontally(page), '/verify-email scrolls sideways at 360 px').toBe(false);
    await page.screenshot({ path: `${screenshots}/verify-email-password-360.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${screenshots}/verify-email-password-1280.png`, fullPage: true });

    await field.fill('ikke den rigtige');
    await page.getByRole('button', { name: da('auth.verify.submit'), exact: true }).click();
    await page.getByText(da('auth.verify.passwordWrong')).first().waitFor();
    await page.screenshot({ path: `${screenshots}/verify-email-wrong-password-1280.png`, fullPage: true });
    await field.fill(password);
    await page.getByRole('button', { name: da('auth.verify.submit'), exact: true }).click();
    await page.getByRole('heading', { name: da('home.greeting', { name: 'Anden Browser' }) }).waitFor();
    // The first browser's pending session ended with the confirmation; it signs in as usual.
    expect((await signup.request.get('/api/me')).status()).toBe(401);
    await Promise.all([first.close(), second.close()]);
  });

  it('shows the same page for an address that has an account, and mails its owner instead', async () => {
    const { context, page } = await newPage();
    await page.goto('/sign-up');
    await page.getByLabel(da('auth.field.email')).fill('medlem@spejl.test');
    await page.getByLabel(da('auth.field.displayName')).fill('Nogen Andre');
    await page.getByLabel(da('auth.field.password'), { exact: true }).fill('en helt anden sætning');
    await page.getByLabel(da('auth.signUp.acceptTerms')).check();
    await page
      .getByRole('main')
      .getByRole('button', { name: da('auth.signUp.submit'), exact: true })
      .click();
    await page.getByRole('heading', { name: da('auth.signUp.checkMail.title') }).waitFor();
    const mail = await mailbox.waitFor('medlem@spejl.test');
    expect(mail.subject).toBe(da('mail.signupAttempt.subject'));
    expect(mail.text).toContain(`${server.url}/forgot-password`);
    await context.close();
  });

  it('offers the confirmation mail again to someone who signs in before confirming', async () => {
    const { context, page } = await newPage();
    const email = `ubekraeftet-${Date.now()}@example.test`;
    const answer = await page.request.post('/api/auth/signup', {
      data: { email, password: 'en lang nok sætning', displayName: 'Vent Lidt', acceptTerms: true },
      headers: { origin: server.url },
    });
    expect(answer.status()).toBe(201);
    const first = await mailbox.waitFor(email, /verify-email/);
    await signIn(page, email, 'en lang nok sætning');
    await page.getByText(da('error.auth.email_unverified')).first().waitFor();
    await expectAccessible(page, '/sign-in, not yet confirmed');
    await page.getByRole('button', { name: da('auth.signIn.resendConfirmation') }).click();
    await page.getByText(da('auth.signUp.checkMail.resent')).waitFor();
    await expect.poll(() => mailbox.mails.filter((mail) => mail.to.includes(email)).length).toBe(2);
    expect((await mailbox.waitFor(email, /verify-email/)).text).not.toBe(first.text);
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

    await signOutInBrowser(page);
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
    await page.getByRole('button', { name: da('navigation.languageMenu') }).click();
    await page.getByRole('menuitemradio', { name: da('language.en') }).click();
    await page.getByRole('heading', { name: translate('en', 'auth.signIn.title') }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: translate('en', 'auth.signIn.title') }).waitFor();
    await page.getByRole('button', { name: translate('en', 'navigation.languageMenu') }).click();
    await page.getByRole('menuitemradio', { name: translate('en', 'language.da') }).click();
    await page.getByRole('heading', { name: da('auth.signIn.title') }).waitFor();
    await context.close();
  });
});
