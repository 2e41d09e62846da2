import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { da, daCount, enrolTotp, signInAs } from '../support/journeys.ts';
import { openPersonMenu } from '../support/navigation.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const group = 'Cystisk fibrose';
const reported =
  'Jeg mødte Jonas’ søn på Rigshospitalet i går. Han har fået lungebetændelse igen, stakkels dreng.';

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

async function newPage(width = 1280): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width, height: 900 },
    locale: 'da-DK',
  });
  contexts.push(context);
  return { context, page: await context.newPage() };
}

const sessions = new Map<string, Promise<BrowserContext>>();
/** A signed-in person (with TOTP when they moderate), made once per email. */
function personContext(email: string, name: string, totp = false): Promise<BrowserContext> {
  let context = sessions.get(email);
  if (!context) {
    context = (async () => {
      const { context, page } = await newPage();
      await signInAs(page, email, name);
      if (totp) await enrolTotp(page);
      await page.close();
      return context;
    })();
    sessions.set(email, context);
  }
  return context;
}

/** Calls the API with the page's own session cookie, as the page's scripts do. */
async function api<T>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(`/api${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    },
    { method, path, body },
  ) as Promise<{ status: number; json: T }>;
}

describe('moderation in the browser, in Danish', () => {
  it('a member flags a post; it appears live in the moderator’s queue; the moderator hides it with a reason; the author is told and the reporter sees the outcome', async () => {
    // The moderator (Mads, with TOTP) has the group's queue open; the badge in the menu counts the demo queue.
    const moderator = await (await personContext('moderator@spejl.test', 'Mads', true)).newPage();
    await moderator.goto('/');
    // The open cases are counted on the avatar and beside Moderation in the person menu.
    await moderator
      .getByRole('banner')
      .getByRole('button', { name: daCount('navigation.personMenuCases', 3) })
      .waitFor();
    await openPersonMenu(moderator);
    const moderationLink = moderator.getByRole('menuitem', { name: new RegExp(`^${da('nav.moderation')}`) });
    await moderationLink.getByText('3', { exact: true }).waitFor();
    await moderationLink.click();
    await moderator.getByRole('heading', { name: da('moderation.overview.title'), level: 1 }).waitFor();
    await expectAccessible(moderator, '/moderation');
    await moderator
      .getByRole('region', { name: group, exact: true })
      .getByRole('link', { name: new RegExp(`^${da('moderation.nav.queue')}\\s*:`) })
      .click();
    await moderator.getByRole('heading', { name: da('moderation.queue.title'), level: 1 }).waitFor();
    await moderator.getByText(da('moderation.queue.live')).waitFor();
    await moderator
      .getByRole('article', { name: 'Besked fra Rasmus (far til Oskar)' })
      .getByText(da('moderation.item.urgent'))
      .waitFor();
    await expectAccessible(moderator, 'the group queue');

    // The author (Lene) writes in the group; a member (Rasmus) reports it. The chat view is the lead's; until it
    // lands, both use the API through their own signed-in page, with their own session cookie.
    const author = await (await personContext('mentor@spejl.test', 'Lene (erfaren forælder)')).newPage();
    await author.goto('/');
    const posted = await api<{ message: { id: string } }>(
      author,
      'POST',
      '/groups/cystisk-fibrose/messages',
      {
        clientId: `e2e-${Date.now()}`,
        body: reported,
      },
    );
    expect(posted.status).toBe(201);
    const reporter = await (await personContext('rasmus@spejl.test', 'Rasmus (far til Oskar)')).newPage();
    await reporter.goto('/');
    const flagged = await api(reporter, 'POST', `/messages/${posted.json.message.id}/flags`, {
      reason: 'privacy',
      note: 'Han fortæller om et andet barns sygdom',
    });
    expect(flagged.status).toBe(201);

    // It appears in the moderator's queue without a reload, and the badge counts it.
    const card = moderator.getByRole('article', { name: 'Besked fra Lene (erfaren forælder)' });
    await card.getByText(reported).waitFor();
    await card.getByText(da('moderation.reasonShort.privacy')).waitFor();
    await moderator
      .getByRole('banner')
      .getByRole('button', { name: daCount('navigation.personMenuCases', 4) })
      .waitFor();
    await card.getByRole('link', { name: 'Besked fra Lene (erfaren forælder)' }).click();
    await moderator
      .getByRole('heading', { name: da('moderation.item.title', { name: 'Lene (erfaren forælder)' }) })
      .waitFor();
    await moderator.getByText('Han fortæller om et andet barns sygdom').waitFor();

    // The decision: hide, with a ready-made reason adjusted by hand, and a word to the author.
    await moderator.getByRole('button', { name: da('moderation.item.claim') }).click();
    await moderator.getByText(da('moderation.item.claimed')).waitFor();
    await moderator.getByRole('radio', { name: da('moderation.action.hide') }).check();
    await moderator
      .getByLabel(da('moderation.act.template'))
      .selectOption({ label: da('moderation.template.privacy') });
    await expect(
      moderator.getByLabel(da('moderation.act.reason'), { exact: true }).inputValue(),
    ).resolves.toBe(da('moderation.template.privacy'));
    await moderator
      .getByLabel(da('moderation.act.message'))
      .fill('Skriv gerne om jeres egen hverdag i stedet.');
    await expectAccessible(moderator, 'a case with the decision form filled in');
    await moderator.getByRole('button', { name: da('moderation.act.submit') }).click();
    await moderator
      .getByText(da('moderation.act.done', { outcome: da('moderation.outcome.hide') }))
      .waitFor();
    await moderator.getByRole('heading', { name: da('moderation.item.resolution'), exact: true }).waitFor();
    await moderator
      .getByRole('banner')
      .getByRole('button', { name: daCount('navigation.personMenuCases', 3) })
      .waitFor();

    // The author is told what happened and why, and can appeal.
    await author.goto('/notifications');
    await author
      .getByText(da('notification.moderationAction', { group, action: da('moderation.outcome.hide') }))
      .waitFor();
    await author.getByText(da('moderation.template.privacy')).first().waitFor();
    await author
      .getByRole('link', { name: da('moderation.notification.toDecision') })
      .first()
      .click();
    await author.getByRole('heading', { name: da('moderation.outcome.hide'), level: 1 }).waitFor();
    await author.getByText('Skriv gerne om jeres egen hverdag i stedet.').waitFor();
    await author.getByLabel(da('moderation.appeal.statement')).waitFor();
    await expectAccessible(author, 'a decision with the appeal form');

    // The reporter sees the outcome of the report.
    await reporter.goto('/notifications');
    await reporter
      .getByText(da('notification.reportResolvedUpheld', { group, action: da('moderation.outcome.hide') }))
      .waitFor();
    await reporter
      .getByRole('link', { name: da('moderation.notification.toReports') })
      .first()
      .click();
    await reporter.getByRole('heading', { name: da('moderation.reports.title'), level: 1 }).waitFor();
    await reporter
      .getByText(da('moderation.reports.upheld', { outcome: da('moderation.outcome.hide') }))
      .waitFor();
    await expectAccessible(reporter, '/reports');
    for (const page of [moderator, author, reporter]) await page.close();
  });

  it('passes axe on every moderation page and fits a 360 px screen', async () => {
    const check = async (page: Page, label: string) => {
      await expectAccessible(page, `${label} at 360 px`);
      expect(await overflowsHorizontally(page), `${label} scrolls sideways at 360 px`).toBe(false);
    };
    const open = async (page: Page, path: string, heading: string) => {
      await page.goto(path);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await check(page, path);
    };

    const moderator = await (await personContext('moderator@spejl.test', 'Mads', true)).newPage();
    await moderator.setViewportSize({ width: 360, height: 800 });
    await open(moderator, '/moderation', da('moderation.overview.title'));
    await open(moderator, '/moderation/groups/cystisk-fibrose', da('moderation.queue.title'));
    await moderator.getByRole('checkbox').first().check();
    await moderator.getByRole('heading', { name: daCount('moderation.bulk.title', 1) }).waitFor();
    await check(moderator, 'the queue with a bulk action open');
    await open(moderator, '/moderation/groups/cystisk-fibrose?status=resolved', da('moderation.queue.title'));
    await moderator.goto('/moderation/groups/cystisk-fibrose');
    await moderator.getByRole('link', { name: 'Besked fra Tilbud24' }).click();
    await moderator
      .getByRole('heading', { name: da('moderation.item.title', { name: 'Tilbud24' }) })
      .waitFor();
    await check(moderator, 'a case');
    // A moderator reports a neighbouring message from the case (the flag dialog the chat view uses).
    await moderator
      .getByRole('button', {
        name: `${da('moderation.flag.open')} ${da('moderation.flag.openFor', { name: 'Lene (erfaren forælder)' })}`,
      })
      .first()
      .click();
    const dialog = moderator.getByRole('dialog', { name: da('moderation.flag.title') });
    await dialog.getByRole('button', { name: da('moderation.flag.submit') }).click();
    await dialog.getByText(da('moderation.flag.reasonRequired')).first().waitFor();
    await dialog.getByRole('radio', { name: da('moderation.reason.other') }).check();
    await check(moderator, 'the flag dialog');
    await dialog.getByRole('button', { name: da('form.cancel') }).click();
    await expect(dialog.isVisible()).resolves.toBe(false);

    await open(moderator, '/moderation/groups/cystisk-fibrose/appeals', da('moderation.appeals.title'));
    await open(moderator, '/moderation/groups/cystisk-fibrose/settings', da('moderation.settings.title'));
    await moderator
      .getByLabel(da('moderation.settings.slowMode'))
      .selectOption({ label: daCount('moderation.settings.seconds', 30) });
    await moderator.getByRole('button', { name: da('moderation.settings.save') }).click();
    await moderator.getByText(da('moderation.settings.saved')).first().waitFor();
    await moderator.getByLabel(da('moderation.filters.pattern'), { exact: true }).fill('gratis prøve');
    await moderator.getByRole('button', { name: da('moderation.filters.submit'), exact: true }).click();
    await moderator.getByText(da('moderation.filters.added', { pattern: 'gratis prøve' })).waitFor();
    await moderator.getByRole('checkbox', { name: da('moderation.resources.useDefault') }).uncheck();
    await moderator.getByLabel(da('moderation.resources.name')).first().waitFor();
    await check(moderator, 'the settings with the helpline editor open');
    await open(moderator, '/moderation/groups/cystisk-fibrose/audit', da('moderation.audit.title'));
    await moderator.getByText(da('moderation.audit.settingsUpdate')).first().waitFor();
    const csv = await moderator.evaluate(async () => {
      const response = await fetch('/api/moderation/audit-log.csv?groupId=cystisk-fibrose');
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        text: await response.text(),
      };
    });
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    expect(csv.text).toContain('settings.update');

    const admin = await (await personContext('admin@spejl.test', 'Astrid', true)).newPage();
    await admin.setViewportSize({ width: 360, height: 800 });
    await open(admin, '/moderation/platform', da('moderation.queue.title'));
    await open(admin, '/moderation/platform/appeals', da('moderation.appeals.title'));
    await open(admin, '/moderation/platform/filters', da('moderation.nav.filters'));
    await open(admin, '/moderation/platform/audit', da('moderation.audit.title'));

    const member = await (await personContext('rasmus@spejl.test', 'Rasmus (far til Oskar)')).newPage();
    await member.setViewportSize({ width: 360, height: 800 });
    await open(member, '/reports', da('moderation.reports.title'));
    await open(member, '/decisions', da('moderation.decisions.title'));
    await open(member, '/support?group=cystisk-fibrose', da('moderation.support.title'));
    await member
      .getByRole('link', { name: da('moderation.support.call', { phone: '70 201 201' }) })
      .waitFor();
    await open(member, '/moderation', da('moderation.overview.title'));
    await member.getByText(da('moderation.overview.notModerator')).waitFor();
    await open(member, '/appeal/ikke-et-gyldigt-link-overhovedet', da('moderation.suspension.title'));
    const author = await (await personContext('mentor@spejl.test', 'Lene (erfaren forælder)')).newPage();
    await author.setViewportSize({ width: 360, height: 800 });
    await open(author, '/decisions', da('moderation.decisions.title'));
    await author
      .getByRole('link', { name: da('moderation.outcome.hide') })
      .first()
      .click();
    await author.getByRole('heading', { name: da('moderation.outcome.hide'), level: 1 }).waitFor();
    await check(author, 'a decision');
    for (const page of [moderator, admin, member, author]) await page.close();
  });
});
