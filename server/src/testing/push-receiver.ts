import { createECDH, createPublicKey, type ECDH, randomBytes, verify } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

/** http_ece ships no types; only its decrypt is used. */
const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(body: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: string }): Buffer;
};

/** A push as the receiver got it: checked (VAPID) and decrypted with the subscription's own keys. */
export interface ReceivedPush {
  path: string;
  /** The decrypted body, parsed. */
  payload: Record<string, unknown>;
  /** The decrypted body as it came. */
  text: string;
  ttl: number;
  urgency: string | undefined;
  topic: string | undefined;
  /** The JWT's claims, verified against the key in the header. */
  claims: { aud: string; exp: number; sub: string };
  vapidKey: string;
}

/** A browser's subscription the receiver can decrypt for. */
export interface TestSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

const fromBase64Url = (text: string) => Buffer.from(text, 'base64url');

/**
 * Verifies `Authorization: vapid t=<jwt>, k=<key>` (RFC 8292): an ES256 JWT signed by the key in `k`, for this
 * origin, not expired. Throws with the reason otherwise.
 */
function verifyVapid(header: string | undefined, origin: string) {
  const match = /^vapid t=([A-Za-z0-9_.-]+), ?k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) throw new Error(`no vapid authorization: ${header}`);
  const [, token = '', key = ''] = match;
  const [encodedHeader = '', encodedClaims = '', signature = ''] = token.split('.');
  const jwtHeader = JSON.parse(fromBase64Url(encodedHeader).toString()) as { alg: string; typ: string };
  if (jwtHeader.alg !== 'ES256') throw new Error(`alg ${jwtHeader.alg}`);
  const raw = fromBase64Url(key);
  if (raw.length !== 65 || raw[0] !== 4) throw new Error('k is not an uncompressed P-256 key');
  const publicKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const signed = verify(
    'sha256',
    Buffer.from(`${encodedHeader}.${encodedClaims}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    fromBase64Url(signature),
  );
  if (!signed) throw new Error('the JWT signature does not verify against k');
  const claims = JSON.parse(fromBase64Url(encodedClaims).toString()) as ReceivedPush['claims'];
  if (claims.aud !== origin) throw new Error(`aud ${claims.aud}, expected ${origin}`);
  // Real time, not the app's: the push service checks the token against its own clock.
  if (!(claims.exp > Date.now() / 1000)) throw new Error('the JWT has expired');
  if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error(`sub ${claims.sub}`);
  return { claims, key };
}

/**
 * A small Web Push service on 127.0.0.1 for tests: each subscription it hands out has its own path and its own
 * P-256 key and auth secret, as a browser's does; a POST to it is checked (VAPID) and decrypted (RFC 8291,
 * aes128gcm). It answers 201, or whatever the test tells a path to answer.
 */
export async function startPushReceiver() {
  const subscriptions = new Map<string, { ecdh: ECDH; auth: string }>();
  const answers = new Map<string, number>();
  const received: ReceivedPush[] = [];
  const refused: string[] = [];
  let origin = '';

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      const subscription = subscriptions.get(path);
      try {
        if (request.method !== 'POST' || !subscription) throw new Error(`unknown ${request.method} ${path}`);
        if (request.headers['content-encoding'] !== 'aes128gcm')
          throw new Error(`content-encoding ${request.headers['content-encoding']}`);
        const { claims, key } = verifyVapid(request.headers.authorization, origin);
        const text = ece
          .decrypt(Buffer.concat(chunks), {
            version: 'aes128gcm',
            privateKey: subscription.ecdh,
            authSecret: subscription.auth,
          })
          .toString('utf8');
        received.push({
          path,
          payload: JSON.parse(text) as Record<string, unknown>,
          text,
          ttl: Number(request.headers.ttl),
          urgency: request.headers.urgency as string | undefined,
          topic: request.headers.topic as string | undefined,
          claims,
          vapidKey: key,
        });
        response.statusCode = answers.get(path) ?? 201;
      } catch (error) {
        refused.push(error instanceof Error ? error.message : String(error));
        response.statusCode = 400;
      }
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    received,
    /** Why requests were refused (a bad signature, a body that did not decrypt); empty when all were good. */
    refused,
    /** A new browser subscription on this receiver. */
    subscription(): TestSubscription {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16).toString('base64url');
      const path = `/push/${randomBytes(12).toString('hex')}`;
      subscriptions.set(path, { ecdh, auth });
      return {
        endpoint: `${origin}${path}`,
        keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth },
      };
    },
    /** Pushes that arrived for one subscription. */
    to(subscription: TestSubscription): ReceivedPush[] {
      const path = new URL(subscription.endpoint).pathname;
      return received.filter((push) => push.path === path);
    },
    /** From now on, a push to this subscription is answered with this status (410 Gone, 500, …). */
    answer(subscription: TestSubscription, status: number) {
      answers.set(new URL(subscription.endpoint).pathname, status);
    },
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export type PushReceiver = Awaited<ReturnType<typeof startPushReceiver>>;
