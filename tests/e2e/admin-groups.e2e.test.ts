import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectFitsBothWidths, launchBrowser } from '../support/browser.ts';
import { da, enrolTotp, openPage, signInAs } from '../support/journeys.ts';
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

/** Fills the create form on /admin/groups and waits for the new group's admin page. */
async function createGroup(page: Page, group: { name: string; kind: string; parent?: string }) {
  await page.goto('/admin/groups');
  const name = page.getByLabel(da('groupSettings.name'), { exact: true });
  await name.waitFor();
  await name.fill(group.name);
  await page.getByLabel(da('adminGroups.kind'), { exact: true }).selectOption({ label: group.kind });
  if (group.parent)
    await page
      .getByLabel(da('adminGroups.parentField'), { exact: true })
      .selectOption({ label: group.parent });
  await page.getByRole('button', { name: da('adminGroups.create'), exact: true }).click();
  await page
    .getByRole('heading', { level: 1, name: da('adminGroups.manage', { name: group.name }) })
    .waitFor();
}

describe('groups administered in the web', () => {
  it('lets an admin create a group and a sub-group and appoint a moderator by email', async () => {
    const admin = await openPage(browser, server.url, contexts);
    await signInAs(admin, 'admin@spejl.test', 'Astrid');
    await enrolTotp(admin);

    await admin.goto('/admin');
    await admin.getByRole('link', { name: da('adminAssociations.overview.groups') }).click();
    await admin.getByRole('heading', { level: 1, name: da('adminGroups.title') }).waitFor();
    await admin.getByRole('link', { name: 'Cystisk fibrose', exact: true }).waitFor();
    await expectFitsBothWidths(admin, 'the list of groups');

    await createGroup(admin, { name: 'Marfan syndrom', kind: da('adminGroups.kind.diagnosis') });
    await admin.getByText(da('adminGroups.created', { name: 'Marfan syndrom' })).waitFor();
    await expectFitsBothWidths(admin, 'a group’s admin page');

    await createGroup(admin, {
      name: 'Unge med Marfan',
      kind: da('adminGroups.kind.subgroup'),
      parent: 'Marfan syndrom',
    });
    await admin.goto('/admin/groups?q=marfan');
    await admin.getByText(da('adminGroups.parent', { name: 'Marfan syndrom' })).waitFor();

    // In the page, not the side list of the admin's own groups (creating the group made her its owner).
    await admin.getByRole('main').getByRole('link', { name: 'Marfan syndrom', exact: true }).click();
    await admin
      .getByRole('heading', { level: 1, name: da('adminGroups.manage', { name: 'Marfan syndrom' }) })
      .waitFor();
    await admin.getByLabel(da('members.email')).fill('medlem@spejl.test');
    await admin.getByLabel(da('members.role')).selectOption({ label: da('groupRole.moderator') });
    await admin.getByRole('button', { name: da('members.addSubmit') }).click();
    await admin.getByText(da('members.added', { name: 'Sofie (mor til Ida)' })).waitFor();

    // The members page shows the new moderator, reached from the admin page.
    await admin.getByRole('link', { name: da('adminGroups.membersLink') }).click();
    const row = admin.getByRole('listitem').filter({ hasText: 'Sofie (mor til Ida)' });
    await row.first().waitFor();
    await expectFitsBothWidths(admin, 'the members page reached by an admin');

    // The sub-group is moved under another group with a reason; the list then names the new parent.
    await admin.goto('/admin/groups?q=marfan');
    await admin.getByRole('link', { name: 'Unge med Marfan', exact: true }).click();
    const move = admin.getByRole('region', { name: da('adminGroups.move') });
    await move
      .getByLabel(da('adminGroups.parentField'), { exact: true })
      .selectOption({ label: 'Cystisk fibrose' });
    await move.getByLabel(da('adminGroups.moveReason'), { exact: true }).fill('Hører til CF-foreningen');
    await move.getByRole('button', { name: da('adminGroups.moveButton'), exact: true }).click();
    await admin.getByText(da('adminGroups.moved')).waitFor();
    await admin.goto('/admin/groups?q=unge');
    await admin
      .getByRole('listitem')
      .filter({ hasText: 'Unge med Marfan' })
      .getByText(da('adminGroups.parent', { name: 'Cystisk fibrose' }))
      .waitFor();

    // The sub-group is archived with a reason, and is then found only under the archived filter.
    await admin.goto('/admin/groups?q=unge');
    await admin.getByRole('link', { name: 'Unge med Marfan', exact: true }).click();
    await admin.getByLabel(da('adminGroups.archiveReason')).fill('Slået sammen med hovedgruppen');
    await admin.getByRole('button', { name: da('adminGroups.archiveButton'), exact: true }).click();
    await admin.getByText(da('adminGroups.archivedDone')).waitFor();
    await admin.goto('/admin/groups?archived=true');
    await admin.getByRole('link', { name: 'Unge med Marfan', exact: true }).waitFor();
  });

  it('lets an owner change the description and diagnosis terms on the settings page', async () => {
    const owner = await openPage(browser, server.url, contexts, 360);
    await signInAs(owner, 'moderator@spejl.test', 'Mads');
    await enrolTotp(owner);
    await owner.goto('/groups/rett-foraeldre');
    await owner.getByRole('link', { name: da('groupSettings.tab') }).click();
    const description = owner.getByLabel(da('groupSettings.description'), { exact: true });
    await description.waitFor();
    await expectFitsBothWidths(owner, 'the settings page');
    await description.fill('For forældre til piger med Rett syndrom. Vi mødes online hver måned.');
    await owner.getByLabel(da('groupSettings.terms')).fill('Rett syndrom\nF84.2\nMECP2');
    await owner.getByRole('button', { name: da('groupSettings.save') }).click();
    await owner.getByText(da('groupSettings.saved')).waitFor();

    await owner.goto('/groups?q=MECP2');
    await owner
      .getByRole('link', { name: /Rett syndrom/ })
      .first()
      .waitFor();
  });
});
