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

describe('associations in the administration', () => {
  it('lets an admin create an association in the web, refusing an http website first', async () => {
    admin = await openPage(browser, server.url, contexts);
    await signInAs(admin, 'admin@spejl.test', 'Astrid');
    await enrolTotp(admin);

    await admin.goto('/admin');
    await admin.getByRole('link', { name: da('adminAssociations.overview.associations') }).click();
    await admin.getByRole('heading', { level: 1, name: da('adminAssociations.title') }).waitFor();
    await expectFitsBothWidths(admin, 'the list of associations');

    await admin.getByRole('link', { name: da('adminAssociations.new') }).click();
    await admin.getByRole('heading', { level: 1, name: da('adminAssociations.createTitle') }).waitFor();
    await admin
      .getByLabel(da('adminAssociations.field.name'), { exact: true })
      .fill('Foreningen for Sjældne Øjensygdomme');
    await admin.getByLabel(da('adminAssociations.field.shortName'), { exact: true }).fill('FSØ');
    await admin.getByLabel(da('adminAssociations.field.website'), { exact: true }).fill('http://fsoe.dk');
    await admin
      .getByLabel(da('adminAssociations.field.contactEmail'), { exact: true })
      .fill('kontakt@fsoe.dk');
    await admin.getByRole('button', { name: da('adminAssociations.create') }).click();
    await admin.getByText(da('adminAssociations.error.website')).first().waitFor();
    await expectFitsBothWidths(admin, 'the create form with an error');

    await admin.getByLabel(da('adminAssociations.field.website'), { exact: true }).fill('https://fsoe.dk');
    await admin.getByRole('button', { name: da('adminAssociations.create') }).click();
    await admin
      .getByRole('heading', {
        level: 1,
        name: da('adminAssociations.editTitle', { name: 'Foreningen for Sjældne Øjensygdomme' }),
      })
      .waitFor();
    await admin
      .getByText(da('adminAssociations.created', { name: 'Foreningen for Sjældne Øjensygdomme' }))
      .waitFor();
  });

  it('lets the admin edit the association, archive it with a reason and find it among the archived', async () => {
    await admin
      .getByLabel(da('adminAssociations.field.name'), { exact: true })
      .fill('Foreningen for Sjældne Øjensygdomme i Danmark');
    await admin.getByLabel(da('adminAssociations.field.reason'), { exact: true }).fill('Det fulde navn');
    await admin.getByRole('button', { name: da('adminAssociations.save') }).click();
    await admin.getByText(da('adminAssociations.saved')).waitFor();
    await admin
      .getByRole('heading', {
        level: 1,
        name: da('adminAssociations.editTitle', { name: 'Foreningen for Sjældne Øjensygdomme i Danmark' }),
      })
      .waitFor();
    await expectFitsBothWidths(admin, 'the edit page');

    // Archiving needs a reason.
    await admin.getByRole('button', { name: da('adminAssociations.archive') }).click();
    await admin.getByText(da('adminAssociations.error.reason')).first().waitFor();
    await admin
      .getByLabel(da('adminAssociations.field.archiveReason'), { exact: true })
      .fill('Slået sammen med en anden forening');
    await admin.getByRole('button', { name: da('adminAssociations.archive') }).click();
    await admin.getByText(da('adminAssociations.archived')).waitFor();
    await admin.getByRole('button', { name: da('adminAssociations.unarchive') }).waitFor();

    await admin.getByRole('link', { name: da('adminAssociations.back') }).click();
    await admin.getByRole('heading', { level: 1, name: da('adminAssociations.title') }).waitFor();
    const archivedName = 'Foreningen for Sjældne Øjensygdomme i Danmark';
    await expect
      .poll(() =>
        admin.getByRole('link', { name: da('adminAssociations.edit', { name: archivedName }) }).count(),
      )
      .toBe(0);
    await admin.getByLabel(da('adminAssociations.filter'), { exact: true }).selectOption('archived');
    await admin.getByRole('button', { name: da('adminAssociations.filter'), exact: true }).click();
    await admin.getByRole('link', { name: da('adminAssociations.edit', { name: archivedName }) }).waitFor();
    await expectFitsBothWidths(admin, 'the archived associations');
  });
});
