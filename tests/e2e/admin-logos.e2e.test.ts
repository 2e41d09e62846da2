import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFitsBothWidths, launchBrowser } from '../support/browser.ts';
import { da, enrolTotp, openPage, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let admin: Page;

/** A demo association (db/src/seed.ts) and its listed group. */
const associationName = 'Dværgeforeningen';
const groupName = 'Kortvoksede';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ seed: true }), launchBrowser()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.dispose();
});

/** True once the image has loaded and decoded (a broken one has no natural width). */
const loaded = (image: Locator) =>
  image.evaluate(
    (element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth > 0,
  );

describe('association logos', () => {
  it('lets an admin upload a logo, refusing an SVG first, and shows it on the edit page and in the list', async () => {
    admin = await openPage(browser, server.url, contexts);
    await signInAs(admin, 'admin@spejl.test', 'Astrid');
    await enrolTotp(admin);

    await admin.goto('/admin/associations');
    await admin.getByRole('link', { name: da('adminAssociations.edit', { name: associationName }) }).click();
    await admin
      .getByRole('heading', { level: 1, name: da('adminAssociations.editTitle', { name: associationName }) })
      .waitFor();
    await admin.getByText(da('adminLogos.none')).waitFor();

    const chooser = admin.getByLabel(da('adminLogos.choose'), { exact: true });
    await chooser.setInputFiles({
      name: 'logo.png',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    });
    await admin.getByText(da('error.association.logo_type')).first().waitFor();
    await expectFitsBothWidths(admin, 'the edit page with a refused logo');

    const png = await sharp({
      create: { width: 480, height: 320, channels: 4, background: { r: 31, g: 94, b: 87, alpha: 1 } },
    })
      .png()
      .toBuffer();
    await chooser.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    await admin.getByText(da('adminLogos.uploaded')).waitFor();
    const logo = admin.getByRole('img', { name: associationName, exact: true });
    await logo.waitFor();
    await expect.poll(() => loaded(logo)).toBe(true);
    expect(await logo.getAttribute('src')).toMatch(/^\/api\/associations\/[0-9a-f-]+\/logo\?v=\d+$/);
    await expect.poll(() => admin.getByText(da('error.association.logo_type')).count()).toBe(0);
    await admin.getByLabel(da('adminLogos.chooseNew'), { exact: true }).waitFor();
    await expectFitsBothWidths(admin, 'the edit page with a logo');

    await admin.getByRole('link', { name: da('adminAssociations.back') }).click();
    await admin.getByRole('heading', { level: 1, name: da('adminAssociations.title') }).waitFor();
    const listed = admin
      .getByRole('listitem')
      .filter({
        has: admin.getByRole('link', { name: da('adminAssociations.edit', { name: associationName }) }),
      })
      .locator('img');
    await expect.poll(() => loaded(listed)).toBe(true);
    await expectFitsBothWidths(admin, 'the list of associations with a logo');
  });

  it('shows the logo to a signed-out visitor in the directory, and not once it is removed', async () => {
    const visitor = await openPage(browser, server.url, contexts);
    await visitor.goto(`/groups?q=${encodeURIComponent(groupName)}`);
    const card = visitor.getByRole('article', { name: groupName });
    await card.waitFor();
    const logo = card.locator('img');
    await expect.poll(() => loaded(logo)).toBe(true);
    // Beside the association's name, so it says nothing more.
    expect(await logo.getAttribute('alt')).toBe('');
    await card.getByText(associationName).waitFor();
    await expectFitsBothWidths(visitor, 'the directory with a logo');

    await admin.getByRole('link', { name: da('adminAssociations.edit', { name: associationName }) }).click();
    await admin.getByRole('button', { name: da('adminLogos.remove') }).click();
    await admin.getByText(da('adminLogos.removed')).waitFor();
    await admin.getByText(da('adminLogos.none')).waitFor();
    // Focus moves on to the file chooser, as the button is gone.
    await expect.poll(() => admin.evaluate(() => document.activeElement?.id)).toBe('association-logo-file');

    await visitor.reload();
    await card.waitFor();
    await card.getByText(associationName).waitFor();
    expect(await card.locator('img').count()).toBe(0);
  });
});
