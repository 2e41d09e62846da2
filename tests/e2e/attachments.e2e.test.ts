import exifr from 'exifr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { da, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

/**
 * A photo in the group's conversation, as a parent shares one from a phone: chosen with the attach button, sent,
 * seen by another member as a thumbnail, and without the GPS position the camera wrote into it.
 */
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sofieName = 'Sofie (mor til Ida)';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ seed: true }), launchBrowser()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.dispose();
});

async function person(email: string, name: string, width: number): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width, height: 740 },
    locale: 'da-DK',
  });
  contexts.push(context);
  const page = await context.newPage();
  await signInAs(page, email, name);
  await page.goto('/groups/sjaeldne-netvaerket/chat');
  await page.getByRole('heading', { name: da('chat.title'), level: 2 }).waitFor();
  await page.getByText(da('chat.connection.open')).waitFor();
  return page;
}

/** A JPEG from a phone camera: a GPS position and the camera's name in its EXIF. */
async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: '#d98e04' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Telefonkamera' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '56/1 9/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '10/1 12/1 0/1',
      },
    })
    .toBuffer();
}

const log = (page: Page) => page.getByRole('region', { name: da('chat.log') });

describe('photos in the conversation, in Danish', () => {
  it('sends a photo from a 360 px phone; another member sees its thumbnail and downloads it without GPS', async () => {
    const photo = await photoWithGps();
    expect((await exifr.gps(photo))?.latitude).toBeCloseTo(56.15, 1);
    const sofie = await person('medlem@spejl.test', sofieName, 360);
    const mads = await person('moderator@spejl.test', 'Mads', 1280);

    const composer = sofie.getByRole('textbox', {
      name: da('chat.composerLabel', { group: 'Sjældne-netværket' }),
    });
    const attach = sofie.getByRole('button', { name: da('uploads.attach') });
    const [chooser] = await Promise.all([sofie.waitForEvent('filechooser'), attach.click()]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles({ name: 'udflugt.jpg', mimeType: 'image/jpeg', buffer: photo });
    // The chip says the file is there and can be removed; focus is back in the text box.
    const remove = sofie.getByRole('button', { name: da('uploads.remove', { name: 'udflugt.jpg' }) });
    await remove.waitFor();
    await expect.poll(() => composer.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await overflowsHorizontally(sofie)).toBe(false);
    await expectAccessible(sofie, 'the composer with a chosen photo at 360 px');

    await composer.fill('Billeder fra udflugten');
    await composer.press('Enter');
    await expect.poll(() => remove.count()).toBe(0);

    const mine = log(sofie).getByRole('article').filter({ hasText: 'Billeder fra udflugten' }).last();
    await mine.getByRole('img', { name: 'udflugt.jpg' }).waitFor();
    expect(await overflowsHorizontally(sofie)).toBe(false);

    const theirs = log(mads).getByRole('article').filter({ hasText: 'Billeder fra udflugten' }).last();
    const thumbnail = theirs.getByRole('img', { name: 'udflugt.jpg' });
    await thumbnail.waitFor();
    await expect
      .poll(() => thumbnail.evaluate((image) => (image as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    const link = theirs.getByRole('link', { name: da('uploads.openImage', { name: 'udflugt.jpg' }) });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/attachments\/[0-9a-f-]{36}$/);

    const download = await mads.request.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('image/jpeg');
    expect(download.headers()['x-content-type-options']).toBe('nosniff');
    const bytes = await download.body();
    expect(await exifr.gps(bytes)).toBeUndefined();
    expect(await exifr.parse(bytes)).toBeUndefined();
    expect((await sharp(bytes).metadata()).width).toBe(800);

    // Someone outside the group gets nothing at the same address.
    const stranger = await browser.newContext({ baseURL: server.url });
    contexts.push(stranger);
    expect((await stranger.request.get(href!)).status()).toBe(401);

    await expectAccessible(mads, 'the conversation with a photo');
    await expectAccessible(sofie, 'the conversation with a photo at 360 px');
  });
});
