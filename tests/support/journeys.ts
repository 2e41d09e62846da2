import { type MessageKey, translate } from '@spejl/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** A Danish text from the catalogue, as the browser tests look for it. */
export const da = (key: MessageKey, params?: Record<string, string | number>) => translate('da', key, params);

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
