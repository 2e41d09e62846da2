import { mailOutbox } from '@spejl/db';
import { translate } from '@spejl/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGroupWith,
  createTestApp,
  signUp,
  signUpAdmin,
  type TestApp,
  testOrigin,
} from '../../testing/app.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let groupId: string;
let counter = 0;

/** A first message that says something about health: it must stay inside the conversation. */
const secret = 'Vores datter har lige fået diagnosen Rett syndrom';

/** Someone new in the shared group, with direct messages on unless told otherwise. */
async function member(displayName: string, options: { enabled?: boolean; locale?: 'da' | 'en' } = {}) {
  const person = await signUp(t.app, { displayName, ...(options.locale ? { locale: options.locale } : {}) });
  const added = await admin.client.post(`/api/groups/${groupId}/members`, { email: person.user.email });
  expect(added.statusCode, added.body).toBe(201);
  if (options.enabled !== false) {
    const enabled = await person.client.patch('/api/me/direct-settings', { enabled: true });
    expect(enabled.statusCode, enabled.body).toBe(200);
  }
  return person;
}

const ask = (from: Person, to: Person, body = secret) =>
  from.client.post('/api/direct', { userId: to.user.id, body, clientId: `notify-${++counter}` });

async function notificationsOf(person: Person) {
  const response = await person.client.get('/api/notifications');
  expect(response.statusCode).toBe(200);
  return response.json().items as Array<{ type: string; data: Record<string, unknown> }>;
}

const mailsTo = (person: Person) =>
  t.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, person.user.email));

/** The direct-message notifications and mails a person has had. */
async function toldOf(person: Person) {
  const notes = (await notificationsOf(person)).filter((note) => note.type.startsWith('direct.'));
  const mails = (await mailsTo(person)).filter((mail) => mail.text.includes('/messages'));
  return { notes, mails };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  groupId = await createGroupWith(admin, { name: 'Rett-forældre' });
});
afterAll(async () => {
  await t?.close();
});

describe('a direct-message request', () => {
  it('tells the one asked in the bell and by mail, who asks and where, never what they wrote', async () => {
    const asker = await member('Mette Mørk');
    const asked = await member('Niels Nørgaard');
    const response = await ask(asker, asked);
    expect(response.statusCode, response.body).toBe(201);
    const id = response.json().conversation.id as string;

    const { notes, mails } = await toldOf(asked);
    expect(notes).toEqual([
      expect.objectContaining({ type: 'direct.request', data: { conversationId: id, name: 'Mette Mørk' } }),
    ]);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    const params = { name: 'Mette Mørk', url: `${testOrigin}/messages/${id}` };
    expect(mail?.subject).toBe(translate('da', 'mail.directRequest.subject', params));
    expect(mail?.text).toContain(translate('da', 'mail.directRequest.body', params));
    for (const text of [mail?.subject, mail?.text, JSON.stringify(notes)]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain('Rett syndrom');
    }
    // The one who asked is told nothing about their own request.
    expect(await toldOf(asker)).toEqual({ notes: [], mails: [] });
  });

  it('is mailed in the reader’s language, and only when they chose it; the bell tells them either way', async () => {
    const asker = await member('Ole Olesen');
    const english = await member('Paula Price', { locale: 'en' });
    const id = (await ask(asker, english)).json().conversation.id as string;
    const [mail] = (await toldOf(english)).mails;
    expect(mail?.subject).toBe('Ole Olesen would like to write with you directly on Spejl');
    expect(mail?.text).toContain(`${testOrigin}/messages/${id}`);

    const optedOut = await member('Rikke Rask');
    const chosen = await optedOut.client.patch('/api/me/preferences', {
      channels: { direct: ['push'] },
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect((await ask(asker, optedOut)).statusCode).toBe(201);
    const told = await toldOf(optedOut);
    expect(told.notes.map((note) => note.type)).toEqual(['direct.request']);
    expect(told.mails).toEqual([]);
  });

  it('tells nobody when it is refused: direct messages off, or a block either way', async () => {
    const asker = await member('Søren Sand');
    const off = await member('Tove Tang', { enabled: false });
    const blocker = await member('Ulla Uhd');
    const blocked = await member('Viggo Vang');
    expect((await blocker.client.post(`/api/people/${asker.user.id}/block`)).statusCode).toBe(200);
    expect((await asker.client.post(`/api/people/${blocked.user.id}/block`)).statusCode).toBe(200);
    for (const person of [off, blocker, blocked]) {
      const response = await ask(asker, person);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('dm.not_allowed');
      expect(await toldOf(person)).toEqual({ notes: [], mails: [] });
    }
  });
});

describe('answering a request', () => {
  it('tells the one who asked when it is accepted, in the bell and by mail', async () => {
    const asker = await member('Anja Ahl');
    const asked = await member('Bjarne Bak');
    const id = (await ask(asker, asked)).json().conversation.id as string;
    expect((await asked.client.post(`/api/direct/${id}/accept`)).statusCode).toBe(200);

    const { notes, mails } = await toldOf(asker);
    expect(notes).toEqual([
      expect.objectContaining({ type: 'direct.accepted', data: { conversationId: id, name: 'Bjarne Bak' } }),
    ]);
    const params = { name: 'Bjarne Bak', url: `${testOrigin}/messages/${id}` };
    expect(mails.map((mail) => mail.subject)).toEqual([
      translate('da', 'mail.directAccepted.subject', params),
    ]);
    expect(mails[0]?.text).toContain(translate('da', 'mail.directAccepted.body', params));
    expect(mails[0]?.text).not.toContain(secret);
  });

  it('keeps a decline private: the one who asked hears nothing; asking back tells the other one', async () => {
    const asker = await member('Camilla Krog');
    const asked = await member('Dennis Dam');
    const id = (await ask(asker, asked)).json().conversation.id as string;
    expect((await asked.client.post(`/api/direct/${id}/decline`)).statusCode).toBe(200);
    expect(await toldOf(asker)).toEqual({ notes: [], mails: [] });

    // The one who declined may change their mind and ask; the first asker is told like any request.
    expect((await ask(asked, asker, 'Undskyld, jeg trykkede forkert')).statusCode).toBe(201);
    const told = await toldOf(asker);
    expect(told.notes).toEqual([
      expect.objectContaining({ type: 'direct.request', data: { conversationId: id, name: 'Dennis Dam' } }),
    ]);
    expect(told.mails).toHaveLength(1);
    expect(told.mails[0]?.text).not.toContain('trykkede forkert');
  });
});
