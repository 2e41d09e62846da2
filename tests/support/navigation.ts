import type { Page } from 'playwright-core';
import { da } from './journeys.ts';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The avatar button in the header that opens the person menu (its name may carry a moderator's open cases). */
export function personMenuButton(page: Page) {
  return page
    .getByRole('banner')
    .getByRole('button', { name: new RegExp(`^${escapeRegExp(da('navigation.personMenu'))}`) });
}

/** Opens the person menu with a click and waits for it. */
export async function openPersonMenu(page: Page): Promise<void> {
  await personMenuButton(page).click();
  await page.getByRole('menu', { name: da('navigation.personMenu') }).waitFor();
}

/** Signs out from the person menu, as a person would (the sign-in page follows). */
export async function signOutInBrowser(page: Page): Promise<void> {
  await openPersonMenu(page);
  await page.getByRole('menuitem', { name: da('nav.signOut'), exact: true }).click();
}
