import { existsSync } from 'node:fs';
import path from 'node:path';
import { messageAttachments } from '@spejl/db';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp, signUpAdmin, type TestApp, testOrigin } from '../../testing/app.ts';
import {
  addToGroup,
  associationWithGroups,
  createResource,
  resourceBody,
  signUpWithTotp,
} from './resources.testing.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let editor: Person;
let owner: Person;
let member: Person;
let outsider: Person;
let anonymous: Client;
let associationId: string;
let listedGroupId: string;
let hiddenGroupId: string;
const hour = 60 * 60 * 1000;

const codeOf = (response: { json(): unknown }) => (response.json() as { error: { code: string } }).error.code;

/** A small PDF, as an association's leaflet would start. */
const pdf = (text = 'Foldereksempel') =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** Sends one file to `POST /api/uploads` as a browser's FormData does. */
async function upload(client: Client, bytes: Buffer, name: string, type = 'application/pdf') {
  const boundary = `----spejl${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/uploads',
    remoteAddress: client.remoteAddress,
    headers: {
      origin: testOrigin,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(client.cookie ? { cookie: client.cookie } : {}),
    },
    payload,
  });
}

async function uploaded(person: Person, name = 'folder.pdf', bytes = pdf(), type = 'application/pdf') {
  const response = await upload(person.client, bytes, name, type);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().upload as { id: string; name: string; size: number; mime: string };
}

/** A file resource made by this editor from their own upload; `overrides` as for any resource. */
async function fileResource(person: Person, overrides: Parameters<typeof resourceBody>[0] = {}) {
  const file = await uploaded(person);
  const created = await createResource(person, {
    kind: 'file',
    fileId: file.id,
    body: undefined,
    ...overrides,
  });
  return { ...created, fileId: file.id };
}

async function storedKeys(id: string) {
  const [row] = await t.database.db.select().from(messageAttachments).where(eq(messageAttachments.id, id));
  return row ? [row.fileKey, row.thumbnailKey].filter((key): key is string => key !== null) : [];
}
const onDisk = (key: string) => existsSync(path.join(t.filesDir, key.slice(0, 2), key));

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  editor = await signUpWithTotp(t, 'Ellen Redaktør');
  owner = await signUpWithTotp(t, 'Ole Ejer');
  member = await signUp(t.app, { displayName: 'Mette Medlem' });
  outsider = await signUpWithTotp(t, 'Ulla Udenfor');
  anonymous = new Client(t.app);
  ({ associationId, listedGroupId, hiddenGroupId } = await associationWithGroups(
    admin,
    'Foreningen for Filer',
  ));
  await addToGroup(admin, listedGroupId, owner, 'owner');
  await addToGroup(admin, hiddenGroupId, owner, 'owner');
  await addToGroup(admin, listedGroupId, member);
  await addToGroup(admin, hiddenGroupId, member);
  const added = await admin.client.post(`/api/associations/${associationId}/editors`, {
    email: editor.user.email,
  });
  expect(added.statusCode, added.body).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

describe('making a file resource', () => {
  it('makes a resource of the editor’s own upload and tells its name, type and size', async () => {
    const file = await uploaded(editor, 'Foreningens folder.pdf');
    const response = await editor.client.post(
      '/api/resources',
      resourceBody({
        kind: 'file',
        fileId: file.id,
        body: undefined,
        scope: { type: 'association', id: associationId },
        public: true,
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      kind: 'file',
      fileId: file.id,
      file: {
        id: file.id,
        name: 'Foreningens folder.pdf',
        kind: 'pdf',
        mime: 'application/pdf',
        size: file.size,
      },
      body: null,
      url: null,
    });
    const listed = await anonymous.get(`/api/resources?associationId=${associationId}`);
    expect(
      listed.json().items.find((item: { id: string }) => item.id === response.json().id)?.file,
    ).toMatchObject({
      name: 'Foreningens folder.pdf',
      size: file.size,
    });
  });

  it('answers 401 signed out, and 403 to a member who edits nothing, leaving the upload free', async () => {
    const file = await uploaded(member);
    expect((await upload(anonymous, pdf(), 'a.pdf')).statusCode).toBe(401);
    const body = resourceBody({ kind: 'file', fileId: file.id, body: undefined });
    const signedOut = await anonymous.post('/api/resources', body);
    expect(signedOut.statusCode).toBe(401);
    const refused = await member.client.post('/api/resources', body);
    expect(refused.statusCode).toBe(403);
    expect(codeOf(refused)).toBe('auth.forbidden');
    // Refused before the upload was touched: the member can still send it in a chat.
    const sent = await member.client.post(`/api/groups/${listedGroupId}/messages`, {
      clientId: 'file-still-free',
      body: 'Folderen',
      attachments: [file.id],
    });
    expect(sent.statusCode, sent.body).toBe(201);
  });

  it('refuses someone else’s upload, one on a message, one on another resource and an unknown one, making nothing', async () => {
    const groupScope = { scope: { type: 'group' as const, id: listedGroupId }, public: false };
    const foreign = await uploaded(editor);
    const onMessage = await uploaded(owner);
    const sent = await owner.client.post(`/api/groups/${listedGroupId}/messages`, {
      clientId: 'file-on-message',
      body: 'Se folderen',
      attachments: [onMessage.id],
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const taken = await fileResource(owner, groupScope);
    for (const fileId of [
      foreign.id,
      onMessage.id,
      taken.fileId,
      '00000000-0000-4000-8000-000000000000',
      'abc',
    ]) {
      const title = `Afvist fil ${fileId}`;
      const response = await owner.client.post(
        '/api/resources',
        resourceBody({ kind: 'file', fileId, body: undefined, title, ...groupScope }),
      );
      expect(response.statusCode, fileId).toBe(409);
      expect(codeOf(response)).toBe('resource.upload_unavailable');
      const found = await owner.client.get(`/api/resources?q=${encodeURIComponent('Afvist fil')}`);
      expect(found.json().items.map((item: { title: string }) => item.title)).not.toContain(title);
    }
    // The editor's upload is still theirs to use.
    const own = await editor.client.post(
      '/api/resources',
      resourceBody({
        kind: 'file',
        fileId: foreign.id,
        body: undefined,
        scope: { type: 'association', id: associationId },
      }),
    );
    expect(own.statusCode, own.body).toBe(201);
  });

  it('checks the body: a file needs its upload, an article or link takes none', async () => {
    const file = await uploaded(admin);
    for (const body of [
      resourceBody({ kind: 'file', body: undefined }),
      resourceBody({ kind: 'file', fileId: file.id }),
      resourceBody({ kind: 'article', fileId: file.id }),
    ]) {
      const response = await admin.client.post('/api/resources', body);
      expect(response.statusCode).toBe(400);
      expect(codeOf(response)).toBe('validation.failed');
    }
    const article = await createResource(admin);
    const patched = await admin.client.patch(`/api/resources/${article.id}`, { fileId: file.id });
    expect(patched.statusCode).toBe(400);
  });

  it('does not let a message take a resource’s file', async () => {
    const resource = await fileResource(owner, {
      scope: { type: 'group', id: listedGroupId },
      public: false,
    });
    const sent = await owner.client.post(`/api/groups/${listedGroupId}/messages`, {
      clientId: 'steal-resource-file',
      body: 'Folderen igen',
      attachments: [resource.fileId],
    });
    expect(sent.statusCode).toBe(400);
    expect((await member.client.get(`/api/files/${resource.fileId}`)).statusCode).toBe(200);
  });
});

describe('reading a resource’s file', () => {
  it('serves a public resource’s file signed out, cacheable for a short while', async () => {
    const resource = await fileResource(admin, { public: true });
    for (const url of [`/api/files/${resource.fileId}`, `/api/attachments/${resource.fileId}`]) {
      const response = await anonymous.get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['cache-control']).toBe('public, max-age=300');
      expect(response.headers['content-disposition']).toContain('attachment;');
      expect(response.rawPayload.equals(pdf())).toBe(true);
    }
  });

  it('serves a group resource’s file to the group’s readers only: 404 to others, 401 signed out', async () => {
    const listed = await fileResource(owner, { scope: { type: 'group', id: listedGroupId }, public: false });
    const hidden = await fileResource(owner, { scope: { type: 'group', id: hiddenGroupId }, public: false });
    for (const resource of [listed, hidden]) {
      const url = `/api/files/${resource.fileId}`;
      const read = await member.client.get(url);
      expect(read.statusCode, url).toBe(200);
      expect(read.headers['cache-control']).toBe('private, no-cache');
      const refused = await outsider.client.get(url);
      expect(refused.statusCode).toBe(404);
      expect(codeOf(refused)).toBe('not_found');
      expect(codeOf(await anonymous.get(url))).toBe('auth.required');
    }
  });

  it('serves an association’s resource that is not public to its members, 404 to others', async () => {
    const resource = await fileResource(editor, {
      scope: { type: 'association', id: associationId },
      public: false,
    });
    const url = `/api/files/${resource.fileId}`;
    expect((await member.client.get(url)).statusCode).toBe(200);
    expect((await editor.client.get(url)).statusCode).toBe(200);
    expect((await outsider.client.get(url)).statusCode).toBe(404);
    expect((await anonymous.get(url)).statusCode).toBe(401);
  });

  it('keeps a withdrawn resource’s file for its editors: 404 to readers and 401 signed out', async () => {
    const resource = await fileResource(editor, {
      scope: { type: 'association', id: associationId },
      public: true,
    });
    const withdrawn = await editor.client.post(`/api/resources/${resource.id}/withdraw`, {
      reason: 'Ny folder på vej',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const url = `/api/files/${resource.fileId}`;
    expect((await member.client.get(url)).statusCode).toBe(404);
    expect((await anonymous.get(url)).statusCode).toBe(401);
    const kept = await editor.client.get(url);
    expect(kept.statusCode).toBe(200);
    expect(kept.headers['cache-control']).toBe('private, no-cache');
    await t.app.services.attachments.sweep();
    expect((await editor.client.get(url)).statusCode).toBe(200);
  });
});

describe('the file’s life', () => {
  it('keeps a resource’s file past the unsent uploads’ day and after its uploader’s account is gone', async () => {
    const leaver = await signUpWithTotp(t, 'Lise Forlader');
    const added = await admin.client.post(`/api/associations/${associationId}/editors`, {
      email: leaver.user.email,
    });
    expect(added.statusCode, added.body).toBe(201);
    const resource = await fileResource(leaver, {
      scope: { type: 'association', id: associationId },
      public: true,
    });
    t.clock.advance(25 * hour);
    await t.database.db
      .update(messageAttachments)
      .set({ createdBy: null })
      .where(eq(messageAttachments.id, resource.fileId));
    await t.app.services.attachments.sweep();
    expect((await anonymous.get(`/api/files/${resource.fileId}`)).statusCode).toBe(200);
  });

  it('replaces the file on an edit and removes the old one', async () => {
    const resource = await fileResource(admin, { public: true });
    const oldKeys = await storedKeys(resource.fileId);
    const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#3a7bd5' } })
      .jpeg()
      .toBuffer();
    const next = await uploaded(admin, 'plakat.jpg', photo, 'image/jpeg');
    const foreign = await uploaded(editor);
    const refused = await admin.client.patch(`/api/resources/${resource.id}`, { fileId: foreign.id });
    expect(codeOf(refused)).toBe('resource.upload_unavailable');
    expect((await anonymous.get(`/api/files/${resource.fileId}`)).statusCode).toBe(200);
    const patched = await admin.client.patch(`/api/resources/${resource.id}`, { fileId: next.id });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().file).toMatchObject({ id: next.id, kind: 'image', name: 'plakat.jpg' });
    expect((await anonymous.get(`/api/files/${resource.fileId}`)).statusCode).toBe(401);
    expect((await admin.client.get(`/api/files/${resource.fileId}`)).statusCode).toBe(404);
    for (const key of oldKeys) expect(onDisk(key)).toBe(false);
    expect((await anonymous.get(`/api/files/${next.id}`)).statusCode).toBe(200);
    expect((await anonymous.get(`/api/files/${next.id}/thumbnail`)).statusCode).toBe(200);
  });

  it('removes the file with the resource', async () => {
    const resource = await fileResource(admin, { public: true });
    const keys = await storedKeys(resource.fileId);
    expect(keys.length).toBeGreaterThan(0);
    expect((await admin.client.delete(`/api/resources/${resource.id}`)).statusCode).toBe(204);
    expect((await admin.client.get(`/api/files/${resource.fileId}`)).statusCode).toBe(404);
    for (const key of keys) expect(onDisk(key)).toBe(false);
    expect(await storedKeys(resource.fileId)).toEqual([]);
  });
});
