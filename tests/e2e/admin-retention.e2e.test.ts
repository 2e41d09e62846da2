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

  /** Astrid, signed in with her second factor confirmed in the session; the group test goes on with her. */
  let admin: Page;

  it('lets an admin change how long mail copies are kept, with a reason that the log shows', async () => {
    admin = await openPage(browser, server.url, contexts);
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
  it('lets a group’s owner keep its messages shorter than the platform does, on the group’s settings page', async () => {
    // Astrid owns Sjældne-netværket (and is an admin); her session from the last test has its second factor.
    const owner = admin;
    await owner.goto('/groups/sjaeldne-netvaerket/settings');
    const section = owner.getByRole('region', { name: da('adminRetention.group.title') });
    const platformRule = da('adminRetention.forever');
    // With no rule of its own, the group follows the platform's, said in words.
    expect(
      await section.getByLabel(da('adminRetention.group.platform', { rule: platformRule })).isChecked(),
    ).toBe(true);
    await section.getByLabel(da('adminRetention.choice.limit.months')).check();
    const months = section.getByLabel(da('adminRetention.amount.months'), { exact: true });
    await months.fill('0');
    await section.getByRole('button', { name: da('adminRetention.group.save') }).click();
    await owner.getByText(da('adminRetention.error.amount', { min: 1, max: 1200 })).first().waitFor();
    await months.fill('36');
    await section.getByRole('button', { name: da('adminRetention.group.save') }).click();
    await section.getByText(da('adminRetention.group.saved')).waitFor();
    await expectFitsBothWidths(owner, 'the group settings with its retention rule');

    await owner.reload();
    const again = owner.getByRole('region', { name: da('adminRetention.group.title') });
    await again.getByText(daCount('adminRetention.months', 36)).waitFor();
    const response = await owner.request.get('/api/groups/sjaeldne-netvaerket/retention');
    expect(((await response.json()) as { messageMonths: number | null }).messageMonths).toBe(36);
  });
});
