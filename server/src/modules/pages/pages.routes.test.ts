import { consents, moderationAuditLog, sessions, users } from '@spejl/db';
import { consentVersions } from '@spejl/shared/privacy-terms';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, enableTotp, signUp, signUpAdmin, type TestApp } from '../../testing/app.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let member: Person;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  member = await signUp(t.app, { displayName: 'Malene Madsen' });
});
afterAll(async () => {
  await t?.close();
});

const edit = (overrides: Record<string, unknown> = {}) => ({
  locale: 'da',
  title: 'Hjælp',
  body: '## Grupper\n\nSådan finder du din gruppe.',
  reason: 'Kortere tekst om grupper',
  ...overrides,
});

describe('reading a page', () => {
  it('shows the built-in terms signed out, in Danish by default', async () => {
    const response = await new Client(t.app).get('/api/pages/terms');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ slug: 'terms', locale: 'da', version: 1, permissions: { canEdit: false } });
    expect(body.title).toBe('Vilkår for at bruge Spejl');
    expect(body.body).toContain('ring 112');
    expect(typeof body.updatedAt).toBe('string');
  });

  it('answers in the reader’s language from Accept-Language', async () => {
    const response = await new Client(t.app).get('/api/pages/privacy', {
      'accept-language': 'en-GB,en;q=0.9',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ locale: 'en', title: 'Privacy policy' });
    expect(response.json().body).toContain('Article 9(2)(a)');
  });

  it('fills the privacy policy with today’s retention rules and placeholders for the controller', async () => {
    const body = (await new Client(t.app).get('/api/pages/privacy')).json().body as string;
    expect(body).toContain('[Foreningens navn]');
    expect(body).toContain('slettet efter 90 dage');
    expect(body).toContain('Datatilsynet');
    expect(body).toContain('artikel 9, stk. 2, litra a');
  });

  it('answers 404 for an unknown page', async () => {
    const response = await new Client(t.app).get('/api/pages/cookies');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('page.not_found');
  });
});

describe('publishing a version', () => {
  it('refuses without a session (401)', async () => {
    const anonymous = new Client(t.app);
    expect((await anonymous.put('/api/pages/help', edit())).statusCode).toBe(401);
    expect((await anonymous.get('/api/pages/help/versions')).statusCode).toBe(401);
  });

  it('refuses a member (403)', async () => {
    const response = await member.client.put('/api/pages/help', edit());
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.forbidden');
    expect((await member.client.get('/api/pages/help/versions')).statusCode).toBe(403);
  });

  it('asks an admin who has not proven TOTP in this session to step up', async () => {
    const other = await signUp(t.app, { displayName: 'Anders Andreasen' });
    await enableTotp(other.client, t.clock);
    await t.database.db.update(users).set({ platformRole: 'admin' }).where(eq(users.id, other.user.id));
    await t.database.db
      .update(sessions)
      .set({ mfaVerified: false })
      .where(eq(sessions.userId, other.user.id));
    const response = await other.client.put('/api/pages/help', edit());
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.mfa_step_up_required');
  });

  it('refuses a bad body with validation.failed, and an oversize one with 413', async () => {
    const missingReason = await admin.client.put('/api/pages/help', edit({ reason: undefined }));
    expect(missingReason.statusCode).toBe(400);
    expect(missingReason.json().error.code).toBe('validation.failed');
    const longBody = await admin.client.put('/api/pages/help', edit({ body: 'a'.repeat(60_001) }));
    expect(longBody.statusCode).toBe(400);
    expect(longBody.json().error.code).toBe('validation.failed');
    const tooLarge = await admin.client.put('/api/pages/help', edit({ body: 'æ'.repeat(200_000) }));
    expect(tooLarge.statusCode).toBe(413);
    expect((await admin.client.put('/api/pages/cookies', edit())).statusCode).toBe(404);
  });

  it('publishes a new version that everyone reads, with an audit entry naming the admin and the reason', async () => {
    const response = await admin.client.put('/api/pages/help', edit());
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      slug: 'help',
      version: 2,
      title: 'Hjælp',
      permissions: { canEdit: true },
    });

    const read = (await new Client(t.app).get('/api/pages/help')).json();
    expect(read).toMatchObject({ version: 2, body: '## Grupper\n\nSådan finder du din gruppe.' });
    // The English text is still the built-in one until someone publishes it.
    const english = (await new Client(t.app).get('/api/pages/help', { 'accept-language': 'en' })).json();
    expect(english).toMatchObject({ version: 1, title: 'Help' });

    const [entry] = await t.database.db
      .select()
      .from(moderationAuditLog)
      .where(
        and(eq(moderationAuditLog.action, 'page.published'), eq(moderationAuditLog.actorId, admin.user.id)),
      );
    expect(entry).toMatchObject({ reason: 'Kortere tekst om grupper', groupId: null });
    expect(entry?.after).toMatchObject({ slug: 'help', locale: 'da', version: 2 });
  });

  it('lists the versions for admins, newest first, with the built-in texts last', async () => {
    await admin.client.put(
      '/api/pages/help',
      edit({ locale: 'en', title: 'Help', body: 'New help', reason: 'English' }),
    );
    const response = await admin.client.get('/api/pages/help/versions');
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<Record<string, unknown>>;
    expect(items.map((item) => [item.version, item.locale, item.builtIn])).toEqual([
      [3, 'en', false],
      [2, 'da', false],
      [1, 'da', true],
      [1, 'en', true],
    ]);
    expect(items[0]).toMatchObject({ reason: 'English', author: { displayName: 'Astrid Andersen' } });
  });
});

