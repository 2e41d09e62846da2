import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../server/src/modules/auth/auth.totp.ts';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { base32Decode, da, daCount, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const joinMessage = 'Vores søn på 2 år har lige fået diagnosen. Vi vil gerne tale med andre forældre.';

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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A catalogue text with its number (written as 0) standing for any number. */
const withAnyNumber = (text: string) => new RegExp(`^${escapeRegExp(text).replace('0', '\\d+')}$`);
const startsWith = (text: string) => new RegExp(`^${escapeRegExp(text)}`);

/** Searches the directory the way a person does: type, press the button, wait for the summary. */
async function search(page: Page, text: string) {
  await page.getByLabel(da('groups.search.label')).fill(text);
  await page.getByRole('button', { name: da('groups.search.submit'), exact: true }).click();
  await page.waitForURL(`**/groups?q=${encodeURIComponent(text)}`);
  await page.locator('.search-summary', { hasText: text }).waitFor();
}

let moderatorSession: Promise<BrowserContext> | undefined;

/**
 * The moderator (Mads), signed in, with two-step verification turned on from the group page's notice, exactly as
 * a moderator would. Made once: the second enrolment would need a new code step.
 */
function moderatorContext(): Promise<BrowserContext> {
  moderatorSession ??= (async () => {
    const { context, page } = await newPage();
    await signInAs(page, 'moderator@spejl.test', 'Mads');
    await page.goto('/groups/cystisk-fibrose');
    await page.getByRole('heading', { name: 'Cystisk fibrose', level: 1 }).waitFor();
    await page.getByRole('heading', { name: da('group.mfa.title') }).waitFor();
    await expect(page.getByRole('navigation', { name: da('group.moderation') }).count()).resolves.toBe(0);
    await page
      .getByRole('link', { name: da('group.mfa.link') })
      .first()
      .click();
    await page.waitForURL('**/account#mfa-heading');

    await page.getByRole('button', { name: da('account.mfa.start') }).click();
    await page.getByRole('img', { name: da('account.mfa.qrAlt') }).waitFor();
    const secretText = (await page.locator('.totp-enrol__secret code').textContent()) ?? '';
    const key = base32Decode(secretText.trim());
    await page.getByLabel(da('auth.field.totp')).fill(totpCodeAt(key, new Date()));
    await page.getByRole('button', { name: da('account.mfa.confirm'), exact: true }).click();
    await page.getByText(da('account.mfa.enabled')).first().waitFor();
    await page.close();
    return context;
  })();
  return moderatorSession;
}

