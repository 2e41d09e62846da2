import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFitsBothWidths, launchBrowser } from '../support/browser.ts';
import { da, enrolTotp, openPage, signInAs, signUpInBrowser } from '../support/journeys.ts';
import { type Mailbox, startMailbox } from '../support/mailbox.ts';
import { freePort, type RunningServer, repoRoot, startServer } from '../support/server.ts';

/**
 * Issue 18's "done when": a fresh install, with no demo data, set up in the browser alone, from the link the first
 * admin gets from `pnpm spejl user:create --role admin` to a working group with a moderator.
 */
let server: RunningServer;
let browser: Browser;
let mailbox: Mailbox;
let firstAdminLink: string;
const contexts: BrowserContext[] = [];
const adminEmail = 'leder@marfan.test';
const adminPassword = 'Forening-med-mange-frivillige-2027';

/** Runs `pnpm spejl …` against the install, as the operator does. */
function spejl(env: Record<string, string>, ...args: string[]) {
  const run = spawnSync(process.execPath, ['server/src/cli.ts', ...args], {
    cwd: repoRoot,
    env: { ...(process.env as Record<string, string>), ...env },
    encoding: 'utf8',
  });
  expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
  return run.stdout;
}

beforeAll(async () => {
  mailbox = await startMailbox();
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'spejl-first-install-'));
  const cliEnv = { PUBLIC_ORIGIN: origin, SPEJL_DATA_DIR: dataDir, NODE_ENV: 'development' };
  const createAdmin = (env: Record<string, string>) =>
    spejl(env, 'user:create', '--email', adminEmail, '--display-name', 'Lene', '--role', 'admin');
  browser = await launchBrowser();
  let created: string;
  if (process.env.TEST_DATABASE_URL) {
    // PostgreSQL takes the operator's command while the server runs.
    server = await startServer({ port, dataDir, env: { SMTP_URL: mailbox.url } });
    created = createAdmin({ ...cliEnv, DATABASE_URL: server.databaseUrl! });
  } else {
    // The embedded database has one process at a time: the operator creates the admin before the first start, and
    // the server then finds an install with a person in it, so it adds no demo data.
    spejl(cliEnv, 'db:migrate');
    created = createAdmin(cliEnv);
    server = await startServer({ port, dataDir, env: { SMTP_URL: mailbox.url } });
  }
  const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(created);
  expect(link, created).not.toBeNull();
  firstAdminLink = new URL(link![0]).pathname + new URL(link![0]).search;
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.dispose();
  await mailbox?.close();
});

