import { mailOutbox, users } from '@spejl/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupWith, createTestApp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';
import { escapeHtml } from './mail.layout.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('every mail', () => {
  it('has an HTML part in the one layout, in the recipient’s language, with each address in the text as a link', async () => {
    const admin = await signUpAdmin(t);
    const danish = await signUp(t.app, { displayName: 'Dorthe <b>Dansk</b>' });
    const english = await signUp(t.app, { displayName: 'Emma English', locale: 'en' });
    // Mails from several modules: confirmation (auth), being added to a group (notifications), a password reset.
    await createGroupWith(admin, { name: 'Sjældne børn' }, [{ person: danish }, { person: english }]);
    for (const person of [danish, english]) {
      const reset = await person.client.post('/api/auth/password-reset/request', {
        email: person.user.email,
      });
      expect(reset.statusCode, reset.body).toBeLessThan(300);
    }
    await t.app.services.auth.settled();

    const mails = await t.database.db
      .select({ mail: mailOutbox, locale: users.locale })
      .from(mailOutbox)
      .leftJoin(users, eq(users.email, mailOutbox.to));
    expect(mails.length).toBeGreaterThanOrEqual(6);
    expect(new Set(mails.map(({ locale }) => locale))).toEqual(new Set(['da', 'en']));
    let links = 0;
    for (const { mail, locale } of mails) {
      expect(mail.html, mail.subject).toMatch(new RegExp(`<html lang="${locale}"`));
      expect(mail.html).toContain(`<title>${escapeHtml(mail.subject)}</title>`);
      for (const url of mail.text.match(/https?:\/\/\S+/g) ?? []) {
        expect(mail.html, `${mail.subject}: ${url}`).toContain(
          `href="${escapeHtml(url.replace(/[.,;:!?)]+$/, ''))}"`,
        );
        links += 1;
      }
      // The display name is text in the HTML, never markup.
      expect(mail.html).not.toContain('<b>Dansk</b>');
    }
    expect(links).toBeGreaterThanOrEqual(6);
  });

  it('keeps an HTML part and headers given by the sender as they are', async () => {
    await t.app.services.mailer.send({
      to: 'someone@example.test',
      subject: 'Given',
      text: 'Plain',
      html: '<p>Own</p>',
      headers: { 'X-Spejl-Test': 'yes' },
    });
    const [mail] = await t.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, 'someone@example.test'));
    expect(mail).toMatchObject({ text: 'Plain', html: '<p>Own</p>', headers: { 'X-Spejl-Test': 'yes' } });
  });
});
