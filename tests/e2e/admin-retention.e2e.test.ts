import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFitsBothWidths, launchBrowser } from '../support/browser.ts';
import { da, daCount, enrolTotp, openPage, signInAs } from '../support/journeys.ts';
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

/** One rule's part of the form: a group named by its heading. */
const rule = (page: Page, key: 'outbox_days' | 'message_months') =>
  page.getByRole('group', { name: da(`adminRetention.rule.${key}`) });

describe('retention rules in the administration', () => {
  it('tells a member they have no access', async () => {
    const member = await openPage(browser, server.url, contexts);
    await signInAs(member, 'ny@spejl.test', 'Jonas');
    await member.goto('/admin/retention');
    await member.getByText(da('error.auth.forbidden')).waitFor();
    expect(await member.getByRole('heading', { name: da('adminRetention.title') }).count()).toBe(0);
  });

  it('lets an admin change how long mail copies are kept, with a reason that the log shows', async () => {
    const admin = await openPage(browser, server.url, contexts);
    await signInAs(admin, 'admin@spejl.test', 'Astrid');
    await enrolTotp(admin);

    await admin.goto('/admin');
    await admin.getByRole('link', { name: da('adminAssociations.overview.retention') }).click();
    await admin.getByRole('heading', { level: 1, name: da('adminRetention.title') }).waitFor();
    const outbox = rule(admin, 'outbox_days');
    await outbox.getByText(da('adminRetention.explain.outbox_days')).waitFor();
    // Messages are kept forever by default: "keep forever" is chosen and no number is asked for.
    await expect
      .poll(() => rule(admin, 'message_months').getByLabel(da('adminRetention.choice.forever')).isChecked())
      .toBe(true);
    expect(
      await rule(admin, 'message_months')
        .getByLabel(da('adminRetention.amount.months'), { exact: true })
        .count(),
    ).toBe(0);
    await expectFitsBothWidths(admin, 'the retention rules');

    // A number out of range is refused on the page, next to the field.
    const amount = outbox.getByLabel(da('adminRetention.amount.days'), { exact: true });
    expect(await amount.inputValue()).toBe('30');
    await amount.fill('0');
    await admin.getByRole('button', { name: da('adminRetention.save') }).click();
    await outbox.getByText(da('adminRetention.error.amount', { min: 1, max: 1200 })).waitFor();
    await expectFitsBothWidths(admin, 'the retention rules with an error');

    await amount.fill('14');
    await admin
      .getByLabel(da('adminRetention.field.reason'), { exact: true })
      .fill('Links i mails skal ikke ligge så længe');
    await admin.getByRole('button', { name: da('adminRetention.save') }).click();
    await admin.getByText(da('adminRetention.saved')).waitFor();
    await outbox.getByText(daCount('adminRetention.days', 14)).waitFor();

    await admin.reload();
    await admin.getByRole('heading', { level: 1, name: da('adminRetention.title') }).waitFor();
    expect(
      await rule(admin, 'outbox_days')
        .getByLabel(da('adminRetention.amount.days'), { exact: true })
        .inputValue(),
    ).toBe('14');
    await rule(admin, 'outbox_days').getByText(daCount('adminRetention.days', 14)).waitFor();

    await admin.getByRole('link', { name: da('adminRetention.auditLink') }).click();
    await admin.getByRole('heading', { level: 2, name: da('moderation.audit.log') }).waitFor();
    const entry = admin.getByRole('listitem').filter({ hasText: da('adminRetention.audit.updated') });
    await entry.getByText('Links i mails skal ikke ligge så længe').waitFor();
    // The change reads as the page does ("Kopier af sendte mails: 30 dage"), not as stored (outbox_days: 30).
    await entry
      .getByText(`${da('adminRetention.rule.outbox_days')}: ${daCount('adminRetention.days', 30)}`)
      .waitFor();
    await entry
      .getByText(`${da('adminRetention.rule.outbox_days')}: ${daCount('adminRetention.days', 14)}`)
      .waitFor();
    expect(await entry.getByText('outbox_days').count()).toBe(0);
    await entry.getByText(da('moderation.audit.by', { name: 'Astrid' }), { exact: false }).waitFor();
  });
});
