import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { messageAttachments } from '@spejl/db';
import { clientFrame } from '@spejl/shared';
import { eq } from 'drizzle-orm';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  createGroupWith,
  createTestApp,
  enableTotp,
  signUp,
  signUpAdmin,
  type TestApp,
  testOrigin,
} from '../../testing/app.ts';

let t: TestApp;
type Person = Awaited<ReturnType<typeof signUp>>;
let admin: Person;
let moderator: Person;
let anna: Person;
let bo: Person;
let outsider: Person;
let groupId: string;
let otherGroupId: string;
let hiddenId: string;
let counter = 0;
const clientId = () => `attachment-client-${++counter}`;
const missing = '00000000-0000-4000-8000-000000000000';
const maxBytes = 200 * 1024;
const hour = 60 * 60 * 1000;

/** A multipart/form-data body with one file, as a browser's FormData sends it. */
function multipart(bytes: Buffer, name: string, type: string, field = 'file') {
  const boundary = `----spejl${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, bytes, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function upload(client: Client, url: string, bytes: Buffer, name: string, type = 'image/jpeg') {
  const body = multipart(bytes, name, type);
  return t.app.inject({
    method: 'POST',
    url,
    remoteAddress: client.remoteAddress,
    headers: {
      origin: testOrigin,
      'content-type': body.contentType,
      ...(client.cookie ? { cookie: client.cookie } : {}),
    },
    payload: body.payload,
  });
}

async function uploaded(person: Person, bytes: Buffer, name: string, group = groupId, type = 'image/jpeg') {
  const response = await upload(person.client, `/api/groups/${group}/attachments`, bytes, name, type);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().upload as {
    id: string;
    kind: string;
    mime: string;
    size: number;
    width: number | null;
    height: number | null;
    name: string;
  };
}

async function send(person: Person, body: string, attachments: string[], group = groupId) {
  return person.client.post(`/api/groups/${group}/messages`, { clientId: clientId(), body, attachments });
}

/** A 1000 × 600 JPEG, turned on its side by its EXIF orientation, with a GPS position and a camera name. */
async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 1000, height: 600, channels: 3, background: '#3a7bd5' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'Spejlkamera', Model: 'Hjemmet' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '55/1 40/1 30/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '12/1 34/1 10/1',
      },
    })
    .toBuffer();
}

const pdf = (padding = 0) =>
  Buffer.concat([
    Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'),
    Buffer.alloc(padding, 0x20),
    Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  ]);

async function storedKeys(id: string) {
  const [row] = await t.database.db.select().from(messageAttachments).where(eq(messageAttachments.id, id));
  return row ? [row.fileKey, row.thumbnailKey].filter((key): key is string => key !== null) : [];
}
const onDisk = (key: string) => existsSync(path.join(t.filesDir, key.slice(0, 2), key));

beforeAll(async () => {
  t = await createTestApp({ uploadMaxBytes: maxBytes });
  admin = await signUpAdmin(t);
  moderator = await signUp(t.app, { displayName: 'Mads' });
  await enableTotp(moderator.client, t.clock);
  anna = await signUp(t.app, { displayName: 'Anna' });
  bo = await signUp(t.app, { displayName: 'Bo' });
  outsider = await signUp(t.app, { displayName: 'Udenfor' });
  groupId = await createGroupWith(admin, {}, [
    { person: moderator, role: 'moderator' },
    { person: anna },
    { person: bo },
  ]);
  otherGroupId = await createGroupWith(admin, {}, [{ person: anna }]);
  hiddenId = await createGroupWith(admin, { visibility: 'hidden' }, [{ person: anna }]);
});
afterAll(async () => {
  await t?.close();
});

describe('access', () => {
  it('answers 401 without a session, 404 for hidden and missing groups, 403 for non-members of a listed one', async () => {
    const photo = await photoWithGps();
    const anonymous = new Client(t.app);
    expect((await upload(anonymous, `/api/groups/${groupId}/attachments`, photo, 'a.jpg')).statusCode).toBe(
      401,
    );
    expect((await upload(anonymous, '/api/uploads', photo, 'a.jpg')).statusCode).toBe(401);
    for (const group of [hiddenId, missing, 'not-a-uuid']) {
      const response = await upload(outsider.client, `/api/groups/${group}/attachments`, photo, 'a.jpg');
      expect(response.statusCode, group).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    const listed = await upload(outsider.client, `/api/groups/${groupId}/attachments`, photo, 'a.jpg');
    expect(listed.statusCode).toBe(403);
    expect(listed.json().error.code).toBe('group.not_member');
  });

  it('serves a file only to those who may read its message: 404 for everyone else, as for an unknown id', async () => {
    const file = await uploaded(anna, pdf(), 'brev.pdf', groupId, 'application/pdf');
    // Not on a message yet: nobody reads it by its id, not even its uploader.
    expect((await anna.client.get(`/api/attachments/${file.id}`)).statusCode).toBe(404);
    expect((await send(anna, 'Afgørelsen', [file.id])).statusCode).toBe(201);
    const anonymous = new Client(t.app);
    for (const url of [`/api/attachments/${file.id}`, `/api/files/${file.id}`]) {
      expect((await anonymous.get(url)).statusCode).toBe(401);
      expect((await outsider.client.get(url)).statusCode).toBe(404);
      expect((await bo.client.get(url)).statusCode).toBe(200);
    }
    for (const url of [
      `/api/attachments/${missing}`,
      '/api/attachments/abc',
      `/api/attachments/${file.id}/thumbnail`,
    ])
      expect((await bo.client.get(url)).statusCode, url).toBe(404);
  });
});

describe('direct conversations', () => {
  it('shares files between the pair only: 404 for anyone else, upload and download alike', async () => {
    for (const person of [anna, bo])
      expect((await person.client.patch('/api/me/direct-settings', { enabled: true })).statusCode).toBe(200);
    const asked = await anna.client.post('/api/conversations', { userId: bo.user.id, body: 'Hej Bo' });
    expect(asked.statusCode, asked.body).toBe(201);
    const id = asked.json().conversation.id as string;
    // Not accepted yet: the one who asked may not send more, files included.
    const early = await upload(
      anna.client,
      `/api/groups/${id}/attachments`,
      pdf(),
      'tidlig.pdf',
      'application/pdf',
    );
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe('direct.pending');
    expect((await bo.client.post(`/api/conversations/${id}/accept`)).statusCode).toBe(200);
    const outside = await upload(
      moderator.client,
      `/api/groups/${id}/attachments`,
      pdf(),
      'x.pdf',
      'application/pdf',
    );
    expect(outside.statusCode).toBe(404);
    const file = await uploaded(anna, pdf(), 'til-bo.pdf', id, 'application/pdf');
    const posted = await anna.client.post(`/api/conversations/${id}/messages`, {
      clientId: clientId(),
      body: '',
      attachments: [file.id],
    });
    expect(posted.statusCode, posted.body).toBe(201);
    expect((await bo.client.get(`/api/attachments/${file.id}`)).statusCode).toBe(200);
    for (const person of [moderator, outsider, admin])
      expect((await person.client.get(`/api/attachments/${file.id}`)).statusCode).toBe(404);
    // Reported, it is reviewed by the admins, who see the file with the report (and nothing else of the pair's).
    const messageId = posted.json().message.id as string;
    expect((await bo.client.post(`/api/messages/${messageId}/flags`, { reason: 'privacy' })).statusCode).toBe(
      201,
    );
    expect((await admin.client.get(`/api/attachments/${file.id}`)).statusCode).toBe(200);
    for (const person of [moderator, outsider])
      expect((await person.client.get(`/api/attachments/${file.id}`)).statusCode).toBe(404);
  });
});

describe('upload', () => {
  it('removes the GPS position and every other EXIF tag from a photo, turns it upright, and makes a thumbnail', async () => {
    const original = await photoWithGps();
    // The test photo really carries what must go.
    const before = await exifr.parse(original, { gps: true });
    expect(before.latitude).toBeCloseTo(55.675, 2);
    expect(before.Make).toBe('Spejlkamera');
    expect(before.Orientation).toBe('Rotate 90 CW');

    const file = await uploaded(anna, original, '../../Familie/IMG_0001.jpeg');
    expect(file).toMatchObject({
      kind: 'image',
      mime: 'image/jpeg',
      width: 600,
      height: 1000,
      name: 'IMG_0001.jpg',
    });
    const posted = await send(anna, '', [file.id]);
    expect(posted.statusCode, posted.body).toBe(201);
    expect(posted.json().message).toMatchObject({ body: '', attachments: [file] });

    const listed = (await bo.client.get(`/api/groups/${groupId}/messages`)).json().items;
    expect(listed.at(-1).attachments).toEqual([file]);
    const download = await bo.client.get(`/api/attachments/${file.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(
      `inline; filename="IMG_0001.jpg"; filename*=UTF-8''IMG_0001.jpg`,
    );
    expect(download.headers['cache-control']).toContain('private');
    const bytes = download.rawPayload;
    expect(bytes.length).toBe(file.size);
    expect(await exifr.parse(bytes, { gps: true, xmp: true, iptc: true, icc: true })).toBeUndefined();
    expect(await exifr.gps(bytes)).toBeUndefined();
    const metadata = await sharp(bytes).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 600, height: 1000 });
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();

    const thumbnail = await bo.client.get(`/api/attachments/${file.id}/thumbnail`);
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/webp');
    expect(thumbnail.headers['x-content-type-options']).toBe('nosniff');
    const small = await sharp(thumbnail.rawPayload).metadata();
    expect(small).toMatchObject({ format: 'webp', width: 480, height: 800 });
    expect(small.exif).toBeUndefined();
  });

  it('converts an iPhone HEIC photo to a JPEG without its GPS position', async () => {
    // Made with libheif's heif-enc (HEVC, 320 × 200, a red band on the left), then GPS and a camera name written into
    // its EXIF box with exiftool: `exiftool -a -G1` lists "GPS Latitude: 55 deg 40' 30.00"" for the file.
    const original = readFileSync(path.join(import.meta.dirname, 'fixtures', 'photo-with-gps.heic'));
    expect(original.includes(Buffer.from('Spejlkamera'))).toBe(true);
    const file = await uploaded(anna, original, 'IMG_4711.HEIC', groupId, 'image/heic');
    expect(file).toMatchObject({
      kind: 'image',
      mime: 'image/jpeg',
      width: 320,
      height: 200,
      name: 'IMG_4711.jpg',
    });
    expect((await send(anna, '', [file.id])).statusCode).toBe(201);
    const download = await bo.client.get(`/api/attachments/${file.id}`);
    expect(download.headers['content-type']).toBe('image/jpeg');
    const bytes = download.rawPayload;
    expect(bytes.includes(Buffer.from('Spejlkamera'))).toBe(false);
    expect(await exifr.parse(bytes, { gps: true, xmp: true })).toBeUndefined();
    const metadata = await sharp(bytes).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 320, height: 200 });
    expect(metadata.exif).toBeUndefined();
    // The picture itself came through: the left edge is the red band, the right the blue.
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number) => [
      ...data.subarray((100 * info.width + x) * 3, (100 * info.width + x) * 3 + 3),
    ];
    const [leftRed = 0, , leftBlue = 0] = pixel(10);
    const [rightRed = 0, , rightBlue = 0] = pixel(300);
    expect(leftRed).toBeGreaterThan(leftBlue);
    expect(rightBlue).toBeGreaterThan(rightRed);
  });

  it('serves a PDF as a download with its cleaned name', async () => {
    const file = await uploaded(anna, pdf(), 'Kommunens <afgørelse>\u0007.PDF', groupId, 'application/pdf');
    expect(file).toMatchObject({ kind: 'pdf', mime: 'application/pdf', width: null, height: null });
    expect(file.name).toBe('Kommunens afgørelse.pdf');
    expect((await send(anna, 'Se brevet', [file.id])).statusCode).toBe(201);
    const download = await bo.client.get(`/api/attachments/${file.id}`);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Kommunens afg_relse.pdf"; filename*=UTF-8''${encodeURIComponent('Kommunens afgørelse.pdf')}`,
    );
    expect(download.rawPayload.equals(pdf())).toBe(true);
  });

  it('refuses HTML named as a photo, SVG, GIF and unknown bytes, whatever the name and Content-Type say', async () => {
    const gif = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const refused: Array<[Buffer, string, string]> = [
      [Buffer.from('<html><script>alert(1)</script></html>'), 'evil.jpg', 'image/jpeg'],
      [
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        'logo.svg',
        'image/svg+xml',
      ],
      [gif, 'animation.gif', 'image/gif'],
      [Buffer.from('just some words'), 'letter.pdf', 'application/pdf'],
    ];
    for (const [bytes, name, type] of refused) {
      const response = await upload(anna.client, `/api/groups/${groupId}/attachments`, bytes, name, type);
      expect(response.statusCode, name).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'upload.type_not_allowed' });
      expect(response.json().error.message).toMatch(/PDF/);
    }
    // A JPEG's first bytes with nothing after them: the type is right, the picture unreadable.
    const truncated = (await photoWithGps()).subarray(0, 400);
    const broken = await upload(anna.client, `/api/groups/${groupId}/attachments`, truncated, 'cut.jpg');
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error.code).toBe('upload.unreadable');
  });

  it('refuses a file over UPLOAD_MAX_MB, whether its Content-Length says so or only its bytes do', async () => {
    for (const size of [maxBytes + 10 * 1024, maxBytes + 200 * 1024]) {
      const response = await upload(anna.client, `/api/groups/${groupId}/attachments`, pdf(size), 'big.pdf');
      expect(response.statusCode, String(size)).toBe(413);
      expect(response.json().error.code).toBe('upload.too_large');
    }
  });

  it('takes an upload only as multipart with a file field', async () => {
    const json = await anna.client.post(`/api/groups/${groupId}/attachments`, { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('validation.failed');
  });

  it('takes the contract’s POST /api/uploads, bound to a group when sent', async () => {
    const response = await upload(anna.client, '/api/uploads', pdf(), 'upload.pdf', 'application/pdf');
    expect(response.statusCode, response.body).toBe(201);
    const id = response.json().upload.id as string;
    expect((await send(anna, 'Til den anden gruppe', [id], otherGroupId)).statusCode).toBe(201);
    expect((await anna.client.get(`/api/files/${id}`)).statusCode).toBe(200);
    expect((await bo.client.get(`/api/files/${id}`)).statusCode).toBe(404);
  });
});