describe('groups in the browser, in Danish', () => {
  it('a new family finds a group and asks to join; a moderator approves; the family is let in and told', async () => {
    const family = await newPage();
    await signInAs(family.page, 'ny@spejl.test', 'Jonas');
    await family.page.getByRole('heading', { name: da('home.myGroups') }).waitFor();
    await family.page.getByText(da('home.noGroups')).waitFor();

    await family.page
      .getByRole('navigation', { name: da('nav.main') })
      .getByRole('link', { name: da('nav.groups') })
      .click();
    await family.page.getByRole('heading', { name: da('groups.title'), level: 1 }).waitFor();
    await search(family.page, 'cystisk');
    await family.page.getByRole('link', { name: 'Cystisk fibrose', exact: true }).click();
    await family.page.getByRole('heading', { name: 'Cystisk fibrose', level: 1 }).waitFor();

    await family.page.getByLabel(da('group.join.message')).fill(joinMessage);
    await family.page
      .getByText(da('form.charactersUsed', { count: joinMessage.length, max: 1000 }))
      .waitFor();
    await family.page.getByRole('button', { name: da('group.join.submit'), exact: true }).click();
    await family.page.getByText(da('group.join.sent')).waitFor();
    await family.page.getByText(da('group.pending.title')).waitFor();
    await family.page.getByText(joinMessage).waitFor();
    await family.page.getByRole('button', { name: da('group.pending.withdraw') }).waitFor();
    await expectAccessible(family.page, 'a group page with a pending request');
    // The directory says so too.
    await family.page.goto('/groups?q=cystisk');
    await family.page
      .getByRole('article', { name: 'Cystisk fibrose' })
      .getByText(da('groups.badge.pending'))
      .waitFor();

    await family.page.goto('/groups/cystisk-fibrose');
    await family.page.getByText(da('group.pending.title')).waitFor();

    const moderator = await (await moderatorContext()).newPage();
    await moderator.goto('/groups/cystisk-fibrose');
    const moderation = moderator.getByRole('navigation', { name: da('group.moderation') });
    await moderation
      .getByRole('link', { name: withAnyNumber(da('group.moderation.requests', { count: 0 })) })
      .click();
    await moderator.getByRole('heading', { name: da('requests.title'), level: 1 }).waitFor();
    const request = moderator.getByRole('article', { name: 'Jonas' });
    await request.getByText(joinMessage).waitFor();
    await request.getByRole('button', { name: da('requests.approveNamed', { name: 'Jonas' }) }).click();
    await moderator.getByText(da('requests.approved', { name: 'Jonas' })).waitFor();
    await expect(moderator.getByRole('article', { name: 'Jonas' }).count()).resolves.toBe(0);
    await moderator.getByRole('link', { name: da('requests.status.approved'), exact: true }).click();
    await moderator
      .getByRole('article', { name: 'Jonas' })
      .getByText(da('requests.status.approved'))
      .first()
      .waitFor();
    await moderator.close();

    await family.page.reload();
    await family.page.getByText(da('group.youAre.member')).waitFor();
    await family.page.getByRole('heading', { name: da('group.profile.title') }).waitFor();
    await family.page
      .getByRole('region', { name: da('group.memberList.title') })
      .getByText('Jonas')
      .first()
      .waitFor();
    const notificationsLink = family.page
      .getByRole('banner')
      .getByRole('link', { name: daCount('navigation.bell', 1), exact: true });
    await notificationsLink.waitFor();
    await notificationsLink.click();
    await family.page.getByRole('heading', { name: da('notifications.title'), level: 1 }).waitFor();
    await family.page
      .getByText(da('notification.joinRequestApproved', { group: 'Cystisk fibrose' }))
      .waitFor();
    await family.page.getByRole('button', { name: da('notifications.markAllRead') }).click();
    await family.page.getByText(da('notifications.allRead')).waitFor();
    await family.page
      .getByRole('banner')
      .getByRole('link', { name: da('nav.notifications'), exact: true })
      .waitFor();

    // Home lists the new group under "Mine grupper".
    await family.page.goto('/');
    await family.page
      .getByRole('region', { name: da('home.myGroups') })
      .getByRole('link', { name: 'Cystisk fibrose' })
      .waitFor();
    await family.context.close();
  });

  it('keeps a hidden group out of sight for outsiders, but not for its members', async () => {
    const outsider = await newPage();
    await signInAs(outsider.page, 'ny@spejl.test', 'Jonas');
    await outsider.page.goto('/groups');
    await search(outsider.page, 'Rett');
    await expect(
      outsider.page.getByRole('link', { name: 'Forældre til piger med Rett syndrom' }).count(),
    ).resolves.toBe(0);
    await outsider.page.goto('/groups/rett-foraeldre');
    await outsider.page.getByRole('heading', { name: da('errorPage.title'), level: 1 }).waitFor();
    await outsider.page.getByText(da('errorPage.notFound')).first().waitFor();
    await expect(outsider.page.getByText('Forældre til piger med Rett syndrom').count()).resolves.toBe(0);
    await outsider.context.close();

    // The same search finds it for a member, so the check above is about hiding, not about the search.
    const member = await newPage();
    await signInAs(member.page, 'medlem@spejl.test', 'Sofie (mor til Ida)');
    await member.page.goto('/groups');
    await search(member.page, 'Rett');
    const card = member.page.getByRole('article', { name: 'Forældre til piger med Rett syndrom' });
    await card.getByText(da('groups.badge.hidden'), { exact: true }).waitFor();
    await card.getByRole('link').click();
    await member.page
      .getByRole('heading', { name: 'Forældre til piger med Rett syndrom', level: 1 })
      .waitFor();
    await member.context.close();
  });

  it('passes axe on the group pages and fits a 360 px screen', async () => {
    const context = await moderatorContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    const check = async (label: string) => {
      await expectAccessible(page, `${label} at 360 px`);
      expect(await overflowsHorizontally(page), `${label} scrolls sideways at 360 px`).toBe(false);
    };
    const open = async (path: string, heading: string) => {
      await page.goto(path);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await check(path);
    };

    await open('/groups', da('groups.title'));
    await search(page, 'cystisk');
    await check('/groups?q=cystisk');
    await open('/groups/cystisk-fibrose', 'Cystisk fibrose');
    await open('/groups/cystisk-fibrose/requests', da('requests.title'));
    await page
      .getByRole('button', { name: startsWith(da('requests.declineNamed', { name: '' })) })
      .first()
      .click();
    await page.getByLabel(da('requests.reason')).first().waitFor();
    await check('/groups/cystisk-fibrose/requests with the decline form open');

    await open('/groups/cystisk-fibrose/invites', da('invites.title'));
    await page.getByLabel(da('invites.maxUses')).fill('5');
    await page.getByRole('button', { name: da('invites.submit'), exact: true }).click();
    const link = page.getByLabel(da('invites.link'), { exact: true });
    await link.waitFor();
    expect(await link.inputValue()).toMatch(new RegExp(`^${server.url}/invite/\\S+$`));
    await page.getByText(daCount('invites.uses', 5, { uses: 0 })).waitFor();
    await check('/groups/cystisk-fibrose/invites with a new link');

    await open('/groups/cystisk-fibrose/members', da('members.title'));
    await page
      .getByRole('button', { name: startsWith(da('members.removeNamed', { name: '' })) })
      .first()
      .click();
    await page.getByLabel(da('members.removeReason')).first().waitFor();
    await check('/groups/cystisk-fibrose/members with the remove form open');

    await open('/groups/cystisk-fibrose/history', da('history.title'));
    await page.locator('.event').first().waitFor();
    await check('/groups/cystisk-fibrose/history');

    await open('/notifications', da('notifications.title'));
    await page.close();
  });
  it('asks before anyone leaves, and keeps the last owner in the group', async () => {
    const owner = await (await moderatorContext()).newPage();
    await owner.goto('/groups/rett-foraeldre');
    await owner.getByRole('button', { name: da('group.leave.button') }).click();
    await owner
      .getByText(da('group.leave.confirm', { group: 'Forældre til piger med Rett syndrom' }))
      .waitFor();
    await owner.getByRole('button', { name: da('group.leave.yes') }).click();
    await owner.getByText(da('error.group.last_owner')).first().waitFor();
    await owner.getByRole('button', { name: da('group.leave.no') }).click();
    await owner.getByRole('button', { name: da('group.leave.button') }).waitFor();
    await owner.close();

    const { context, page } = await newPage();
    await signInAs(page, 'medlem@spejl.test', 'Sofie (mor til Ida)');
    await page.goto('/groups/haemofili');
    await page.getByText(da('group.youAre.member')).waitFor();
    await page.getByRole('button', { name: da('group.leave.button') }).click();
    await page.getByRole('button', { name: da('group.leave.yes') }).click();
    await page.waitForURL('**/groups');
    await page.getByText(da('group.leave.done', { group: 'Hæmofili og andre blødersygdomme' })).waitFor();
    await page.goto('/groups/haemofili');
    await page.getByRole('button', { name: da('group.join.submit') }).waitFor();
    await context.close();
  });
});