describe('a fresh install set up in the browser alone', () => {
  it('goes from the first admin’s link to a working group with a moderator', async () => {
    // No demo data: the directory is empty for a visitor.
    const visitor = await openPage(browser, server.url, contexts, 360);
    await visitor.goto('/groups');
    await visitor.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await visitor.getByRole('link', { name: 'Cystisk fibrose' }).count()).toBe(0);

    // The first admin follows the link, chooses a password, signs in and turns on two-step verification.
    const admin = await openPage(browser, server.url, contexts);
    await admin.goto(firstAdminLink);
    await admin.getByRole('heading', { level: 1, name: da('auth.reset.title') }).waitFor();
    await expectFitsBothWidths(admin, 'the first admin’s link');
    await admin.getByLabel(da('auth.field.newPassword'), { exact: true }).fill(adminPassword);
    await admin.getByRole('button', { name: da('auth.reset.submit') }).click();
    await admin.getByText(da('auth.reset.done')).waitFor();
    await signInAs(admin, adminEmail, 'Lene', adminPassword);
    await enrolTotp(admin);

    // An association.
    await admin.goto('/admin');
    await expectFitsBothWidths(admin, 'the administration’s overview');
    await admin.getByRole('link', { name: da('adminAssociations.overview.associations') }).click();
    await admin.getByRole('link', { name: da('adminAssociations.new') }).click();
    await admin
      .getByLabel(da('adminAssociations.field.name'), { exact: true })
      .fill('Landsforeningen for Marfan syndrom');
    await admin.getByLabel(da('adminAssociations.field.shortName'), { exact: true }).fill('LMS');
    await admin
      .getByLabel(da('adminAssociations.field.website'), { exact: true })
      .fill('https://marfan.example');
    await admin.getByRole('button', { name: da('adminAssociations.create') }).click();
    await admin
      .getByRole('heading', {
        level: 1,
        name: da('adminAssociations.editTitle', { name: 'Landsforeningen for Marfan syndrom' }),
      })
      .waitFor();

    // A group under the association, with a description families will search, and a sub-group under it.
    await admin.goto('/admin');
    await admin.getByRole('link', { name: da('adminAssociations.overview.groups') }).click();
    await admin.getByRole('heading', { level: 1, name: da('adminGroups.title') }).waitFor();
    await admin.getByLabel(da('groupSettings.name'), { exact: true }).fill('Marfan syndrom');
    await admin
      .getByLabel(da('adminGroups.kind'), { exact: true })
      .selectOption({ label: da('adminGroups.kind.diagnosis') });
    await admin
      .getByLabel(da('adminGroups.association'), { exact: true })
      .selectOption({ label: 'Landsforeningen for Marfan syndrom' });
    await admin
      .getByLabel(da('groupSettings.description'), { exact: true })
      .fill('For familier og voksne med Marfan syndrom.');
    await admin.getByRole('button', { name: da('adminGroups.create'), exact: true }).click();
    await admin
      .getByRole('heading', { level: 1, name: da('adminGroups.manage', { name: 'Marfan syndrom' }) })
      .waitFor();
    const groupPage = admin.url();

    await admin.goto('/admin/groups');
    await admin.getByLabel(da('groupSettings.name'), { exact: true }).fill('Unge med Marfan');
    await admin
      .getByLabel(da('adminGroups.kind'), { exact: true })
      .selectOption({ label: da('adminGroups.kind.subgroup') });
    await admin
      .getByLabel(da('adminGroups.parentField'), { exact: true })
      .selectOption({ label: 'Marfan syndrom' });
    await admin.getByRole('button', { name: da('adminGroups.create'), exact: true }).click();
    await admin
      .getByRole('heading', { level: 1, name: da('adminGroups.manage', { name: 'Unge med Marfan' }) })
      .waitFor();

    // The future moderator signs up on a phone; the admin appoints them by email.
    const moderator = await openPage(browser, server.url, contexts, 360);
    await signUpInBrowser(moderator, mailbox, {
      email: 'jonas@marfan.test',
      name: 'Jonas',
      password: 'Jonas-er-frivillig-i-LMS-2027',
      healthConsent: true,
    });
    await admin.goto(groupPage);
    await admin.getByLabel(da('members.email')).fill('jonas@marfan.test');
    await admin.getByLabel(da('members.role')).selectOption({ label: da('groupRole.moderator') });
    await admin.getByRole('button', { name: da('members.addSubmit') }).click();
    await admin.getByText(da('members.added', { name: 'Jonas' })).waitFor();

    // The moderator, with two-step verification on, has the group in their moderation overview and can write in it.
    await enrolTotp(moderator);
    await moderator.goto('/moderation');
    await moderator.getByRole('heading', { name: da('moderation.overview.title'), level: 1 }).waitFor();
    await moderator.getByRole('region', { name: 'Marfan syndrom', exact: true }).waitFor();
    await expectFitsBothWidths(moderator, 'a new moderator’s overview');
    await moderator.goto('/groups/marfan-syndrom');
    await moderator.getByRole('link', { name: da('chat.open') }).click();
    await moderator.getByText(da('chat.connection.open')).waitFor();
    const composer = moderator.getByLabel(da('chat.composerLabel', { group: 'Marfan syndrom' }));
    await composer.click();
    await composer.pressSequentially('Velkommen til gruppen! Skriv gerne lidt om jer selv.');
    await composer.press('Enter');
    await moderator.getByRole('article').filter({ hasText: 'Velkommen til gruppen!' }).first().waitFor();

    // A visitor now finds the group and its association, signed out.
    await visitor.goto('/groups?q=marfan');
    await visitor
      .getByRole('link', { name: /Marfan syndrom/ })
      .first()
      .waitFor();
    await visitor.getByText('Landsforeningen for Marfan syndrom').first().waitFor();
    await expectFitsBothWidths(visitor, 'the directory of a new install');

    // Every step is in the log with the admin's name.
    await admin.goto('/moderation/platform/audit');
    await admin.getByText('Landsforeningen for Marfan syndrom').first().waitFor();
  });
});
