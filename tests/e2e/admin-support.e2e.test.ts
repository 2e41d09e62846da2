import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFitsBothWidths, launchBrowser } from '../support/browser.ts';
import { da, enrolTotp, openPage, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let admin: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ seed: true }), launchBrowser()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.dispose();
});

const helpline = {
  name: 'Sjældne Diagnosers rådgivning',
  phone: '33 14 00 10',
  url: 'https://www.sjaeldnediagnoser.dk',
  description: 'Rådgivning til familier med en sjælden diagnose.',
};
const reason = 'Familierne skal kunne ringe til Sjældne Diagnoser';

describe('the platform helplines in the administration', () => {
  it('tells a member they have no access', async () => {
    const member = await openPage(browser, server.url, contexts);
    await signInAs(member, 'ny@spejl.test', 'Jonas');
    await member.goto('/admin/support');
    await member.getByText(da('error.auth.forbidden')).waitFor();
    expect(await member.getByRole('heading', { name: da('adminSupport.title') }).count()).toBe(0);
  });

  it('lets an admin add a helpline, put it first among the others and save it with a reason', async () => {
    admin = await openPage(browser, server.url, contexts);
    await signInAs(admin, 'admin@spejl.test', 'Astrid');
    await enrolTotp(admin);

    await admin.goto('/admin');
    await admin.getByRole('link', { name: da('adminAssociations.overview.support') }).click();
    await admin.getByRole('heading', { level: 1, name: da('adminSupport.title') }).waitFor();
    await admin.getByText(da('adminSupport.status.builtIn')).waitFor();
    await expectFitsBothWidths(admin, 'the helplines');

    await admin.getByRole('button', { name: da('moderation.resources.add') }).click();
    // The new, fifth entry has focus; the built-in list has four.
    const name = admin.getByLabel(da('moderation.resources.name'), { exact: true }).nth(4);
    await expect.poll(() => name.evaluate((element) => element === document.activeElement)).toBe(true);
    await name.fill(helpline.name);
    const phone = admin.getByLabel(da('moderation.resources.phone'), { exact: true }).nth(4);
    await phone.fill('ring os');
    await admin.getByRole('button', { name: da('adminSupport.save') }).click();
    await admin.getByText(da('adminSupport.error.phone')).first().waitFor();
    await expectFitsBothWidths(admin, 'the helplines with an error');

    await phone.fill(helpline.phone);
    await admin.getByLabel(da('moderation.resources.url'), { exact: true }).nth(4).fill(helpline.url);
    await admin
      .getByLabel(da('moderation.resources.description'), { exact: true })
      .nth(4)
      .fill(helpline.description);
    // Four moves up, the last three from the keyboard: focus stays with the moved entry.
    await admin.getByRole('button', { name: da('adminSupport.moveUp', { number: 5 }) }).click();
    const hasFocus = (button: ReturnType<Page['getByRole']>) =>
      button.evaluate((element) => element === document.activeElement);
    for (const number of [4, 3, 2]) {
      const button = admin.getByRole('button', { name: da('adminSupport.moveUp', { number }) });
      await expect.poll(() => hasFocus(button)).toBe(true);
      await admin.keyboard.press('Enter');
    }
    await admin.getByText(da('adminSupport.moved', { from: 2, to: 1 })).waitFor({ state: 'attached' });
    // At the top there is no "up": focus is on its "down".
    await expect
      .poll(() => hasFocus(admin.getByRole('button', { name: da('adminSupport.moveDown', { number: 1 }) })))
      .toBe(true);
    expect(
      await admin.getByLabel(da('moderation.resources.name'), { exact: true }).first().inputValue(),
    ).toBe(helpline.name);

    await admin.getByLabel(da('adminSupport.field.reason'), { exact: true }).fill(reason);
    await admin.getByRole('button', { name: da('adminSupport.save') }).click();
    await admin.getByText(da('adminSupport.saved')).waitFor();
    const customised = da('adminSupport.status.customised', { name: '|', date: '|' }).split('|')[0]!;
    await admin.getByText(customised, { exact: false }).waitFor();
    // The preview shows the list as members will see it, the new helpline first.
    const preview = admin.getByRole('region', { name: da('adminSupport.preview.heading') });
    await preview
      .getByRole('link', { name: da('moderation.support.call', { phone: helpline.phone }) })
      .waitFor();
    expect(await preview.getByRole('listitem').first().textContent()).toContain(helpline.name);
    await expectFitsBothWidths(admin, 'the saved helplines');
  });

  it('shows a member the new helpline on the support page', async () => {
    const member = await openPage(browser, server.url, contexts);
    await signInAs(member, 'medlem@spejl.test', 'Sofie (mor til Ida)');
    await member.goto('/support');
    await member.getByRole('heading', { level: 1, name: da('moderation.support.title') }).waitFor();
    const call = member.getByRole('link', { name: da('moderation.support.call', { phone: helpline.phone }) });
    await call.waitFor();
    expect(await call.getAttribute('href')).toBe('tel:33140010');
    await member.getByText(helpline.description).waitFor();
    const helplines = member.getByRole('region', { name: da('moderation.support.helplines') });
    expect(
      await helplines.getByRole('listitem').first().textContent(),
      'the one the admin put first',
    ).toContain(helpline.name);
    await expectFitsBothWidths(member, 'the support page');
  });

  it('shows the change in the audit log, with the reason and the admin', async () => {
    await admin.getByRole('link', { name: da('adminSupport.auditLink') }).click();
    await admin.getByRole('heading', { level: 2, name: da('moderation.audit.log') }).waitFor();
    const entry = admin.getByRole('listitem').filter({ hasText: da('adminSupport.audit.updated') });
    await entry.getByText(reason).waitFor();
    await entry.getByText(helpline.name, { exact: false }).first().waitFor();
    await entry.getByText(da('moderation.audit.by', { name: 'Astrid' }), { exact: false }).waitFor();
  });

  it('lets the admin go back to the built-in list', async () => {
    await admin.goto('/admin/support');
    await admin.getByRole('heading', { level: 2, name: da('adminSupport.reset.heading') }).waitFor();
    await admin.getByRole('button', { name: da('adminSupport.reset.submit') }).click();
    await admin.getByText(da('adminSupport.reset.done')).waitFor();
    await admin.getByText(da('adminSupport.status.builtIn')).waitFor();
    expect(await admin.getByRole('heading', { name: da('adminSupport.reset.heading') }).count()).toBe(0);
    expect(await admin.getByLabel(da('moderation.resources.name'), { exact: true }).count()).toBe(4);
  });
});