describe('sending', () => {
  it('sends a photo as a reply in a thread', async () => {
    const root = await send(anna, 'Hvordan ser jeres hjælpemiddel ud?', []);
    const rootId = root.json().message.id as string;
    const file = await uploaded(bo, await photoWithGps(), 'stol.jpg');
    const reply = await bo.client.post(`/api/groups/${groupId}/messages`, {
      clientId: clientId(),
      body: 'Sådan her',
      threadId: rootId,
      attachments: [file.id],
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json().message).toMatchObject({ threadId: rootId, attachments: [file] });
    const thread = (await anna.client.get(`/api/groups/${groupId}/messages?threadId=${rootId}`)).json().items;
    expect(thread.at(-1).attachments).toEqual([file]);
  });

  it('sends only the sender’s own uploads to this group, each once, at most four', async () => {
    const photo = await photoWithGps();
    const mine = await uploaded(anna, photo, 'a.jpg');
    const bos = await uploaded(bo, photo, 'b.jpg');
    const elsewhere = await uploaded(anna, photo, 'c.jpg', otherGroupId);
    for (const ids of [[bos.id], [elsewhere.id], [missing], ['nope']]) {
      const response = await send(anna, 'Prøv', ids);
      expect(response.statusCode, ids.join()).toBe(400);
      expect(response.json().error.code).toBe('validation.failed');
    }
    // A refused message claims nothing: the upload can still be sent.
    const refused = await send(anna, 'Blandet', [mine.id, bos.id]);
    expect(refused.statusCode).toBe(400);
    expect((await send(anna, 'Nu', [mine.id])).statusCode).toBe(201);
    expect((await send(anna, 'Igen', [mine.id])).statusCode).toBe(400);
    const five = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => uploaded(anna, pdf(n), `${n}.pdf`, groupId, 'application/pdf')),
    );
    expect(
      (
        await send(
          anna,
          'Mange',
          five.map((file) => file.id),
        )
      ).statusCode,
    ).toBe(400);
    const four = await send(
      anna,
      '',
      five.slice(0, 4).map((file) => file.id),
    );
    expect(four.statusCode).toBe(201);
    expect(four.json().message.attachments.map((file: { name: string }) => file.name)).toEqual([
      '1.pdf',
      '2.pdf',
      '3.pdf',
      '4.pdf',
    ]);
    expect((await send(anna, '   ', [])).statusCode).toBe(400);
  });

  it('accepts attachments on the WebSocket’s message.send, and an empty text only with files', () => {
    const frame = { type: 'message.send', groupId, clientId: clientId(), body: '' };
    expect(clientFrame.safeParse({ ...frame, attachments: [missing] }).success).toBe(true);
    expect(clientFrame.safeParse(frame).success).toBe(false);
    expect(clientFrame.safeParse({ ...frame, attachments: [1, 2, 3, 4, 5].map(() => missing) }).success).toBe(
      false,
    );
  });
});

