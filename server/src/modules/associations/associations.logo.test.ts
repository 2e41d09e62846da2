import { moderationAuditLog, sessions, users } from '@spejl/db';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
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
let member: Person;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUpAdmin(t);
  member = await signUp(t.app, { displayName: 'Malene Madsen' });
});
afterAll(async () => {
  await t?.close();
});

const unknownId = '00000000-0000-4000-8000-000000000000';
let counter = 0;
async function createAssociation() {
  counter += 1;
  const response = await admin.client.post('/api/admin/associations', { name: `Logoforening ${counter}` });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; name: string; logoUrl: string | null };
}

/** Sends bytes as the body, as the web does with a chosen file. */
async function upload(client: Client, id: string, bytes: Buffer, contentType = 'image/png') {
  return t.app.inject({
    method: 'PUT',
    url: `/api/admin/associations/${id}/logo`,
    remoteAddress: client.remoteAddress,
    headers: {
      origin: testOrigin,
      'content-type': contentType,
      ...(client.cookie ? { cookie: client.cookie } : {}),
    },
    payload: bytes,
  });
}

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: { r: 200, g: 30, b: 60, alpha: 0.5 } } })
    .png()
    .toBuffer();

/** A photo as a phone takes it: lying on its side (EXIF orientation 6), with a description and a GPS position. */
const phoneJpeg = () =>
  sharp({ create: { width: 800, height: 400, channels: 3, background: '#3366cc' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { ImageDescription: 'Hjemme hos familien Hansen', Copyright: 'Familien Hansen' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '55/1 40/1 3000/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '12/1 34/1 0/1',
      },
    })
    .toBuffer();

/** The EXIF pointer to the GPS directory (tag 0x8825), in either byte order. */
const hasGpsDirectory = (exif: Buffer) =>
  exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));

async function auditFor(action: string, associationId: string) {
  const rows = await t.database.db
    .select()
    .from(moderationAuditLog)
    .where(eq(moderationAuditLog.action, action));
  return rows.filter(
    (row) => (row.after as { associationId?: string } | null)?.associationId === associationId,
  );
}

