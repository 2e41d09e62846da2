import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../server/src/modules/auth/auth.totp.ts';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { base32Decode, da, daCount, demoPassword, openPage, signInAs } from '../support/journeys.ts';
import { type Mailbox, startMailbox } from '../support/mailbox.ts';
import { signOutInBrowser } from '../support/navigation.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const moderator = { email: 'moderator@spejl.test', name: 'Mads' };

let server: RunningServer;
let browser: Browser;
let mailbox: Mailbox;
const contexts: BrowserContext[] = [];
/** A session of the moderator that signed in with the password alone, before two-step verification was on. */
let older: Page;
let key: Uint8Array;
let lastStep = 0;

beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([
    startServer({ seed: true, env: { SMTP_URL: mailbox.url } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.dispose();
  await mailbox?.close();
});

/** Saves a picture of the page when SPEJL_SCREENSHOTS names a folder (for reading the texts by eye). */
async function picture(page: Page, name: string, part = 'main') {
  const folder = process.env.SPEJL_SCREENSHOTS;
  if (folder)
    await page
      .locator(part)
      .first()
      .screenshot({ path: `${folder}/recovery-${name}.png` });
}

/** Checks a view with axe at the page's width and at 360 px, and that it does not scroll sideways there. */
async function checkBothWidths(page: Page, label: string, part = 'main') {
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  await expectAccessible(page, `${label} at ${size.width} px`);
  await page.setViewportSize({ width: 360, height: 800 });
  await expectAccessible(page, `${label} at 360 px`);
  expect(await overflowsHorizontally(page), `${label} scrolls sideways at 360 px`).toBe(false);
  await picture(page, label.replaceAll(/[^a-z0-9]+/gi, '-'), part);
  await page.setViewportSize(size);
}

/** A code from the app for a time step after the last one used (the server refuses a step twice). */
async function freshTotp(page: Page): Promise<string> {
  const step = () => Math.floor(Date.now() / 30_000);
  while (step() <= lastStep) await page.waitForTimeout(500);
  lastStep = step();
  return totpCodeAt(key, new Date());
}

async function readCodes(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: da('recovery.show.listLabel') });
  await list.waitFor();
  return (await list.locator('code').allTextContents()).map((code) => code.trim());
}

