import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../server/src/modules/auth/auth.totp.ts';
import { expectAccessible, launchBrowser, overflowsHorizontally } from '../support/browser.ts';
import { base32Decode, da, signInAs } from '../support/journeys.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const needs =
  'Vores datter på 1 år har lige fået diagnosen. Vi vil gerne tale med en familie, der har prøvet det.';
const firstMessage =
  'Hej Jonas! Jeg hedder Lene og har en søn med cystisk fibrose. Hvornår passer det at ringe?';

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

async function newPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width, height: 900 },
    locale: 'da-DK',
  });
  contexts.push(context);
  return context.newPage();
}

/** Opens a mentoring page, waits for its heading, and runs axe on it (at the page's current width). */
async function checkPage(page: Page, label: string) {
  await expectAccessible(page, label);
  expect(await overflowsHorizontally(page), `${label} scrolls sideways`).toBe(false);
}

describe('mentoring in the browser, in Danish', () => {
  it('takes a family from asking for a mentor to the first private message', async () => {
    // 1. The family asks, on a phone-sized screen, in four short steps.
    const family = await newPage(360);
    await signInAs(family, 'ny@spejl.test', 'Jonas');
    await family
      .getByRole('navigation', { name: da('nav.main') })
      .getByRole('link', { name: da('nav.mentoring') })
      .click();
    await family.getByRole('heading', { name: da('mentoring.title'), level: 1 }).waitFor();
    await checkPage(family, 'the mentoring overview (family, 360 px)');
    await family.getByRole('link', { name: da('mentoring.family.ask') }).click();
    await family.getByRole('heading', { name: da('mentoring.request.title'), level: 1 }).waitFor();

    await family.getByText(da('mentoring.request.progress', { step: 1, count: 4 })).waitFor();
    await family.getByLabel(da('mentoring.field.group')).selectOption({ label: 'Cystisk fibrose' });
    await family.getByLabel(da('mentoring.field.childAge')).fill('1');
    await checkPage(family, 'request step 1 (360 px)');
    await family.getByRole('button', { name: da('mentoring.request.next') }).click();

    await family.getByRole('heading', { name: da('mentoring.request.step2') }).waitFor();
    await family
      .getByLabel(da('mentoring.field.region'))
      .selectOption({ label: da('mentoring.region.midtjylland') });
    await expect(family.getByLabel(da('mentoring.language.da')).isChecked()).resolves.toBe(true);
    await family.getByLabel(da('mentoring.request.inPerson')).check();
    await checkPage(family, 'request step 2 (360 px)');
    await family.getByRole('button', { name: da('mentoring.request.next') }).click();

    await family.getByRole('heading', { name: da('mentoring.request.step3') }).waitFor();
    await family.getByLabel(da('mentoring.topic.diagnosis'), { exact: true }).check();
    await family.getByLabel(da('mentoring.topic.daily_life'), { exact: true }).check();
    await family.getByLabel(da('mentoring.field.needs')).fill(needs);
    await checkPage(family, 'request step 3 (360 px)');
    await family.getByRole('button', { name: da('mentoring.request.next') }).click();

    await family.getByRole('heading', { name: da('mentoring.request.step4') }).waitFor();
    // Sending without consent is stopped, and the summary says why.
    await family.getByRole('button', { name: da('mentoring.request.submit') }).click();
    await family.getByRole('alert').getByText(da('form.fixErrors')).waitFor();
    await checkPage(family, 'request step 4 with an error (360 px)');
    await family.getByLabel(da('mentoring.request.consent')).check();
    await family.getByRole('button', { name: da('mentoring.request.submit') }).click();
    await family.getByText(da('mentoring.request.sent')).waitFor();
    await family.getByText(da('mentoring.family.status.requested')).waitFor();

    // 2. The coordinator turns on two-step verification, reads the explained candidates and proposes Lene.
    const coordinator = await newPage();
    await signInAs(coordinator, 'koordinator@spejl.test', 'Karen');
    await coordinator.goto('/mentoring/coordinator');
    await coordinator.getByRole('heading', { name: da('mentoring.coordinator.mfaTitle') }).waitFor();
    await checkPage(coordinator, 'the dashboard asking for two-step verification');
    await coordinator.getByRole('link', { name: da('group.mfa.link') }).click();
    await coordinator.waitForURL('**/account#mfa-heading');
    await coordinator.getByRole('button', { name: da('account.mfa.start') }).click();
    await coordinator.getByRole('img', { name: da('account.mfa.qrAlt') }).waitFor();
    const secret = ((await coordinator.locator('.totp-enrol__secret code').textContent()) ?? '').trim();
    await coordinator.getByLabel(da('auth.field.totp')).fill(totpCodeAt(base32Decode(secret), new Date()));
    await coordinator.getByRole('button', { name: da('account.mfa.confirm'), exact: true }).click();
    await coordinator.getByText(da('account.mfa.enabled')).first().waitFor();

    await coordinator.goto('/mentoring/coordinator');
    await coordinator.getByRole('heading', { name: da('mentoring.dashboard.title'), level: 1 }).waitFor();
    const open = coordinator.getByRole('region', { name: da('mentoring.dashboard.open') });
    await open.getByRole('link', { name: 'Jonas' }).waitFor();
    // The coverage report names the family no mentor can take (demo data: Somali only, Gaucher, Nordjylland).
    await coordinator
      .getByRole('region', { name: da('mentoring.dashboard.coverage') })
      .getByRole('cell', { name: 'Gaucher Foreningen Danmark' })
      .waitFor();
    await checkPage(coordinator, 'the coordinator dashboard');
    await open.getByRole('link', { name: 'Jonas' }).click();
    await coordinator
      .getByRole('heading', { name: da('mentoring.requestPage.title', { name: 'Jonas' }), level: 1 })
      .waitFor();
    await coordinator.getByText(needs).waitFor();
    const top = coordinator.getByRole('article').first();
    await top.getByRole('heading', { name: /Lene \(erfaren forælder\)/ }).waitFor();
    await top.getByText(da('mentoring.note.diagnosis.same')).waitFor();
    await checkPage(coordinator, 'a request with its candidates');
    await top
      .getByRole('button', { name: da('mentoring.candidate.propose', { name: 'Lene (erfaren forælder)' }) })
      .click();
    await coordinator
      .getByText(da('mentoring.requestPage.proposed', { name: 'Lene (erfaren forælder)' }))
      .waitFor();
    await coordinator.getByText(da('mentoring.matchStatus.proposed')).first().waitFor();
    await checkPage(coordinator, 'a proposal seen by the coordinator');

    // The other coordinator pages pass axe too.
    for (const [path, heading] of [
      ['/mentoring/coordinator/mentors', da('mentoring.mentors.title')],
      ['/mentoring/coordinator/batch', da('mentoring.batch.title')],
      ['/mentoring/coordinator/weights', da('mentoring.weights.title')],
    ] as const) {
      await coordinator.goto(path);
      await coordinator.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await checkPage(coordinator, path);
    }
    await coordinator.goto('/mentoring/coordinator/batch');
    await coordinator.getByRole('button', { name: da('mentoring.batch.plan') }).click();
    await coordinator.getByRole('heading', { name: da('mentoring.batch.planTitle') }).waitFor();
    await checkPage(coordinator, 'a batch plan');

    // 3. The mentor reads the proposal and says yes; the family opens the conversation and waits.
    const mentor = await newPage();
    await signInAs(mentor, 'mentor@spejl.test', 'Lene (erfaren forælder)');
    await mentor.goto('/mentoring');
    await mentor.getByRole('link', { name: da('mentoring.mentor.proposalLink', { name: 'Jonas' }) }).click();
    await mentor.getByRole('heading', { name: da('mentoring.match.proposalTitle'), level: 1 }).waitFor();
    await mentor.getByText(needs).waitFor();
    await checkPage(mentor, 'a proposal seen by the mentor');
    await mentor.getByRole('button', { name: da('mentoring.proposal.accept') }).click();
    await mentor
      .getByRole('heading', { name: da('mentoring.conversation.with', { name: 'Jonas' }), level: 1 })
      .waitFor();
    await mentor.getByText(da('mentoring.proposal.accepted', { name: 'Jonas' })).waitFor();
    await mentor.getByText(da('chat.connection.open')).waitFor();
    await checkPage(mentor, 'an empty conversation');

    await family.goto('/mentoring');
    await family.getByText(da('mentoring.family.yourMentor', { name: 'Lene (erfaren forælder)' })).waitFor();
    await family.getByRole('link', { name: da('mentoring.conversation.open') }).click();
    await family
      .getByRole('heading', {
        name: da('mentoring.conversation.with', { name: 'Lene (erfaren forælder)' }),
        level: 1,
      })
      .waitFor();
    await family.getByText(da('chat.connection.open')).waitFor();
    await family.getByText(da('chat.empty')).waitFor();

    // 4. The mentor writes the first message (Enter sends, as in every conversation); the family sees it arrive
    // live, and it is read out politely.
    const mentorComposer = mentor.getByRole('textbox', {
      name: da('chat.composerLabelPerson', { name: 'Jonas' }),
    });
    await mentorComposer.fill(firstMessage);
    await mentorComposer.press('Enter');
    await mentor
      .getByRole('region', { name: da('chat.log') })
      .getByRole('article')
      .filter({ hasText: firstMessage })
      .waitFor();
    await family.getByRole('listitem').filter({ hasText: firstMessage }).waitFor();
    await expect(family.locator('[aria-live="polite"]', { hasText: firstMessage }).count()).resolves.toBe(1);
    await checkPage(family, 'the conversation with the first message (360 px)');

    // The family answers; the mentor sees it too.
    await family
      .getByRole('textbox', { name: da('chat.composerLabelPerson', { name: 'Lene (erfaren forælder)' }) })
      .fill('Tak! I morgen aften passer fint.');
    await family.getByRole('button', { name: da('chat.send'), exact: true }).click();
    await mentor.getByRole('listitem').filter({ hasText: 'Tak! I morgen aften passer fint.' }).waitFor();

    // The coordinator sees the mentorship but cannot open the conversation.
    await coordinator.goto('/mentoring/coordinator');
    await coordinator.getByRole('heading', { name: da('mentoring.dashboard.title'), level: 1 }).waitFor();
    const mentorMatch = await mentor.evaluate(() => location.pathname.split('/')[3]);
    await coordinator.goto(`/mentoring/matches/${mentorMatch}`);
    await coordinator.getByText(da('mentoring.matchStatus.active')).first().waitFor();
    await expect(
      coordinator.getByRole('link', { name: da('mentoring.conversation.open') }).count(),
    ).resolves.toBe(0);
    await coordinator.goto(`/mentoring/matches/${mentorMatch}/conversation`);
    await coordinator.getByRole('heading', { name: da('errorPage.title'), level: 1 }).waitFor();
    await expect(coordinator.getByText(firstMessage).count()).resolves.toBe(0);
  }, 240_000);

  it('lets a volunteer become a mentor, and the pair follow up and close; every page passes axe', async () => {
    const volunteer = await newPage(360);
    await signInAs(volunteer, 'medlem@spejl.test', 'Sofie (mor til Ida)');
    await volunteer.goto('/mentoring/mentor');
    await volunteer.getByRole('heading', { name: da('mentoring.mentor.pageTitle'), level: 1 }).waitFor();
    await checkPage(volunteer, 'the become-a-mentor form (360 px)');
    await volunteer.getByRole('button', { name: da('mentoring.mentor.submit') }).click();
    await volunteer.getByText(da('mentoring.form.topics')).first().waitFor();
    await volunteer.getByLabel('Hæmofili og andre blødersygdomme').check();
    await volunteer.getByLabel(da('mentoring.topic.siblings'), { exact: true }).check();
    await volunteer.getByLabel(da('mentoring.mentor.bio')).fill('Mor til Ida. Jeg ved meget om søskende.');
    await volunteer.getByRole('button', { name: da('mentoring.mentor.submit') }).click();
    await volunteer.getByText(da('mentoring.mentor.created')).waitFor();
    await volunteer.getByText(da('mentoring.mentor.statusText.awaiting_approval')).waitFor();
    await checkPage(volunteer, 'a saved mentor profile (360 px)');

    // The demo mentorship (Birgitte and Maria): its page and its conversation, with a check-in and a close.
    const maria = await newPage();
    await signInAs(maria, 'maria@spejl.test', 'Maria (mor til Noah)');
    await maria.goto('/mentoring');
    await maria.getByRole('link', { name: da('mentoring.match.open') }).click();
    await maria
      .getByRole('heading', {
        name: da('mentoring.match.withMentor', { name: 'Birgitte (mor til Oliver)' }),
        level: 1,
      })
      .waitFor();
    await checkPage(maria, 'an active mentorship');
    await maria.getByLabel(da('mentoring.mood.good')).check();
    await maria.getByRole('button', { name: da('mentoring.followUp.submit'), exact: true }).click();
    await maria.getByText(da('mentoring.followUp.thanks')).waitFor();
    await maria.getByRole('link', { name: da('mentoring.conversation.open') }).click();
    await maria.getByText('Hej Maria!', { exact: false }).waitFor();
    await checkPage(maria, 'a conversation with history');
    await maria.goBack();
    await maria.getByRole('button', { name: da('mentoring.close.start') }).click();
    await maria
      .getByLabel(da('mentoring.close.reason'))
      .selectOption({ label: da('mentoring.closeReason.goal_reached') });
    await checkPage(maria, 'the close form');
    await maria.getByRole('button', { name: da('mentoring.close.submit'), exact: true }).click();
    await maria.getByText(da('mentoring.close.done')).waitFor();
    await maria.getByRole('link', { name: da('mentoring.conversation.open') }).click();
    await maria.getByText(da('mentoring.conversation.closed')).waitFor();
    await expect(
      maria
        .getByRole('textbox', { name: da('chat.composerLabelPerson', { name: 'Birgitte (mor til Oliver)' }) })
        .count(),
    ).resolves.toBe(0);
    await checkPage(maria, 'an archived conversation');
  });
});
