import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const chromiumOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
  ],
};

/** Debian's Chromium, headless, with the flags this machine needs (see design.md). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumOptions);
}

/**
 * The same Chromium with a profile folder, as a person's browser is: contexts of `launchBrowser` are incognito, where
 * Chromium never offers to install an app.
 */
export function launchWithProfile(
  profileFolder: string,
  options: { baseURL: string; width?: number },
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileFolder, {
    ...chromiumOptions,
    baseURL: options.baseURL,
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: 'da-DK',
  });
}

/** Runs axe-core (WCAG 2.0–2.2 A and AA rules) and fails on any serious or critical violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // The web renders in the browser: on a busy machine axe could otherwise run before the page (and its title) is
  // there. If it never renders, axe reports what is missing.
  await page
    .waitForFunction(
      () => document.title.trim() !== '' && document.querySelector('main') !== null,
      undefined,
      {
        timeout: 15_000,
      },
    )
    .catch(() => {});
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  if (serious.length > 0) {
    const report = serious
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.nodes.map((node) => node.target.join(' ')).join('\n  ')}`,
      )
      .join('\n');
    throw new Error(`axe found serious accessibility problems on ${label}:\n${report}`);
  }
}

/** True when the page scrolls sideways (content wider than the viewport). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/**
 * Checks a page at desktop width and at 360 px, as the issues ask: no sideways scrolling and no axe violations. Leaves
 * the page at 1280 px.
 */
export async function expectFitsBothWidths(page: Page, label: string): Promise<void> {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    if (await overflowsHorizontally(page)) throw new Error(`${label} scrolls sideways at ${width} px`);
    await expectAccessible(page, `${label} at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
