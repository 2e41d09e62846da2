import { type CountKey, type TextKey, translate, translateCount } from '@spejl/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Mailbox } from './mailbox.ts';

/** A Danish text from the catalogue, as the browser tests look for it. */
export const da = (key: TextKey, params?: Record<string, string | number>) => translate('da', key, params);
/** A counted text in Danish, in the form `count` takes. */
export const daCount = (key: CountKey, count: number, params?: Record<string, string | number>) =>
  translateCount('da', key, count, params);

/** The password of every demo account (db/src/seed.ts). */
export const demoPassword = 'spejl-demo-2026';

/** A fresh browser context in Danish against the server, kept in `contexts` so the test can close it. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  contexts: BrowserContext[],
  width = 1280,
): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width, height: 900 }, locale: 'da-DK' });
  contexts.push(context);
  return context.newPage();
}

/** Signs in through the form, as a person would, and waits for the greeting. */
export async function signInAs(page: Page, email: string, name: string, password = demoPassword) {
  await page.goto('/sign-in');
  await page.getByLabel(da('auth.field.email')).fill(email);
  await page.getByLabel(da('auth.field.password'), { exact: true }).fill(password);
  await page
    .getByRole('main')
    .getByRole('button', { name: da('auth.signIn.submit'), exact: true })
    .click();
  await page.getByRole('heading', { name: da('home.greeting', { name }) }).waitFor();
}

/** The path of the confirmation link in the newest mail to an address (from the test mailbox the server sends to). */
export async function confirmationPath(mailbox: Mailbox, email: string): Promise<string> {
  const mail = await mailbox.waitFor(email, /\/verify-email\?token=/);
  const link = new URL(/https?:\/\/\S+\/verify-email\?token=[a-z2-7]+/.exec(mail.text)![0]);
  return link.pathname + link.search;
}

/**
 * Creates an account through the sign-up form, as a person would: the form, the "check your mail" page, the link in
 * the mail followed in the same browser (which needs no password), and the greeting of a signed-in person.
 */
export async function signUpInBrowser(
  page: Page,
  mailbox: Mailbox,
  person: { email: string; name: string; password: string; healthConsent?: boolean },
  check: (page: Page, step: 'form' | 'check mail') => Promise<void> = async () => {},
) {
  await page.goto('/sign-up');
  await check(page, 'form');
  await page.getByLabel(da('auth.field.email')).fill(person.email);
  await page.getByLabel(da('auth.field.displayName')).fill(person.name);
  await page.getByLabel(da('auth.field.password'), { exact: true }).fill(person.password);
  await page.getByLabel(da('auth.signUp.acceptTerms')).check();
  if (person.healthConsent) await page.getByLabel(da('signup.consent.groups')).check();
  await page
    .getByRole('main')
    .getByRole('button', { name: da('auth.signUp.submit'), exact: true })
    .click();
  await page.getByRole('heading', { name: da('auth.signUp.checkMail.title') }).waitFor();
  await page.getByText(da('auth.signUp.checkMail.body', { email: person.email })).waitFor();
  await check(page, 'check mail');
  await page.goto(await confirmationPath(mailbox, person.email));
  await page.getByRole('heading', { name: da('home.greeting', { name: person.name }) }).waitFor();
}

/** Turns on TOTP on the account page, as a person would; returns the key so later sign-ins can make codes. */
export async function enrolTotp(page: Page): Promise<Uint8Array> {
  const { totpCodeAt } = await import('../../server/src/modules/auth/auth.totp.ts');
  await page.goto('/account');
  await page.getByRole('button', { name: da('account.mfa.start') }).click();
  await page.getByRole('img', { name: da('account.mfa.qrAlt') }).waitFor();
  const secret = ((await page.locator('.totp-enrol__secret code').textContent()) ?? '').trim();
  const key = base32Decode(secret);
  await page.getByLabel(da('auth.field.totp')).fill(totpCodeAt(key, new Date()));
  await page.getByRole('button', { name: da('account.mfa.confirm'), exact: true }).click();
  await page.getByText(da('account.mfa.enabled')).first().waitFor();
  return key;
}

/** RFC 4648 base32, as the TOTP secret is shown. */
export function base32Decode(value: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let buffer = 0;
  const out: number[] = [];
  for (const char of value.replace(/\s|=/g, '')) {
    buffer = (buffer << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}