describe('who may change a logo', () => {
  it('refuses without a session (401)', async () => {
    const existing = await createAssociation();
    const anonymous = new Client(t.app);
    const put = await upload(anonymous, existing.id, await png(10, 10));
    expect(put.statusCode).toBe(401);
    expect(put.json().error.code).toBe('auth.required');
    const remove = await anonymous.delete(`/api/admin/associations/${existing.id}/logo`);
    expect(remove.statusCode).toBe(401);
  });

  it('refuses a member (403 auth.forbidden), before reading an oversize body', async () => {
    const existing = await createAssociation();
    for (const response of [
      await upload(member.client, existing.id, await png(10, 10)),
      await upload(member.client, existing.id, Buffer.alloc(600 * 1024)),
      await member.client.delete(`/api/admin/associations/${existing.id}/logo`),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('auth.forbidden');
    }
    expect((await admin.client.get(`/api/admin/associations/${existing.id}`)).json().logoUrl).toBeNull();
  });

  it('asks an admin who has not proven TOTP in this session to step up', async () => {
    const existing = await createAssociation();
    const other = await signUp(t.app, { displayName: 'Anders Andreasen' });
    await enableTotp(other.client, t.clock);
    await t.database.db.update(users).set({ platformRole: 'admin' }).where(eq(users.id, other.user.id));
    await t.database.db
      .update(sessions)
      .set({ mfaVerified: false })
      .where(eq(sessions.userId, other.user.id));
    const response = await upload(other.client, existing.id, await png(10, 10));
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.mfa_step_up_required');
  });

  it('answers 404 for an unknown association', async () => {
    for (const response of [
      await upload(admin.client, unknownId, await png(10, 10)),
      await upload(admin.client, 'not-a-uuid', await png(10, 10)),
      await admin.client.delete(`/api/admin/associations/${unknownId}/logo`),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('association.not_found');
    }
    for (const url of [`/api/associations/${unknownId}/logo`, '/api/associations/not-a-uuid/logo']) {
      const response = await new Client(t.app).get(url);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
  });
});

describe('uploading', () => {
  it('re-encodes a PNG to at most 256 px as WebP, served with nosniff, inline, and a versioned address', async () => {
    const existing = await createAssociation();
    const response = await upload(admin.client, existing.id, await png(600, 400));
    expect(response.statusCode, response.body).toBe(200);
    const logoUrl: string = response.json().logoUrl;
    expect(logoUrl).toMatch(new RegExp(`^/api/associations/${existing.id}/logo\\?v=\\d+$`));

    const served = await new Client(t.app).get(logoUrl);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-disposition']).toBe('inline; filename="logo.webp"');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const image = await sharp(served.rawPayload).metadata();
    expect(image).toMatchObject({ format: 'webp', width: 256, height: 171, hasAlpha: true });

    // Another address (an old version, or none) is checked again each time; the ETag spares the bytes.
    const unversioned = await new Client(t.app).get(`/api/associations/${existing.id}/logo`);
    expect(unversioned.headers['cache-control']).toBe('no-cache');
    const etag = String(unversioned.headers.etag);
    const again = await new Client(t.app).get(`/api/associations/${existing.id}/logo`, {
      'if-none-match': etag,
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);

    const [entry] = await auditFor('association.logo_updated', existing.id);
    expect(entry).toMatchObject({ actorId: admin.user.id, groupId: null });
    expect(entry?.before).toMatchObject({ hadLogo: false });
    expect(entry?.after).toMatchObject({
      name: existing.name,
      uploadedType: 'image/png',
      contentType: 'image/webp',
      width: 256,
      height: 171,
    });
  });

  it('never enlarges a small logo', async () => {
    const existing = await createAssociation();
    const response = await upload(admin.client, existing.id, await png(40, 30));
    const served = await new Client(t.app).get(response.json().logoUrl);
    expect(await sharp(served.rawPayload).metadata()).toMatchObject({ width: 40, height: 30 });
  });

  it('turns a phone photo upright and strips its EXIF, GPS position included', async () => {
    const photo = await phoneJpeg();
    const source = await sharp(photo).metadata();
    expect(source.orientation).toBe(6);
    expect(source.exif?.includes('Hjemme hos familien Hansen')).toBe(true);
    expect(source.exif && hasGpsDirectory(source.exif)).toBe(true);

    const existing = await createAssociation();
    // The header claims something else: only the bytes count.
    const response = await upload(admin.client, existing.id, photo, 'application/octet-stream');
    expect(response.statusCode, response.body).toBe(200);
    const served = await new Client(t.app).get(response.json().logoUrl);
    expect(served.rawPayload.includes(Buffer.from('Hansen'))).toBe(false);
    const image = await sharp(served.rawPayload).metadata();
    // 800 × 400 lying on its side is 400 × 800 upright, fitted into 256 × 256.
    expect(image).toMatchObject({ format: 'webp', width: 128, height: 256 });
    expect(image.exif).toBeUndefined();
    expect(image.xmp).toBeUndefined();
    expect(image.icc).toBeUndefined();
    expect(image.orientation).toBeUndefined();
    const [entry] = await auditFor('association.logo_updated', existing.id);
    expect(entry?.after).toMatchObject({ uploadedType: 'image/jpeg' });
  });

  it('accepts WebP', async () => {
    const existing = await createAssociation();
    const webp = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#118844' } })
      .webp()
      .toBuffer();
    const response = await upload(admin.client, existing.id, webp, 'image/webp');
    expect(response.statusCode, response.body).toBe(200);
  });

  it.each([
    [
      'an SVG with a script',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'image/svg+xml',
    ],
    [
      'an SVG with an XML declaration',
      Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'),
      'image/png',
    ],
    ['a text file renamed logo.png', Buffer.from('Dette er ikke et billede.\n'), 'image/png'],
    [
      'an HTML page',
      Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'),
      'image/png',
    ],
    ['a PDF', Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), 'image/png'],
    ['an empty body', Buffer.alloc(0), 'image/png'],
  ])('refuses %s with association.logo_type', async (_label, bytes, contentType) => {
    const existing = await createAssociation();
    const response = await upload(admin.client, existing.id, bytes, contentType);
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('association.logo_type');
  });

  it('refuses a GIF, which sharp could read, by its sniffed type', async () => {
    const existing = await createAssociation();
    const gif = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const response = await upload(admin.client, existing.id, gif, 'image/png');
    expect(response.json().error.code).toBe('association.logo_type');
  });

  it('refuses a truncated PNG with association.logo_unreadable', async () => {
    const existing = await createAssociation();
    const whole = await png(300, 300);
    const response = await upload(admin.client, existing.id, whole.subarray(0, 80));
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('association.logo_unreadable');
  });

  it('refuses a body over 512 KB with association.logo_too_large, and keeps the logo it had', async () => {
    const existing = await createAssociation();
    const first = await upload(admin.client, existing.id, await png(50, 50));
    const oversize = Buffer.concat([await png(50, 50), Buffer.alloc(512 * 1024)]);
    const response = await upload(admin.client, existing.id, oversize);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('association.logo_too_large');
    const after = (await admin.client.get(`/api/admin/associations/${existing.id}`)).json();
    expect(after.logoUrl).toBe(first.json().logoUrl);
    expect(await auditFor('association.logo_updated', existing.id)).toHaveLength(1);
  });
});

describe('the logo in lists, and removing it', () => {
  it('shows logoUrl in the list and the directory, changes it on a new upload, and removes it', async () => {
    const existing = await createAssociation();
    const group = await admin.client.post('/api/groups', {
      name: `Gruppe med logo ${existing.id.slice(0, 8)}`,
      slug: `gruppe-med-logo-${existing.id.slice(0, 8)}`,
      kind: 'diagnosis',
      visibility: 'listed',
      joinPolicy: 'request',
      organisationId: existing.id,
    });
    expect(group.statusCode, group.body).toBe(201);
    const groupId = group.json().id ?? group.json().group?.id;
    const directoryLogo = async () => {
      const directory = (await new Client(t.app).get('/api/groups?limit=100')).json();
      return directory.items.find((item: { id: string }) => item.id === groupId)?.organisation;
    };
    const listedLogo = async () => {
      const list = (await admin.client.get('/api/admin/associations')).json();
      return list.items.find((item: { id: string }) => item.id === existing.id)?.logoUrl;
    };
    expect(await listedLogo()).toBeNull();
    expect(await directoryLogo()).toEqual({ id: existing.id, name: existing.name, logoUrl: null });

    const first = (await upload(admin.client, existing.id, await png(100, 100))).json().logoUrl;
    expect(await listedLogo()).toBe(first);
    expect((await directoryLogo()).logoUrl).toBe(first);

    const second = (await upload(admin.client, existing.id, await phoneJpeg())).json().logoUrl;
    expect(second).not.toBe(first);
    expect(await listedLogo()).toBe(second);
    expect((await directoryLogo()).logoUrl).toBe(second);
    // The old address now serves the new logo, and is not cached for good.
    const old = await new Client(t.app).get(first);
    expect(old.headers['cache-control']).toBe('no-cache');
    expect((await sharp(old.rawPayload).metadata()).height).toBe(256);
    const [replaced] = (await auditFor('association.logo_updated', existing.id)).filter(
      (entry) => (entry.before as { hadLogo: boolean }).hadLogo,
    );
    expect(replaced).toBeDefined();

    const removed = await admin.client.delete(`/api/admin/associations/${existing.id}/logo`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().logoUrl).toBeNull();
    expect((await new Client(t.app).get(second)).statusCode).toBe(404);
    expect(await listedLogo()).toBeNull();
    expect((await directoryLogo()).logoUrl).toBeNull();
    const [entry] = await auditFor('association.logo_removed', existing.id);
    expect(entry).toMatchObject({
      actorId: admin.user.id,
      before: { hadLogo: true },
      after: { hadLogo: false },
    });

    // Removing what is not there changes nothing and logs nothing.
    const again = await admin.client.delete(`/api/admin/associations/${existing.id}/logo`);
    expect(again.statusCode).toBe(200);
    expect(await auditFor('association.logo_removed', existing.id)).toHaveLength(1);
  });
});