describe('asking again after new terms', () => {
  const termsOf = async (person: Person) =>
    ((await person.client.get('/api/me/consents')).json().current as Array<Record<string, unknown>>).find(
      (row) => row.kind === 'terms',
    );

  it('keeps a member’s consent current while no version needs it', async () => {
    expect(await termsOf(member)).toMatchObject({
      given: true,
      outdated: false,
      version: consentVersions.terms,
      currentVersion: consentVersions.terms,
    });
    // A help change never asks anyone again, even ticked.
    await admin.client.put('/api/pages/help', edit({ requiresConsent: true, reason: 'Ny hjælp' }));
    expect(await termsOf(member)).toMatchObject({ outdated: false });
  });

  it('asks the member again after a terms version that needs consent, and records the new version', async () => {
    t.clock.advance(60_000);
    const published = await admin.client.put(
      '/api/pages/terms',
      edit({
        title: 'Vilkår',
        body: 'Nye husregler.',
        reason: 'Nye husregler om billeder',
        requiresConsent: true,
      }),
    );
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().change).toMatchObject({ summary: 'Nye husregler om billeder' });
    const version = published.json().version as number;

    expect(await termsOf(member)).toMatchObject({ outdated: true, currentVersion: `terms-${version}` });
    // The terms cannot be withdrawn here (that is deleting the account).
    expect((await member.client.put('/api/me/consents', { kind: 'terms', given: false })).statusCode).toBe(
      400,
    );

    const accepted = await member.client.put('/api/me/consents', { kind: 'terms', given: true });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await termsOf(member)).toMatchObject({ outdated: false, version: `terms-${version}` });
    const rows = await t.database.db
      .select()
      .from(consents)
      .where(and(eq(consents.userId, member.user.id), eq(consents.kind, 'terms')));
    expect(rows.map((row) => row.version).sort()).toEqual([consentVersions.terms, `terms-${version}`].sort());
  });

  it('does not ask someone who signed up after the new version', async () => {
    t.clock.advance(60_000);
    const newcomer = await signUp(t.app);
    expect(await termsOf(newcomer)).toMatchObject({ given: true, outdated: false });
  });

  it('asks again after a privacy policy version that needs consent', async () => {
    t.clock.advance(60_000);
    await admin.client.put(
      '/api/pages/privacy',
      edit({
        title: 'Privatliv',
        body: 'Ny databehandler.',
        reason: 'Ny mailudbyder',
        requiresConsent: true,
      }),
    );
    expect(await termsOf(member)).toMatchObject({ outdated: true });
  });
});
