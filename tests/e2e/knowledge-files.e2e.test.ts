import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectFitsBothWidths, launchBrowser } from '../support/browser.ts';
import { da, enrolTotp, openPage, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

/**
 * Files in "Viden": an admin on a phone puts an association's leaflet (a PDF) in the kit and a visitor downloads it
 * signed out; on the association's admin page the admin manages who edits its knowledge.
 */
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** The admin, signed in with TOTP in the first test and kept for the second (a second sign-in would ask for a code). */
let admin: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ seed: true }), launchBrowser()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.dispose();
});

const leaflet = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Foreningens folder\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

describe('files in Viden', () => {
  it('lets an admin on a phone publish a PDF, and a visitor download it signed out', async () => {
    const page = await openPage(browser, server.url, contexts, 360);
    admin = page;
    await signInAs(page, 'admin@spejl.test', 'Astrid');
    await enrolTotp(page);
    await page.goto('/knowledge/new');
    await page.getByLabel(da('resources.form.kind.file')).check();
    const input = page.getByLabel(da('resources.form.file'), { exact: true });
    await input.setInputFiles({ name: 'folder.pdf', mimeType: 'application/pdf', buffer: leaflet });
    await page
      .getByText(da('resources.form.fileReady', { name: 'folder.pdf', type: 'PDF', size: '1 kB' }))
      .waitFor();
    await page.getByLabel(da('resources.form.title')).fill('Foreningens folder til nye familier');
    await page.getByLabel(da('resources.form.summary')).fill('Folderen, som I kan give videre til skolen.');
    await page.getByLabel(da('resources.form.public')).check();
    await expectAccessible(page, 'the resource form with a file at 360 px');
    await page.getByRole('button', { name: da('resources.form.create') }).click();

    await page.getByRole('heading', { level: 1, name: 'Foreningens folder til nye familier' }).waitFor();
    const link = page.getByRole('link', {
      name: `${da('resources.file.download', { name: 'folder.pdf' })} (PDF, 1 kB)`,
    });
    await link.waitFor();
    await expectFitsBothWidths(page, 'a file resource');
    const address = page.url();

    const visitor = await openPage(browser, server.url, contexts, 360);
    await visitor.goto(address);
    const download = visitor.getByRole('link', {
      name: new RegExp(da('resources.file.download', { name: 'folder.pdf' })),
    });
    const [file] = await Promise.all([visitor.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe('folder.pdf');
    await expectAccessible(visitor, 'a file resource signed out');
  });

  it('lets an admin remove an association’s editor after a question, and add another found by name', async () => {
    const page = admin;
    await page.goto('/admin/associations');
    await page
      .getByRole('link', { name: da('adminAssociations.edit', { name: 'Foreningen for Cystisk Fibrose' }) })
      .click();
    const section = page.getByRole('region', { name: da('associationEditors.heading') });
    await section.getByText('Mads', { exact: true }).waitFor();

    await section.getByRole('button', { name: da('associationEditors.remove', { name: 'Mads' }) }).click();
    await section.getByText(da('associationEditors.removeConfirm', { name: 'Mads' })).waitFor();
    await section.getByRole('button', { name: da('associationEditors.removeYes', { name: 'Mads' }) }).click();
    await section.getByText(da('associationEditors.removed', { name: 'Mads' })).waitFor();
    await section.getByText(da('associationEditors.empty')).waitFor();

    await section.getByLabel(da('associationEditors.search')).fill('Jonas');
    await section.getByRole('button', { name: da('associationEditors.searchSubmit') }).click();
    await section
      .getByRole('button', { name: da('associationEditors.addPerson', { name: 'Jonas' }) })
      .click();
    await section.getByText(da('associationEditors.added', { name: 'Jonas' })).waitFor();
    await section
      .getByRole('list', { name: da('associationEditors.listLabel') })
      .getByText('Jonas', { exact: true })
      .waitFor();
    await expectFitsBothWidths(page, 'the association’s editors');
    await expectAccessible(page, 'the association’s editors at 360 px');
  });
});