describe('lifecycle', () => {
  it('removes a deleted message’s files: 404 for everyone, and gone from the disk', async () => {
    const file = await uploaded(anna, await photoWithGps(), 'slet.jpg');
    const message = (await send(anna, 'Slettes', [file.id])).json().message;
    const keys = await storedKeys(file.id);
    expect(keys).toHaveLength(2);
    expect(keys.every(onDisk)).toBe(true);
    expect((await anna.client.delete(`/api/messages/${message.id}`)).statusCode).toBe(204);
    for (const person of [anna, bo, moderator])
      expect((await person.client.get(`/api/attachments/${file.id}`)).statusCode).toBe(404);
    expect(keys.some(onDisk)).toBe(false);
    expect(await storedKeys(file.id)).toEqual([]);
    const listed = (await bo.client.get(`/api/groups/${groupId}/messages`)).json().items;
    expect(listed.find((item: { id: string }) => item.id === message.id).attachments).toEqual([]);
  });

  it('shows moderators the attachments of a reported message, and removing the message removes them', async () => {
    const file = await uploaded(bo, await photoWithGps(), 'anmeldt.jpg');
    const message = (await send(bo, 'Se her', [file.id])).json().message;
    const keys = await storedKeys(file.id);
    expect(
      (await anna.client.post(`/api/messages/${message.id}/flags`, { reason: 'privacy' })).statusCode,
    ).toBe(201);
    const queue = (await moderator.client.get(`/api/moderation/queue?groupId=${groupId}`)).json().items;
    const item = queue.find((entry: { message: { id: string } | null }) => entry.message?.id === message.id);
    expect(item.message.attachments).toEqual([file]);
    expect((await moderator.client.get(`/api/attachments/${file.id}`)).statusCode).toBe(200);
    const acted = await moderator.client.post(`/api/moderation/items/${item.id}/actions`, {
      action: 'delete',
      reason: 'Billedet viser et barns navn og adresse',
    });
    expect(acted.statusCode, acted.body).toBe(200);
    expect((await moderator.client.get(`/api/attachments/${file.id}`)).statusCode).toBe(404);
    expect(keys.some(onDisk)).toBe(false);
  });

  it('removes uploads never sent after a day', async () => {
    const file = await uploaded(anna, pdf(), 'glemt.pdf', groupId, 'application/pdf');
    const keys = await storedKeys(file.id);
    await t.app.services.attachments.sweep();
    expect(keys.every(onDisk)).toBe(true);
    t.clock.advance(25 * hour);
    await t.app.services.attachments.sweep();
    expect(keys.some(onDisk)).toBe(false);
    expect((await send(anna, 'For sent', [file.id])).statusCode).toBe(400);
  });

  it('puts the person’s files in their export, and erasing the account removes them', async () => {
    const carla = await signUp(t.app, { displayName: 'Carla' });
    const group = await createGroupWith(admin, {}, [{ person: carla }, { person: bo }]);
    const file = await uploaded(carla, await photoWithGps(), 'carla.jpg', group);
    expect((await send(carla, 'Mit billede', [file.id], group)).statusCode).toBe(201);
    const served = (await bo.client.get(`/api/attachments/${file.id}`)).rawPayload;
    const keys = await storedKeys(file.id);
    const exported = await carla.client.get('/api/me/export');
    expect(exported.statusCode).toBe(200);
    const [entry] = exported.json().attachments;
    expect(entry).toMatchObject({ id: file.id, name: 'carla.jpg', mime: 'image/jpeg', groupId: group });
    expect(Buffer.from(entry.contentBase64, 'base64').equals(served)).toBe(true);
    // The storage keys are the server's own business.
    for (const key of keys) expect(exported.body).not.toContain(key);

    const erased = await carla.client.delete('/api/me', { password: carla.password, messages: 'anonymise' });
    expect(erased.statusCode, erased.body).toBe(204);
    expect(keys.some(onDisk)).toBe(false);
    expect((await bo.client.get(`/api/attachments/${file.id}`)).statusCode).toBe(404);
  });

  it('removes the files of messages the retention rules delete', async () => {
    const group = await createGroupWith(admin, {}, [{ person: anna }]);
    await admin.client.put(`/api/groups/${group}/retention`, { messageMonths: 1 });
    const file = await uploaded(anna, pdf(), 'gammel.pdf', group, 'application/pdf');
    expect((await send(anna, 'Gammel', [file.id], group)).statusCode).toBe(201);
    const keys = await storedKeys(file.id);
    t.clock.advance(40 * 24 * hour);
    const report = await t.app.services.retention.run();
    expect(report.messages).toBeGreaterThanOrEqual(1);
    expect(keys.some(onDisk)).toBe(false);
    expect(await storedKeys(file.id)).toEqual([]);
  });
});