describe('a way back in, in Danish', () => {
  it('a moderator turns on two-step verification, saves the recovery codes, makes new ones and signs in with one', async () => {
    older = await openPage(browser, server.url, contexts, 360);
    await signInAs(older, moderator.email, moderator.name);

    const page = await openPage(browser, server.url, contexts);
    await signInAs(page, moderator.email, moderator.name);
    await page.goto('/account');
    await page.getByRole('button', { name: da('account.mfa.start') }).click();
    await page.getByRole('img', { name: da('account.mfa.qrAlt') }).waitFor();
    key = base32Decode(((await page.locator('.totp-enrol__secret code').textContent()) ?? '').trim());
    await page.getByLabel(da('auth.field.totp')).fill(await freshTotp(page));
    await page.getByRole('button', { name: da('account.mfa.confirm'), exact: true }).click();

    // The ten codes, shown once, with the heading in focus so they are read first.
    await page.getByRole('heading', { name: da('recovery.show.title') }).waitFor();
    const first = await readCodes(page);
    expect(first).toHaveLength(10);
    for (const code of first) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('recovery-codes-heading');
    await page.getByRole('button', { name: da('recovery.show.download') }).waitFor();
    await checkBothWidths(page, 'codes shown once', 'section[aria-labelledby="mfa-heading"]');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: da('recovery.show.download') }).click();
    expect((await download).suggestedFilename()).toBe(da('recovery.show.fileName'));
    await page.getByRole('button', { name: da('recovery.show.confirm') }).click();
    await page.getByText(daCount('recovery.remaining', 10)).waitFor();
    expect(await page.getByText(first[0]!).count()).toBe(0);

    // New codes after the password: the old ones stop working.
    const recovery = page.getByRole('group', { name: da('recovery.title') });
    await recovery.getByRole('button', { name: da('recovery.new.open') }).click();
    await recovery.getByLabel(da('recovery.new.password')).fill('forkert forkert');
    await page.getByRole('button', { name: da('recovery.new.submit') }).click();
    await page.getByRole('alert').getByText(da('recovery.new.passwordWrong')).first().waitFor();
    await checkBothWidths(page, 'new codes, wrong password', 'section[aria-labelledby="mfa-heading"]');
    await recovery.getByLabel(da('recovery.new.password')).fill(demoPassword);
    await page.getByRole('button', { name: da('recovery.new.submit') }).click();
    await page.getByRole('heading', { name: da('recovery.show.title') }).waitFor();
    const codes = await readCodes(page);
    expect(codes.some((code) => first.includes(code))).toBe(false);
    await page.getByRole('button', { name: da('recovery.show.confirm') }).click();
    await page.getByText(daCount('recovery.remaining', 10)).waitFor();

    // Signed out, the phone "lost": the sign-in's code step takes a recovery code instead.
    await signOutInBrowser(page);
    await page.waitForURL('**/sign-in');
    await page.goto('/sign-in?redirectTo=/moderation');
    await page.getByLabel(da('auth.field.email')).fill(moderator.email);
    await page.getByLabel(da('auth.field.password'), { exact: true }).fill(demoPassword);
    const submit = page
      .getByRole('main')
      .getByRole('button', { name: da('auth.signIn.submit'), exact: true });
    await submit.click();
    await page.getByLabel(da('auth.field.totp')).waitFor();
    await page.getByRole('button', { name: da('recovery.signIn.useCode') }).click();
    const codeField = page.getByLabel(da('recovery.field.code'));
    await codeField.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('totp');
    await codeField.fill(first[0]!);
    await submit.click();
    await page.getByRole('alert').getByText(da('error.auth.recovery_code_invalid')).first().waitFor();
    await checkBothWidths(page, 'sign-in with a used recovery code');
    // Typed as read aloud from paper: capitals and no dash.
    await codeField.fill(codes[0]!.replace('-', '').toUpperCase());
    await submit.click();
    await page.getByRole('heading', { name: da('recovery.used.title') }).waitFor();
    await page.getByText(daCount('recovery.used.left', 9)).waitFor();
    await checkBothWidths(page, 'signed in with a recovery code');
    const mail = await mailbox.waitFor(moderator.email, /reservekoder/);
    expect(mail.subject).toBe(da('mail.recoveryCodeUsed.subject'));
    expect(mail.text).toContain(
      daCount('mail.recoveryCodeUsed.body', 9, {
        accountUrl: `${server.url}/account`,
        resetUrl: `${server.url}/forgot-password`,
      }).split('\n')[0],
    );

    // The code proved the second factor for this sign-in: the moderation pages open.
    await page.getByRole('link', { name: da('recovery.used.continue') }).click();
    await page.getByRole('heading', { name: da('moderation.overview.title'), level: 1 }).waitFor();
    await page.getByText(da('moderation.overview.intro')).waitFor();
    await page.goto('/account');
    await page.getByText(daCount('recovery.remaining', 9)).waitFor();
    await page.setViewportSize({ width: 360, height: 800 });
    await picture(page, 'account-after', 'section[aria-labelledby="mfa-heading"]');
  });

  it('a sign-in without the code meets the step to confirm it, then continues to the moderation page (360 px)', async () => {
    await older.goto('/moderation');
    await older.waitForURL('**/confirm-code?redirectTo=/moderation');
    await older.getByRole('heading', { name: da('stepUp.title'), level: 1 }).waitFor();
    const field = older.getByLabel(da('auth.field.totp'));
    await field.waitFor();
    await expectAccessible(older, '/confirm-code at 360 px');
    expect(await overflowsHorizontally(older)).toBe(false);
    await picture(older, 'step-up');
    await field.fill('000000' === totpCodeAt(key, new Date()) ? '111111' : '000000');
    await older.getByRole('button', { name: da('stepUp.submit') }).click();
    await older.getByRole('alert').getByText(da('error.auth.mfa_invalid')).first().waitFor();
    await expectAccessible(older, '/confirm-code with a wrong code at 360 px');
    await field.fill(await freshTotp(older));
    await older.getByRole('button', { name: da('stepUp.submit') }).click();
    await older.waitForURL('**/moderation');
    await older.getByRole('heading', { name: da('moderation.overview.title'), level: 1 }).waitFor();
    await older.getByText(da('moderation.overview.intro')).waitFor();
    await expectAccessible(older, '/moderation after confirming the code at 360 px');
  });
});
